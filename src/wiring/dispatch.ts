/**
 * The core's `dispatch` port: enqueue outbox rows right after their transaction commits. The
 * rows are committed already, so a request never waits on Redis for long: after
 * DISPATCH_WAIT_MS it answers and leaves the rows to the outbox sweep.
 */
import type { PublicDeps } from '../app-base.js'
import { REDIS_COMMAND_TIMEOUT_MS, withinMs } from '../redis-timeouts.js'

/** The longest a request waits for its work to reach the queue. */
export const DISPATCH_WAIT_MS = REDIS_COMMAND_TIMEOUT_MS

export function dispatchAfterCommit(container: Pick<PublicDeps, 'dispatcher' | 'log'>) {
  return async (ids: number[]): Promise<void> => {
    try {
      // Should the wait end first, the dispatch still finishes in the background; job ids are
      // deterministic, so the sweep adding the same rows again is a no-op.
      await withinMs(container.dispatcher.dispatch(ids), DISPATCH_WAIT_MS, 'dispatch')
    } catch (error) {
      // The change is committed; the worker's outbox sweep enqueues the row within seconds.
      container.log.warn(
        { err: (error as Error).message, outboxIds: ids },
        'dispatch failed; sweep will retry',
      )
    }
  }
}
