/**
 * What a subscriber does with the links in every email: the preference centre (languages,
 * newsrooms, types, keywords, pause), unsubscribe (idempotent; also RFC 8058 one-click), a JSON
 * export of everything held about them (GDPR art. 15/20) and erasure (art. 17).
 */
import type { Repositories } from '../../db/repositories/index.js'
import type { SubscriberRow } from '../../db/repositories/subscribers.js'
import type { Lang } from '../types.js'
import { ipHash, recordConsent } from './consent.js'
import type { ConsentAction } from './consent.js'
import { displayEmail } from './email-address.js'
import { subscriberIdOf, verifySubscriberToken } from './links.js'
import type { LinkPurpose } from './links.js'
import type { ActionContext, SubscriptionDeps } from './ports.js'
import { recordSubscriberEvent } from './webhook-events.js'
import { Problems, parsePreferences, readPreferences, writePreferences } from './preferences.js'
import type { PreferencesInput, StoredPreferences } from './preferences.js'
import type { Actor } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { NotFoundError } from '../errors.js'

/** A subscriber as stored (for pages that sign their links). */
export type LinkedSubscriber = SubscriberRow

/** The subscriber a manage or unsubscribe link belongs to; undefined for forged or revoked ones. */
export async function findSubscriberByLink(
  deps: Pick<SubscriptionDeps, 'repos' | 'secretKey'>,
  purpose: LinkPurpose,
  token: string,
): Promise<LinkedSubscriber | undefined> {
  const id = subscriberIdOf(token)
  if (id === undefined) return undefined
  const subscriber = await deps.repos.subscribers.findById(id)
  if (!subscriber) return undefined
  return verifySubscriberToken(deps.secretKey, purpose, token, subscriber) ? subscriber : undefined
}

/** The subscriber's first-choice language (Finnish if they have none). */
export async function firstLanguage(
  deps: Pick<SubscriptionDeps, 'repos'>,
  subscriberId: number,
): Promise<Lang> {
  return (await deps.repos.subscribers.firstLanguage(subscriberId)) ?? 'fi'
}

export interface SubscriberState {
  id: number
  email: string
  status: SubscriberRow['status']
  paused: boolean
  suppressed: boolean
  preferences: StoredPreferences
}

/** What the preference centre shows, as stored now. */
export async function loadSubscriberState(
  deps: Pick<SubscriptionDeps, 'repos'>,
  subscriberId: number,
): Promise<SubscriberState> {
  const subscriber = await deps.repos.subscribers.findById(subscriberId)
  if (!subscriber) throw new NotFoundError(`No subscriber ${subscriberId}`)
  return {
    id: subscriber.id,
    email: displayEmail(subscriber.email),
    status: subscriber.status,
    paused: subscriber.paused_at !== null,
    suppressed: subscriber.suppressed_at !== null,
    preferences: await readPreferences(deps.repos, subscriber.id),
  }
}

type StatusChange = 'unsubscribe' | 'resubscribe' | 'pause' | 'resume'

/**
 * A subscriber's own change of status, with its consent record. Idempotent: a change that
 * changes nothing (a mail client retrying a one-click POST) records nothing.
 */
async function changeStatus(
  deps: SubscriptionDeps,
  subscriberId: number,
  change: StatusChange,
  context: ActionContext,
): Promise<void> {
  const now = deps.clock.now()
  const eventIds = await deps.repos.transaction(async (tx) => {
    const changed =
      change === 'unsubscribe'
        ? await tx.subscribers.unsubscribe(subscriberId, now)
        : change === 'resubscribe'
          ? await tx.subscribers.confirm(subscriberId, now)
          : await tx.subscribers.setPaused(subscriberId, change === 'pause', now)
    if (!changed) return []
    await recordStatusConsent(tx, deps, subscriberId, change, context)
    const event = STATUS_EVENT[change as keyof typeof STATUS_EVENT]
    return event ? recordSubscriberEvent(tx, deps.clock, event, subscriberId) : []
  })
  await deps.dispatch(eventIds)
}

const STATUS_EVENT = {
  unsubscribe: 'subscriber.unsubscribed',
  resubscribe: 'subscriber.confirmed',
} as const satisfies Partial<Record<StatusChange, string>>

const CONSENT_OF: Record<StatusChange, ConsentAction> = {
  unsubscribe: 'unsubscribe',
  resubscribe: 'confirm',
  pause: 'pause',
  resume: 'pause',
}

function recordStatusConsent(
  tx: Pick<Repositories, 'consents'>,
  deps: Pick<SubscriptionDeps, 'clock' | 'secretKey'>,
  subscriberId: number,
  change: StatusChange,
  context: ActionContext,
): Promise<void> {
  const pausing = change === 'pause' || change === 'resume'
  return recordConsent(tx, deps.clock, {
    subscriberId,
    action: CONSENT_OF[change],
    source: pausing ? `${context.source}#${change}` : context.source,
    ipHash: ipHash(deps.secretKey, context.ip),
  })
}

/** Stops all email to the subscriber; a second call changes and records nothing. */
export function unsubscribe(
  deps: SubscriptionDeps,
  subscriberId: number,
  context: ActionContext,
): Promise<void> {
  return changeStatus(deps, subscriberId, 'unsubscribe', context)
}

