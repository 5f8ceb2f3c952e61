/**
 * What a subscriber does with the links in every email: the preference centre (languages,
 * newsrooms, types, keywords, pause), unsubscribe (idempotent; also RFC 8058 one-click), a JSON
 * export of everything held about them (GDPR art. 15/20) and erasure (art. 17).
 */
import type { Kysely } from 'kysely'
import type { Database, Subscriber } from '../../db/schema.js'
import type { Lang } from '../types.js'
import { ipHash, recordConsent } from './consent.js'
import { displayEmail } from './email-address.js'
import { subscriberIdOf, verifySubscriberToken } from './links.js'
import type { LinkPurpose } from './links.js'
import type { ActionContext, SubscriptionDeps } from './ports.js'
import { Problems, parsePreferences, readPreferences, writePreferences } from './preferences.js'
import type { PreferencesInput, StoredPreferences } from './preferences.js'
import type { Actor } from '../auth/actor.js'
import { recordAudit } from '../audit.js'

/** The subscriber a manage or unsubscribe link belongs to; undefined for forged or revoked ones. */
export async function findSubscriberByLink(
  deps: Pick<SubscriptionDeps, 'db' | 'secretKey'>,
  purpose: LinkPurpose,
  token: string,
): Promise<Subscriber | undefined> {
  const id = subscriberIdOf(token)
  if (id === undefined) return undefined
  const subscriber = await deps.db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!subscriber) return undefined
  return verifySubscriberToken(deps.secretKey, purpose, token, subscriber) ? subscriber : undefined
}

export async function firstLanguage(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  subscriberId: number,
): Promise<Lang> {
  const row = await db
    .selectFrom('subscriber_languages')
    .select('lang')
    .where('subscriber_id', '=', subscriberId)
    .orderBy('position')
    .executeTakeFirst()
  return row?.lang ?? 'fi'
}

export interface SubscriberState {
  id: number
  email: string
  status: Subscriber['status']
  paused: boolean
  suppressed: boolean
  preferences: StoredPreferences
}

export async function loadSubscriberState(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  subscriber: Subscriber,
): Promise<SubscriberState> {
  return {
    id: subscriber.id,
    email: displayEmail(subscriber.email),
    status: subscriber.status,
    paused: subscriber.paused_at !== null,
    suppressed: subscriber.suppressed_at !== null,
    preferences: await readPreferences(db, subscriber.id),
  }
}

/**
 * Stops all email to the subscriber. Idempotent: a second call (a mail client retrying a
 * one-click POST) changes nothing and records nothing.
 */
export async function unsubscribe(
  deps: SubscriptionDeps,
  subscriberId: number,
  context: ActionContext,
): Promise<void> {
  const nowIso = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('subscribers')
      .set({ status: 'unsubscribed', unsubscribed_at: nowIso, updated_at: nowIso })
      .where('id', '=', subscriberId)
      .where('status', '!=', 'unsubscribed')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return
    await recordConsent(trx, deps.clock, {
      subscriberId,
      action: 'unsubscribe',
      source: context.source,
      ipHash: ipHash(deps.secretKey, context.ip),
    })
  })
}

/**
 * Subscribing again from the preference centre. Holding the manage link proves control of the
 * mailbox, so no new confirmation email is needed.
 */
export async function resubscribe(
  deps: SubscriptionDeps,
  subscriberId: number,
  context: ActionContext,
): Promise<void> {
  const nowIso = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('subscribers')
      .set({ status: 'confirmed', unsubscribed_at: null, confirmed_at: nowIso, updated_at: nowIso })
      .where('id', '=', subscriberId)
      .where('status', '!=', 'confirmed')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return
    await recordConsent(trx, deps.clock, {
      subscriberId,
      action: 'confirm',
      source: context.source,
      ipHash: ipHash(deps.secretKey, context.ip),
    })
  })
}

