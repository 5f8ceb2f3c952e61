/**
 * The reconciler (periodic `maintenance` job): the database says what must still be sent, so
 * whatever Redis lost — a flush, a restart without persistence, a job that used up its
 * attempts — is found here and enqueued again.
 *
 * - A delivery `sending` whose lease lapsed (its worker stopped renewing it: see lease.ts)
 *   belonged to a worker that died mid-send. It goes back to `pending` and is sent again; the
 *   server may already have accepted it, so each one is logged as a possible duplicate.
 * - Due `pending` deliveries of a (release, kind) that has made no progress for a while are
 *   enqueued again in batches (ids unique per round; a batch that still exists in Redis only
 *   finds its rows already claimed or sent).
 * - A release whose frozen audience has all reached a terminal state is marked delivered.
 */
import { toBatches } from './fanout.js'
import { keysetPages, nonEmpty } from './paging.js'
import type { DeliveryDeps } from './ports.js'
import { markDeliveredIfComplete } from './state.js'

export interface ReconcileResult {
  /** `sending` rows of dead workers put back to `pending`. */
  resent: number
  /** Send batches enqueued again. */
  batches: number
  /** Releases marked delivered by this run. */
  delivered: number
}

export async function reconcileDeliveries(deps: DeliveryDeps): Promise<ReconcileResult> {
  const { repos, clock, policy, log } = deps
  const now = clock.now().getTime()
  const result: ReconcileResult = { resent: 0, batches: 0, delivered: 0 }
  const round = Math.floor(now / policy.stallTimeoutMs)

  // Releases that may still have open deliveries: not yet delivered, or touched recently
  // (a correction notice on an older release).
  const releases = await repos.deliveries.findReleasesToReconcile(
    new Date(now - policy.giveUpAfterMs - 24 * 3600_000),
  )

  for (const release of releases) {
    for (const kind of await repos.deliveries.openKinds(release.id)) {
      const last = await repos.deliveries.lastUpdatedAt(release.id, kind)
      const stalled = last < new Date(now - policy.stallTimeoutMs).toISOString()

      const abandoned = await repos.deliveries.releaseAbandoned(
        release.id,
        kind,
        new Date(now),
        new Date(now - policy.sendingTimeoutMs),
      )
      if (abandoned.length > 0) {
        const ids = abandoned.map((row) => row.id)
        for (const row of abandoned)
          log.warn(
            { deliveryId: row.id, releaseId: release.id, kind, worker: row.claimed_by },
            'delivery was in flight when its worker stopped; sending again (possible duplicate)',
          )
        result.resent += ids.length
        if (!stalled) {
          const batches = toBatches(
            release.id,
            kind,
            abandoned.map((row) => ({ id: row.id, status: 'pending' as const })),
            policy.batchSize,
            round,
          )
          await deps.enqueueSends(batches)
          result.batches += batches.length
        }
      }
      if (!stalled) continue

      // No progress for a while: enqueue every due pending row again, page by page.
      const duePages = keysetPages(
        async (after) =>
          nonEmpty(
            await repos.deliveries.findDuePending(
              release.id,
              kind,
              new Date(now),
              after,
              policy.pageSize,
            ),
          ),
        (rows) => rows[rows.length - 1].id,
      )
      for await (const rows of duePages) {
        const batches = toBatches(release.id, kind, rows, policy.batchSize, round)
        await deps.enqueueSends(batches)
        result.batches += batches.length
      }
    }
    if (!release.delivered_at && (await markDeliveredIfComplete(deps, release.id)))
      result.delivered++
  }
  if (result.resent > 0 || result.batches > 0)
    log.info({ ...result }, 'reconciler enqueued deliveries Redis did not have')
  return result
}
