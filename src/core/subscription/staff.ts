/**
 * Subscribers as staff see them (API and admin): search and filter, counts by status and
 * language, adding one subscriber, erasure on request. Every function checks the actor's
 * `subscriber.manage` permission.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { auditOfSubject } from '../audit.js'
import type { AuditView } from '../audit.js'
import type { Repositories } from '../../db/repositories/index.js'
import { SubscriberWriteConflict } from '../../db/repositories/subscribers.js'
import type {
  SubscriberFilter as SubscriberRowFilter,
  SubscriberRow,
} from '../../db/repositories/subscribers.js'
import type { Lang, SubscriberFrequency, SubscriberStatus } from '../types.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import { consentRow } from './consent.js'
import { displayEmail } from './email-address.js'
import { eraseSubscriber } from './manage.js'
import type { SubscriptionDeps } from './ports.js'
import { preferenceRows, subscriptionViews } from './preferences.js'
import type { PreferencesInput, StoredPreferences } from './preferences.js'
import { confirmationEmail, newTokenSecret, validateSubscribeRequest } from './subscribe.js'
import type { ValidSubscribeRequest } from './subscribe.js'
import { suppressionKey } from './suppressions.js'
import { authorizeNewsrooms, requireSubscriberInScope, subscriberScope } from './scope.js'
import type { ItemOutcome } from '../group-commit.js'
import { queueWebhookEvents } from '../webhooks/events.js'

export interface SubscriberSummary {
  id: number
  email: string
  status: SubscriberStatus
  languages: Lang[]
  newsrooms: string[]
  paused: boolean
  /** An email per release, or a daily or weekly digest. */
  frequency: SubscriberFrequency
  suppressed: boolean
  suppressionReason: string | null
  createdAt: string
  confirmedAt: string | null
  unsubscribedAt: string | null
}

export interface SubscriberDetail extends SubscriberSummary {
  subscriptions: StoredPreferences['subscriptions']
}

export interface SubscriberFilter {
  /** Part of the address, case-insensitive. */
  q?: string
  status?: SubscriberStatus
  lang?: Lang
  /** Newsroom slug. */
  newsroom?: string
  suppressed?: boolean
  paused?: boolean
  limit?: number
  /** From the previous page's nextCursor. */
  cursor?: string
}

type SubscriberRepos = Pick<Repositories, 'subscribers'>

async function summaries(
  repos: SubscriberRepos,
  rows: SubscriberRow[],
): Promise<SubscriberSummary[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const langs = await repos.subscribers.languagesOf(ids)
  const subs = await repos.subscribers.subscriptionsOf(ids)
  return rows.map((r) => summaryOf(r, langs.get(r.id) ?? [], subs))
}

function summaryOf(
  r: Pick<
    SubscriberRow,
    | 'id'
    | 'email'
    | 'status'
    | 'paused_at'
    | 'frequency'
    | 'suppressed_at'
    | 'suppression_reason'
    | 'created_at'
    | 'confirmed_at'
    | 'unsubscribed_at'
  >,
  languages: Lang[],
  subscriptions: { subscriber_id: number; slug: string }[],
): SubscriberSummary {
  return {
    id: r.id,
    email: displayEmail(r.email),
    status: r.status,
    languages,
    newsrooms: subscriptions.filter((s) => s.subscriber_id === r.id).map((s) => s.slug),
    paused: r.paused_at !== null,
    frequency: r.frequency,
    suppressed: r.suppressed_at !== null,
    suppressionReason: r.suppression_reason,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
  }
}

/**
 * One keyset page of subscribers matching the filter: `after` is the last id of the previous
 * page, `next` the one to pass for the page after this (null on the last page).
 */
export async function pageOfSubscribers(
  repos: SubscriberRepos,
  filter: SubscriberRowFilter,
  page: { order: 'newest' | 'oldest'; after?: number; limit: number },
): Promise<{ rows: SubscriberRow[]; next: number | null }> {
  const rows = await repos.subscribers.page(filter, { ...page, limit: page.limit + 1 })
  const items = rows.slice(0, page.limit)
  return {
    rows: items,
    next: rows.length > page.limit ? items[items.length - 1].id : null,
  }
}

