/**
 * Subscribing with double opt-in.
 *
 * `subscribe` answers the same way for a new, pending, confirmed or suppressed address — the
 * caller always shows "check your inbox" — so the form reveals nothing about who subscribes.
 * What happens behind it:
 * - new or unsubscribed address: stored as pending with its preferences and a consent record,
 *   and a confirmation email is queued (outbox row in the same transaction);
 * - pending: preferences replaced, the confirmation re-sent at most once per 10 minutes;
 * - confirmed: nothing changes (a stranger must not edit someone's subscription); the owner
 *   gets at most one "you are already subscribed" email per 10 minutes with a manage link;
 * - suppressed (bounced or complained): nothing is stored or sent.
 *
 * `confirmSubscription` spends a confirmation token (only on POST: mail scanners follow GETs).
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/errors.js'
import type { Database } from '../../db/schema.js'
import type { Lang } from '../types.js'
import { OUTBOX_KINDS, addOutboxRow } from '../../queue/outbox.js'
import { CONSENT_TEXT_VERSION, ipHash, recordConsent } from './consent.js'
import { inspectConfirmToken, issueConfirmToken } from './confirm-tokens.js'
import type { ConfirmTokenState } from './confirm-tokens.js'
import { EMAIL_PROBLEM_MESSAGES, displayEmail, parseEmail } from './email-address.js'
import type { ParsedEmail } from './email-address.js'
import { signSubscriberToken, subscriberLinks } from './links.js'
import type { ActionContext, SubscriptionDeps } from './ports.js'
import { Problems, parsePreferences, writePreferences } from './preferences.js'
import type { Preferences, PreferencesInput } from './preferences.js'
import { isSuppressedAddress } from './suppressions.js'

/** At most one confirmation (or "already subscribed") email per address in this period. */
export const RESEND_INTERVAL_MS = 10 * 60_000

export interface SubscribeRequest extends PreferencesInput {
  email: unknown
  /** Where the form was and what it said: kept in the consent record. */
  context: ActionContext & { textVersion?: string; text?: string }
}

/** What happened, for logs and tests; callers must not show it to the requester. */
export type SubscribeOutcome =
  'confirmation-queued' | 'reminder-queued' | 'throttled' | 'suppressed'

export interface ValidSubscribeRequest {
  email: ParsedEmail
  preferences: Preferences
}

/** Checks the input; throws SubscriptionInputError with per-field codes. */
export async function validateSubscribeRequest(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  request: Omit<SubscribeRequest, 'context'>,
): Promise<ValidSubscribeRequest> {
  const problems = new Problems()
  const parsed = parseEmail(request.email)
  if (!parsed.ok) problems.add('email', parsed.problem, EMAIL_PROBLEM_MESSAGES[parsed.problem])
  const preferences = await parsePreferences(db, request, problems)
  problems.throwIfAny()
  return { email: (parsed as { value: ParsedEmail }).value, preferences }
}

const newTokenSecret = () => randomBytes(18).toString('base64url')

export async function subscribe(
  deps: SubscriptionDeps,
  request: SubscribeRequest,
): Promise<SubscribeOutcome> {
  const valid = await validateSubscribeRequest(deps.db, request)
  try {
    return await subscribeValid(deps, valid, request.context)
  } catch (error) {
    // Two requests for one new address at once: the second finds the first one's row.
    if (isUniqueViolation(error)) return subscribeValid(deps, valid, request.context)
    throw error
  }
}

