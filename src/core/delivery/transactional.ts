/**
 * One transactional email described by an outbox row (confirmation, diagnostic): rendered by
 * the mail layer, sent, and the row marked done right after the send, so a retry after a crash
 * sends again at most the one message that was in flight.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { DeliveryLog, OutgoingMessage } from './ports.js'

export interface TransactionalEmailDeps {
  repos: Pick<Repositories, 'outbox'>
  clock: Clock
  log: DeliveryLog
  /** The message of a payload, or null when it is no longer wanted (an erased subscriber). */
  render(payload: { template: string } & Record<string, unknown>): Promise<OutgoingMessage | null>
  send(message: OutgoingMessage): Promise<{ messageId?: string }>
  /** Records that the payload's message left (e.g. an embargo recipient's sent time). */
  afterSend?(payload: { template: string } & Record<string, unknown>): Promise<void>
}

/** The outbox row is gone: there is nothing to send, now or on a retry. */
export class OutboxRowMissingError extends Error {
  constructor(readonly outboxId: number) {
    super(`outbox row ${outboxId} does not exist`)
    this.name = 'OutboxRowMissingError'
  }
}

export async function sendTransactionalEmail(
  deps: TransactionalEmailDeps,
  outboxId: number,
): Promise<void> {
  const row = await deps.repos.outbox.find(outboxId)
  if (!row) throw new OutboxRowMissingError(outboxId)
  if (row.done_at) return
  const payload = JSON.parse(row.payload) as { template: string } & Record<string, unknown>
  const message = await deps.render(payload)
  if (message) {
    const result = await deps.send(message)
    deps.log.info({ outboxId: row.id, messageId: result.messageId }, 'transactional email sent')
    await deps.afterSend?.(payload)
  }
  await deps.repos.outbox.markDone(row.id, deps.clock.now())
}
