/** Staff sign-in sessions, stored by the SHA-256 of the cookie value. */
import type { UserRow } from './users.js'
import type { Executor } from './index.js'

export type SessionWithUser = UserRow & {
  csrf_token: string
  expires_at: string
  last_seen_at: string
}

export function createSessionRepository(db: Executor) {
  return {
    async insert(session: {
      id: string
      userId: number
      csrfToken: string
      createdAt: string
      expiresAt: string
    }) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          last_seen_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute()
    },

    /** The session with its user's row, expired or not. */
    findWithUser(id: string): Promise<SessionWithUser | undefined> {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
        .where('sessions.id', '=', id)
        .executeTakeFirst()
    },

    async extend(id: string, lastSeenAt: string, expiresAt: string) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
        .where('id', '=', id)
        .execute()
    },

    async delete(id: string) {
      await db.deleteFrom('sessions').where('id', '=', id).execute()
    },

    /** Ends every session of the user but the one given. */
    async deleteAllOfUser(userId: number) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
    },

    async deleteOthersOfUser(userId: number, keepId: string) {
      await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '!=', keepId)
        .execute()
    },
  }
}

export type SessionRepository = ReturnType<typeof createSessionRepository>
