/**
 * The `maintenance` job: the delivery reconciler (core `reconcileDeliveries`). Every worker's
 * sweep loop calls `scheduleReconcile`, which adds one job per interval with a deterministic
 * id, so however many workers run, the reconciler runs about once per interval — and because
 * the loop lives in the process, not in Redis, a flushed Redis cannot stop it.
 */
import type { Job } from 'bullmq'
import type { Container } from '../src/container.js'
import type { DeliveryDeps } from '../src/core/delivery/ports.js'
import { reconcileDeliveries } from '../src/core/delivery/reconcile.js'
import type { MaintenanceJob } from '../src/queue/jobs.js'
import { jobId } from '../src/queue/jobs.js'

export const RECONCILE_EVERY_MS = 30_000

export function createMaintenanceProcessor(container: Container, delivery: DeliveryDeps) {
  return async function processMaintenance(job: Job<MaintenanceJob>) {
    switch (job.data.task) {
      case 'reconcile':
        return reconcileDeliveries(delivery)
      case 'sweep':
        return { dispatched: await container.dispatcher.sweep() }
    }
  }
}

/** Adds this interval's reconcile job unless it exists (or ran within the last hour). */
export async function scheduleReconcile(container: Container): Promise<void> {
  const bucket = Math.floor(container.clock.now().getTime() / RECONCILE_EVERY_MS)
  await container.queues.maintenance.add(
    'maintenance',
    { task: 'reconcile' },
    {
      jobId: jobId('reconcile', bucket),
      // Kept an hour so that another worker's loop in the same interval finds it and skips.
      removeOnComplete: { age: 3600 },
      attempts: 1,
    },
  )
}
