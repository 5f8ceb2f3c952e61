import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock.js'
import { createDb } from '../db/index.js'
import { createRepositories } from '../db/repositories/index.js'
import type { Db } from '../db/index.js'
import { DB_KINDS, createTestDatabase } from '../../test/helpers/env.js'
import type { TestDatabase } from '../../test/helpers/env.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDbRateLimiter } from './rate-limit-db.js'

describe.each(DB_KINDS)('rate limits in the database (%s)', (kind) => {
  let test: TestDatabase
  let database: Db
  beforeAll(async () => {
    test = await createTestDatabase(kind, mkdtempSync(join(tmpdir(), 'tiedote-rl-')))
    database = createDb(test.url)
    await database.migrate()
  })
  afterAll(async () => {
    await database.close()
    await test.drop()
  })

  it('allows the limit per window, counts concurrent hits exactly, and opens a new window', async () => {
    const clock = createManualClock(new Date('2026-03-01T10:00:00Z'))
    const limiter = createDbRateLimiter(createRepositories(database.db), clock)
    const rule = { name: 'subscribe-ip', limit: 5, windowMs: 60_000 }
    const results = await Promise.all(
      Array.from({ length: 8 }, () => limiter.hit(rule, '203.0.113.9')),
    )
    expect(results.filter((r) => r.allowed)).toHaveLength(5)
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const blocked = results.find((r) => !r.allowed)!
    expect(blocked.retryAfterSeconds).toBe(60)

    expect((await limiter.hit(rule, '198.51.100.1')).allowed).toBe(true)

    clock.advance(61_000)
    const fresh = await limiter.hit(rule, '203.0.113.9')
    expect(fresh).toMatchObject({ allowed: true, count: 1, remaining: 4 })

    await limiter.reset(rule, '203.0.113.9')
    expect((await limiter.hit(rule, '203.0.113.9')).count).toBe(1)
  })
})
