/**
 * Sends one transactional email described by an outbox row (confirmation, test send, diagnostic).
 * Logic in core `sendTransactionalEmail`; a row that does not exist fails the job for good.
 */
import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import type { Container } from '../src/container.js'
import {
  OutboxRowMissingError,
  sendTransactionalEmail,
} from '../src/core/delivery/transactional.js'
import type { EmailJob } from '../src/queue/index.js'
import { transactionalEmailDeps } from '../src/wiring/delivery.js'

export function createEmailProcessor(container: Container) {
  const deps = transactionalEmailDeps(container)
  return async function processEmail(job: Job<EmailJob>): Promise<void> {
    try {
      await sendTransactionalEmail(deps, job.data.outboxId)
    } catch (error) {
      if (error instanceof OutboxRowMissingError) throw new UnrecoverableError(error.message)
      throw error
    }
  }
}
