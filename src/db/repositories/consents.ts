/**
 * Consent records: one row per consent-relevant action of a subscriber. Rows outlive the
 * subscriber; erasure only detaches them.
 */
import type { Selectable } from 'kysely'
import type { ConsentsTable } from '../schema.js'
import type { Executor } from './index.js'
import { chunks } from './subscribers.js'

export type ConsentRow = Selectable<ConsentsTable>
export type ConsentAction = ConsentsTable['action']

export interface NewConsent {
  subscriber_id: number | null
  action: ConsentAction
  source: string
  ip_hash: string | null
  text_version: string | null
  text: string | null
  created_at: string
}

export function createConsentRepository(db: Executor) {
  return {
    async add(row: NewConsent): Promise<void> {
      await db.insertInto('consents').values(row).execute()
    },

    async addMany(rows: NewConsent[]): Promise<void> {
      for (const part of chunks(rows)) await db.insertInto('consents').values(part).execute()
    },

    /** Oldest first. */
    listOf(subscriberId: number): Promise<ConsentRow[]> {
      return db
        .selectFrom('consents')
        .selectAll()
        .where('subscriber_id', '=', subscriberId)
        .orderBy('id')
        .execute()
    },

    /** The newest `subscribe` consent's text version, if any. */
    async latestSubscribeTextVersion(subscriberId: number): Promise<string | null | undefined> {
      const row = await db
        .selectFrom('consents')
        .select(['text_version'])
        .where('subscriber_id', '=', subscriberId)
        .where('action', '=', 'subscribe')
        .orderBy('id', 'desc')
        .executeTakeFirst()
      return row?.text_version
    },

    /** The consents of these subscribers with one of these actions, newest first. */
    newestOf(
      subscriberIds: number[],
      actions: ConsentAction[],
    ): Promise<Pick<ConsentRow, 'subscriber_id' | 'action' | 'source' | 'text' | 'created_at'>[]> {
      if (subscriberIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('consents')
        .select(['subscriber_id', 'action', 'source', 'text', 'created_at'])
        .where('subscriber_id', 'in', subscriberIds)
        .where('action', 'in', actions)
        .orderBy('id', 'desc')
        .execute()
    },

    /** Erasure: the records stay, without the subscriber and the IP hash. */
    async detachSubscriber(subscriberId: number): Promise<void> {
      await db
        .updateTable('consents')
        .set({ ip_hash: null, subscriber_id: null })
        .where('subscriber_id', '=', subscriberId)
        .execute()
    },
  }
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>
