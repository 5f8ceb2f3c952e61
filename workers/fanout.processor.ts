/**
 * The `fanout` job: freezes the audience of a release (or correction notice) as delivery rows
 * and enqueues the send batches. Logic and idempotency are in core `fanOut`.
 */
import type { Job } from 'bullmq'
import type { DeliveryDeps } from '../src/core/delivery/ports.js'
import { fanOut } from '../src/core/delivery/fanout.js'
import type { FanoutResult } from '../src/core/delivery/fanout.js'
import type { FanoutJob } from '../src/queue/jobs.js'

export function createFanoutProcessor(deps: DeliveryDeps) {
  return async function processFanout(job: Job<FanoutJob>): Promise<FanoutResult> {
    return fanOut(deps, job.data)
  }
}
