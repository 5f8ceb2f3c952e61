/**
 * Table types for Kysely. Times are ISO-8601 UTC strings (`2025-09-29T14:48:33.000Z`) in both
 * SQLite and PostgreSQL so that they compare and sort the same way on either database.
 * Booleans are 0/1 integers and lists are JSON text for the same reason.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type {
  DeliveryStatus,
  DigestFrequency,
  Lang,
  ReleaseStatus,
  ReleaseType,
  SubscriberFrequency,
  SubscriberStatus,
  UserRole,
} from '../core/types.js'

export interface NewsroomsTable {
  id: Generated<number>
  slug: string
  /** JSON array of Lang, first is the default language. */
  languages: string
  timezone: string
  /** JSON array of { label, url }. */
  social_links: string
  website: string | null
  logo_attachment_id: number | null
  /** `#rrggbb`, contrast-checked; null: the site's own colour. */
  accent_color: string | null
  /** Reply-To of the newsroom's emails (the press office); null: none. */
  reply_to: string | null
  created_at: string
  updated_at: string
}

export interface NewsroomTranslationsTable {
  newsroom_id: number
  lang: Lang
  name: string
  boilerplate: string
  description: string
}

export interface ReleasesTable {
  id: Generated<number>
  newsroom_id: number
  type: ReleaseType
  status: ReleaseStatus
  /** When a scheduled release becomes public. */
  publish_at: string | null
  published_at: string | null
  withdrawn_at: string | null
  withdrawn_reason: string | null
  /** 0/1: email subscribers when published. */
  notify: number
  /** Set when every delivery of the release reached a terminal state. */
  delivered_at: string | null
  /** Set by the emergency stop; pending deliveries become cancelled. */
  sending_cancelled_at: string | null
  created_by_user_id: number | null
  /** The release's lead image (one of its image attachments). */
  lead_image_id: number | null
  created_at: string
  updated_at: string
}

export interface ReleaseVersionsTable {
  id: Generated<number>
  release_id: number
  /** Denormalised so that (newsroom, lang, slug) can be unique. */
  newsroom_id: number
  lang: Lang
  slug: string
  title: string
  lead: string
  body_md: string
  body_html: string
  updated_at: string
}

/** A keyword of a newsroom: a stable slug and a label per language. */
export interface KeywordTermsTable {
  id: Generated<number>
  newsroom_id: number
  slug: string
  /** JSON object { fi?: label, sv?: label, en?: label }. */
  labels: string
  created_at: string
  updated_at: string
}

/** Every label of a term, lower-cased and without accents: one name names one term. */
export interface KeywordNamesTable {
  newsroom_id: number
  match_key: string
  term_id: number
}

export interface ReleaseTermsTable {
  release_id: number
  term_id: number
  position: number
}

export interface ContactsTable {
  id: Generated<number>
  newsroom_id: number
  name: string
  /** JSON object { fi?: title, sv?: title, en?: title }. */
  titles: string
  phone: string | null
  email: string | null
  created_at: string
  /** 1: listed on the newsroom's public contacts page. */
  in_directory: Generated<number>
  /** JSON object { fi?, sv?, en? }: the directory group, e.g. "Viestintä" / "Kommunikation". */
  group_labels: Generated<string>
  /** Order in the directory, smallest first. */
  position: Generated<number>
  /** An image (attachment of no release) shown beside the contact. */
  photo_id: number | null
}

export interface ReleaseContactsTable {
  release_id: number
  contact_id: number
  position: number
}

export interface AttachmentsTable {
  id: Generated<number>
  /** Null while uploaded but not yet attached to a release (e.g. newsroom logo). */
  release_id: number | null
  /** `link`: a video on YouTube or Vimeo (`external_url`); no file is stored for it. */
  kind: 'image' | 'video' | 'file' | 'link'
  /** The newsroom the media belongs to (of its release, or the bank's, or the logo's). */
  newsroom_id: number | null
  /** 1: put in the media bank by staff directly, not through a release. */
  in_bank: Generated<number>
  /** Pixel size of an image (upright), null for other files. */
  width: number | null
  height: number | null
  /** A custom licence note; null means free for media use. */
  licence: string | null
  /** The address of a video link (kind `link`). */
  external_url: string | null
  /** The name shown to readers, sanitised. */
  filename: string
  /** Random storage key under the files directory; never derived from user input. */
  storage_key: string
  mime_type: string
  size: number
  sha256: string
  /** JSON object per language: { fi?: text, sv?: text, en?: text }. */
  caption: string
  alt_text: string
  credit: string | null
  position: number
  created_at: string
}

