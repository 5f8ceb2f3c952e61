/**
 * Delivers one webhook message (logic in core `deliverWebhookMessage`). A failed attempt fails
 * the job; BullMQ retries it after the policy's next delay (`webhookBackoff`), the same
 * `webhook-id` and body each time, until the core gives the message up.
 */
import type { Job } from 'bullmq'
import type { WorkerOptions } from 'bullmq'
import { deliverWebhookMessage } from '../src/core/webhooks/delivery.js'
import type { WebhookDeps } from '../src/core/webhooks/ports.js'
import { retryDelay } from '../src/core/webhooks/ports.js'
import type { WebhookJob } from '../src/queue/index.js'
import { WEBHOOK_BACKOFF } from '../src/queue/index.js'

export function createWebhookProcessor(deps: WebhookDeps) {
  return async function processWebhook(job: Job<WebhookJob>): Promise<string> {
    return deliverWebhookMessage(deps, job.data)
  }
}

/** Worker settings: the retry schedule of the policy, by the number of attempts made. */
export function webhookWorkerOptions(deps: WebhookDeps): Partial<WorkerOptions> {
  return {
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string) =>
        type === WEBHOOK_BACKOFF ? retryDelay(deps.policy, attemptsMade) : 1000,
    },
  }
}
