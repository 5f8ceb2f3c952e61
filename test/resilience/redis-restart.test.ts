import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { createLogger } from '../../src/logger.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startRedisServer } from '../helpers/redis-server.js'
import type { RedisServer } from '../helpers/redis-server.js'
import { eventually } from '../helpers/wait.js'

describe('Redis restarts without persistence while a publication is scheduled', () => {
  let redis: RedisServer
  let app: TestApp
  let worker: ServiceProcess

  beforeAll(async () => {
    redis = await startRedisServer()
    // The worker process logs (LOG_LEVEL); this process does not.
    app = await startTestApp('postgres', {
      env: { REDIS_URL: redis.url, LOG_LEVEL: 'info' },
      realTime: true,
      log: createLogger('silent'),
    })
    worker = runCli(['serve', '--role', 'worker'], app.setup.childEnv)
    await worker.waitForOutput(/workers started/)
  })
  afterAll(async () => {
    worker?.kill('SIGTERM')
    await worker?.exited()
    await app?.close()
    await redis?.stop()
  })

  it('publishes at its time once Redis is back, from the database outbox', async () => {
    const { content } = app
    await seedNewsroom(content)
    const release = await createRelease(content, admin, {
      newsroom: 'lansi-uusimaa',
      versions: { sv: { title: 'Nya öppettider vid hälsostationen i Lojo' } },
      notify: false,
    })
    const at = new Date(Date.now() + 2000)
    await publishRelease(content, admin, release.id, { at })

    await redis.restart()

    const { db } = app.deps.database
    const status = async () =>
      (
        await db
          .selectFrom('releases')
          .select('status')
          .where('id', '=', release.id)
          .executeTakeFirstOrThrow()
      ).status
    await eventually(async () => (await status()) === 'published', {
      timeoutMs: 30_000,
      what: 'the release published',
      intervalMs: 200,
    })
    expect(worker.output()).toMatch(/job lost from Redis; enqueuing again/)
    expect(worker.child.exitCode).toBeNull()
  })
})