/** A web size of an image, made at upload; served like the original under its own key. */
export interface ImageRenditionsTable {
  storage_key: string
  attachment_id: number
  width: number
  height: number
  mime_type: string
  size: number
  sha256: string
}

/** A slug a newsroom had before; its addresses redirect to the current ones. */
export interface NewsroomOldSlugsTable {
  slug: string
  newsroom_id: number
  created_at: string
}

/** The event of an invitation; times are ISO UTC. */
export interface ReleaseEventsTable {
  release_id: number
  start_at: string
  end_at: string
  location: string
  online_url: string | null
  /** iCalendar SEQUENCE: raised on each edit and on withdrawal. */
  sequence: Generated<number>
  updated_at: string
}

/** A digest period of a newsroom, written when its digests are planned. */
export interface DigestPeriodsTable {
  newsroom_id: number
  frequency: DigestFrequency
  period_start: string
  period_end: string
  /** Set once every digest of the period is in the ledger. */
  planned_at: string | null
  created_at: string
}

/** The digest ledger: one row per (subscriber, newsroom, frequency, period end), unique. */
export interface DigestsTable {
  id: Generated<number>
  subscriber_id: number | null
  newsroom_id: number
  frequency: DigestFrequency
  period_start: string
  period_end: string
  lang: Lang
  /** JSON array of release ids, frozen at planning. */
  release_ids: string
  status: DeliveryStatus
  attempts: Generated<number>
  smtp_response: string | null
  message_id: string
  /** While `sending`: until when the claim holds. */
  lease_until: string | null
  sent_at: string | null
  created_at: string
  updated_at: string
}

export interface CorrectionsTable {
  id: Generated<number>
  release_id: number
  /** JSON object per language: { fi?: note, sv?: note, en?: note }. */
  note: string
  notify: number
  created_at: string
}

export interface SubscribersTable {
  id: Generated<number>
  email: string
  /** Lower-cased, IDN domain in punycode; unique. */
  email_normalized: string
  status: SubscriberStatus
  /** Random per subscriber; part of signed manage/unsubscribe tokens, rotated to revoke them. */
  token_secret: string
  suppressed_at: string | null
  suppression_reason: string | null
  paused_at: string | null
  confirmed_at: string | null
  unsubscribed_at: string | null
  last_confirmation_sent_at: string | null
  /** How often mail goes out: an email per release, or a daily or weekly digest. */
  frequency: Generated<SubscriberFrequency>
  created_at: string
  updated_at: string
}

export interface SubscriberLanguagesTable {
  subscriber_id: number
  lang: Lang
  position: number
}

export interface SubscriptionsTable {
  subscriber_id: number
  newsroom_id: number
  /** JSON array of ReleaseType, or null for all types. */
  types: string | null
  /** JSON array of keyword term slugs (of this newsroom), or null for all keywords. */
  keywords: string | null
  created_at: string
}

export interface SubscriberTokensTable {
  id: Generated<number>
  /** Null after erasure: the token row is kept only as spent. */
  subscriber_id: number | null
  purpose: 'confirm'
  token_hash: string
  expires_at: string
  used_at: string | null
  created_at: string
}

export interface ConsentsTable {
  id: Generated<number>
  /** Null once the subscriber is erased: the record proves the action, not the person. */
  subscriber_id: number | null
  action: 'subscribe' | 'confirm' | 'import' | 'update' | 'unsubscribe' | 'delete' | 'pause'
  source: string
  ip_hash: string | null
  text_version: string | null
  text: string | null
  created_at: string
}

export interface SuppressionsTable {
  email_normalized: string
  reason: 'hard-bounce' | 'complaint' | 'manual'
  detail: string | null
  created_at: string
}

