/**
 * Subscribers as staff see them (API and admin): search and filter, counts by status and
 * language, adding one subscriber, erasure on request. Every function checks the actor's
 * `subscriber.manage` permission.
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Database, Subscriber } from '../../db/schema.js'
import type { Lang, SubscriberStatus } from '../types.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import { OUTBOX_KINDS, addOutboxRow } from '../../queue/outbox.js'
import { recordConsent } from './consent.js'
import { displayEmail } from './email-address.js'
import { eraseSubscriber } from './manage.js'
import type { SubscriptionDeps } from './ports.js'
import { readPreferences, writePreferences } from './preferences.js'
import type { PreferencesInput, StoredPreferences } from './preferences.js'
import { validateSubscribeRequest } from './subscribe.js'
import { isSuppressedAddress } from './suppressions.js'

export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = [
  'pending',
  'confirmed',
  'unsubscribed',
]

type Reader = Pick<Kysely<Database>, 'selectFrom'>

export interface SubscriberSummary {
  id: number
  email: string
  status: SubscriberStatus
  languages: Lang[]
  newsrooms: string[]
  paused: boolean
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

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

async function summaries(db: Reader, rows: Subscriber[]): Promise<SubscriberSummary[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const langs = await db
    .selectFrom('subscriber_languages')
    .select(['subscriber_id', 'lang'])
    .where('subscriber_id', 'in', ids)
    .orderBy('subscriber_id')
    .orderBy('position')
    .execute()
  const subs = await db
    .selectFrom('subscriptions')
    .innerJoin('newsrooms', 'newsrooms.id', 'subscriptions.newsroom_id')
    .select(['subscriptions.subscriber_id', 'newsrooms.slug'])
    .where('subscriptions.subscriber_id', 'in', ids)
    .orderBy('newsrooms.slug')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: displayEmail(r.email),
    status: r.status,
    languages: langs.filter((l) => l.subscriber_id === r.id).map((l) => l.lang),
    newsrooms: subs.filter((s) => s.subscriber_id === r.id).map((s) => s.slug),
    paused: r.paused_at !== null,
    suppressed: r.suppressed_at !== null,
    suppressionReason: r.suppression_reason,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
  }))
}

/** One page of subscribers, newest first. */
export async function listSubscribers(
  deps: Pick<SubscriptionDeps, 'db'>,
  actor: Actor,
  filter: SubscriberFilter = {},
): Promise<{ items: SubscriberSummary[]; nextCursor: string | null }> {
  authorize(actor, 'subscriber.manage')
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500)
  let query = deps.db.selectFrom('subscribers').selectAll()
  if (filter.q && filter.q.trim() !== '') {
    const pattern = `%${escapeLike(filter.q.trim().toLowerCase())}%`
    query = query.where(sql<boolean>`email_normalized like ${pattern} escape '\\'`)
  }
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.suppressed !== undefined)
    query = query.where('suppressed_at', filter.suppressed ? 'is not' : 'is', null)
  if (filter.paused !== undefined)
    query = query.where('paused_at', filter.paused ? 'is not' : 'is', null)
  if (filter.lang) {
    const lang = filter.lang
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('subscriber_languages').select('subscriber_id').where('lang', '=', lang),
    )
  }
  if (filter.newsroom) {
    const slug = filter.newsroom
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('subscriptions')
        .innerJoin('newsrooms', 'newsrooms.id', 'subscriptions.newsroom_id')
        .select('subscriptions.subscriber_id')
        .where('newsrooms.slug', '=', slug),
    )
  }
  if (filter.cursor) {
    if (!/^\d{1,12}$/.test(filter.cursor)) {
      throw new ValidationError('cursor: Use the nextCursor of the previous page', {
        cursor: 'Use the nextCursor of the previous page',
      })
    }
    query = query.where('id', '<', Number(filter.cursor))
  }
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  return {
    items: await summaries(deps.db, page),
    nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
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
  deps: Pick<SubscriptionDeps, 'db'>,
  actor: Actor,
  options: { newsroom?: string } = {},
): Promise<SubscriberCounts> {
  authorize(actor, 'subscriber.manage')
  const { db } = deps
  const inNewsroom = options.newsroom
  const scoped = () => {
    let q = db.selectFrom('subscribers')
    if (inNewsroom) {
      q = q.where('subscribers.id', 'in', (eb) =>
        eb
          .selectFrom('subscriptions')
          .innerJoin('newsrooms', 'newsrooms.id', 'subscriptions.newsroom_id')
          .select('subscriptions.subscriber_id')
          .where('newsrooms.slug', '=', inNewsroom),
      )
    }
    return q
  }
  const statusRows = await scoped()
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()
  const flags = await scoped()
    .select([
      (eb) => eb.fn.count<number>('paused_at').as('paused'),
      (eb) => eb.fn.count<number>('suppressed_at').as('suppressed'),
    ])
    .executeTakeFirstOrThrow()
  const active = await scoped()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'confirmed')
    .where('paused_at', 'is', null)
    .where('suppressed_at', 'is', null)
    .executeTakeFirstOrThrow()
  const langRows = await scoped()
    .innerJoin('subscriber_languages', 'subscriber_languages.subscriber_id', 'subscribers.id')
    .select(['subscriber_languages.lang', (eb) => eb.fn.countAll<number>().as('n')])
    .where('subscriber_languages.position', '=', 0)
    .where('subscribers.status', '=', 'confirmed')
    .groupBy('subscriber_languages.lang')
    .execute()
  const byStatus = { pending: 0, confirmed: 0, unsubscribed: 0 }
  for (const row of statusRows) byStatus[row.status] = Number(row.n)
  const byLanguage = { fi: 0, sv: 0, en: 0 }
  for (const row of langRows) byLanguage[row.lang] = Number(row.n)
  return {
    total: byStatus.pending + byStatus.confirmed + byStatus.unsubscribed,
    byStatus,
    active: Number(active.n),
    paused: Number(flags.paused),
    suppressed: Number(flags.suppressed),
    byLanguage,
  }
}

