/**
 * Release-level delivery state: the emergency stop ("cancel sending") and the "delivered" mark.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { DeliveryDeps } from './ports.js'
import { RELEASE_KIND, correctionIdOf, deliveryProgress } from './progress.js'
import type { DeliveryProgress } from './progress.js'

type ReleaseDeliveryState = NonNullable<
  Awaited<ReturnType<Repositories['deliveries']['findRelease']>>
>

/**
 * Is sending of this (release, kind) stopped? The release email stops when staff cancel sending
 * or withdraw the release; a correction notice stops with a withdrawal, or with a cancel made
 * after the correction was written (a later correction is a new decision to notify).
 */
export async function isSendingStopped(
  repos: Pick<Repositories, 'deliveries'>,
  releaseId: number,
  kind: string,
  /** The release's delivery state when the caller has just read it (one round trip less). */
  known?: ReleaseDeliveryState,
) {
  const release = known ?? (await repos.deliveries.findRelease(releaseId))
  if (!release || release.status === 'withdrawn') return true
  if (!release.sending_cancelled_at) return false
  if (kind === RELEASE_KIND) return true
  const correctionId = correctionIdOf(kind)
  if (correctionId === undefined) return true
  const createdAt = await repos.deliveries.findCorrectionCreatedAt(correctionId)
  return !createdAt || createdAt <= release.sending_cancelled_at
}

/** Marks the release delivered once its audience is frozen and every row is terminal. */
export async function markDeliveredIfComplete(
  deps: Pick<DeliveryDeps, 'repos' | 'clock' | 'log'>,
  releaseId: number,
  /** The release's delivery state as the caller read it; `delivered_at` only grows. */
  known?: ReleaseDeliveryState,
): Promise<boolean> {
  const { repos } = deps
  if (known?.delivered_at) return false
  const release = known ?? (await repos.deliveries.findRelease(releaseId))
  if (!release || release.delivered_at) return false
  // Cheap check first (index on release, kind, status): called after every batch.
  if (await repos.deliveries.hasAny(releaseId, RELEASE_KIND, ['pending', 'sending'])) return false
  const progress = await deliveryProgress(repos, releaseId, RELEASE_KIND)
  if (!progress.done) return false
  if (await repos.deliveries.markReleaseDelivered(releaseId, deps.clock.now())) {
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
  deps: { repos: Repositories; clock: Clock },
  actor: Actor,
  releaseId: number,
): Promise<DeliveryProgress> {
  const release = await deps.repos.deliveries.findRelease(releaseId)
  if (!release) throw new NotFoundError(`No release ${releaseId}`)
  authorize(actor, 'release.publish', release.newsroom_id)
  if (release.status === 'draft' || release.status === 'scheduled')
    throw new ConflictError(
      'The release is not published, so nothing is being sent; unschedule it instead',
    )
  const at = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    await tx.deliveries.markSendingCancelled(releaseId, at)
    const cancelled = await tx.deliveries.changeStatus(
      { releaseId },
      'pending',
      { status: 'cancelled', smtpResponse: 'cancelled by staff' },
      at,
    )
    await recordAudit(tx, actor, at, {
      action: 'release.cancel-sending',
      subject: `release:${releaseId}`,
      details: { cancelled },
    })
  })
  return deliveryProgress(deps.repos, releaseId)
}
