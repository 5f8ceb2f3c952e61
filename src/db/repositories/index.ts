/**
 * The data-access layer: one repository per aggregate, each a `createXRepository(db)` factory
 * over a Kysely instance (or a transaction). Repositories are the only code that builds queries;
 * the core's use-cases receive a `Repositories` and hold the rules.
 *
 * `transaction(fn)` runs `fn` with repositories bound to one database transaction, so a
 * use-case can write a change, its outbox row and its audit entry atomically without ever
 * seeing Kysely. Inside a transaction it simply reuses the open one.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import { createAuditRepository } from './audit.js'
import { createDeliveryRepository } from './deliveries.js'
import type { DeliveryRepository } from './deliveries.js'
import type { AuditRepository } from './audit.js'
import { createOutboxRepository } from './outbox.js'
import type { OutboxRepository } from './outbox.js'
import { createReleaseViewRepository } from './release-views.js'
import type { ReleaseViewRepository } from './release-views.js'
import { createSettingsRepository } from './settings.js'
import type { SettingsRepository } from './settings.js'

export type Executor = Kysely<Database>

export interface Repositories {
  audit: AuditRepository
  outbox: OutboxRepository
  settings: SettingsRepository
  // -- releases and newsrooms --
  releaseViews: ReleaseViewRepository

  // -- public reads --

  // -- subscriptions --

  // -- deliveries --
  deliveries: DeliveryRepository

  // -- staff users --

  /** Runs `fn` in one transaction (or in the one already open). */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>
}

function build(db: Executor): Repositories {
  const repos: Repositories = {
    audit: createAuditRepository(db),
    outbox: createOutboxRepository(db),
    settings: createSettingsRepository(db),
    // -- releases and newsrooms --
    releaseViews: createReleaseViewRepository(db),

    // -- public reads --

    // -- subscriptions --

    // -- deliveries --
    deliveries: createDeliveryRepository(db),

    // -- staff users --

    transaction(fn) {
      if (db.isTransaction) return fn(repos)
      return db.transaction().execute((trx) => fn(createRepositories(trx)))
    },
  }
  return repos
}

// One set per connection or transaction: building them is cheap, but hot paths ask often.
const cache = new WeakMap<Executor, Repositories>()

export function createRepositories(db: Executor): Repositories {
  let repos = cache.get(db)
  if (!repos) {
    repos = build(db)
    cache.set(db, repos)
  }
  return repos
}
