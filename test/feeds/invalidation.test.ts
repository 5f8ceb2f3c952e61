import Parser from 'rss-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { announceContentChange } from '../../src/content-version.js'
import { withdrawRelease } from '../../src/core/release/publishing.js'
import { createContentCache } from '../../src/feeds/cache.js'
import { createRedis } from '../../src/redis.js'
import { createLogger } from '../../src/logger.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { nextInvalidation, publishNow, startTwoWorlds, startWorld } from './fixtures.js'
import type { FeedWorld } from './fixtures.js'
import { eventually } from '../helpers/wait.js'

const rss = new Parser()

describe.each(DB_KINDS)('two web processes on %s', (kind) => {
  let worlds: Awaited<ReturnType<typeof startTwoWorlds>>
  let a: FeedWorld
  let b: FeedWorld

  beforeAll(async () => {
    worlds = await startTwoWorlds(kind)
    ;({ a, b } = worlds)
  })
  afterAll(async () => {
    await worlds?.close()
  })

  const titlesFrom = async (world: FeedWorld) =>
    (await rss.parseString(await (await world.app.request('/feeds/lansi.rss')).text())).items.map(
      (i) => i.title,
    )

  it('drops the cached feed of the other process as soon as a release is published there', async () => {
    expect(await titlesFrom(b)).toEqual([])
    // B keeps what it rendered: a change that nobody announces does not show.
    await b.container.database.db
      .updateTable('newsroom_translations')
      .set({ name: 'Nimi jota ei kerrottu' })
      .where('lang', '=', 'fi')
      .execute()
    const cached = await rss.parseString(await (await b.app.request('/feeds/lansi.rss')).text())
    expect(cached.title).toBe('Länsi-Uudenmaan hyvinvointialue')

    const dropped = nextInvalidation(b.container)
    const release = await publishNow(a, { versions: { fi: { title: 'Julkaistu prosessissa A' } } })
    expect(await dropped).toBe('message')
    // An addition: B serves the feed it kept while it renders it again, then the new one.
    await eventually(async () => (await titlesFrom(b)).includes('Julkaistu prosessissa A'), {
      what: 'the publication in the feed of process B',
    })
    expect(await titlesFrom(b)).toEqual(['Julkaistu prosessissa A'])

    const droppedAgain = nextInvalidation(b.container)
    await withdrawRelease(a.content, admin, release.id)
    await droppedAgain
    // A removal: gone from the first answer after the message.
    expect(await titlesFrom(b)).toEqual([])
  })
})

