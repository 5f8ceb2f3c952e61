/**
 * The reconciler (periodic `maintenance` job): the database says what must still be sent, so
 * whatever Redis lost — a flush, a restart without persistence, a job that used up its
 * attempts — is found here and enqueued again.
 *
 * - A delivery `sending` for longer than any live send takes belonged to a worker that died
 *   mid-send. It goes back to `pending` and is sent again; the server may already have accepted
 *   it, so each one is logged as a possible duplicate.
 * - Due `pending` deliveries of a (release, kind) that has made no progress for a while are
 *   enqueued again in batches (ids unique per round; a batch that still exists in Redis only
 *   finds its rows already claimed or sent).
 * - A release whose frozen audience has all reached a terminal state is marked delivered.
 */
import type { DeliveryDeps } from './ports.js'
import { toBatches } from './fanout.js'
import { markDeliveredIfComplete } from './state.js'

export interface ReconcileResult {
  /** `sending` rows of dead workers put back to `pending`. */
  resent: number
  /** Send batches enqueued again. */
  batches: number
  /** Releases marked delivered by this run. */
  delivered: number
}

const iso = (ms: number) => new Date(ms).toISOString()

export async function reconcileDeliveries(deps: DeliveryDeps): Promise<ReconcileResult> {
  const { db, clock, policy, log } = deps
  const now = clock.now().getTime()
  const result: ReconcileResult = { resent: 0, batches: 0, delivered: 0 }
  const round = Math.floor(now / policy.stallTimeoutMs)

  // Releases that may still have open deliveries: not yet delivered, or touched recently
  // (a correction notice on an older release).
  const recent = iso(now - policy.giveUpAfterMs - 24 * 3600_000)
  const releases = await db
    .selectFrom('releases')
    .select(['id', 'delivered_at'])
    .where('status', 'in', ['published', 'withdrawn'])
    .where((eb) =>
      eb.or([
        eb.and([eb('delivered_at', 'is', null), eb('notify', '=', 1)]),
        eb('updated_at', '>=', recent),
      ]),
    )
    .execute()

  for (const release of releases) {
    const open = await db
      .selectFrom('deliveries')
      .select('kind')
      .distinct()
      .where('release_id', '=', release.id)
      .where('status', 'in', ['pending', 'sending'])
      .execute()
    for (const { kind } of open) {
      const last = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.max('updated_at').as('last'))
        .where('release_id', '=', release.id)
        .where('kind', '=', kind)
        .executeTakeFirst()
      const stalled = String(last?.last ?? '') < iso(now - policy.stallTimeoutMs)

      const staleSending = await db
        .selectFrom('deliveries')
        .select(['id', 'status'])
        .where('release_id', '=', release.id)
        .where('kind', '=', kind)
        .where('status', '=', 'sending')
        .where('updated_at', '<', iso(now - policy.sendingTimeoutMs))
        .orderBy('id')
        .execute()
      if (staleSending.length > 0) {
        const ids = staleSending.map((row) => row.id)
        for (const id of ids)
          log.warn(
            { deliveryId: id, releaseId: release.id, kind },
            'delivery was in flight when its worker stopped; sending again (possible duplicate)',
          )
        for (let i = 0; i < ids.length; i += 500) {
          await db
            .updateTable('deliveries')
            .set({ status: 'pending', next_attempt_at: null, updated_at: iso(now) })
            .where('id', 'in', ids.slice(i, i + 500))
            .where('status', '=', 'sending')
            .execute()
        }
        result.resent += ids.length
        if (!stalled) {
          const batches = toBatches(
            release.id,
            kind,
            staleSending.map((row) => ({ id: row.id, status: 'pending' as const })),
            policy.batchSize,
            ['re', round],
          )
          await deps.enqueueSends(batches)
          result.batches += batches.length
        }
      }
      if (!stalled) continue

      // No progress for a while: enqueue every due pending row again, page by page.
      let after = 0
      for (;;) {
        const rows = await db
          .selectFrom('deliveries')
          .select(['id', 'status'])
          .where('release_id', '=', release.id)
          .where('kind', '=', kind)
          .where('status', '=', 'pending')
          .where((eb) =>
            eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', iso(now))]),
          )
          .where('id', '>', after)
          .orderBy('id')
          .limit(policy.pageSize)
          .execute()
        if (rows.length === 0) break
        after = rows[rows.length - 1].id
        const batches = toBatches(release.id, kind, rows, policy.batchSize, ['re', round])
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
