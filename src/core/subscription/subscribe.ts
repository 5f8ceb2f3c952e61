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
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { SubscriberWriteConflict } from '../../db/repositories/subscribers.js'
import { OUTBOX_KINDS, addOutboxRow } from '../outbox.js'
import type { Lang } from '../types.js'
import { CONSENT_TEXT_VERSION, ipHash, recordConsent } from './consent.js'
import { inspectConfirmToken, issueConfirmToken } from './confirm-tokens.js'
import type { ConfirmTokenState } from './confirm-tokens.js'
import { EMAIL_PROBLEM_MESSAGES, displayEmail, parseEmail } from './email-address.js'
import type { ParsedEmail } from './email-address.js'
import { signSubscriberToken, subscriberLinks } from './links.js'
import type { ActionContext, SubscriptionDeps } from './ports.js'
import { recordSubscriberEvent } from './webhook-events.js'
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
  repos: Pick<Repositories, 'subscribers' | 'keywords'>,
  request: Omit<SubscribeRequest, 'context'>,
): Promise<ValidSubscribeRequest> {
  const problems = new Problems()
  const parsed = parseEmail(request.email)
  if (!parsed.ok) problems.add('email', parsed.problem, EMAIL_PROBLEM_MESSAGES[parsed.problem])
  const preferences = await parsePreferences(repos, request, problems)
  problems.throwIfAny()
  return { email: (parsed as { value: ParsedEmail }).value, preferences }
}

/** The random part of a subscriber's signed links; rotating it revokes them all. */
export const newTokenSecret = () => randomBytes(18).toString('base64url')

/**
 * Queues the confirmation (or "already subscribed") email of a subscriber; call in the
 * transaction of the change. Returns the outbox row to dispatch after commit.
 */
export async function queueConfirmationEmail(
  tx: Pick<Repositories, 'subscribers' | 'outbox'>,
  clock: Clock,
  subscriberId: number,
): Promise<number> {
  await tx.subscribers.noteConfirmationSent(subscriberId, clock.now())
  return addOutboxRow(tx, clock, confirmationEmail(subscriberId))
}

/** The outbox row that sends a subscriber the confirmation email. */
export const confirmationEmail = (subscriberId: number) => ({
  kind: OUTBOX_KINDS.email,
  payload: { template: 'confirm', subscriberId },
})

export async function subscribe(
  deps: SubscriptionDeps,
  request: SubscribeRequest,
): Promise<SubscribeOutcome> {
  const valid = await validateSubscribeRequest(deps.repos, request)
  try {
    return await subscribeValid(deps, valid, request.context)
  } catch (error) {
    // Two requests for one new address at once: the second finds the first one's row.
    if (error instanceof SubscriberWriteConflict)
      return subscribeValid(deps, valid, request.context)
    throw error
  }
}

