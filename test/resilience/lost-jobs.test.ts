import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { startWorkers } from '../../workers/index.js'
import type { Workers } from '../../workers/index.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'

const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'test' }

/** Deletes this test's keys only: the shared Redis as if it had been flushed for us. */
async function loseRedisState(deps: Container) {
  const keys = await deps.redis.keys(`${deps.config.redisPrefix}:*`)
  if (keys.length > 0) await deps.redis.del(...keys)
}

async function until(check: () => Promise<boolean>, boundMs = 30_000) {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > boundMs) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.each(DB_KINDS)('a scheduled publication whose job Redis lost (%s)', (kind) => {
  let setup: TestSetup
  let deps: Container
  let workers: Workers | undefined

  beforeAll(async () => {
    setup = await createTestSetup(kind)
    deps = await createContainer(setup.config)
    await deps.database.migrate()
  })
  afterAll(async () => {
    await workers?.close()
    await deps.close()
    await setup.cleanup()
  })

  it('is still published once, soon after its time, from the outbox', async () => {
    const content = contentDeps(deps)
    await createNewsroom(content, admin, {
      slug: 'lansi-uusimaa',
      languages: ['fi', 'sv'],
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
    })
    const release = await createRelease(content, admin, {
      newsroom: 'lansi-uusimaa',
      versions: { fi: { title: 'Kotihoidon asiakasmaksut muuttuvat' } },
      notify: false,
    })
    const at = new Date(Date.now() + 1500)
    await publishRelease(content, admin, release.id, { at })
    expect(await deps.queues.publish.getDelayedCount()).toBe(1)

    await loseRedisState(deps)
    expect(await deps.queues.publish.getDelayedCount()).toBe(0)

    workers = startWorkers(deps)
    const { db } = deps.database
    await until(async () => {
      const row = await db
        .selectFrom('releases')
        .select('status')
        .where('id', '=', release.id)
        .executeTakeFirstOrThrow()
      return row.status === 'published'
    })
    const row = await db
      .selectFrom('releases')
      .select(['published_at'])
      .where('id', '=', release.id)
      .executeTakeFirstOrThrow()
    expect(row.published_at).toBe(at.toISOString())
    const undone = await db.selectFrom('outbox').select('id').where('done_at', 'is', null).execute()
    expect(undone).toEqual([])
  })
})
