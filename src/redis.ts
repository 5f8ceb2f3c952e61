/**
 * Finds or starts the Redis that queues and rate limits use.
 *
 * REDIS_URL set: use it. Unset: use 127.0.0.1:6379 when something answers there; otherwise start
 * a private `redis-server` with its data under DATA_DIR/redis (append-only file on, so queued
 * jobs survive a restart) and stop it when Tiedote exits.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createConnection } from 'node:net'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'

export {
  REDIS_COMMAND_TIMEOUT_MS,
  RedisTimeoutError,
  createRedisGuard,
  withinMs,
} from './redis-timeouts.js'
export type { RedisGuard } from './redis-timeouts.js'

export class StartupError extends Error {
  override name = 'StartupError'
}

export interface RedisHandle {
  url: string
  /** Stops the private redis-server, if this process started one. */
  stop(): Promise<void>
}

const DEFAULT_HOST = '127.0.0.1'
const DEFAULT_PORT = 6379

export async function ensureRedis(
  redisUrl: string | undefined,
  dataDir: string,
  port = DEFAULT_PORT,
): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, stop: async () => {} }
  const url = `redis://${DEFAULT_HOST}:${port}`
  if (await isListening(DEFAULT_HOST, port)) return { url, stop: async () => {} }

  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' })
  if (found.error || found.status !== 0) {
    throw new StartupError(
      `Redis is not running on 127.0.0.1:${port} and redis-server is not installed. ` +
        'Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) ' +
        'or set REDIS_URL=redis://host:6379.',
    )
  }
  const dir = join(dataDir, 'redis')
  mkdirSync(dir, { recursive: true })
  const child = spawn(
    'redis-server',
    [
      '--bind',
      DEFAULT_HOST,
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  )
  await waitUntilListening(DEFAULT_HOST, port, child)
  return { url, stop: () => stopChild(child) }
}

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    socket.setTimeout(500)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

async function waitUntilListening(host: string, port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) {
      throw new StartupError(`redis-server exited with code ${child.exitCode} during start-up`)
    }
    if (await isListening(host, port)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGTERM')
  throw new StartupError(`redis-server did not start listening on 127.0.0.1:${port} within 5 s`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/**
 * What a connection is for:
 * - `commands` (the default): requests, health checks, rate limits, adding jobs. It never makes a
 *   caller wait on an absent Redis: with no connection a command fails at once (no offline
 *   queue). A Redis that is connected but does not answer is bounded by the caller (a
 *   RedisGuard on the web side: about a second per outage). Callers fall back
 *   (the outbox sweep, the database rate limiter, a "down" in /healthz).
 * - `subscriber`: a pub/sub subscription, which waits for the connection and is renewed on
 *   every reconnect.
 * - `blocking`: BullMQ workers, which block on commands and so must never time out
 *   (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export type RedisPurpose = 'commands' | 'subscriber' | 'blocking'

const OPTIONS: Record<RedisPurpose, RedisOptions> = {
  commands: {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A safety net against commands piling up on a server that answers nothing; requests bound
    // their own waits much tighter (RedisGuard), workers may wait this long under load.
    commandTimeout: 5000,
    connectTimeout: 2000,
  },
  subscriber: { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 },
  blocking: { maxRetriesPerRequest: null, enableReadyCheck: true },
}

/** A Redis connection for `purpose`; it reconnects by itself. */
export function createRedis(url: string, purpose: RedisPurpose = 'commands'): Redis {
  const redis = new Redis(url, { ...OPTIONS[purpose], lazyConnect: false })
  // Reconnection is automatic; without a listener ioredis would print every failure.
  redis.on('error', () => {})
  return redis
}

/**
 * Resolves true once `redis` is connected, or false after `timeoutMs`: a `commands`
 * connection refuses commands until then, so start-up waits this long for it, and no longer.
 */
export function untilConnected(redis: Redis, timeoutMs = 2000): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (connected: boolean) => {
      clearTimeout(timer)
      redis.off('ready', onReady)
      resolve(connected)
    }
    const onReady = () => done(true)
    const timer = setTimeout(() => done(false), timeoutMs)
    redis.once('ready', onReady)
  })
}
