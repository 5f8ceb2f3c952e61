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