/** One page of subscribers, newest first. */
export async function listSubscribers(
  deps: Pick<SubscriptionDeps, 'repos'>,
  actor: Actor,
  filter: SubscriberFilter = {},
): Promise<{ items: SubscriberSummary[]; nextCursor: string | null }> {
  const scope = await subscriberScope(deps.repos, actor, filter.newsroom)
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500)
  if (filter.cursor && !/^\d{1,12}$/.test(filter.cursor)) {
    throw new ValidationError(
      'cursor: Use the nextCursor of the previous page',
      { cursor: 'Use the nextCursor of the previous page' },
      { cursor: 'invalid' },
    )
  }
  const q = filter.q?.trim()
  const { rows, next } = await pageOfSubscribers(
    deps.repos,
    {
      emailContains: q ? q.toLowerCase() : undefined,
      status: filter.status,
      suppressed: filter.suppressed,
      paused: filter.paused,
      lang: filter.lang,
      ...scope,
    },
    { order: 'newest', after: filter.cursor ? Number(filter.cursor) : undefined, limit },
  )
  return {
    items: await summaries(deps.repos, rows),
    nextCursor: next === null ? null : String(next),
  }
}

export interface SubscriberCounts {
  total: number
  byStatus: Record<SubscriberStatus, number>
  /** Confirmed, not paused, not suppressed: who gets the next release. */
  active: number
  paused: number
  suppressed: number
  /** Confirmed subscribers by their first-choice language. */
  byLanguage: Record<Lang, number>
}

export async function subscriberCounts(
  deps: Pick<SubscriptionDeps, 'repos'>,
  actor: Actor,
  options: { newsroom?: string } = {},
): Promise<SubscriberCounts> {
  const counts = await deps.repos.subscribers.counts(
    await subscriberScope(deps.repos, actor, options.newsroom),
  )
  const byStatus = { pending: 0, confirmed: 0, unsubscribed: 0 }
  for (const row of counts.byStatus) byStatus[row.status] = row.n
  const byLanguage = { fi: 0, sv: 0, en: 0 }
  for (const row of counts.byFirstLanguage) byLanguage[row.lang] = row.n
  return {
    total: byStatus.pending + byStatus.confirmed + byStatus.unsubscribed,
    byStatus,
    active: counts.active,
    paused: counts.paused,
    suppressed: counts.suppressed,
    byLanguage,
  }
}

export async function getSubscriber(
  deps: Pick<SubscriptionDeps, 'repos'>,
  actor: Actor,
  id: number,
): Promise<SubscriberDetail> {
  await requireSubscriberInScope(deps.repos, actor, id)
  return subscriberDetail(deps.repos, id)
}

/** One email of a release or correction to a subscriber, as the subscriber page lists it. */
export interface SubscriberEmail {
  releaseId: number
  /** The release's title in the email's language (null if that version is gone). */
  title: string | null
  /** 'release', or 'correction-<id>' for a correction notice. */
  kind: string
  lang: Lang
  status: string
  smtpResponse: string | null
  sentAt: string | null
  createdAt: string
}

/** What staff see on one subscriber's page. */
export interface SubscriberRecord {
  subscriber: SubscriberDetail
  /** Proof of consent and every change of it, oldest first. */
  consents: { action: string; source: string; text: string | null; at: string }[]
  /** The latest 20 emails, newest first. */
  emails: SubscriberEmail[]
  /** The latest 20 audit entries about them, newest first. */
  audit: AuditView[]
}

/**
 * One subscriber with their consent records, latest emails and audit entries: for staff who may
 * manage subscribers of one of the newsrooms they subscribe to (404 for others).
 */
export async function subscriberRecord(
  deps: Pick<SubscriptionDeps, 'repos'>,
  actor: Actor,
  id: number,
): Promise<SubscriberRecord> {
  await requireSubscriberInScope(deps.repos, actor, id)
  const [subscriber, consents, emails, audit] = await Promise.all([
    subscriberDetail(deps.repos, id),
    deps.repos.consents.listOf(id),
    deps.repos.deliveries.recentOfSubscriber(id, 20),
    auditOfSubject(deps.repos, `subscriber:${id}`, 20),
  ])
  return {
    subscriber,
    consents: consents.map((row) => ({
      action: row.action,
      source: row.source,
      text: row.text,
      at: row.created_at,
    })),
    emails: emails.map((row) => ({
      releaseId: row.release_id,
      title: row.title,
      kind: row.kind,
      lang: row.lang,
      status: row.status,
      smtpResponse: row.smtp_response,
      sentAt: row.sent_at,
      createdAt: row.created_at,
    })),
    audit,
  }
}

