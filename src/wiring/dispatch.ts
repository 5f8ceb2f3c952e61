/**
 * The core's `dispatch` port: enqueue outbox rows right after their transaction commits. The
 * rows are committed already, so a request never waits on Redis for long: the dispatcher gives
 * up after about a second (its RedisGuard) and the outbox sweep enqueues the rows instead.
 */
import type { PublicDeps } from '../app-base.js'

export function dispatchAfterCommit(container: Pick<PublicDeps, 'dispatcher' | 'log'>) {
  return async (ids: number[]): Promise<void> => {
    try {
      await container.dispatcher.dispatch(ids)
    } catch (error) {
      // The change is committed; the worker's outbox sweep enqueues the row within seconds.
      container.log.warn(
        { err: (error as Error).message, outboxIds: ids },
        'dispatch failed; sweep will retry',
      )
    }
  }
}
