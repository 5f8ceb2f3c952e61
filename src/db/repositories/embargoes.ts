/**
 * Embargoes: a release sent ahead of its publication, and its recipients with their personal
 * links (only the SHA-256 of each link's token is stored) and how often they opened them.
 */
import type { Selectable } from 'kysely'
import type { EmbargoRecipientsTable, EmbargoesTable } from '../schema.js'
import type { Executor } from './index.js'

export type EmbargoRow = Selectable<EmbargoesTable>
export type EmbargoRecipientRow = Selectable<EmbargoRecipientsTable>

export type NewRecipient = Pick<
  EmbargoRecipientRow,
  | 'contact_id'
  | 'email'
  | 'email_normalized'
  | 'name'
  | 'outlet'
  | 'lang'
  | 'token_hash'
  | 'token_salt'
>

export function createEmbargoRepository(db: Executor) {
  return {
    find(releaseId: number): Promise<EmbargoRow | undefined> {
      return db
        .selectFrom('embargoes')
        .selectAll()
        .where('release_id', '=', releaseId)
        .executeTakeFirst()
    },

    /** Starts (or restarts, after a revoked one) the embargo of a release. */
    async upsert(releaseId: number, until: Date, note: string | null, at: Date): Promise<void> {
      const now = at.toISOString()
      await db
        .insertInto('embargoes')
        .values({ release_id: releaseId, until: until.toISOString(), note, created_at: now })
        .onConflict((oc) =>
          oc.column('release_id').doUpdateSet({
            until: until.toISOString(),
            note,
            created_at: now,
            revoked_at: null,
          }),
        )
        .execute()
    },

    async moveUntil(releaseId: number, until: Date): Promise<void> {
      await db
        .updateTable('embargoes')
        .set({ until: until.toISOString() })
        .where('release_id', '=', releaseId)
        .execute()
    },

    /** Revokes the embargo and every personal link of it. */
    async revoke(releaseId: number, at: Date): Promise<void> {
      const now = at.toISOString()
      await db
        .updateTable('embargoes')
        .set({ revoked_at: now })
        .where('release_id', '=', releaseId)
        .execute()
      await db
        .updateTable('embargo_recipients')
        .set({ revoked_at: now })
        .where('release_id', '=', releaseId)
        .where('revoked_at', 'is', null)
        .execute()
    },

    /** Adds recipients; an address already a recipient of the release is skipped. Their ids. */
    async addRecipients(releaseId: number, rows: NewRecipient[], at: Date): Promise<number[]> {
      if (rows.length === 0) return []
      const now = at.toISOString()
      const ids: number[] = []
      for (let i = 0; i < rows.length; i += 200) {
        const inserted = await db
          .insertInto('embargo_recipients')
          .values(
            rows
              .slice(i, i + 200)
              .map((row) => ({ ...row, release_id: releaseId, created_at: now })),
          )
          .onConflict((oc) => oc.columns(['release_id', 'email_normalized']).doNothing())
          .returning('id')
          .execute()
        ids.push(...inserted.map((row) => row.id))
      }
      return ids
    },

    recipients(releaseId: number): Promise<EmbargoRecipientRow[]> {
      return db
        .selectFrom('embargo_recipients')
        .selectAll()
        .where('release_id', '=', releaseId)
        .orderBy('name')
        .orderBy('id')
        .execute()
    },

    /** Recipients still holding a working link. */
    activeAddresses(releaseId: number): Promise<{ email_normalized: string }[]> {
      return db
        .selectFrom('embargo_recipients')
        .select('email_normalized')
        .where('release_id', '=', releaseId)
        .where('revoked_at', 'is', null)
        .execute()
    },

    findRecipient(id: number): Promise<EmbargoRecipientRow | undefined> {
      return db.selectFrom('embargo_recipients').selectAll().where('id', '=', id).executeTakeFirst()
    },

    findByTokenHash(tokenHash: string): Promise<EmbargoRecipientRow | undefined> {
      return db
        .selectFrom('embargo_recipients')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst()
    },

    /** Revokes one recipient's link; true when it was working. */
    async revokeRecipient(releaseId: number, email: string, at: Date): Promise<boolean> {
      const updated = await db
        .updateTable('embargo_recipients')
        .set({ revoked_at: at.toISOString() })
        .where('release_id', '=', releaseId)
        .where('email_normalized', '=', email)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    async markSent(id: number, at: Date): Promise<void> {
      await db
        .updateTable('embargo_recipients')
        .set({ sent_at: at.toISOString() })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .execute()
    },

    /** Counts one open of a personal link (one statement, so concurrent opens all count). */
    async recordOpen(id: number, at: Date): Promise<void> {
      const now = at.toISOString()
      await db
        .updateTable('embargo_recipients')
        .set((eb) => ({
          opens: eb('opens', '+', 1),
          first_opened_at: eb.fn.coalesce('first_opened_at', eb.val(now)),
          last_opened_at: now,
        }))
        .where('id', '=', id)
        .execute()
    },
  }
}

export type EmbargoRepository = ReturnType<typeof createEmbargoRepository>