async function subscriberDetail(repos: SubscriberRepos, id: number): Promise<SubscriberDetail> {
  const row = await repos.subscribers.findById(id)
  if (!row) throw new NotFoundError(`No subscriber ${id}`)
  // One read of each: the summary and the subscriptions come from the same rows.
  const [langs, subs] = await Promise.all([
    repos.subscribers.languagesOf([id]),
    repos.subscribers.subscriptionsOf([id]),
  ])
  return { ...summaryOf(row, langs.get(id) ?? [], subs), subscriptions: subscriptionViews(subs) }
}

/** Proof of an earlier consent, required when staff add someone as already confirmed. */
export interface ConsentProof {
  /** Where the person consented, e.g. "press event sign-up sheet 2025-09" or a URL. */
  source: string
  /** The wording they agreed to. */
  text?: string
  /** When they consented (ISO 8601). */
  at: string
}

export interface StaffSubscriberInput extends PreferencesInput {
  email: unknown
  status?: 'pending' | 'confirmed'
  consent?: ConsentProof
}

export function validateConsentProof(
  consent: Partial<ConsentProof> | undefined,
  now: Date,
  fields: Record<string, string>,
  prefix = 'consent',
): ConsentProof | undefined {
  if (!consent || typeof consent !== 'object') {
    fields[prefix] = 'Confirmed subscribers need a consent record: { source, text, at }'
    return undefined
  }
  const source = typeof consent.source === 'string' ? consent.source.trim() : ''
  if (source === '' || source.length > 500) {
    fields[`${prefix}.source`] = 'Say where the person consented (1–500 characters)'
  }
  const text = typeof consent.text === 'string' ? consent.text.trim() : undefined
  if (text !== undefined && text.length > 5000) {
    fields[`${prefix}.text`] = 'At most 5000 characters'
  }
  const at = typeof consent.at === 'string' ? new Date(consent.at) : undefined
  if (!at || Number.isNaN(at.getTime())) {
    fields[`${prefix}.at`] = 'Give the time of consent as ISO 8601, e.g. 2025-09-29T14:48:00Z'
  } else if (at.getTime() > now.getTime() + 60_000) {
    fields[`${prefix}.at`] = 'The time of consent is in the future'
  }
  if (fields[`${prefix}.source`] || fields[`${prefix}.text`] || fields[`${prefix}.at`]) {
    return undefined
  }
  return { source, text: text || undefined, at: at!.toISOString() }
}

/**
 * Staff add one subscriber. `confirmed` (with a consent record) is for people who already
 * consented elsewhere; `pending` sends them the normal confirmation email.
 */
export async function createSubscriber(
  deps: SubscriptionDeps,
  actor: Actor,
  input: StaffSubscriberInput,
): Promise<SubscriberDetail> {
  authorize(actor, 'subscriber.manage')
  const status = input.status ?? 'pending'
  const fields: Record<string, string> = {}
  if (status !== 'pending' && status !== 'confirmed') fields.status = 'Use pending or confirmed'
  const consent =
    status === 'confirmed'
      ? validateConsentProof(input.consent, deps.clock.now(), fields)
      : undefined
  const valid = await validateSubscribeRequest(deps.repos, input).catch((error: unknown) => {
    if (error instanceof ValidationError) {
      Object.assign(fields, error.fields)
      return undefined
    }
    throw error
  })
  if (!valid || Object.keys(fields).length > 0) {
    const [key, message] = Object.entries(fields)[0]
    throw new ValidationError(`${key}: ${message}`, fields)
  }
  authorizeNewsrooms(
    actor,
    valid.preferences.newsrooms.map((room) => room.id),
  )
  const item: NewSubscriberItem = { actor, ...valid, status, consent }
  if (deps.addSubscriber) return deps.addSubscriber(item)
  const [outcome] = await writeNewSubscribers(deps, [item])
  if (!outcome.ok) throw outcome.error
  return outcome.value
}

