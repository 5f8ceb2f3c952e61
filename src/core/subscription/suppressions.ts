/**
 * The suppression list: addresses that must never be mailed again (hard bounce, spam complaint,
 * or staff decision) until staff lift the suppression. Rows are keyed by a keyed hash of the
 * normalised address (`suppressions.email_normalized` holds `h1:<hmac>`, never the address), so
 * a suppression survives the subscriber's erasure without keeping the address itself.
 *
 * `subscribers.suppressed_at` mirrors the list for existing subscribers so the notification
 * audience query needs only `suppressed_at is null`; every function here keeps both in step.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Database, SuppressionsTable } from '../../db/schema.js'
import { keyedHash } from './consent.js'
import { requireEmail } from './email-address.js'
import type { SubscriptionDeps } from './ports.js'

export type SuppressionReason = SuppressionsTable['reason']
export const SUPPRESSION_REASONS: readonly SuppressionReason[] = [
  'hard-bounce',
  'complaint',
  'manual',
]

type Executor = Pick<Kysely<Database>, 'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom'>

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
  db: Pick<Kysely<Database>, 'selectFrom'>,
  secretKey: string,
  normalizedEmail: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('suppressions')
    .select('reason')
    .where('email_normalized', '=', suppressionKey(secretKey, normalizedEmail))
    .executeTakeFirst()
  return row !== undefined
}

async function suppressNormalized(
  db: Executor,
  clock: Clock,
  secretKey: string,
  normalized: string,
  reason: SuppressionReason,
  detail: string | null | undefined,
): Promise<void> {
  const now = clock.now().toISOString()
  const key = suppressionKey(secretKey, normalized)
  const values = { reason, detail: scrubDetail(detail), created_at: now }
  await db
    .insertInto('suppressions')
    .values({ email_normalized: key, ...values })
    .onConflict((oc) => oc.column('email_normalized').doUpdateSet(values))
    .execute()
  await db
    .updateTable('subscribers')
    .set({ suppressed_at: now, suppression_reason: reason, updated_at: now })
    .where('email_normalized', '=', normalized)
    .execute()
}

/** Adds an address to the suppression list (staff, or a complaint feedback loop). */
export async function addSuppression(
  deps: SubscriptionDeps,
  actor: Actor | null,
  input: { email: unknown; reason: SuppressionReason; detail?: string | null },
): Promise<void> {
  if (actor) authorize(actor, 'subscriber.manage')
  const email = requireEmail(input.email)
  await deps.db
    .transaction()
    .execute((trx) =>
      suppressNormalized(
        trx,
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
 * Pass a transaction to make it part of the delivery status update.
 */
export async function suppressSubscriber(
  db: Executor,
  clock: Clock,
  secretKey: string,
  subscriberId: number,
  reason: SuppressionReason,
  detail?: string | null,
): Promise<void> {
  const row = await db
    .selectFrom('subscribers')
    .select('email_normalized')
    .where('id', '=', subscriberId)
    .executeTakeFirst()
  if (!row) return
  await suppressNormalized(db, clock, secretKey, row.email_normalized, reason, detail)
}

/** Staff lift a suppression; the address may be mailed again. Returns whether one existed. */
export async function liftSuppression(
  deps: SubscriptionDeps,
  actor: Actor,
  emailInput: unknown,
): Promise<boolean> {
  authorize(actor, 'subscriber.manage')
  const email = requireEmail(emailInput)
  const key = suppressionKey(deps.secretKey, email.normalized)
  return deps.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('suppressions')
      .where('email_normalized', '=', key)
      .executeTakeFirst()
    const subscriber = await trx
      .selectFrom('subscribers')
      .select('id')
      .where('email_normalized', '=', email.normalized)
      .executeTakeFirst()
    const updated = await trx
      .updateTable('subscribers')
      .set({
        suppressed_at: null,
        suppression_reason: null,
        updated_at: deps.clock.now().toISOString(),
      })
      .where('email_normalized', '=', email.normalized)
      .where('suppressed_at', 'is not', null)
      .executeTakeFirst()
    const lifted = Number(deleted.numDeletedRows) > 0 || Number(updated.numUpdatedRows) > 0
    // The address itself is not written down: the subscriber, or the list's keyed hash of it.
    if (lifted)
      await recordAudit(trx, actor, deps.clock.now(), {
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
  const rows = await deps.db
    .selectFrom('suppressions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 500, 1), 5000))
    .execute()
  // Addresses cannot be read back from the hashes; name the ones that are still subscribers.
  const known = await deps.db
    .selectFrom('subscribers')
    .select(['id', 'email', 'email_normalized'])
    .where('suppressed_at', 'is not', null)
    .execute()
  const byKey = new Map(
    known.map((s) => [suppressionKey(deps.secretKey, s.email_normalized), s] as const),
  )
  return rows.map((row) => {
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
  authorize(actor, 'subscriber.manage')
  const email = requireEmail(emailInput)
  const row = await deps.db
    .selectFrom('suppressions')
    .selectAll()
    .where('email_normalized', '=', suppressionKey(deps.secretKey, email.normalized))
    .executeTakeFirst()
  if (!row) return { suppressed: false }
  return { suppressed: true, reason: row.reason, since: row.created_at }
}
