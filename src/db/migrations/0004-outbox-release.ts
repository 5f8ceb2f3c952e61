/**
 * Outbox rows about a release (publish at a time, fan out to subscribers) name the release in a
 * column of their own, so that "the open publish rows of release 12" is an indexed lookup
 * rather than a comparison of JSON text.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Dialect } from '../index.js'

export const outboxReleaseMigration = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('outbox').addColumn('release_id', 'integer').execute()
    const releaseId =
      dialect === 'postgres'
        ? sql`cast(cast(payload as json) ->> 'releaseId' as integer)`
        : sql`cast(json_extract(payload, '$.releaseId') as integer)`
    await sql`update outbox set release_id = ${releaseId} where kind in ('release.publish', 'release.fanout')`.execute(
      db,
    )
    await db.schema
      .createIndex('outbox_release_idx')
      .on('outbox')
      .columns(['release_id', 'kind'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('outbox_release_idx').execute()
    await db.schema.alterTable('outbox').dropColumn('release_id').execute()
  },
})