/** A subscriber staff add, checked and ready to be written. */
export interface NewSubscriberItem extends ValidSubscribeRequest {
  actor: Actor
  status: 'pending' | 'confirmed'
  /** Proof of an earlier consent; given for `confirmed` only. */
  consent?: ConsentProof
}

/**
 * Writes new subscribers in one transaction, a statement per table for all of them: the
 * subscribers, their languages and subscriptions, an audit entry and a consent record each, and
 * the outbox rows — a confirmation email for the pending, the `subscriber.confirmed` webhook
 * event for the confirmed. Each item is answered on its own: an address that is already a
 * subscriber (or comes twice) is refused with 409, the others are written. The answers are built
 * from what was written, so the database is not read again.
 *
 * The API's creates go through `groupCommit` (see `wiring/subscription.ts`): what arrives while
 * one transaction is being written is written together in the next.
 */
export async function writeNewSubscribers(
  deps: Pick<SubscriptionDeps, 'repos' | 'clock' | 'dispatch' | 'secretKey'>,
  items: NewSubscriberItem[],
): Promise<ItemOutcome<SubscriberDetail>[]> {
  let written: Awaited<ReturnType<typeof insertNewSubscribers>>
  try {
    written = await deps.repos.transaction((tx) => insertNewSubscribers(tx, deps, items))
  } catch (error) {
    if (!(error instanceof SubscriberWriteConflict)) throw error
    // Another request took one of the addresses after it was looked for: each item again on
    // its own, which now finds that subscriber and refuses only the item that wanted it.
    const outcomes: ItemOutcome<SubscriberDetail>[] = []
    for (const item of items) {
      try {
        const alone = await deps.repos.transaction((tx) => insertNewSubscribers(tx, deps, [item]))
        await deps.dispatch(alone.outboxIds)
        outcomes.push(alone.outcomes[0])
      } catch (failure) {
        // Only this item's answer: the ones before it are written, the ones after still go.
        outcomes.push({ ok: false, error: failure })
      }
    }
    return outcomes
  }
  await deps.dispatch(written.outboxIds)
  return written.outcomes
}