describe('feed cache without pub/sub messages', () => {
  let setup: TestSetup
  let world: FeedWorld
  const log = createLogger('silent')

  beforeAll(async () => {
    setup = await createTestSetup('sqlite')
    world = await startWorld(setup.config)
  })
  afterAll(async () => {
    await world?.close()
    await setup?.cleanup()
  })

  it('notices a change whose message was lost within a second, from the content version', async () => {
    let now = 0
    const cache = createContentCache<string>({
      repos: world.container.readRepos,
      subscriber: () => createRedis(world.container.redisUrl, 'subscriber'),
      redisPrefix: setup.config.redisPrefix,
      log,
      now: () => now,
    })
    try {
      let version = 1
      const render = async () => `render ${version++}`
      expect(await cache.get('feed', render)).toBe('render 1')
      expect(await cache.get('feed', render)).toBe('render 1')
      // Committed, but the announcement never arrives.
      await world.container.repos.settings.bumpContentVersion()
      now += 999
      expect(await cache.get('feed', render)).toBe('render 1')
      // The read is due: it runs beside the answer, which comes from memory meanwhile.
      now += 1
      const dropped = new Promise((resolve) => cache.onInvalidate(resolve))
      expect(await cache.get('feed', render)).toBe('render 1')
      expect(await dropped).toBe('version')
      expect(await cache.get('feed', render)).toBe('render 2')
      expect(await cache.get('feed', render)).toBe('render 2')
    } finally {
      await cache.close()
    }
  })

  it('serves the previous value while one render runs after an addition, and nothing old after a removal', async () => {
    const cache = createContentCache<string>({
      repos: world.container.readRepos,
      subscriber: () => createRedis(world.container.redisUrl, 'subscriber'),
      redisPrefix: setup.config.redisPrefix,
      log,
    })
    try {
      expect(await cache.get('feed', async () => 'first')).toBe('first')
      // Another process published: its message says the change only added something.
      const dropped = new Promise((resolve) => cache.onInvalidate(resolve))
      await announceContentChange(world.container.redis, setup.config.redisPrefix, 'addition')
      expect(await dropped).toBe('message')

      let renders = 0
      let finish!: (value: string) => void
      const slowRender = () => {
        renders++
        return new Promise<string>((resolve) => (finish = resolve))
      }
      // Readers get the previous value at once; one render runs for all of them.
      expect(await cache.get('feed', slowRender)).toBe('first')
      expect(await cache.get('feed', slowRender)).toBe('first')
      expect(cache.peek('feed')).toBe('first')
      // The render starts once the I/O waiting at that moment has been served.
      await eventually(() => renders === 1, { what: 'the render to start' })
      expect(await cache.get('feed', slowRender)).toBe('first')
      expect(renders).toBe(1)
      finish('second')
      await eventually(() => cache.peek('feed') === 'second', { what: 'the new render kept' })
      expect(renders).toBe(1)

      // A withdrawal: the next answer is rendered afresh, the previous value is never served.
      const droppedAgain = new Promise((resolve) => cache.onInvalidate(resolve))
      await announceContentChange(world.container.redis, setup.config.redisPrefix, 'removal')
      expect(await droppedAgain).toBe('message')
      expect(cache.peek('feed')).toBeUndefined()
      expect(await cache.get('feed', async () => 'third')).toBe('third')

      // The process that changed content itself drops its values at once, whatever the change.
      cache.invalidate()
      expect(await cache.get('feed', async () => 'fourth')).toBe('fourth')
    } finally {
      await cache.close()
    }
  })

  it('reads the content version on every request while Redis cannot be subscribed to', async () => {
    const cache = createContentCache<string>({
      repos: world.container.readRepos,
      subscriber: () => createRedis('redis://127.0.0.1:1', 'subscriber'),
      redisPrefix: setup.config.redisPrefix,
      log,
      subscribeTimeoutMs: 50,
      now: () => 0,
    })
    try {
      let version = 1
      const render = async () => `render ${version++}`
      expect(await cache.get('feed', render)).toBe('render 1')
      expect(await cache.get('feed', render)).toBe('render 1')
      await world.container.repos.settings.bumpContentVersion()
      expect(await cache.get('feed', render)).toBe('render 2')
    } finally {
      await cache.close()
    }
  })

  it('keeps memory bounded: the least recently used feeds go first', async () => {
    const cache = createContentCache<string>({
      repos: world.container.readRepos,
      subscriber: () => createRedis(world.container.redisUrl, 'subscriber'),
      redisPrefix: setup.config.redisPrefix,
      log,
      maxBytes: 25,
      sizeOf: () => 10,
    })
    try {
      let renders = 0
      const render = (name: string) => async () => `${name} ${++renders}`
      await cache.get('a', render('a'))
      await cache.get('b', render('b'))
      expect(await cache.get('a', render('a'))).toBe('a 1')
      await cache.get('c', render('c'))
      expect(cache.size).toBe(2)
      expect(await cache.get('a', render('a'))).toBe('a 1')
      expect(await cache.get('b', render('b'))).toBe('b 4')
    } finally {
      await cache.close()
    }
  })

  it('does not keep a render that began before a change', async () => {
    const cache = createContentCache<string>({
      repos: world.container.readRepos,
      subscriber: () => createRedis(world.container.redisUrl, 'subscriber'),
      redisPrefix: setup.config.redisPrefix,
      log,
    })
    try {
      expect(await cache.get('warm-up', async () => 'ok')).toBe('ok')
      let started!: () => void
      const renderStarted = new Promise<void>((resolve) => (started = resolve))
      let finish!: () => void
      const gate = new Promise<void>((resolve) => (finish = resolve))
      const slow = cache.get('feed', async () => {
        started()
        await gate
        return 'before the change'
      })
      await renderStarted
      const dropped = new Promise<void>((resolve) => cache.onInvalidate(() => resolve()))
      await world.container.repos.settings.bumpContentVersion()
      await announceContentChange(world.container.redis, setup.config.redisPrefix)
      await dropped
      finish()
      expect(await slow).toBe('before the change')
      expect(await cache.get('feed', async () => 'after the change')).toBe('after the change')
    } finally {
      await cache.close()
    }
  })
})
