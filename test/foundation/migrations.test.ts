import { Migrator, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, migrationsFor } from '../../src/db/index.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  const setups: TestSetup[] = []
  afterAll(async () => {
    for (const setup of setups) await setup.cleanup()
  })

  it('create the whole schema once and are idempotent', async () => {
    const setup = await createTestSetup(kind)
    setups.push(setup)
    const database = createDb(setup.config.databaseUrl)
    try {
      expect(await database.migrate()).toEqual([
        '0001-initial',
        '0002-rate-limits',
        '0003-audit-indexes',
        '0004-outbox-release',
        '0005-newsroom-brand',
      ])
      expect(await database.migrate()).toEqual([])
      const tables = await database.db.introspection.getTables()
      const names = tables.map((t) => t.name)
      for (const table of [
        'newsrooms',
        'releases',
        'release_versions',
        'subscribers',
        'deliveries',
        'outbox',
        'users',
        'api_tokens',
        'rate_limits',
      ]) {
        expect(names).toContain(table)
      }
    } finally {
      await database.close()
    }
  })

  it('name the release of outbox rows written before the release column existed', async () => {
    const setup = await createTestSetup(kind)
    setups.push(setup)
    const database = createDb(setup.config.databaseUrl)
    const { db } = database
    try {
      const provider = { getMigrations: async () => migrationsFor(database.dialect) }
      const schema = new URL(setup.config.databaseUrl.replace(/^sqlite:/, 'file:')).searchParams
      const migrator = new Migrator({
        db,
        provider,
        migrationTableSchema: schema.get('schema') ?? undefined,
      })
      await migrator.migrateTo('0003-audit-indexes')
      const now = new Date().toISOString()
      const row = (kind: string, payload: object) =>
        sql`insert into outbox (kind, payload, due_at, attempts, created_at)
            values (${kind}, ${JSON.stringify(payload)}, ${now}, 0, ${now})`.execute(db)
      await row('release.publish', { releaseId: 12 })
      await row('release.fanout', { releaseId: 7, kind: 'correction-3' })
      await row('email', { template: 'confirm', subscriberId: 12 })
      // Later migrations run too; this one is what the rows above are about.
      expect(await database.migrate()).toContain('0004-outbox-release')
      const rows = await db
        .selectFrom('outbox')
        .select(['kind', 'release_id'])
        .orderBy('id')
        .execute()
      expect(rows).toEqual([
        { kind: 'release.publish', release_id: 12 },
        { kind: 'release.fanout', release_id: 7 },
        { kind: 'email', release_id: null },
      ])
    } finally {
      await database.close()
    }
  })

  it('enforce one delivery per (release, subscriber)', async () => {
    const setup = await createTestSetup(kind)
    setups.push(setup)
    const database = createDb(setup.config.databaseUrl)
    const { db } = database
    try {
      await database.migrate()
      const now = new Date().toISOString()
      const newsroom = await db
        .insertInto('newsrooms')
        .values({
          slug: 'n',
          languages: '["fi"]',
          timezone: 'Europe/Helsinki',
          social_links: '[]',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const release = await db
        .insertInto('releases')
        .values({
          newsroom_id: newsroom.id,
          type: 'news',
          status: 'published',
          notify: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const subscriber = await db
        .insertInto('subscribers')
        .values({
          email: 'a@b.fi',
          email_normalized: 'a@b.fi',
          status: 'confirmed',
          token_secret: 's',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const delivery = {
        release_id: release.id,
        subscriber_id: subscriber.id,
        kind: 'release',
        lang: 'fi' as const,
        status: 'pending' as const,
        attempts: 0,
        message_id: '<x@y>',
        created_at: now,
        updated_at: now,
      }
      await db.insertInto('deliveries').values(delivery).execute()
      const again = await db
        .insertInto('deliveries')
        .values(delivery)
        .onConflict((oc) => oc.columns(['release_id', 'kind', 'subscriber_id']).doNothing())
        .execute()
      expect(Number(again[0].numInsertedOrUpdatedRows ?? 0)).toBe(0)
      const count = await sql<{ n: number }>`select count(*) as n from deliveries`.execute(db)
      expect(Number(count.rows[0].n)).toBe(1)
    } finally {
      await database.close()
    }
  })
})
