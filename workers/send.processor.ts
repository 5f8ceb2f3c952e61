/**
 * The `send` job: one batch of ~100 deliveries (logic in core `sendBatch`). Translates the
 * core's two "not now" outcomes into BullMQ terms: a throttling relay pauses the whole queue
 * (queue rate limit + RateLimitError, no attempt spent); an unreachable relay, or deliveries
 * waiting for their retry after a 4xx, put this same job back as delayed (DelayedError, no
 * attempt spent), so the batch is never lost to a retry limit.
 */
import { DelayedError, Worker } from 'bullmq'
import type { Job, WorkerOptions } from 'bullmq'
import type { DeliveryDeps } from '../src/core/delivery/ports.js'
import { RelayUnavailableError, ThrottledError, sendBatch } from '../src/core/delivery/send.js'
import type { SendBatchResult } from '../src/core/delivery/send.js'
import type { SendJob } from '../src/queue/jobs.js'

/**
 * A limiter is what lets `queue.rateLimit()` pause the workers; its own limit is far above any
 * real rate (each job is a batch of ~100 emails).
 */
export const SEND_WORKER_OPTIONS: Partial<WorkerOptions> = {
  limiter: { max: 10_000, duration: 1000 },
}

export function createSendProcessor(deps: DeliveryDeps) {
  return async function processSend(job: Job<SendJob>, token?: string): Promise<SendBatchResult> {
    let result: SendBatchResult
    try {
      result = await sendBatch(deps, job.data)
    } catch (error) {
      if (error instanceof ThrottledError) throw Worker.RateLimitError()
      if (error instanceof RelayUnavailableError && token) {
        deps.log.warn(
          { jobId: job.id, reply: error.reply, retryInMs: error.retryInMs },
          'SMTP relay unreachable; batch kept for later',
        )
        await job.moveToDelayed(Date.now() + error.retryInMs, token)
        throw new DelayedError()
      }
      throw error
    }
    if (result.retryAt && token) {
      // The same job sleeps until its deferred deliveries are due (no new id, no attempt spent).
      const wait = Math.max(0, result.retryAt.getTime() - deps.clock.now().getTime())
      await job.moveToDelayed(Date.now() + wait, token)
      throw new DelayedError()
    }
    return result
  }
}
