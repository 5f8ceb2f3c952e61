/**
 * Rate limits kept in Redis, so they hold across every web process behind a load balancer.
 * Fixed windows: one counter per (rule, key, window) incremented with INCR, given its expiry
 * with PEXPIRE on the first hit — atomically, in one Lua script, so a crash between the two
 * cannot leave a counter that never expires. Keys are hashed so that Redis never holds email
 * addresses or IP addresses in the clear.
 *
 * While Redis is away (its connection fails fast), each hit is counted by the fallback limiter
 * instead — the database one — so limits hold without a request waiting on Redis.
 */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { RedisGuard } from '../redis-timeouts.js'

export interface RateLimitRule {
  /** Short name used in the Redis key, e.g. `subscribe-ip`. */
  name: string
  /** Requests allowed per window. */
  limit: number
  windowMs: number
}

export interface RateLimitResult {
  allowed: boolean
  count: number
  remaining: number
  /** Seconds until the window resets (what `Retry-After` says). */
  retryAfterSeconds: number
}

export interface RateLimiter {
  /** Counts one request for `key` under `rule`. */
  hit(rule: RateLimitRule, key: string): Promise<RateLimitResult>
  /** Forgets the counter (e.g. after a successful sign-in). */
  reset(rule: RateLimitRule, key: string): Promise<void>
}

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`

/** The answer to one hit: a window's count against the rule, and when it resets. */
export function limitResult(rule: RateLimitRule, count: number, ttlMs: number): RateLimitResult {
  return {
    allowed: count <= rule.limit,
    count,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
  }
}

export function createRateLimiter(
  redis: Redis,
  prefix: string,
  options: {
    /** Counts the hits Redis cannot (it is away); without one, such a hit throws. */
    fallback?: RateLimiter
    /** Bounds the wait on a Redis that does not answer. */
    guard?: RedisGuard
    log?: { warn(details: object, message: string): void }
  } = {},
): RateLimiter {
  const { fallback, log } = options
  const run = <T>(what: string, work: () => Promise<T>) =>
    options.guard ? options.guard.run(what, work) : work()
  const keyOf = (rule: RateLimitRule, key: string) =>
    `${prefix}:rl:${rule.name}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`
  let lastWarning = 0
  const fellBack = (error: unknown) => {
    if (!fallback) throw error
    // One line per minute at most while Redis is away.
    if (Date.now() - lastWarning >= 60_000) {
      lastWarning = Date.now()
      log?.warn(
        { err: (error as Error).message },
        'rate limits counted in the database: Redis away',
      )
    }
    return fallback
  }
  return {
    async hit(rule, key) {
      let answer: [number, number]
      try {
        answer = (await run('rate limit', () =>
          redis.eval(HIT_SCRIPT, 1, keyOf(rule, key), String(rule.windowMs)),
        )) as [number, number]
      } catch (error) {
        return fellBack(error).hit(rule, key)
      }
      return limitResult(rule, answer[0], answer[1])
    },
    async reset(rule, key) {
      try {
        await run('rate limit reset', () => redis.del(keyOf(rule, key)))
      } catch (error) {
        await fellBack(error).reset(rule, key)
      }
    },
  }
}
