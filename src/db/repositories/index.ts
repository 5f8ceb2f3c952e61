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
import { createAttachmentRepository } from './attachments.js'
import type { AttachmentRepository } from './attachments.js'
import { createAuditRepository } from './audit.js'
import { createCalendarRepository } from './calendar.js'
import type { CalendarRepository } from './calendar.js'
import { createDigestRepository } from './digests.js'
import type { DigestRepository } from './digests.js'
import { createDeliveryRepository } from './deliveries.js'
import type { DeliveryRepository } from './deliveries.js'
import type { AuditRepository } from './audit.js'
import { createDemoRepository } from './demo.js'
import type { DemoRepository } from './demo.js'
import { createContactRepository } from './contacts.js'
import type { ContactRepository } from './contacts.js'
import { createKeywordRepository } from './keywords.js'
import { createMediaRepository } from './media.js'
import type { MediaRepository } from './media.js'
import { createReadingRepository } from './readings.js'
import type { ReadingRepository } from './readings.js'
import { createSearchRepository } from './search.js'
import type { SearchRepository } from './search.js'
import type { KeywordRepository } from './keywords.js'
import { createNewsroomRepository } from './newsrooms.js'
import type { NewsroomRepository } from './newsrooms.js'
import { createOutboxRepository } from './outbox.js'
import type { OutboxRepository } from './outbox.js'
import { createPublicReleaseRepository } from './public-releases.js'
import type { PublicReleaseRepository } from './public-releases.js'
import { createReleaseRepository } from './releases.js'
import type { ReleaseRepository } from './releases.js'
import { createReleaseViewRepository } from './release-views.js'
import type { ReleaseViewRepository } from './release-views.js'
import { createSettingsRepository } from './settings.js'
import type { SettingsRepository } from './settings.js'
import { createApiTokenRepository } from './api-tokens.js'
import type { ApiTokenRepository } from './api-tokens.js'
import { createRateLimitRepository } from './rate-limits.js'
import type { RateLimitRepository } from './rate-limits.js'
import { createSessionRepository } from './sessions.js'
import type { SessionRepository } from './sessions.js'
import { createStaffNewsroomRepository } from './staff-newsrooms.js'
import type { StaffNewsroomRepository } from './staff-newsrooms.js'
import { createUserRepository } from './users.js'
import type { UserRepository } from './users.js'
import { createConsentRepository } from './consents.js'
import type { ConsentRepository } from './consents.js'
import { createSubscriberTokenRepository } from './subscriber-tokens.js'
import type { SubscriberTokenRepository } from './subscriber-tokens.js'
import { createSubscriberRepository } from './subscribers.js'
import type { SubscriberRepository } from './subscribers.js'
import { createSuppressionRepository } from './suppressions.js'
import { createMediaListRepository } from './media-lists.js'
import type { MediaListRepository } from './media-lists.js'
import { createEmbargoRepository } from './embargoes.js'
import type { EmbargoRepository } from './embargoes.js'
import type { SuppressionRepository } from './suppressions.js'
import { createWebhookRepository } from './webhooks.js'
import type { WebhookRepository } from './webhooks.js'

export type Executor = Kysely<Database>

export interface Repositories {
  audit: AuditRepository
  outbox: OutboxRepository
  settings: SettingsRepository
  // -- releases and newsrooms --
  releaseViews: ReleaseViewRepository
  releases: ReleaseRepository
  attachments: AttachmentRepository
  media: MediaRepository
  keywords: KeywordRepository
  contacts: ContactRepository
  mediaLists: MediaListRepository
  embargoes: EmbargoRepository

  // -- public reads --
  newsrooms: NewsroomRepository
  publicReleases: PublicReleaseRepository
  calendar: CalendarRepository
  search: SearchRepository
  demo: DemoRepository
  /** Page views and feed fetches per day (sums only). */
  readings: ReadingRepository

  // -- subscriptions --
  subscribers: SubscriberRepository
  subscriberTokens: SubscriberTokenRepository
  consents: ConsentRepository
  suppressions: SuppressionRepository

  // -- deliveries --
  deliveries: DeliveryRepository
  digests: DigestRepository

  // -- integrations --
  webhooks: WebhookRepository

  // -- staff users --
  users: UserRepository
  sessions: SessionRepository
  apiTokens: ApiTokenRepository
  rateLimits: RateLimitRepository
  staffNewsrooms: StaffNewsroomRepository

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
    releases: createReleaseRepository(db),
    attachments: createAttachmentRepository(db),
    media: createMediaRepository(db),
    keywords: createKeywordRepository(db),
    contacts: createContactRepository(db),
    mediaLists: createMediaListRepository(db),
    embargoes: createEmbargoRepository(db),

    // -- public reads --
    newsrooms: createNewsroomRepository(db),
    publicReleases: createPublicReleaseRepository(db),
    calendar: createCalendarRepository(db),
    search: createSearchRepository(db),
    demo: createDemoRepository(db),
    readings: createReadingRepository(db),

    // -- subscriptions --
    subscribers: createSubscriberRepository(db),
    subscriberTokens: createSubscriberTokenRepository(db),
    consents: createConsentRepository(db),
    suppressions: createSuppressionRepository(db),

    // -- deliveries --
    deliveries: createDeliveryRepository(db),
    digests: createDigestRepository(db),

    // -- integrations --
    webhooks: createWebhookRepository(db),

    // -- staff users --
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    apiTokens: createApiTokenRepository(db),
    rateLimits: createRateLimitRepository(db),
    staffNewsrooms: createStaffNewsroomRepository(db),

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
