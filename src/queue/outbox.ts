/**
 * Transactional outbox. Domain changes that must lead to work (publish at a time, send a
 * confirmation email, fan out a release) insert an outbox row in the same transaction as the
 * change. The dispatcher then moves rows to BullMQ; a periodic sweep re-dispatches rows that are
 * not done, so a flushed or restarted Redis delays work but never loses it.
 */
import type { Logger } from 'pino'
import type { Clock } from '../clock.js'
import type { Repositories } from '../db/repositories/index.js'
import type { OutboxRow } from '../db/schema.js'
import { OUTBOX_KINDS } from '../core/outbox.js'
import type { Queues } from './index.js'
import { jobId } from './jobs.js'
import type { QueueName } from './jobs.js'
import type { RedisGuard } from '../redis-timeouts.js'

export { OUTBOX_KINDS, addOutboxRow } from '../core/outbox.js'

interface BulkJob {
  name: string
  data: object
  opts: { jobId: string; delay: number }
}

export interface OutboxRoute {
  queue: QueueName
  jobId: string
  data: object
}

/** Maps an outbox row to the job that performs it. */
export function routeOutboxRow(
  row: Pick<OutboxRow, 'id' | 'kind' | 'payload'>,
): OutboxRoute | undefined {
  const payload = JSON.parse(row.payload) as Record<string, unknown>
  switch (row.kind) {
    case OUTBOX_KINDS.publish:
      return {
        queue: 'publish',
        jobId: jobId('publish', Number(payload.releaseId), row.id),
        data: { releaseId: Number(payload.releaseId), outboxId: row.id },
      }
    case OUTBOX_KINDS.fanout:
      return {
        queue: 'fanout',
        jobId: jobId('fanout', Number(payload.releaseId), String(payload.kind ?? 'release')),
        data: {
          releaseId: Number(payload.releaseId),
          kind: payload.kind ?? 'release',
          outboxId: row.id,
        },
      }
    case OUTBOX_KINDS.email:
      return { queue: 'email', jobId: jobId('email', row.id), data: { outboxId: row.id } }
    case OUTBOX_KINDS.webhook:
      return {
        queue: 'webhook',
        jobId: jobId('webhook', Number(payload.messageId)),
        data: { outboxId: row.id, messageId: Number(payload.messageId) },
      }
    case OUTBOX_KINDS.websub:
      return { queue: 'websub', jobId: jobId('websub', row.id), data: { outboxId: row.id } }
    default:
      return undefined
  }
}

export async function markOutboxDone(
  repos: Pick<Repositories, 'outbox'>,
  clock: Clock,
  id: number,
): Promise<void> {
  await repos.outbox.markDone(id, clock.now())
}

export interface Dispatcher {
  /**
   * Enqueue the given rows now (right after the transaction that created them commits). Called
   * from requests, so it waits on Redis no longer than the guard allows and then throws; the
   * rows are committed, and the sweep enqueues them.
   */
  dispatch(ids: number[]): Promise<void>
  /** Enqueue rows never dispatched, or dispatched long ago and still not done. */
  sweep(): Promise<number>
}

/**
 * A row dispatched this long ago, due and still not done, is checked against Redis: if its job
 * is gone (Redis flushed or restarted without persistence), it is enqueued again at once.
 */
export const LOST_JOB_GRACE_MS = 5_000
/** A job that used up its retries is retried by the sweep after this long. */
export const REDISPATCH_AFTER_MS = 60_000

export function createDispatcher(deps: {
  repos: Pick<Repositories, 'outbox'>
  queues: Queues
  clock: Clock
  log: Logger
  guard: RedisGuard
}): Dispatcher {
  const { repos, queues, clock, log, guard } = deps

  async function markDispatched(ids: number[]) {
    await repos.outbox.markDispatched(ids, clock.now())
  }

  /** Adds the rows' jobs, a Redis round trip per queue, and marks the rows dispatched. */
  async function enqueue(rows: Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'due_at'>[]) {
    const byQueue = new Map<QueueName, { ids: number[]; jobs: BulkJob[] }>()
    for (const row of rows) {
      const route = routeOutboxRow(row)
      if (!route) {
        log.error({ outboxId: row.id, kind: row.kind }, 'outbox row of unknown kind left undone')
        continue
      }
      const delay = Math.max(0, new Date(row.due_at).getTime() - clock.now().getTime())
      let group = byQueue.get(route.queue)
      if (!group) byQueue.set(route.queue, (group = { ids: [], jobs: [] }))
      group.ids.push(row.id)
      group.jobs.push({ name: route.queue, data: route.data, opts: { jobId: route.jobId, delay } })
    }
    for (const [queue, { ids, jobs }] of byQueue) {
      // A job with the same id already waiting or delayed makes its add a no-op.
      await queues[queue].addBulk(jobs as never)
      await markDispatched(ids)
    }
  }

  /** Re-enqueues due rows whose job Redis no longer has; retries long-failed ones. */
  async function recoverLost(
    rows: Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'due_at' | 'dispatched_at'>[],
  ) {
    let recovered = 0
    const retryBefore = clock.now().getTime() - REDISPATCH_AFTER_MS
    for (const row of rows) {
      const route = routeOutboxRow(row)
      if (!route) continue
      const job = await queues[route.queue].getJob(route.jobId)
      const state = job ? await job.getState() : 'unknown'
      if (state === 'unknown') {
        // The job may have finished (and been removed) since the row was read: only a row
        // still open has lost its job.
        if ((await repos.outbox.findOpen([row.id])).length === 0) continue
        log.warn({ outboxId: row.id, jobId: route.jobId }, 'job lost from Redis; enqueuing again')
        await enqueue([row])
        recovered++
      } else if (
        state === 'failed' &&
        job &&
        new Date(row.dispatched_at ?? 0).getTime() < retryBefore
      ) {
        log.warn({ outboxId: row.id, jobId: route.jobId }, 'retrying a failed job')
        await job.retry('failed')
        await markDispatched([row.id])
        recovered++
      }
    }
    return recovered
  }

  return {
    async dispatch(ids) {
      if (ids.length === 0) return
      const rows = await repos.outbox.findOpen(ids)
      // Should the wait end first, adding goes on in the background; job ids are deterministic,
      // so the sweep adding the same rows again is a no-op.
      await guard.run('dispatch', () => enqueue(rows))
    },
    async sweep() {
      const now = clock.now()
      const fresh = await repos.outbox.findUndispatched(1000)
      await enqueue(fresh)
      const settled = new Date(now.getTime() - LOST_JOB_GRACE_MS)
      const overdue = await repos.outbox.findOverdue(settled, 200)
      return fresh.length + (await recoverLost(overdue))
    },
  }
}
