/**
 * The publish job: makes a scheduled release public when its time comes (or, for "publish now",
 * starts notification). The logic, including idempotency, is in core `completePublication`.
 */
import { DelayedError } from 'bullmq'
import type { Job } from 'bullmq'
import type { Container } from '../src/container.js'
import { contentDeps } from '../src/wiring/content.js'
import { NotDueYetError, completePublication } from '../src/core/release/publishing.js'
import type { PublishJob } from '../src/queue/index.js'

export function createPublishProcessor(deps: Container) {
  const content = contentDeps(deps)
  return async function processPublish(job: Job<PublishJob>, token?: string): Promise<string> {
    try {
      const outcome = await completePublication(content, job.data)
      if (outcome !== 'skipped')
        deps.log.info({ releaseId: job.data.releaseId, outcome }, 'release publish job done')
      return outcome
    } catch (error) {
      // Fired early (clocks of two machines differ): wait until due instead of failing, so the
      // job id stays free for the outbox sweep and no retry budget is spent.
      if (error instanceof NotDueYetError && token) {
        await job.moveToDelayed(Math.max(error.dueAt.getTime(), Date.now() + 500), token)
        throw new DelayedError()
      }
      throw error
    }
  }
}
