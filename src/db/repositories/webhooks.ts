/**
 * Webhooks: the endpoints, the messages each event made for them, and every attempt to deliver
 * one (the deliveries log).
 */
import type { Webhook, WebhookDelivery, WebhookMessage } from '../schema.js'
import type { Executor } from './index.js'
import { chunks } from './subscribers.js'

export type WebhookRow = Webhook
export type WebhookMessageRow = WebhookMessage
export type WebhookDeliveryRow = WebhookDelivery & { event_type: string; webhook_msg_id: string }

export interface WebhookValues {
  url: string
  description: string
  events: string[]
  includeAddresses: boolean
}

export interface NewWebhookMessage {
  webhookId: number
  messageId: string
  eventType: string
  body: string
  now: Date
}

export function createWebhookRepository(db: Executor) {
  return {
    list(): Promise<WebhookRow[]> {
      return db.selectFrom('webhooks').selectAll().orderBy('id').execute()
    },

    find(id: number): Promise<WebhookRow | undefined> {
      return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Enabled hooks; the caller picks those that take an event. */
    listEnabled(): Promise<WebhookRow[]> {
      return db.selectFrom('webhooks').selectAll().where('disabled_at', 'is', null).execute()
    },

    async insert(values: WebhookValues & { secret: string; createdBy: string; now: Date }) {
      const now = values.now.toISOString()
      const row = await db
        .insertInto('webhooks')
        .values({
          url: values.url,
          description: values.description,
          events: JSON.stringify(values.events),
          include_addresses: values.includeAddresses ? 1 : 0,
          secret: values.secret,
          created_by: values.createdBy,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    async update(id: number, values: Partial<WebhookValues> & { enabled?: boolean }, at: Date) {
      await db
        .updateTable('webhooks')
        .set({
          ...(values.url !== undefined ? { url: values.url } : {}),
          ...(values.description !== undefined ? { description: values.description } : {}),
          ...(values.events !== undefined ? { events: JSON.stringify(values.events) } : {}),
          ...(values.includeAddresses !== undefined
            ? { include_addresses: values.includeAddresses ? 1 : 0 }
            : {}),
          // Enabling again starts a fresh count of failing days.
          ...(values.enabled === true ? { disabled_at: null, failing_since: null } : {}),
          ...(values.enabled === false ? { disabled_at: at.toISOString() } : {}),
          updated_at: at.toISOString(),
        })
        .where('id', '=', id)
        .execute()
    },

    async rotateSecret(id: number, secret: string, previousExpiresAt: Date, at: Date) {
      const current = await db
        .selectFrom('webhooks')
        .select('secret')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      await db
        .updateTable('webhooks')
        .set({
          secret,
          previous_secret: current.secret,
          previous_secret_expires_at: previousExpiresAt.toISOString(),
          updated_at: at.toISOString(),
        })
        .where('id', '=', id)
        .execute()
    },

    async remove(id: number): Promise<boolean> {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    /** A call failed: the run of failures starts now unless it started earlier. */
    async markFailing(id: number, at: Date): Promise<void> {
      await db
        .updateTable('webhooks')
        .set({ failing_since: at.toISOString() })
        .where('id', '=', id)
        .where('failing_since', 'is', null)
        .execute()
    },

    async markHealthy(id: number): Promise<void> {
      await db
        .updateTable('webhooks')
        .set({ failing_since: null })
        .where('id', '=', id)
        .where('failing_since', 'is not', null)
        .execute()
    },

    async disable(id: number, at: Date): Promise<void> {
      await db
        .updateTable('webhooks')
        .set({ disabled_at: at.toISOString(), updated_at: at.toISOString() })
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .execute()
    },

    /** Adds pending messages, a few hundred rows a statement; returns their ids. */
    async insertMessages(rows: NewWebhookMessage[]): Promise<number[]> {
      const ids: number[] = []
      for (const part of chunks(rows)) {
        const inserted = await db
          .insertInto('webhook_messages')
          .values(
            part.map((row) => ({
              webhook_id: row.webhookId,
              message_id: row.messageId,
              event_type: row.eventType,
              body: row.body,
              status: 'pending' as const,
              attempts: 0,
              created_at: row.now.toISOString(),
            })),
          )
          .returning('id')
          .execute()
        ids.push(...inserted.map((row) => row.id))
      }
      return ids
    },

    findMessage(id: number): Promise<WebhookMessageRow | undefined> {
      return db.selectFrom('webhook_messages').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Counts an attempt and logs it; returns the attempt's number. */
    async recordAttempt(row: {
      webhookId: number
      messageId: number
      statusCode: number | null
      durationMs: number
      error: string | null
      at: Date
    }): Promise<number> {
      const message = await db
        .updateTable('webhook_messages')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', row.messageId)
        .returning('attempts')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('webhook_deliveries')
        .values({
          webhook_id: row.webhookId,
          message_id: row.messageId,
          attempt: message.attempts,
          status_code: row.statusCode,
          duration_ms: row.durationMs,
          error: row.error,
          created_at: row.at.toISOString(),
        })
        .execute()
      return message.attempts
    },

    async closeMessage(id: number, status: string, at: Date): Promise<void> {
      await db
        .updateTable('webhook_messages')
        .set({ status, done_at: at.toISOString() })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .execute()
    },

    /** The hook's attempts, newest first. */
    listDeliveries(
      webhookId: number,
      page: { limit: number; beforeId?: number },
    ): Promise<WebhookDeliveryRow[]> {
      let query = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_messages as m', 'm.id', 'd.message_id')
        .selectAll('d')
        .select(['m.event_type', 'm.message_id as webhook_msg_id'])
        .where('d.webhook_id', '=', webhookId)
      if (page.beforeId !== undefined) query = query.where('d.id', '<', page.beforeId)
      return query.orderBy('d.id', 'desc').limit(page.limit).execute()
    },
  }
}

export type WebhookRepository = ReturnType<typeof createWebhookRepository>
