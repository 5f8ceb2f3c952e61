/**
 * Work that must happen later or elsewhere (publish at a time, fan a release out, send one
 * email) is written as an outbox row in the transaction of the change that causes it. The core
 * decides what the work is; the queue layer (src/queue/outbox.ts) turns rows into jobs.
 */
import type { Repositories } from '../db/repositories/index.js'
import type { Clock } from '../clock.js'

export const OUTBOX_KINDS = {
  /** payload { releaseId } — due at the publication time. */
  publish: 'release.publish',
  /** payload { releaseId, kind } — freeze the audience and enqueue send batches. */
  fanout: 'release.fanout',
  /** payload { template, ... ids } — one transactional email. */
  email: 'email',
  /** payload { messageId } — one webhook message, retried until delivered or given up. */
  webhook: 'webhook.message',
  /** payload { topics } — tell the WebSub hub that these feeds changed. */
  websub: 'websub.ping',
} as const

/**
 * Adds an outbox row; call inside the transaction that makes the change. Returns its id.
 */
export async function addOutboxRow(
  tx: Pick<Repositories, 'outbox'>,
  clock: Clock,
  row: { kind: string; payload: object; dueAt?: Date },
): Promise<number> {
  const now = clock.now()
  // Rows about a release name it in their own column, so they are found without reading JSON.
  const releaseId = (row.payload as { releaseId?: unknown }).releaseId
  return tx.outbox.add({
    kind: row.kind,
    payload: row.payload,
    dueAt: row.dueAt ?? now,
    now,
    releaseId: typeof releaseId === 'number' ? releaseId : undefined,
  })
}
