import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock.js'
import { createDb } from '../db/index.js'
import type { Db } from '../db/index.js'
import { createRepositories } from '../db/repositories/index.js'
import { createRedis, createRedisGuard } from '../redis.js'
import { createTestDatabase } from '../../test/helpers/env.js'
import type { TestDatabase } from '../../test/helpers/env.js'
import { createDbRateLimiter } from './rate-limit-db.js'
import { createRateLimiter } from './rate-limit.js'

describe('rate limits while Redis is away', () => {
  let test: TestDatabase
  let database: Db
  beforeAll(async () => {
    test = await createTestDatabase('sqlite', mkdtempSync(join(tmpdir(), 'tiedote-rl-')))
    database = createDb(test.url)
    await database.migrate()
  })
  afterAll(async () => {
    await database.close()
    await test.drop()
  })

  it('are counted in the database at once, so they still hold', async () => {
    // Nothing listens on port 1: every command is refused at once.
    const redis = createRedis('redis://127.0.0.1:1')
    const warnings: string[] = []
    const limiter = createRateLimiter(redis, 'rl-test', {
      fallback: createDbRateLimiter(createRepositories(database.db), createManualClock()),
      guard: createRedisGuard(),
      log: { warn: (_details, message) => warnings.push(message) },
    })
    const rule = { name: 'subscribe-ip', limit: 3, windowMs: 60_000 }
    try {
      const started = performance.now()
      const results = []
      for (let i = 0; i < 4; i++) results.push(await limiter.hit(rule, '198.51.100.7'))
      expect(performance.now() - started).toBeLessThan(1000)
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
      expect(warnings).toEqual(['rate limits counted in the database: Redis away'])
    } finally {
      redis.disconnect()
    }
  })
})
