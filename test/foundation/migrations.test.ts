import { Migrator, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, migrationsFor } from '../../src/db/index.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { ownTables } from '../helpers/tables.js'

/** Runs the migrations up to and including `name`, as an older installation would have them. */
async function migrateTo(setup: TestSetup, database: ReturnType<typeof createDb>, name: string) {
  const schema = new URL(setup.config.databaseUrl.replace(/^sqlite:/, 'file:')).searchParams
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor(database.dialect) },
    migrationTableSchema: schema.get('schema') ?? undefined,
  })
  await migrator.migrateTo(name)
}

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
        '0006-keyword-terms',
        '0007-contacts-directory',
        '0008-search',
        '0009-media-bank',
        '0010-delivery-leases',
        '0011-newsroom-old-slugs',
        '0012-media-lists',
        '0013-webhooks',
        '0014-calendar-digests',
        '0015-reading-counts',
        '0016-media-optout',
        '0017-delivery-batch-index',
      ])
      expect(await database.migrate()).toEqual([])
      const names = await ownTables(database.db, kind)
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
      await migrateTo(setup, database, '0003-audit-indexes')
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

  it('turn free-text keywords into terms of each newsroom and keep single job titles; nothing is lost', async () => {
    const setup = await createTestSetup(kind)
    setups.push(setup)
    const database = createDb(setup.config.databaseUrl)
    const { db } = database
    try {
      await migrateTo(setup, database, '0005-newsroom-brand')
      const now = new Date().toISOString()
      const run = (query: ReturnType<typeof sql>) => query.execute(db)
      for (const [slug, langs] of [
        ['lansi-uusimaa', '["fi","sv"]'],
        ['kaupunki', '["sv","fi"]'],
      ])
        await run(sql`insert into newsrooms (slug, languages, timezone, social_links, created_at, updated_at)
          values (${slug}, ${langs}, 'Europe/Helsinki', '[]', ${now}, ${now})`)
      const newsroomIds = (
        await sql<{ id: number }>`select id from newsrooms order by id`.execute(db)
      ).rows.map((r) => r.id)
      for (const [i, newsroomId] of [newsroomIds[0], newsroomIds[0], newsroomIds[1]].entries())
        await run(sql`insert into releases (newsroom_id, type, status, notify, created_at, updated_at)
          values (${newsroomId}, 'press-release', ${i === 0 ? 'published' : 'draft'}, 1, ${now}, ${now})`)
      const releaseIds = (
        await sql<{ id: number }>`select id from releases order by id`.execute(db)
      ).rows.map((r) => r.id)
      for (const [slug, label] of [
        ['sote-palvelut', 'sote-palvelut'],
        ['lohja', 'Lohja'],
        ['terveysasemat', 'terveysasemat'],
      ])
        await run(sql`insert into keywords (slug, label) values (${slug}, ${label})`)
      const keywordId = async (slug: string) =>
        (await sql<{ id: number }>`select id from keywords where slug = ${slug}`.execute(db))
          .rows[0].id
      const tag = async (release: number, slug: string, position: number) =>
        run(sql`insert into release_keywords (release_id, keyword_id, position)
          values (${release}, ${await keywordId(slug)}, ${position})`)
      await tag(releaseIds[0], 'sote-palvelut', 0)
      await tag(releaseIds[0], 'lohja', 1)
      await tag(releaseIds[1], 'lohja', 0)
      await tag(releaseIds[2], 'lohja', 0)
      await run(sql`insert into subscribers (email, email_normalized, status, token_secret, created_at, updated_at)
        values ('a@example.fi', 'a@example.fi', 'confirmed', 'x', ${now}, ${now})`)
      const subscriberId = (await sql<{ id: number }>`select id from subscribers`.execute(db))
        .rows[0].id
      await run(sql`insert into subscriptions (subscriber_id, newsroom_id, types, keywords, created_at)
        values (${subscriberId}, ${newsroomIds[0]}, null, '["terveysasemat","lohja"]', ${now})`)
      await run(sql`insert into subscriptions (subscriber_id, newsroom_id, types, keywords, created_at)
        values (${subscriberId}, ${newsroomIds[1]}, null, '["uusi-aihe"]', ${now})`)

      // A contact with one job title, as the editor used to save it.
      await run(sql`insert into contacts (newsroom_id, name, titles, phone, email, created_at)
        values (${newsroomIds[0]}, 'Katja Virtanen', '{"fi":"tiedottaja"}', null, null, ${now})`)

      expect(await database.migrate()).toContain('0006-keyword-terms')

      const terms = await db
        .selectFrom('keyword_terms')
        .select(['newsroom_id', 'slug', 'labels'])
        .orderBy('newsroom_id')
        .orderBy('slug')
        .execute()
      expect(terms).toEqual([
        { newsroom_id: newsroomIds[0], slug: 'lohja', labels: '{"fi":"Lohja","sv":"Lohja"}' },
        {
          newsroom_id: newsroomIds[0],
          slug: 'sote-palvelut',
          labels: '{"fi":"sote-palvelut","sv":"sote-palvelut"}',
        },
        {
          newsroom_id: newsroomIds[0],
          slug: 'terveysasemat',
          labels: '{"fi":"terveysasemat","sv":"terveysasemat"}',
        },
        { newsroom_id: newsroomIds[1], slug: 'lohja', labels: '{"sv":"Lohja","fi":"Lohja"}' },
        {
          newsroom_id: newsroomIds[1],
          slug: 'uusi-aihe',
          labels: '{"sv":"uusi-aihe","fi":"uusi-aihe"}',
        },
      ])
      const tags = await db
        .selectFrom('release_terms')
        .innerJoin('keyword_terms', 'keyword_terms.id', 'release_terms.term_id')
        .select(['release_terms.release_id', 'keyword_terms.slug', 'keyword_terms.newsroom_id'])
        .orderBy('release_terms.release_id')
        .orderBy('release_terms.position')
        .execute()
      expect(tags).toEqual([
        { release_id: releaseIds[0], slug: 'sote-palvelut', newsroom_id: newsroomIds[0] },
        { release_id: releaseIds[0], slug: 'lohja', newsroom_id: newsroomIds[0] },
        { release_id: releaseIds[1], slug: 'lohja', newsroom_id: newsroomIds[0] },
        { release_id: releaseIds[2], slug: 'lohja', newsroom_id: newsroomIds[1] },
      ])
      const names = await db
        .selectFrom('keyword_names')
        .select('match_key')
        .where('newsroom_id', '=', newsroomIds[0])
        .orderBy('match_key')
        .execute()
      expect(names.map((n) => n.match_key)).toEqual(['lohja', 'sote-palvelut', 'terveysasemat'])
      const subscriptions = await db
        .selectFrom('subscriptions')
        .select('keywords')
        .orderBy('newsroom_id')
        .execute()
      expect(subscriptions.map((s) => s.keywords)).toEqual([
        '["terveysasemat","lohja"]',
        '["uusi-aihe"]',
      ])
      // The title is kept; other languages show it until staff translate it.
      expect(
        await db
          .selectFrom('contacts')
          .select(['name', 'titles', 'in_directory', 'group_labels', 'position'])
          .execute(),
      ).toEqual([
        {
          name: 'Katja Virtanen',
          titles: '{"fi":"tiedottaja"}',
          in_directory: 0,
          group_labels: '{}',
          position: 0,
        },
      ])
      const tables = await ownTables(db, kind)
      expect(tables).not.toContain('keywords')
      expect(tables).not.toContain('release_keywords')
    } finally {
      await database.close()
    }
  })

  it('give every stored file its newsroom and keep each release’s first image as its lead', async () => {
    const setup = await createTestSetup(kind)
    setups.push(setup)
    const database = createDb(setup.config.databaseUrl)
    const { db } = database
    try {
      await migrateTo(setup, database, '0008-search')
      const now = new Date().toISOString()
      const run = (query: ReturnType<typeof sql>) => query.execute(db)
      await run(sql`insert into newsrooms (slug, languages, timezone, social_links, created_at, updated_at)
        values ('lansi-uusimaa', '["fi","sv"]', 'Europe/Helsinki', '[]', ${now}, ${now})`)
      const newsroom = (await sql<{ id: number }>`select id from newsrooms`.execute(db)).rows[0].id
      for (let i = 0; i < 2; i++)
        await run(sql`insert into releases (newsroom_id, type, status, notify, created_at, updated_at)
          values (${newsroom}, 'press-release', 'published', 1, ${now}, ${now})`)
      const [withImages, withFile] = (
        await sql<{ id: number }>`select id from releases order by id`.execute(db)
      ).rows.map((r) => r.id)
      const file = (release: number | null, kind: string, key: string, position: number) =>
        run(sql`insert into attachments (release_id, kind, filename, storage_key, mime_type, size, sha256, position, created_at)
          values (${release}, ${kind}, ${key}, ${key}, 'image/png', 1, 'x', ${position}, ${now})`)
      await file(withImages, 'file', 'a', 0)
      await file(withImages, 'image', 'b', 2)
      await file(withImages, 'image', 'c', 1)
      await file(withFile, 'file', 'd', 0)
      await file(null, 'image', 'logo', 0)
      const logo = (
        await sql<{ id: number }>`select id from attachments where storage_key = 'logo'`.execute(db)
      ).rows[0].id
      await run(sql`update newsrooms set logo_attachment_id = ${logo}`)

      // Later migrations run too; this test is about 0009.
      expect(await database.migrate()).toEqual(expect.arrayContaining(['0009-media-bank']))
      const files = await db
        .selectFrom('attachments')
        .select(['storage_key', 'newsroom_id', 'in_bank', 'width'])
        .orderBy('storage_key')
        .execute()
      expect(files).toEqual(
        ['a', 'b', 'c', 'd', 'logo'].map((key) => ({
          storage_key: key,
          newsroom_id: newsroom,
          in_bank: 0,
          width: null,
        })),
      )
      const leads = await db
        .selectFrom('releases')
        .select(['id', 'lead_image_id'])
        .orderBy('id')
        .execute()
      const c = (
        await sql<{ id: number }>`select id from attachments where storage_key = 'c'`.execute(db)
      ).rows[0].id
      expect(leads).toEqual([
        { id: withImages, lead_image_id: c },
        { id: withFile, lead_image_id: null },
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
