/**
 * Sends one transactional email described by an outbox row (confirmation, test send, diagnostic).
 * The row is marked done in the same step as the send is recorded, so a retry after a crash
 * sends again at most the one message that was in flight.
 */
import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import type { Container } from '../src/container.js'
import { renderTransactionalEmail } from '../src/mail/transactional.js'
import type { EmailJob } from '../src/queue/index.js'
import { markOutboxDone } from '../src/queue/outbox.js'

export function createEmailProcessor(deps: Container) {
  return async function processEmail(job: Job<EmailJob>): Promise<void> {
    const { db } = deps.database
    const row = await db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', job.data.outboxId)
      .executeTakeFirst()
    if (!row) throw new UnrecoverableError(`outbox row ${job.data.outboxId} does not exist`)
    if (row.done_at) return

    const message = await renderTransactionalEmail(deps, JSON.parse(row.payload))
    if (message) {
      const result = await deps.mailer.send(message)
      deps.log.info({ outboxId: row.id, messageId: result.messageId }, 'transactional email sent')
    }
    await markOutboxDone(db, deps.clock, row.id)
  }
}