export interface DeliveriesTable {
  id: Generated<number>
  release_id: number
  /** Null once the subscriber is erased; counts stay right. */
  subscriber_id: number | null
  /** 'release' for the release itself, 'correction-<id>' for a correction notice. */
  kind: string
  lang: Lang
  status: DeliveryStatus
  attempts: number
  smtp_response: string | null
  message_id: string
  next_attempt_at: string | null
  sent_at: string | null
  /** A media list contact's delivery (distribution at publication); subscriber_id is then null. */
  media_contact_id: Generated<number | null>
  /** The worker that last claimed the row for sending (see `lease_until`). */
  claimed_by: string | null
  /** While `sending`: until when the claim holds; renewed by its worker while it works. */
  lease_until: string | null
  created_at: string
  updated_at: string
}

/** A newsroom's journalist, on one or more of its media lists. */
export interface MediaContactsTable {
  id: Generated<number>
  newsroom_id: number
  email: string
  email_normalized: string
  name: string
  outlet: string
  lang: Lang
  /** JSON array of topic words. */
  topics: string
  created_at: string
  updated_at: string
}

/** A journalist's wish to get nothing more from a newsroom's media lists and embargoes. */
export interface MediaOptoutsTable {
  newsroom_id: number
  email_normalized: string
  opted_out_at: string
  /** `page` (the opt-out page's button) or `one-click` (RFC 8058, from the mail provider). */
  source: string
}

export interface MediaListsTable {
  id: Generated<number>
  newsroom_id: number
  name: string
  created_at: string
  updated_at: string
}

export interface MediaListMembersTable {
  list_id: number
  contact_id: number
  created_at: string
}

/** A release sent ahead under embargo; the release is scheduled for `until`. */
export interface EmbargoesTable {
  release_id: number
  until: string
  note: string | null
  created_at: string
  revoked_at: string | null
}

/** One recipient of an embargoed release and their personal link (only its token's hash). */
export interface EmbargoRecipientsTable {
  id: Generated<number>
  release_id: number
  contact_id: number | null
  email: string
  email_normalized: string
  name: string
  outlet: string
  lang: Lang
  token_hash: string
  /** Random per recipient; the link's token is an HMAC of it (see core/embargo/links.ts). */
  token_salt: string
  sent_at: string | null
  first_opened_at: string | null
  last_opened_at: string | null
  opens: Generated<number>
  revoked_at: string | null
  created_at: string
}

/** Media lists a release goes to when it is published. */
export interface ReleaseMediaListsTable {
  release_id: number
  list_id: number
}

export interface OutboxTable {
  id: Generated<number>
  /** Domain event or job kind, e.g. 'release.publish', 'subscription.confirm-email'. */
  /** The release a publish or fan-out row is about; null for other kinds. */
  release_id: number | null
  kind: string
  /** JSON with ids only. */
  payload: string
  due_at: string
  dispatched_at: string | null
  done_at: string | null
  attempts: number
  last_error: string | null
  created_at: string
}

export interface UsersTable {
  id: Generated<number>
  email: string
  name: string
  password_hash: string
  role: UserRole
  locale: Lang
  must_change_password: number
  failed_logins: number
  locked_until: string | null
  disabled_at: string | null
  last_login_at: string | null
  created_at: string
  updated_at: string
}

export interface UserNewsroomsTable {
  user_id: number
  newsroom_id: number
}

export interface SessionsTable {
  /** SHA-256 of the session cookie value. */
  id: string
  user_id: number
  csrf_token: string
  created_at: string
  expires_at: string
  last_seen_at: string
}

