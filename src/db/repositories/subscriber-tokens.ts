/**
 * Confirmation tokens of double opt-in: only their SHA-256 is stored, one row per email sent.
 * Spending is a conditional update, so of two concurrent confirmations only one succeeds.
 */
import type { Selectable } from 'kysely'
import type { SubscriberTokensTable } from '../schema.js'
import type { Executor } from './index.js'

export type SubscriberTokenRow = Selectable<SubscriberTokensTable>

export function createSubscriberTokenRepository(db: Executor) {
  return {
    async addConfirm(row: {
      subscriberId: number
      tokenHash: string
      expiresAt: Date
      at: Date
    }): Promise<void> {
      await db
        .insertInto('subscriber_tokens')
        .values({
          subscriber_id: row.subscriberId,
          purpose: 'confirm',
          token_hash: row.tokenHash,
          expires_at: row.expiresAt.toISOString(),
          created_at: row.at.toISOString(),
        })
        .execute()
    },

    findConfirm(tokenHash: string): Promise<SubscriberTokenRow | undefined> {
      return db
        .selectFrom('subscriber_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', 'confirm')
        .executeTakeFirst()
    },

    /** Marks the token used; false if it already was. */
    async spend(id: number, at: Date): Promise<boolean> {
      const spent = await db
        .updateTable('subscriber_tokens')
        .set({ used_at: at.toISOString() })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst()
      return Number(spent.numUpdatedRows) > 0
    },

    /** Spends every open confirmation token of the subscriber. */
    async spendConfirmsOf(subscriberId: number, at: Date): Promise<void> {
      await db
        .updateTable('subscriber_tokens')
        .set({ used_at: at.toISOString() })
        .where('subscriber_id', '=', subscriberId)
        .where('purpose', '=', 'confirm')
        .where('used_at', 'is', null)
        .execute()
    },

    /** Erasure: the rows stay as spent hashes that point to nobody. */
    async detachSubscriber(subscriberId: number, at: Date): Promise<void> {
      await db
        .updateTable('subscriber_tokens')
        .set({ subscriber_id: null, used_at: at.toISOString() })
        .where('subscriber_id', '=', subscriberId)
        .execute()
    },
  }
}

export type SubscriberTokenRepository = ReturnType<typeof createSubscriberTokenRepository>