async function subscribeValid(
  deps: SubscriptionDeps,
  { email, preferences }: ValidSubscribeRequest,
  context: SubscribeRequest['context'],
): Promise<SubscribeOutcome> {
  const { clock } = deps
  const now = clock.now()
  const resendBefore = new Date(now.getTime() - RESEND_INTERVAL_MS).toISOString()

  const result = await deps.repos.transaction(async (tx) => {
    if (await isSuppressedAddress(tx, deps.secretKey, email.normalized)) {
      return { outcome: 'suppressed' as const, outboxId: undefined }
    }
    const existing = await tx.subscribers.findByEmail(email.normalized)
    const mayMail =
      !existing ||
      existing.last_confirmation_sent_at === null ||
      existing.last_confirmation_sent_at <= resendBefore

    if (existing?.status === 'confirmed') {
      if (!mayMail) return { outcome: 'throttled' as const, outboxId: undefined }
      const outboxId = await queueConfirmationEmail(tx, clock, existing.id)
      return { outcome: 'reminder-queued' as const, outboxId }
    }

    let subscriberId: number
    if (existing) {
      subscriberId = existing.id
      await tx.subscribers.markPending(existing.id, email.address, now)
    } else {
      subscriberId = await tx.subscribers.insert({
        email: email.address,
        email_normalized: email.normalized,
        status: 'pending',
        token_secret: newTokenSecret(),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
    }
    await writePreferences(tx, clock, subscriberId, preferences)
    await recordConsent(tx, clock, {
      subscriberId,
      action: 'subscribe',
      source: context.source,
      ipHash: ipHash(deps.secretKey, context.ip),
      textVersion: context.textVersion ?? CONSENT_TEXT_VERSION,
      text: context.text ?? null,
    })
    if (!mayMail) return { outcome: 'throttled' as const, outboxId: undefined }
    const outboxId = await queueConfirmationEmail(tx, clock, subscriberId)
    return { outcome: 'confirmation-queued' as const, outboxId }
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
  deps: Pick<SubscriptionDeps, 'repos' | 'clock' | 'secretKey' | 'publicUrl'>,
  subscriberId: number,
): Promise<ConfirmationEmail | null> {
  const { repos } = deps
  const subscriber = await repos.subscribers.findById(subscriberId)
  if (!subscriber || subscriber.suppressed_at) return null
  if (subscriber.status === 'unsubscribed') return null
  const lang: Lang = (await repos.subscribers.firstLanguage(subscriberId)) ?? 'fi'
  const names = await repos.subscribers.newsroomNamesOf(subscriberId)
  const byNewsroom = new Map<number, string>()
  for (const row of names) {
    if (row.lang === lang || !byNewsroom.has(row.newsroom_id))
      byNewsroom.set(row.newsroom_id, row.name)
  }
  const alreadyConfirmed = subscriber.status === 'confirmed'
  const confirmUrl = alreadyConfirmed
    ? null
    : `${deps.publicUrl}/subscriptions/confirm/${await issueConfirmToken(repos, deps.clock, subscriberId)}`
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
  const { clock } = deps
  const now = clock.now()
  const { result, eventIds } = await deps.repos.transaction(async (tx) => {
    const check = await inspectConfirmToken(tx, clock, token)
    if (check.state !== 'valid') return refused(check.state)
    // Spend it conditionally: of two concurrent POSTs only one gets here with a row updated.
    if (!(await tx.subscriberTokens.spend(check.tokenId, now))) return refused('used')
    // Older confirmation links of the same subscriber are no longer needed.
    await tx.subscriberTokens.spendConfirmsOf(check.subscriberId, now)
    const subscriber = await tx.subscribers.findById(check.subscriberId)
    if (!subscriber) throw new Error(`subscriber ${check.subscriberId} of a valid token is gone`)
    let eventIds: number[] = []
    if (await tx.subscribers.confirm(subscriber.id, now)) {
      eventIds = await recordSubscriberEvent(tx, clock, 'subscriber.confirmed', subscriber.id)
      const textVersion = await tx.consents.latestSubscribeTextVersion(subscriber.id)
      await recordConsent(tx, clock, {
        subscriberId: subscriber.id,
        action: 'confirm',
        source: context.source,
        ipHash: ipHash(deps.secretKey, context.ip),
        textVersion: textVersion ?? CONSENT_TEXT_VERSION,
      })
    }
    const result: ConfirmResult = {
      ok: true,
      subscriberId: subscriber.id,
      lang: (await tx.subscribers.firstLanguage(subscriber.id)) ?? 'fi',
      manageToken: signSubscriberToken(deps.secretKey, 'manage', subscriber),
    }
    return { result, eventIds }
  })
  await deps.dispatch(eventIds)
  return result
}

const refused = (reason: Exclude<ConfirmTokenState['state'], 'valid'>) => ({
  result: { ok: false, reason } as ConfirmResult,
  eventIds: [] as number[],
})

/** The confirm page (GET): what the token is and, when valid, whose address it confirms. */
export async function inspectConfirmation(
  deps: Pick<SubscriptionDeps, 'repos' | 'clock'>,
  token: string,
): Promise<
  | { state: 'valid'; subscriberId: number; email: string }
  | { state: Exclude<ConfirmTokenState['state'], 'valid'> }
> {
  const check = await inspectConfirmToken(deps.repos, deps.clock, token)
  if (check.state !== 'valid') return check
  const subscriber = await deps.repos.subscribers.findById(check.subscriberId)
  if (!subscriber) throw new Error(`subscriber ${check.subscriberId} of a valid token is gone`)
  return { state: 'valid', subscriberId: subscriber.id, email: displayEmail(subscriber.email) }
}
