/**
 * What the subscription core needs from the outside world. Routes, the API, the admin pages and
 * the email worker build this from the container with `subscriptionDeps(container)`, so the core
 * never touches HTTP, Redis or SMTP and tests can hand in a manual clock.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { NewSubscriberItem, SubscriberDetail } from './staff.js'

export interface SubscriptionDeps {
  repos: Repositories
  clock: Clock
  /** SECRET_KEY: signs link tokens and keys the IP and suppression hashes. */
  secretKey: string
  /** Absolute base for links in emails (`PUBLIC_URL`). */
  publicUrl: string
  /** Enqueue outbox rows; call only after the transaction that wrote them has committed. */
  dispatch(outboxIds: number[]): Promise<void>
  /**
   * Writes a subscriber staff add, together with others added at the same moment (group
   * commit); without it each is written in a transaction of its own.
   */
  addSubscriber?(item: NewSubscriberItem): Promise<SubscriberDetail>
}

/** Where and how a consent-relevant action happened (for the consent record). */
export interface ActionContext {
  /** Site-relative page path or a label like `api`, `import`, `one-click`. */
  source: string
  /** Client IP address; stored only as a keyed hash. */
  ip?: string
}
