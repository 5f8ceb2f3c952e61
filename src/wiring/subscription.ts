/** Builds the subscription core's dependencies from the application container. */
import type { PublicDeps } from '../app-base.js'
import type { SubscriptionDeps } from '../core/subscription/ports.js'

export function subscriptionDeps(
  container: Pick<PublicDeps, 'repos' | 'clock' | 'config' | 'dispatcher' | 'log'>,
): SubscriptionDeps {
  const { config, log } = container
  return {
    repos: container.repos,
    clock: container.clock,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    dispatch: async (ids) => {
      try {
        await container.dispatcher.dispatch(ids)
      } catch (error) {
        // The change is committed; the worker's outbox sweep enqueues the row within seconds.
        log.warn(
          { err: (error as Error).message, outboxIds: ids },
          'dispatch failed; sweep will retry',
        )
      }
    },
  }
}
