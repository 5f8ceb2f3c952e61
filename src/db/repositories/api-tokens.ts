/** API tokens, stored by the SHA-256 of the token. */
import type { Selectable } from 'kysely'
import type { ApiTokensTable } from '../schema.js'
import type { Executor } from './index.js'

export type ApiTokenRow = Selectable<ApiTokensTable>

export function createApiTokenRepository(db: Executor) {
  return {
    /** Returns the new token's id. */
    async insert(token: {
      name: string
      tokenHash: string
      role: ApiTokenRow['role']
      createdByUserId: number | null
      createdAt: string
    }): Promise<number> {
      const row = await db
        .insertInto('api_tokens')
        .values({
          name: token.name,
          token_hash: token.tokenHash,
          role: token.role,
          created_by_user_id: token.createdByUserId,
          created_at: token.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    findByHash(
      tokenHash: string,
    ): Promise<Pick<ApiTokenRow, 'id' | 'role' | 'revoked_at'> | undefined> {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'role', 'revoked_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst()
    },

    listNewestFirst(): Promise<ApiTokenRow[]> {
      return db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute()
    },

    /** False when there is no such token or it was already revoked. */
    async revoke(id: number, at: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },
  }
}

export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>
