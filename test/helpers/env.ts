/**
 * Test configuration: every test gets its own data directory, Redis key prefix and database
 * (a SQLite file, or a PostgreSQL schema of its own), so runs never collide — not even two
 * runs of the suite at the same time.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { loadConfig, testEnv } from '../../src/env.js'
import type { Config } from '../../src/env.js'

export type DbKind = 'sqlite' | 'postgres'
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres']

export const uniqueName = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`

export interface TestDatabase {
  kind: DbKind
  url: string
  drop(): Promise<void>
}

/** A fresh, empty database of the given kind. */
export async function createTestDatabase(kind: DbKind, dataDir: string): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    return { kind, url: `sqlite:${join(dataDir, 'test.db')}`, drop: async () => {} }
  }
  const base = testEnv.databaseUrl()
  const schema = uniqueName('t')
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  await client.query(`create schema ${schema}`)
  await client.end()
  const url = new URL(base)
  url.searchParams.set('schema', schema)
  return {
    kind,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    },
  }
}

export interface TestSetup {
  config: Config
  database: TestDatabase
  /** Environment variables for a child process using the same configuration. */
  childEnv: Record<string, string>
  cleanup(): Promise<void>
}

export async function createTestSetup(
  kind: DbKind = 'sqlite',
  extra: Record<string, string> = {},
): Promise<TestSetup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-test-'))
  const database = await createTestDatabase(kind, dataDir)
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: testEnv.redisUrl(),
    REDIS_PREFIX: uniqueName('tq'),
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PORT: '0',
    PUBLIC_URL: 'http://tiedote.test',
    // Worker processes of a test keep up with the test files running beside them.
    WORKER_NICE: '0',
    // Requests made inside the process have no peer; tests name clients in X-Forwarded-For.
    TRUST_PROXY: 'loopback',
    ...extra,
  }
  return {
    config: loadConfig(env),
    database,
    childEnv: env,
    async cleanup() {
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
      await dropRedisKeys(env.REDIS_URL, env.REDIS_PREFIX)
    },
  }
}

/**
 * Deletes the keys under a test's prefix and returns how many: the shared Redis as if it had
 * been flushed for this test only (never FLUSHALL: other runs use the same server).
 */
export async function deletePrefixKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0'
  let deleted = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
    cursor = next
    if (keys.length > 0) deleted += await redis.unlink(...keys)
  } while (cursor !== '0')
  return deleted
}

/** Deletes a test's Redis keys (its prefix only: other runs may share the server). */
export async function dropRedisKeys(url: string, prefix: string) {
  if (url !== testEnv.redisUrl()) return
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  redis.on('error', () => {})
  try {
    await redis.connect()
    await deletePrefixKeys(redis, prefix)
  } catch {
    // Redis is not reachable (a fault test stopped it): nothing to clean.
  } finally {
    redis.disconnect()
  }
}
