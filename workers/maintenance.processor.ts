/**
 * The `maintenance` job: the delivery reconciler (core `reconcileDeliveries`) and digests (core
 * `runDigests`). Every worker's
 * sweep loop calls `scheduleReconcile`, which adds one job per interval with a deterministic
 * id, so however many workers run, the reconciler runs about once per interval — and because
 * the loop lives in the process, not in Redis, a flushed Redis cannot stop it.
 */
import type { Job } from 'bullmq'
import type { Container } from '../src/container.js'
import type { DeliveryDeps } from '../src/core/delivery/ports.js'
import { reconcileDeliveries } from '../src/core/delivery/reconcile.js'
import { runDigests } from '../src/core/digest/digests.js'
import { digestDeps } from '../src/wiring/digest.js'
import type { MaintenanceJob } from '../src/queue/jobs.js'
import { jobId } from '../src/queue/jobs.js'

/** How often digests are planned, and the reconciler runs at the most. */
export const RECONCILE_EVERY_MS = 30_000

/**
 * The reconciler runs every 30 s, or as often as a delivery lease lasts when that is shorter: a
 * dead worker's claimed rows go out again within about two leases, not a lease plus 30 s.
 */
const reconcileEveryMs = (deliveryLeaseMs: number) => Math.min(RECONCILE_EVERY_MS, deliveryLeaseMs)

export function createMaintenanceProcessor(container: Container, delivery: DeliveryDeps) {
  return async function processMaintenance(job: Job<MaintenanceJob>) {
    switch (job.data.task) {
      case 'reconcile':
        return reconcileDeliveries(delivery)
      case 'sweep':
        return { dispatched: await container.dispatcher.sweep() }
      case 'digests':
        return runDigests(digestDeps(container, delivery))
    }
  }
}

/**
 * Adds this interval's reconcile and digest jobs unless they exist (or ran within the last
 * hour). The digest job plans and sends digests from the database, so one lost with Redis is
 * made good by the next interval's.
 */
export async function scheduleReconcile(container: Container): Promise<void> {
  const now = container.clock.now().getTime()
  const every = {
    reconcile: reconcileEveryMs(container.config.deliveryLeaseMs),
    digests: RECONCILE_EVERY_MS,
  }
  for (const task of ['reconcile', 'digests'] as const)
    await container.queues.maintenance.add(
      'maintenance',
      { task },
      {
        jobId: jobId(task, every[task], Math.floor(now / every[task])),
        // Kept an hour so that another worker's loop in the same interval finds it and skips.
        removeOnComplete: { age: 3600 },
        attempts: 1,
      },
    )
}