/** Replaces the preferences; throws SubscriptionInputError with per-field codes. */
export async function updatePreferences(
  deps: SubscriptionDeps,
  subscriberId: number,
  input: PreferencesInput & { paused?: boolean },
  context: ActionContext,
): Promise<void> {
  const problems = new Problems()
  const prefs = await parsePreferences(deps.db, input, problems)
  problems.throwIfAny()
  const nowIso = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('subscribers')
      .select(['paused_at'])
      .where('id', '=', subscriberId)
      .executeTakeFirstOrThrow()
    await writePreferences(trx, deps.clock, subscriberId, prefs)
    const hash = ipHash(deps.secretKey, context.ip)
    await recordConsent(trx, deps.clock, {
      subscriberId,
      action: 'update',
      source: context.source,
      ipHash: hash,
    })
    if (input.paused !== undefined && input.paused !== (current.paused_at !== null)) {
      await recordConsent(trx, deps.clock, {
        subscriberId,
        action: 'pause',
        source: `${context.source}#${input.paused ? 'pause' : 'resume'}`,
        ipHash: hash,
      })
    }
    await trx
      .updateTable('subscribers')
      .set({
        ...(input.paused === undefined
          ? {}
          : { paused_at: input.paused ? (current.paused_at ?? nowIso) : null }),
        updated_at: nowIso,
      })
      .where('id', '=', subscriberId)
      .execute()
  })
}

/** Pauses or resumes delivery without touching anything else. */
export async function setPaused(
  deps: SubscriptionDeps,
  subscriberId: number,
  paused: boolean,
  context: ActionContext,
): Promise<void> {
  const nowIso = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('subscribers')
      .set({ paused_at: paused ? nowIso : null, updated_at: nowIso })
      .where('id', '=', subscriberId)
      .where('paused_at', paused ? 'is' : 'is not', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return
    await recordConsent(trx, deps.clock, {
      subscriberId,
      action: 'pause',
      source: `${context.source}#${paused ? 'pause' : 'resume'}`,
      ipHash: ipHash(deps.secretKey, context.ip),
    })
  })
}

export interface SubscriberExport {
  exportedAt: string
  subscriber: {
    email: string
    status: Subscriber['status']
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
  deps: Pick<SubscriptionDeps, 'db' | 'clock'>,
  subscriberId: number,
): Promise<SubscriberExport> {
  const { db } = deps
  const s = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', '=', subscriberId)
    .executeTakeFirstOrThrow()
  const prefs = await readPreferences(db, subscriberId)
  const consents = await db
    .selectFrom('consents')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id')
    .execute()
  const deliveries = await db
    .selectFrom('deliveries')
    .select(['release_id', 'kind', 'lang', 'status', 'sent_at', 'created_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id')
    .execute()
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
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('subscribers')
      .select('id')
      .where('id', '=', subscriberId)
      .executeTakeFirst()
    if (!exists) return false
    await trx
      .updateTable('consents')
      .set({ ip_hash: null, subscriber_id: null })
      .where('subscriber_id', '=', subscriberId)
      .execute()
    // SMTP replies may quote the address.
    await trx
      .updateTable('deliveries')
      .set({ smtp_response: null, subscriber_id: null })
      .where('subscriber_id', '=', subscriberId)
      .execute()
    await trx
      .updateTable('subscriber_tokens')
      .set({ subscriber_id: null, used_at: deps.clock.now().toISOString() })
      .where('subscriber_id', '=', subscriberId)
      .execute()
    await trx.deleteFrom('subscriber_languages').where('subscriber_id', '=', subscriberId).execute()
    await trx.deleteFrom('subscriptions').where('subscriber_id', '=', subscriberId).execute()
    await trx.deleteFrom('subscribers').where('id', '=', subscriberId).execute()
    await recordConsent(trx, deps.clock, {
      subscriberId: null,
      action: 'delete',
      source: context.source,
    })
    if (context.actor)
      await recordAudit(trx, context.actor, deps.clock.now(), {
        action: 'subscriber.delete',
        subject: `subscriber:${subscriberId}`,
      })
    return true
  })
}
