/** Builds the subscription core's dependencies from the application container. */
import type { PublicDeps } from '../app-base.js'
import { dispatchAfterCommit } from './dispatch.js'
import type { SubscriptionDeps } from '../core/subscription/ports.js'

export function subscriptionDeps(
  container: Pick<PublicDeps, 'repos' | 'clock' | 'config' | 'dispatcher' | 'log'>,
): SubscriptionDeps {
  const { config } = container
  return {
    repos: container.repos,
    clock: container.clock,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    dispatch: dispatchAfterCommit(container),
  }
}
