/**
 * Webhook events and their signatures (Standard Webhooks, standardwebhooks.com).
 *
 * A use-case that changes something a hook may care about calls `queueWebhookEvent` inside its
 * transaction: one message per enabled hook that takes the event, each with the exact body
 * every attempt sends and a `webhook-id`, and an outbox row per message. So an event is never
 * lost between the commit and Redis, and a retry repeats the same id and body.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { OUTBOX_KINDS } from '../outbox.js'

export const WEBHOOK_EVENTS = [
  'release.published',
  'release.updated',
  'release.withdrawn',
  'release.corrected',
  'subscriber.confirmed',
  'subscriber.unsubscribed',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export const isWebhookEvent = (value: unknown): value is WebhookEvent =>
  typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value)

/** `whsec_` + base64 of 24 random bytes, as the specification suggests. */
export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/** `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` under the secret's key. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
  return `v1,${mac}`
}

/**
 * The `webhook-signature` header: the current secret's signature, and for a day after a
 * rotation also the previous one's (space-separated, as the specification allows), so a
 * receiver can switch secrets without missing a call.
 */
export function signatureHeader(
  hook: {
    secret: string
    previous_secret: string | null
    previous_secret_expires_at: string | null
  },
  id: string,
  timestamp: number,
  body: string,
  now: Date,
): string {
  const signatures = [sign(hook.secret, id, timestamp, body)]
  if (
    hook.previous_secret &&
    hook.previous_secret_expires_at &&
    hook.previous_secret_expires_at > now.toISOString()
  )
    signatures.push(sign(hook.previous_secret, id, timestamp, body))
  return signatures.join(' ')
}

export interface WebhookEventInput {
  type: WebhookEvent
  data: Record<string, unknown>
  /** Fields only hooks marked to receive addresses get (the subscriber's email). */
  personal?: Record<string, unknown>
}

/**
 * Writes a message and an outbox row for every enabled hook that takes the event; call inside
 * the transaction of the change. Returns the outbox ids to dispatch after commit.
 */
export async function queueWebhookEvent(
  tx: Pick<Repositories, 'webhooks' | 'outbox'>,
  clock: Clock,
  event: WebhookEventInput,
): Promise<number[]> {
  return queueWebhookEvents(tx, clock, [event])
}

/**
 * Queues events for every enabled hook that listens to their type: one message and one outbox
 * row each, written in a few statements however many events there are (a CSV import confirms
 * thousands of subscribers at once). Returns the outbox ids to dispatch after the commit.
 */
export async function queueWebhookEvents(
  tx: Pick<Repositories, 'webhooks' | 'outbox'>,
  clock: Clock,
  events: WebhookEventInput[],
): Promise<number[]> {
  if (events.length === 0) return []
  const hooks = await tx.webhooks.listEnabled()
  const now = clock.now()
  const messages = hooks.flatMap((hook) => {
    const wanted = JSON.parse(hook.events) as string[]
    return events
      .filter((event) => wanted.includes(event.type))
      .map((event) => {
        const data =
          hook.include_addresses === 1 ? { ...event.data, ...event.personal } : event.data
        return {
          webhookId: hook.id,
          messageId: `msg_${randomBytes(16).toString('hex')}`,
          eventType: event.type,
          body: JSON.stringify({ type: event.type, timestamp: now.toISOString(), data }),
          now,
        }
      })
  })
  if (messages.length === 0) return []
  const messageIds = await tx.webhooks.insertMessages(messages)
  return tx.outbox.addMany(
    messageIds.map((messageId) => ({
      kind: OUTBOX_KINDS.webhook,
      payload: { messageId },
      dueAt: now,
      now,
    })),
  )
}