export interface ApiTokensTable {
  id: Generated<number>
  name: string
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string
  role: UserRole
  created_by_user_id: number | null
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export interface AuditLogTable {
  id: Generated<number>
  actor: string
  action: string
  subject: string
  details: string
  created_at: string
}

/** Small key-value table, e.g. the content version that public caches key on. */
export interface SettingsTable {
  key: string
  value: string
}

export interface RateLimitsTable {
  /** Hash of rule name and key. */
  key: string
  count: number
  resets_at: string
}

export interface WebhooksTable {
  id: Generated<number>
  url: string
  description: string
  /** JSON list of event types. */
  events: string
  /** 1: subscriber events carry the address. */
  include_addresses: number
  /** `whsec_` + base64; needed to sign, so kept as is (like the SMTP password in the config). */
  secret: string
  /** The secret before the last rotation; signs beside the new one until it expires. */
  previous_secret: string | null
  previous_secret_expires_at: string | null
  failing_since: string | null
  disabled_at: string | null
  /** Actor label of who created it, e.g. user:3. */
  created_by: string
  created_at: string
  updated_at: string
}

export interface WebhookMessagesTable {
  id: Generated<number>
  webhook_id: number
  /** The `webhook-id` header, `msg_…`, the same on every attempt. */
  message_id: string
  event_type: string
  /** The JSON body every attempt sends. */
  body: string
  /** pending, delivered, failed (gave up) or skipped (hook deleted or disabled). */
  status: string
  attempts: number
  created_at: string
  done_at: string | null
}

export interface WebhookDeliveriesTable {
  id: Generated<number>
  webhook_id: number
  message_id: number
  attempt: number
  status_code: number | null
  duration_ms: number
  error: string | null
  created_at: string
}

/** Reads of a release's pages per UTC day: sums only, nothing about who read (0015). */
export interface ReleasePageViewsTable {
  release_id: number
  /** `YYYY-MM-DD`, UTC. */
  day: string
  views: number
}

/** Fetches of a feed per UTC day, by its address without the query (0015). */
export interface FeedFetchesTable {
  feed: string
  day: string
  fetches: number
}

export interface Database {
  rate_limits: RateLimitsTable
  newsrooms: NewsroomsTable
  newsroom_translations: NewsroomTranslationsTable
  releases: ReleasesTable
  release_versions: ReleaseVersionsTable
  keyword_terms: KeywordTermsTable
  keyword_names: KeywordNamesTable
  release_terms: ReleaseTermsTable
  contacts: ContactsTable
  release_contacts: ReleaseContactsTable
  attachments: AttachmentsTable
  image_renditions: ImageRenditionsTable
  newsroom_old_slugs: NewsroomOldSlugsTable
  corrections: CorrectionsTable
  release_events: ReleaseEventsTable
  digest_periods: DigestPeriodsTable
  digests: DigestsTable
  subscribers: SubscribersTable
  subscriber_languages: SubscriberLanguagesTable
  subscriptions: SubscriptionsTable
  subscriber_tokens: SubscriberTokensTable
  consents: ConsentsTable
  suppressions: SuppressionsTable
  deliveries: DeliveriesTable
  outbox: OutboxTable
  media_contacts: MediaContactsTable
  media_lists: MediaListsTable
  media_list_members: MediaListMembersTable
  embargoes: EmbargoesTable
  embargo_recipients: EmbargoRecipientsTable
  release_media_lists: ReleaseMediaListsTable
  media_optouts: MediaOptoutsTable
  users: UsersTable
  user_newsrooms: UserNewsroomsTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  audit_log: AuditLogTable
  settings: SettingsTable
  webhooks: WebhooksTable
  webhook_messages: WebhookMessagesTable
  webhook_deliveries: WebhookDeliveriesTable
  release_page_views: ReleasePageViewsTable
  feed_fetches: FeedFetchesTable
}

export type Newsroom = Selectable<NewsroomsTable>
export type Release = Selectable<ReleasesTable>
export type NewRelease = Insertable<ReleasesTable>
export type ReleaseUpdate = Updateable<ReleasesTable>
export type ReleaseVersion = Selectable<ReleaseVersionsTable>
export type Attachment = Selectable<AttachmentsTable>
export type Subscriber = Selectable<SubscribersTable>
export type Delivery = Selectable<DeliveriesTable>
export type OutboxRow = Selectable<OutboxTable>
export type User = Selectable<UsersTable>
export type ApiToken = Selectable<ApiTokensTable>
export type Webhook = Selectable<WebhooksTable>
export type WebhookMessage = Selectable<WebhookMessagesTable>
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>
