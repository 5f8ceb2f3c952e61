/**
 * How long callers wait for Redis. Free of ioredis and Node APIs, so that code the edge runtime
 * bundles (the dispatch port of the public routes) can use it too.
 */

/** How long a web request's Redis command may wait before it gives up (connection lost or slow). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000

/** Redis did not answer in time; the caller leaves the work to a fallback. */
export class RedisTimeoutError extends Error {
  override name = 'RedisTimeoutError'
}

/**
 * `work`, or a RedisTimeoutError after `ms`. For calls that may wait longer than one command's
 * timeout: BullMQ waits for its connection before the first command, and some calls are
 * several commands.
 */
export async function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RedisTimeoutError(`${what}: no answer from Redis within ${ms} ms`)),
          ms,
        )
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Bounds a process's waits on Redis, once per outage rather than once per call: after a call
 * that got no answer within the bound, calls fail at once for `coolOffMs` (a Redis that is
 * hung, or a network that drops packets, answers nothing anyway), then one is tried again. A
 * request that talks to Redis several times — announce a change, add its job — so waits about a
 * second in all, not a second each. Refusals from a disconnected Redis are fast already and do
 * not count.
 */
export interface RedisGuard {
  run<T>(what: string, work: () => Promise<T>): Promise<T>
}

export function createRedisGuard(
  options: { timeoutMs?: number; coolOffMs?: number; now?: () => number } = {},
): RedisGuard {
  const timeoutMs = options.timeoutMs ?? REDIS_COMMAND_TIMEOUT_MS
  const coolOffMs = options.coolOffMs ?? 5000
  const now = options.now ?? Date.now
  let quietUntil = 0
  return {
    async run(what, work) {
      if (now() < quietUntil)
        throw new RedisTimeoutError(`${what}: Redis gave no answer a moment ago; not waiting`)
      try {
        const result = await withinMs(work(), timeoutMs, what)
        quietUntil = 0
        return result
      } catch (error) {
        if (error instanceof RedisTimeoutError) quietUntil = now() + coolOffMs
        throw error
      }
    },
  }
}
