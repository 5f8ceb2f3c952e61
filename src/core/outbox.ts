/**
 * Work that must happen later or elsewhere (publish at a time, fan a release out, send one
 * email) is written as an outbox row in the transaction of the change that causes it. The core
 * decides what the work is; the queue layer (src/queue/outbox.ts) turns rows into jobs.
 */
import { createRepositories } from '../db/repositories/index.js'
import type { Executor, Repositories } from '../db/repositories/index.js'
import type { Clock } from '../clock.js'

export const OUTBOX_KINDS = {
  /** payload { releaseId } — due at the publication time. */
  publish: 'release.publish',
  /** payload { releaseId, kind } — freeze the audience and enqueue send batches. */
  fanout: 'release.fanout',
  /** payload { template, ... ids } — one transactional email. */
  email: 'email',
} as const

/** Repositories of the open transaction (a bare Kysely executor while callers move). */
type OutboxTarget = Pick<Repositories, 'outbox'> | Executor

const outboxOf = (target: OutboxTarget) =>
  'outbox' in target ? target.outbox : createRepositories(target).outbox

/**
 * Adds an outbox row; call inside the transaction that makes the change. Returns its id.
 * (A bare Kysely executor is still accepted while callers move to repositories.)
 */
export async function addOutboxRow(
  target: OutboxTarget,
  clock: Clock,
  row: { kind: string; payload: object; dueAt?: Date },
): Promise<number> {
  const now = clock.now()
  // Rows about a release name it in their own column, so they are found without reading JSON.
  const releaseId = (row.payload as { releaseId?: unknown }).releaseId
  return outboxOf(target).add({
    kind: row.kind,
    payload: row.payload,
    dueAt: row.dueAt ?? now,
    now,
    releaseId: typeof releaseId === 'number' ? releaseId : undefined,
  })
}
