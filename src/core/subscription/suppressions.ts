/**
 * The suppression list: addresses that must never be mailed again (hard bounce, spam complaint,
 * or staff decision) until staff lift the suppression. Rows are keyed by a keyed hash of the
 * normalised address (`suppressions.email_normalized` holds `h1:<hmac>`, never the address), so
 * a suppression survives the subscriber's erasure without keeping the address itself.
 *
 * `subscribers.suppressed_at` mirrors the list for existing subscribers so the notification
 * audience query needs only `suppressed_at is null`; every function here keeps both in step.
 */
import type { Actor } from '../auth/actor.js'
import { authorize, newsroomScope } from '../auth/actor.js'
import { NotFoundError } from '../errors.js'
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { SuppressionReason } from '../../db/repositories/suppressions.js'
import { keyedHash } from './consent.js'
import { requireEmail } from './email-address.js'
import type { SubscriptionDeps } from './ports.js'

export type { SuppressionReason }
export const SUPPRESSION_REASONS: readonly SuppressionReason[] = [
  'hard-bounce',
  'complaint',
  'manual',
]

type SuppressionRepos = Pick<Repositories, 'subscribers' | 'suppressions'>

export function suppressionKey(secretKey: string, normalizedEmail: string): string {
  return `h1:${keyedHash(secretKey, 'suppression', normalizedEmail)}`
}

/** SMTP replies often quote the address; the detail is kept after erasure, the address is not. */
export function scrubDetail(detail: string | null | undefined): string | null {
  if (!detail) return null
  return detail
    .replace(/<?[^\s<>"'()[\]]+@[^\s<>"'()[\]]+>?/g, '<address>')
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 500)
}

export async function isSuppressedAddress(
  repos: Pick<Repositories, 'suppressions'>,
  secretKey: string,
  normalizedEmail: string,
): Promise<boolean> {
  return (await repos.suppressions.find(suppressionKey(secretKey, normalizedEmail))) !== undefined
}

async function suppressNormalized(
  repos: SuppressionRepos,
  clock: Clock,
  secretKey: string,
  normalized: string,
  reason: SuppressionReason,
  detail: string | null | undefined,
): Promise<void> {
  const now = clock.now()
  await repos.suppressions.put({
    email_normalized: suppressionKey(secretKey, normalized),
    reason,
    detail: scrubDetail(detail),
    created_at: now.toISOString(),
  })
  await repos.subscribers.markSuppressed(normalized, reason, now)
}

/**
 * The list is one for the whole installation, so staff of some newsrooms may suppress, lift or
 * look up only the addresses of their own subscribers (tenant isolation, see `scope.ts`).
 */
async function requireAddressInScope(
  repos: SuppressionRepos,
  actor: Actor,
  normalized: string,
): Promise<void> {
  authorize(actor, 'subscriber.manage')
  const scope = newsroomScope(actor)
  if (!scope) return
  const subscriber = await repos.subscribers.findByEmail(normalized)
  if (!subscriber || !(await repos.subscribers.subscribesToAny(subscriber.id, scope)))
    throw new NotFoundError('No subscriber with this address in your newsrooms')
}

/** Adds an address to the suppression list (staff, or a complaint feedback loop). */
export async function addSuppression(
  deps: SubscriptionDeps,
  actor: Actor | null,
  input: { email: unknown; reason: SuppressionReason; detail?: string | null },
): Promise<void> {
  const email = requireEmail(input.email)
  if (actor) await requireAddressInScope(deps.repos, actor, email.normalized)
  await deps.repos.transaction((tx) =>
    suppressNormalized(
      tx,
      deps.clock,
      deps.secretKey,
      email.normalized,
      input.reason,
      input.detail,
    ),
  )
}

/**
 * For the delivery pipeline: a hard bounce (5.1.x) or complaint for a known subscriber.
 * Pass the transaction's repositories to make it part of the delivery status update.
 */
export async function suppressSubscriber(
  repos: SuppressionRepos,
  clock: Clock,
  secretKey: string,
  subscriberId: number,
  reason: SuppressionReason,
  detail?: string | null,
): Promise<void> {
  const row = await repos.subscribers.findById(subscriberId)
  if (!row) return
  await suppressNormalized(repos, clock, secretKey, row.email_normalized, reason, detail)
}

/** Staff lift a suppression; the address may be mailed again. Returns whether one existed. */
export async function liftSuppression(
  deps: SubscriptionDeps,
  actor: Actor,
  emailInput: unknown,
): Promise<boolean> {
  const email = requireEmail(emailInput)
  await requireAddressInScope(deps.repos, actor, email.normalized)
  const key = suppressionKey(deps.secretKey, email.normalized)
  return deps.repos.transaction(async (tx) => {
    const removed = await tx.suppressions.remove(key)
    const subscriber = await tx.subscribers.findByEmail(email.normalized)
    const cleared = await tx.subscribers.clearSuppressed(email.normalized, deps.clock.now())
    const lifted = removed || cleared
    // The address itself is not written down: the subscriber, or the list's keyed hash of it.
    if (lifted)
      await recordAudit(tx, actor, deps.clock.now(), {
        action: 'suppression.lift',
        subject: subscriber ? `subscriber:${subscriber.id}` : `suppression:${key.slice(3, 19)}`,
      })
    return lifted
  })
}

export interface SuppressionView {
  /** Known only while a subscriber with the address exists; null after erasure. */
  email: string | null
  subscriberId: number | null
  reason: SuppressionReason
  detail: string | null
  createdAt: string
}

/** The suppression list for staff, newest first. */
export async function listSuppressions(
  deps: SubscriptionDeps,
  actor: Actor,
  options: { limit?: number } = {},
): Promise<SuppressionView[]> {
  authorize(actor, 'subscriber.manage')
  const rows = await deps.repos.suppressions.list(Math.min(Math.max(options.limit ?? 500, 1), 5000))
  // Addresses cannot be read back from the hashes; name the ones that are still subscribers.
  let known = await deps.repos.subscribers.listSuppressed()
  const scope = newsroomScope(actor)
  if (scope) {
    const rooms = await deps.repos.subscribers.subscriptionsOf(known.map((s) => s.id))
    const mine = new Set(
      rooms.filter((room) => scope.includes(room.newsroom_id)).map((room) => room.subscriber_id),
    )
    known = known.filter((s) => mine.has(s.id))
  }
  const byKey = new Map(
    known.map((s) => [suppressionKey(deps.secretKey, s.email_normalized), s] as const),
  )
  // Staff of some newsrooms see the suppressions of their own subscribers only.
  const visible = scope ? rows.filter((row) => byKey.has(row.email_normalized)) : rows
  return visible.map((row) => {
    const subscriber = byKey.get(row.email_normalized)
    return {
      email: subscriber?.email ?? null,
      subscriberId: subscriber?.id ?? null,
      reason: row.reason,
      detail: row.detail,
      createdAt: row.created_at,
    }
  })
}

/** Staff check: is this address suppressed? */
export async function checkSuppression(
  deps: SubscriptionDeps,
  actor: Actor,
  emailInput: unknown,
): Promise<{ suppressed: boolean; reason?: SuppressionReason; since?: string }> {
  const email = requireEmail(emailInput)
  await requireAddressInScope(deps.repos, actor, email.normalized)
  const row = await deps.repos.suppressions.find(suppressionKey(deps.secretKey, email.normalized))
  if (!row) return { suppressed: false }
  return { suppressed: true, reason: row.reason, since: row.created_at }
}