async function subscribeValid(
  deps: SubscriptionDeps,
  { email, preferences }: ValidSubscribeRequest,
  context: SubscribeRequest['context'],
): Promise<SubscribeOutcome> {
  const { db, clock } = deps
  const now = clock.now()
  const nowIso = now.toISOString()
  const resendBefore = new Date(now.getTime() - RESEND_INTERVAL_MS).toISOString()

  const result = await db.transaction().execute(async (trx) => {
    if (await isSuppressedAddress(trx, deps.secretKey, email.normalized)) {
      return { outcome: 'suppressed' as const, outboxId: undefined }
    }
    const existing = await trx
      .selectFrom('subscribers')
      .selectAll()
      .where('email_normalized', '=', email.normalized)
      .executeTakeFirst()
    const mayMail =
      !existing ||
      existing.last_confirmation_sent_at === null ||
      existing.last_confirmation_sent_at <= resendBefore
    const queueEmail = async (subscriberId: number) => {
      await trx
        .updateTable('subscribers')
        .set({ last_confirmation_sent_at: nowIso })
        .where('id', '=', subscriberId)
        .execute()
      return addOutboxRow(trx, clock, {
        kind: OUTBOX_KINDS.email,
        payload: { template: 'confirm', subscriberId },
      })
    }

    if (existing?.status === 'confirmed') {
      if (!mayMail) return { outcome: 'throttled' as const, outboxId: undefined }
      return { outcome: 'reminder-queued' as const, outboxId: await queueEmail(existing.id) }
    }

    let subscriberId: number
    if (existing) {
      subscriberId = existing.id
      await trx
        .updateTable('subscribers')
        .set({ email: email.address, status: 'pending', updated_at: nowIso })
        .where('id', '=', existing.id)
        .execute()
    } else {
      const inserted = await trx
        .insertInto('subscribers')
        .values({
          email: email.address,
          email_normalized: email.normalized,
          status: 'pending',
          token_secret: newTokenSecret(),
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      subscriberId = inserted.id
    }
    await writePreferences(trx, clock, subscriberId, preferences)
    await recordConsent(trx, clock, {
      subscriberId,
      action: 'subscribe',
      source: context.source,
      ipHash: ipHash(deps.secretKey, context.ip),
      textVersion: context.textVersion ?? CONSENT_TEXT_VERSION,
      text: context.text ?? null,
    })
    if (!mayMail) return { outcome: 'throttled' as const, outboxId: undefined }
    return { outcome: 'confirmation-queued' as const, outboxId: await queueEmail(subscriberId) }
  })
  if (result.outboxId !== undefined) await deps.dispatch([result.outboxId])
  return result.outcome
}

export interface ConfirmationEmail {
  to: string
  lang: Lang
  /** Template data for templates/email/confirm.<lang>.*.hbs */
  data: {
    alreadyConfirmed: boolean
    confirmUrl: string | null
    manageUrl: string | null
    email: string
    newsrooms: string
    expiresInHours: number
    publicUrl: string
  }
}

/**
 * For the email worker: the confirmation (or "already subscribed") email of a subscriber, or
 * null when it is no longer wanted (erased, suppressed, unsubscribed meanwhile). The random
 * token is made here, when the message is built, so that only its hash is ever stored.
 */
export async function prepareConfirmationEmail(
  deps: Pick<SubscriptionDeps, 'db' | 'clock' | 'secretKey' | 'publicUrl'>,
  subscriberId: number,
): Promise<ConfirmationEmail | null> {
  const { db } = deps
  const subscriber = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', '=', subscriberId)
    .executeTakeFirst()
  if (!subscriber || subscriber.suppressed_at) return null
  if (subscriber.status === 'unsubscribed') return null
  const languages = await db
    .selectFrom('subscriber_languages')
    .select('lang')
    .where('subscriber_id', '=', subscriberId)
    .orderBy('position')
    .execute()
  const lang: Lang = languages[0]?.lang ?? 'fi'
  const names = await db
    .selectFrom('subscriptions')
    .innerJoin(
      'newsroom_translations',
      'newsroom_translations.newsroom_id',
      'subscriptions.newsroom_id',
    )
    .select([
      'subscriptions.newsroom_id',
      'newsroom_translations.lang',
      'newsroom_translations.name',
    ])
    .where('subscriptions.subscriber_id', '=', subscriberId)
    .execute()
  const byNewsroom = new Map<number, string>()
  for (const row of names) {
    if (row.lang === lang || !byNewsroom.has(row.newsroom_id))
      byNewsroom.set(row.newsroom_id, row.name)
  }
  const alreadyConfirmed = subscriber.status === 'confirmed'
  const confirmUrl = alreadyConfirmed
    ? null
    : `${deps.publicUrl}/subscriptions/confirm/${await issueConfirmToken(db, deps.clock, subscriberId)}`
  const manageUrl = alreadyConfirmed
    ? subscriberLinks(deps.publicUrl, deps.secretKey, subscriber).manageUrl
    : null
  return {
    to: subscriber.email,
    lang,
    data: {
      alreadyConfirmed,
      confirmUrl,
      manageUrl,
      email: displayEmail(subscriber.email),
      newsrooms: [...byNewsroom.values()].join(', '),
      expiresInHours: 48,
      publicUrl: deps.publicUrl,
    },
  }
}

export type ConfirmResult =
  | { ok: true; subscriberId: number; lang: Lang; manageToken: string }
  | { ok: false; reason: Exclude<ConfirmTokenState['state'], 'valid'> }

/** Confirms the subscription a token belongs to. Spends the token; safe to call twice. */
export async function confirmSubscription(
  deps: SubscriptionDeps,
  token: string,
  context: ActionContext,
): Promise<ConfirmResult> {
  const { db, clock } = deps
  const nowIso = clock.now().toISOString()
  return db.transaction().execute(async (trx) => {
    const check = await inspectConfirmToken(trx, clock, token)
    if (check.state !== 'valid') return { ok: false, reason: check.state }
    // Spend it conditionally: of two concurrent POSTs only one gets here with a row updated.
    const spent = await trx
      .updateTable('subscriber_tokens')
      .set({ used_at: nowIso })
      .where('id', '=', check.tokenId)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(spent.numUpdatedRows) === 0) return { ok: false, reason: 'used' }
    // Older confirmation links of the same subscriber are no longer needed.
    await trx
      .updateTable('subscriber_tokens')
      .set({ used_at: nowIso })
      .where('subscriber_id', '=', check.subscriberId)
      .where('purpose', '=', 'confirm')
      .where('used_at', 'is', null)
      .execute()
    const subscriber = await trx
      .selectFrom('subscribers')
      .selectAll()
      .where('id', '=', check.subscriberId)
      .executeTakeFirstOrThrow()
    if (subscriber.status !== 'confirmed') {
      await trx
        .updateTable('subscribers')
        .set({
          status: 'confirmed',
          confirmed_at: nowIso,
          unsubscribed_at: null,
          updated_at: nowIso,
        })
        .where('id', '=', subscriber.id)
        .execute()
      const consent = await trx
        .selectFrom('consents')
        .select(['text_version'])
        .where('subscriber_id', '=', subscriber.id)
        .where('action', '=', 'subscribe')
        .orderBy('id', 'desc')
        .executeTakeFirst()
      await recordConsent(trx, clock, {
        subscriberId: subscriber.id,
        action: 'confirm',
        source: context.source,
        ipHash: ipHash(deps.secretKey, context.ip),
        textVersion: consent?.text_version ?? CONSENT_TEXT_VERSION,
      })
    }
    const first = await trx
      .selectFrom('subscriber_languages')
      .select('lang')
      .where('subscriber_id', '=', subscriber.id)
      .orderBy('position')
      .executeTakeFirst()
    return {
      ok: true,
      subscriberId: subscriber.id,
      lang: first?.lang ?? 'fi',
      manageToken: signSubscriberToken(deps.secretKey, 'manage', subscriber),
    }
  })
}
