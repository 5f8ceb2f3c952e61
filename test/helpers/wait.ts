/**
 * The one poller of the tests: waits for something the system does (a row written, a message
 * received, a job completed), never for time. The bound only stops a broken run from hanging.
 */
export interface WaitOptions {
  /** Give up after this long (a failure, not a result). */
  timeoutMs?: number
  /** What is awaited, for the error message (a function: described when the wait fails). */
  what?: string | (() => string)
  intervalMs?: number
}

/** Polls until `check` returns something truthy and returns it; fails with the last value. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 15_000, what = 'condition', intervalMs = 25 }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `timed out waiting for ${typeof what === 'function' ? what() : what}: ${JSON.stringify(value)}`,
      )
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