async function insertNewSubscribers(
  tx: Repositories,
  { clock, secretKey }: Pick<SubscriptionDeps, 'clock' | 'secretKey'>,
  items: NewSubscriberItem[],
) {
  const now = clock.now()
  const at = now.toISOString()
  // Suppressed addresses are refused first, in the transaction that would write them: one read
  // for the whole batch, and no suppression can slip in between the check and the write.
  const suppressionKeys = new Map(
    items.map((item) => [item.email.normalized, suppressionKey(secretKey, item.email.normalized)]),
  )
  const suppressed = new Set(
    (await tx.suppressions.findMany([...new Set(suppressionKeys.values())])).map(
      (row) => row.email_normalized,
    ),
  )
  const isSuppressed = (item: NewSubscriberItem) =>
    suppressed.has(suppressionKeys.get(item.email.normalized)!)
  const taken = new Map(
    (await tx.subscribers.findByEmails(items.map((item) => item.email.normalized))).map((row) => [
      row.email_normalized,
      row.id,
    ]),
  )
  // The first item for each address not yet taken is written; the rest are refused below.
  const fresh = new Map<string, NewSubscriberItem>()
  for (const item of items)
    if (
      !isSuppressed(item) &&
      !taken.has(item.email.normalized) &&
      !fresh.has(item.email.normalized)
    )
      fresh.set(item.email.normalized, item)
  const ids = await tx.subscribers.insertMany(
    [...fresh.values()].map((item) => ({
      email: item.email.address,
      email_normalized: item.email.normalized,
      status: item.status,
      token_secret: newTokenSecret(),
      confirmed_at: item.consent ? item.consent.at : null,
      last_confirmation_sent_at: item.status === 'pending' ? at : null,
      created_at: at,
      updated_at: at,
    })),
  )
  const written = [...fresh.values()].map((item) => ({
    item,
    id: ids.get(item.email.normalized)!,
  }))
  await tx.subscribers.insertManyPreferences(
    new Map(written.map(({ id, item }) => [id, preferenceRows(item.preferences)])),
    now,
  )
  await tx.audit.addMany(
    written.map(({ id, item }) => ({
      actor: item.actor.label,
      action: 'subscriber.create',
      subject: `subscriber:${id}`,
      details: { status: item.status },
      at: now,
    })),
  )
  await tx.consents.addMany(
    written.map(({ id, item }) =>
      item.consent
        ? importConsentRow(id, item.consent, item.actor)
        : consentRow(
            { subscriberId: id, action: 'subscribe', source: `staff:${item.actor.label}` },
            now,
          ),
    ),
  )
  const details = new Map(written.map((entry) => [entry.id, detailOfNew(entry, at)]))
  const pending = written.filter(({ item }) => item.status === 'pending')
  const outboxIds = await tx.outbox.addMany(
    pending.map(({ id }) => ({ ...confirmationEmail(id), dueAt: now, now })),
  )
  // Confirmed with proof of consent: announced as a confirmation link would announce it.
  const confirmed = written.filter(({ item }) => item.status === 'confirmed')
  outboxIds.push(
    ...(await queueWebhookEvents(
      tx,
      clock,
      confirmed.map(({ id, item }) => ({
        type: 'subscriber.confirmed' as const,
        data: { id, newsrooms: details.get(id)!.newsrooms, languages: item.preferences.languages },
        personal: { email: item.email.address },
      })),
    )),
  )
  const outcomes = items.map((item): ItemOutcome<SubscriberDetail> => {
    if (isSuppressed(item)) {
      return {
        ok: false,
        error: new ConflictError(
          'The address is on the suppression list; lift the suppression first',
          { email: 'Suppressed (bounced or complained)' },
          { email: 'not_allowed' },
        ),
      }
    }
    const id = taken.get(item.email.normalized) ?? ids.get(item.email.normalized)!
    if (fresh.get(item.email.normalized) === item) return { ok: true, value: details.get(id)! }
    return {
      ok: false,
      error: new ConflictError(
        'The address is already a subscriber',
        { email: `Already a subscriber (id ${id})` },
        { email: 'email_taken' },
      ),
    }
  })
  return { outcomes, outboxIds }
}

/** A subscriber just written, as reading it back would show it. */
function detailOfNew(
  { id, item }: { id: number; item: NewSubscriberItem },
  at: string,
): SubscriberDetail {
  const { preferences } = item
  const types = preferences.types ? JSON.stringify(preferences.types) : null
  const keywords = preferences.keywords ? JSON.stringify(preferences.keywords) : null
  const subscriptions = preferences.newsrooms
    .map((room) => ({
      subscriber_id: id,
      newsroom_id: room.id,
      slug: room.slug,
      types,
      keywords,
      created_at: at,
    }))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const row = {
    id,
    email: item.email.address,
    status: item.status,
    paused_at: null,
    frequency: preferences.frequency ?? 'immediate',
    suppressed_at: null,
    suppression_reason: null,
    created_at: at,
    confirmed_at: item.consent ? item.consent.at : null,
    unsubscribed_at: null,
  }
  return {
    ...summaryOf(row, preferences.languages, subscriptions),
    subscriptions: subscriptionViews(subscriptions),
  }
}

/** The consent row of an import: dated when the person consented, not when staff imported. */
export function importConsentRow(
  subscriberId: number,
  consent: ConsentProof & { textVersion?: string },
  actor: Pick<Actor, 'label'>,
) {
  return consentRow(
    {
      subscriberId,
      action: 'import',
      source: consent.source,
      textVersion: consent.textVersion ?? `import:${actor.label}`,
      text: consent.text ?? null,
    },
    consent.at,
  )
}

/** Erasure on request (staff act for a person who asked by other means). */
export async function deleteSubscriber(
  deps: SubscriptionDeps,
  actor: Actor,
  id: number,
): Promise<void> {
  await requireSubscriberInScope(deps.repos, actor, id)
  const erased = await eraseSubscriber(deps, id, { source: `staff:${actor.label}`, actor })
  if (!erased) throw new NotFoundError(`No subscriber ${id}`)
}
