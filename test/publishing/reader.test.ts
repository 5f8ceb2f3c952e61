/**
 * Public pages, feeds and files are read through their own connection, so that a process which
 * also sends (ROLE=all, the default) answers readers while its fan-out holds the writing
 * connection in a transaction. On SQLite, Kysely runs one connection's queries one at a time:
 * before the reader existed, a page requested during such a transaction waited for its end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { createBilingualNewsroom, publishNow, startWorld } from '../feeds/fixtures.js'
import type { FeedWorld } from '../feeds/fixtures.js'

describe.each(DB_KINDS)('public reads during a write transaction (%s)', (kind) => {
  let setup: TestSetup
  let world: FeedWorld

  beforeAll(async () => {
    setup = await createTestSetup(kind)
    world = await startWorld(setup.config)
    await createBilingualNewsroom(world)
    await publishNow(world, { versions: { fi: { title: 'Terveysasema avautuu' } } })
  })
  afterAll(async () => {
    await world?.close()
    await setup?.cleanup()
  })

  it('answers pages, feeds and the sitemap while a transaction holds the writing connection', async () => {
    let finish: () => void = () => {}
    const held = new Promise<void>((resolve) => (finish = resolve))
    let inside: () => void = () => {}
    const started = new Promise<void>((resolve) => (inside = resolve))
    const transaction = world.container.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'reader-test', value: 'held' }).execute()
      inside()
      await held
    })
    await started
    try {
      // A request that waited for the transaction would only end with it: give up after 10 s.
      let timer: NodeJS.Timeout | undefined
      const blocked = new Promise<'blocked'>((resolve) => {
        timer = setTimeout(() => resolve('blocked'), 10_000)
      })
      for (const path of ['/fi/lansi', '/feeds/lansi.rss', '/sitemap.xml', '/fi/']) {
        const res = await Promise.race([world.app.request(path), blocked])
        expect(res === 'blocked' ? 'blocked' : res.status, path).toBe(200)
        const body = res === 'blocked' ? '' : await res.text()
        expect(body, path).toContain(path === '/sitemap.xml' ? '/fi/lansi' : 'Terveysasema avautuu')
      }
      clearTimeout(timer)
    } finally {
      finish()
      await transaction
    }
    // Writes still go through the writing connection only.
    const row = await world.container.database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'reader-test')
      .executeTakeFirst()
    expect(row?.value).toBe('held')
    // On SQLite the reader is a connection of its own that cannot write.
    if (kind === 'sqlite')
      await expect(
        world.container.database.reader
          .insertInto('settings')
          .values({ key: 'via-reader', value: 'x' })
          .execute(),
      ).rejects.toThrow(/readonly/i)
  })
})
