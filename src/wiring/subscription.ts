/** Builds the subscription core's dependencies from the application container. */
import type { PublicDeps } from '../app-base.js'
import { groupCommit } from '../core/group-commit.js'
import { writeNewSubscribers } from '../core/subscription/staff.js'
import type { NewSubscriberItem, SubscriberDetail } from '../core/subscription/staff.js'
import { dispatchAfterCommit } from './dispatch.js'
import type { SubscriptionDeps } from '../core/subscription/ports.js'

type SubscriptionSources = Pick<PublicDeps, 'repos' | 'clock' | 'config' | 'dispatcher' | 'log'>

export function subscriptionDeps(container: SubscriptionSources): SubscriptionDeps {
  const { config } = container
  const deps: SubscriptionDeps = {
    repos: container.repos,
    clock: container.clock,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    dispatch: dispatchAfterCommit(container),
  }
  deps.addSubscriber = subscriberWriter(deps)
  return deps
}

/**
 * One group-committing writer of new subscribers per database: concurrent creates (API clients
 * adding many at once) share transactions and statements instead of queueing for the database
 * one by one.
 */
const writers = new WeakMap<object, (item: NewSubscriberItem) => Promise<SubscriberDetail>>()

function subscriberWriter(deps: SubscriptionDeps) {
  let writer = writers.get(deps.repos)
  if (!writer) {
    writer = groupCommit((items: NewSubscriberItem[]) => writeNewSubscribers(deps, items))
    writers.set(deps.repos, writer)
  }
  return writer
}