/**
 * Subscribing again from the preference centre. Holding the manage link proves control of the
 * mailbox, so no new confirmation email is needed.
 */
export function resubscribe(
  deps: SubscriptionDeps,
  subscriberId: number,
  context: ActionContext,
): Promise<void> {
  return changeStatus(deps, subscriberId, 'resubscribe', context)
}

/** Pauses or resumes delivery without touching anything else. */
export function setPaused(
  deps: SubscriptionDeps,
  subscriberId: number,
  paused: boolean,
  context: ActionContext,
): Promise<void> {
  return changeStatus(deps, subscriberId, paused ? 'pause' : 'resume', context)
}

/** Replaces the preferences; throws SubscriptionInputError with per-field codes. */
export async function updatePreferences(
  deps: SubscriptionDeps,
  subscriberId: number,
  input: PreferencesInput & { paused?: boolean },
  context: ActionContext,
): Promise<void> {
  const problems = new Problems()
  const prefs = await parsePreferences(deps.repos, input, problems)
  problems.throwIfAny()
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    if (!(await tx.subscribers.findById(subscriberId)))
      throw new NotFoundError(`No subscriber ${subscriberId}`)
    await writePreferences(tx, deps.clock, subscriberId, prefs)
    await recordConsent(tx, deps.clock, {
      subscriberId,
      action: 'update',
      source: context.source,
      ipHash: ipHash(deps.secretKey, context.ip),
    })
    const pauseChanged =
      input.paused !== undefined &&
      (await tx.subscribers.setPaused(subscriberId, input.paused, now))
    if (pauseChanged)
      await recordStatusConsent(tx, deps, subscriberId, input.paused ? 'pause' : 'resume', context)
    else await tx.subscribers.touch(subscriberId, now)
  })
}

export interface SubscriberExport {
  exportedAt: string
  subscriber: {
    email: string
    status: SubscriberRow['status']
    createdAt: string
    confirmedAt: string | null
    unsubscribedAt: string | null
    pausedAt: string | null
    suppressedAt: string | null
    suppressionReason: string | null
  }
  languages: Lang[]
  subscriptions: StoredPreferences['subscriptions']
  consents: {
    action: string
    at: string
    source: string
    ipHash: string | null
    textVersion: string | null
    text: string | null
  }[]
  deliveries: {
    releaseId: number
    kind: string
    lang: Lang
    status: string
    sentAt: string | null
    createdAt: string
  }[]
}

/** Everything held about a subscriber, as plain JSON (access and portability requests). */
export async function exportSubscriberData(
  deps: Pick<SubscriptionDeps, 'repos' | 'clock'>,
  subscriberId: number,
): Promise<SubscriberExport> {
  const { repos } = deps
  const s = await repos.subscribers.findById(subscriberId)
  if (!s) throw new NotFoundError(`No subscriber ${subscriberId}`)
  const prefs = await readPreferences(repos, subscriberId)
  const consents = await repos.consents.listOf(subscriberId)
  const deliveries = await repos.subscribers.deliveriesOf(subscriberId)
  return {
    exportedAt: deps.clock.now().toISOString(),
    subscriber: {
      email: s.email,
      status: s.status,
      createdAt: s.created_at,
      confirmedAt: s.confirmed_at,
      unsubscribedAt: s.unsubscribed_at,
      pausedAt: s.paused_at,
      suppressedAt: s.suppressed_at,
      suppressionReason: s.suppression_reason,
    },
    languages: prefs.languages,
    subscriptions: prefs.subscriptions,
    consents: consents.map((c) => ({
      action: c.action,
      at: c.created_at,
      source: c.source,
      ipHash: c.ip_hash,
      textVersion: c.text_version,
      text: c.text,
    })),
    deliveries: deliveries.map((d) => ({
      releaseId: d.release_id,
      kind: d.kind,
      lang: d.lang,
      status: d.status,
      sentAt: d.sent_at,
      createdAt: d.created_at,
    })),
  }
}

/**
 * Erasure: deletes the subscriber with their address, languages, subscriptions and tokens'
 * link to them. What stays is anonymous: consent rows and delivery rows without subscriber id
 * or IP hash (delivery counts stay right), spent token hashes, a `delete` consent row proving
 * the erasure happened, and — if the address was suppressed — the suppression's keyed hash,
 * so a bounced or complaining address is still never mailed.
 */
export async function eraseSubscriber(
  deps: SubscriptionDeps,
  subscriberId: number,
  /** `actor`: staff erasing on someone's behalf, recorded in the audit log. */
  context: Pick<ActionContext, 'source'> & { actor?: Actor },
): Promise<boolean> {
  const now = deps.clock.now()
  return deps.repos.transaction(async (tx) => {
    if (!(await tx.subscribers.findById(subscriberId))) return false
    await tx.consents.detachSubscriber(subscriberId)
    await tx.subscriberTokens.detachSubscriber(subscriberId, now)
    await tx.subscribers.erase(subscriberId)
    await recordConsent(tx, deps.clock, {
      subscriberId: null,
      action: 'delete',
      source: context.source,
    })
    if (context.actor)
      await recordAudit(tx, context.actor, deps.clock.now(), {
        action: 'subscriber.delete',
        subject: `subscriber:${subscriberId}`,
      })
    return true
  })
}
