import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { loadConfig } from '../../src/env.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startRedisServer } from '../helpers/redis-server.js'
import type { RedisServer } from '../helpers/redis-server.js'

const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'test' }

describe('Redis restarts without persistence while a publication is scheduled', () => {
  let setup: TestSetup
  let redis: RedisServer
  let deps: Container
  let worker: ServiceProcess

  beforeAll(async () => {
    redis = await startRedisServer()
    setup = await createTestSetup('postgres', { REDIS_URL: redis.url, LOG_LEVEL: 'info' })
    deps = await createContainer(loadConfig({ ...setup.childEnv, LOG_LEVEL: 'silent' }))
    await deps.database.migrate()
    worker = runCli(['serve', '--role', 'worker'], setup.childEnv)
    await worker.waitForOutput(/workers started/)
  })
  afterAll(async () => {
    worker?.kill('SIGTERM')
    await worker?.exited()
    await deps?.close()
    await redis?.stop()
    await setup?.cleanup()
  })

  it('publishes at its time once Redis is back, from the database outbox', async () => {
    const content = contentDeps(deps)
    await createNewsroom(content, admin, {
      slug: 'lansi-uusimaa',
      languages: ['fi', 'sv'],
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
    })
    const release = await createRelease(content, admin, {
      newsroom: 'lansi-uusimaa',
      versions: { sv: { title: 'Nya öppettider vid hälsostationen i Lojo' } },
      notify: false,
    })
    const at = new Date(Date.now() + 2000)
    await publishRelease(content, admin, release.id, { at })

    await redis.stop()
    await new Promise((r) => setTimeout(r, 1000))
    await redis.start()

    const { db } = deps.database
    const started = Date.now()
    let status = ''
    while (status !== 'published' && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 200))
      status = (
        await db
          .selectFrom('releases')
          .select('status')
          .where('id', '=', release.id)
          .executeTakeFirstOrThrow()
      ).status
    }
    expect(status).toBe('published')
    expect(worker.output()).toMatch(/job lost from Redis; enqueuing again/)
    expect(worker.child.exitCode).toBeNull()
  })
})
