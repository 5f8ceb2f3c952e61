/**
 * Release-level delivery state: the emergency stop ("cancel sending") and the "delivered" mark.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Database } from '../../db/schema.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { DeliveryDeps } from './ports.js'
import { RELEASE_KIND, correctionIdOf, deliveryProgress } from './progress.js'
import type { DeliveryProgress } from './progress.js'

type Reader = Pick<Kysely<Database>, 'selectFrom'>

/**
 * Is sending of this (release, kind) stopped? The release email stops when staff cancel sending
 * or withdraw the release; a correction notice stops with a withdrawal, or with a cancel made
 * after the correction was written (a later correction is a new decision to notify).
 */
export async function isSendingStopped(db: Reader, releaseId: number, kind: string) {
  const release = await db
    .selectFrom('releases')
    .select(['status', 'sending_cancelled_at'])
    .where('id', '=', releaseId)
    .executeTakeFirst()
  if (!release || release.status === 'withdrawn') return true
  if (!release.sending_cancelled_at) return false
  if (kind === RELEASE_KIND) return true
  const correctionId = correctionIdOf(kind)
  if (correctionId === undefined) return true
  const correction = await db
    .selectFrom('corrections')
    .select('created_at')
    .where('id', '=', correctionId)
    .executeTakeFirst()
  return !correction || correction.created_at <= release.sending_cancelled_at
}

/** Marks the release delivered once its audience is frozen and every row is terminal. */
export async function markDeliveredIfComplete(
  deps: Pick<DeliveryDeps, 'db' | 'clock' | 'log'>,
  releaseId: number,
): Promise<boolean> {
  const release = await deps.db
    .selectFrom('releases')
    .select(['delivered_at', 'status'])
    .where('id', '=', releaseId)
    .executeTakeFirst()
  if (!release || release.delivered_at) return false
  // Cheap check first (index on release, kind, status): called after every batch.
  const open = await deps.db
    .selectFrom('deliveries')
    .select('id')
    .where('release_id', '=', releaseId)
    .where('kind', '=', RELEASE_KIND)
    .where('status', 'in', ['pending', 'sending'])
    .limit(1)
    .executeTakeFirst()
  if (open) return false
  const progress = await deliveryProgress(deps.db, releaseId, RELEASE_KIND)
  if (!progress.done) return false
  const updated = await deps.db
    .updateTable('releases')
    .set({ delivered_at: deps.clock.now().toISOString() })
    .where('id', '=', releaseId)
    .where('delivered_at', 'is', null)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) > 0) {
    deps.log.info(
      {
        releaseId,
        audience: progress.audience,
        sent: progress.sent,
        failed: progress.failed,
        suppressed: progress.suppressed,
        cancelled: progress.cancelled,
      },
      'release delivered',
    )
    return true
  }
  return false
}

/**
 * Emergency stop: nothing more of this release goes out. Pending deliveries (of the release and
 * its correction notices) become `cancelled` at once; messages already handed to the SMTP
 * server cannot be called back, and the few in flight finish.
 */
export async function cancelSending(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: Actor,
  releaseId: number,
): Promise<DeliveryProgress> {
  const release = await deps.db
    .selectFrom('releases')
    .select(['id', 'newsroom_id', 'status', 'notify', 'sending_cancelled_at', 'delivered_at'])
    .where('id', '=', releaseId)
    .executeTakeFirst()
  if (!release) throw new NotFoundError(`No release ${releaseId}`)
  authorize(actor, 'release.publish', release.newsroom_id)
  if (release.status === 'draft' || release.status === 'scheduled')
    throw new ConflictError(
      'The release is not published, so nothing is being sent; unschedule it instead',
    )
  const at = deps.clock.now()
  const now = at.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('releases')
      .set({ sending_cancelled_at: now, updated_at: now })
      .where('id', '=', releaseId)
      .execute()
    const cancelled = await trx
      .updateTable('deliveries')
      .set({ status: 'cancelled', smtp_response: 'cancelled by staff', updated_at: now })
      .where('release_id', '=', releaseId)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    await recordAudit(trx, actor, at, {
      action: 'release.cancel-sending',
      subject: `release:${releaseId}`,
      details: { cancelled: Number(cancelled.numUpdatedRows) },
    })
  })
  return deliveryProgress(deps.db, releaseId)
}