export async function getSubscriber(
  deps: Pick<SubscriptionDeps, 'db'>,
  actor: Actor,
  id: number,
): Promise<SubscriberDetail> {
  authorize(actor, 'subscriber.manage')
  const row = await deps.db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new NotFoundError(`No subscriber ${id}`)
  const [summary] = await summaries(deps.db, [row])
  const prefs = await readPreferences(deps.db, id)
  return { ...summary, subscriptions: prefs.subscriptions }
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
  const valid = await validateSubscribeRequest(deps.db, input).catch((error: unknown) => {
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
  if (await isSuppressedAddress(deps.db, deps.secretKey, valid.email.normalized)) {
    throw new ConflictError('The address is on the suppression list; lift the suppression first', {
      email: 'Suppressed (bounced or complained)',
    })
  }
  const nowIso = deps.clock.now().toISOString()
  const { id, outboxId } = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('subscribers')
      .select('id')
      .where('email_normalized', '=', valid.email.normalized)
      .executeTakeFirst()
    if (existing) {
      throw new ConflictError('The address is already a subscriber', {
        email: `Already a subscriber (id ${existing.id})`,
      })
    }
    const inserted = await trx
      .insertInto('subscribers')
      .values({
        email: valid.email.address,
        email_normalized: valid.email.normalized,
        status,
        token_secret: randomBytes(18).toString('base64url'),
        confirmed_at: consent ? consent.at : null,
        last_confirmation_sent_at: status === 'pending' ? nowIso : null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writePreferences(trx, deps.clock, inserted.id, valid.preferences)
    await recordAudit(trx, actor, deps.clock.now(), {
      action: 'subscriber.create',
      subject: `subscriber:${inserted.id}`,
      details: { status },
    })
    if (consent) {
      await recordImportConsent(trx, inserted.id, consent, actor)
      return { id: inserted.id, outboxId: undefined }
    }
    await recordConsent(trx, deps.clock, {
      subscriberId: inserted.id,
      action: 'subscribe',
      source: `staff:${actor.label}`,
    })
    const outboxId = await addOutboxRow(trx, deps.clock, {
      kind: OUTBOX_KINDS.email,
      payload: { template: 'confirm', subscriberId: inserted.id },
    })
    return { id: inserted.id, outboxId }
  })
  if (outboxId !== undefined) await deps.dispatch([outboxId])
  return getSubscriber(deps, actor, id)
}

/** The consent row of an import: dated when the person consented, not when staff imported. */
export async function recordImportConsent(
  trx: Pick<Kysely<Database>, 'insertInto'>,
  subscriberId: number,
  consent: ConsentProof & { textVersion?: string },
  actor: Actor,
): Promise<void> {
  await trx
    .insertInto('consents')
    .values({
      subscriber_id: subscriberId,
      action: 'import',
      source: consent.source.slice(0, 500),
      ip_hash: null,
      text_version: consent.textVersion ?? `import:${actor.label}`,
      text: consent.text ?? null,
      created_at: consent.at,
    })
    .execute()
}

/** Erasure on request (staff act for a person who asked by other means). */
export async function deleteSubscriber(
  deps: SubscriptionDeps,
  actor: Actor,
  id: number,
): Promise<void> {
  authorize(actor, 'subscriber.manage')
  const erased = await eraseSubscriber(deps, id, { source: `staff:${actor.label}`, actor })
  if (!erased) throw new NotFoundError(`No subscriber ${id}`)
}
