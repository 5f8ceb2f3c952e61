import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { DB_KINDS, deletePrefixKeys } from '../helpers/env.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { eventually } from '../helpers/wait.js'

/** Deletes this test's keys only: the shared Redis as if it had been flushed for us. */
const loseRedisState = (deps: Container) => deletePrefixKeys(deps.redis, deps.config.redisPrefix)

describe.each(DB_KINDS)('a scheduled publication whose job Redis lost (%s)', (kind) => {
  let app: TestApp
  let deps: Container

  beforeAll(async () => {
    app = await startTestApp(kind, { realTime: true })
    deps = app.deps
  })
  afterAll(async () => {
    await app?.close()
  })

  it('is still published once, soon after its time, from the outbox', async () => {
    const { content } = app
    await seedNewsroom(content)
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

    app.startWorkers()
    const { db } = deps.database
    await eventually(
      async () => {
        const row = await db
          .selectFrom('releases')
          .select('status')
          .where('id', '=', release.id)
          .executeTakeFirstOrThrow()
        return row.status === 'published'
      },
      { timeoutMs: 30_000, what: 'the release published' },
    )
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
