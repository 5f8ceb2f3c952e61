/**
 * The transactional outbox table: rows written in the transaction of a change, read by the
 * dispatcher and the sweep, closed by the job that performs them.
 */
import type { OutboxRow } from '../schema.js'
import type { Executor } from './index.js'
import { chunks } from './subscribers.js'

export type OutboxEntry = Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'due_at' | 'dispatched_at'>

export interface NewOutboxRow {
  kind: string
  payload: object
  dueAt: Date
  now: Date
  /** The release the row is about, for publish and fan-out rows. */
  releaseId?: number
}

/** Multi-row inserts of a few hundred rows each; the ids of all. */
async function addMany(db: Executor, rows: NewOutboxRow[]): Promise<number[]> {
  const ids: number[] = []
  for (const part of chunks(rows)) {
    const inserted = await db
      .insertInto('outbox')
      .values(
        part.map((row) => ({
          kind: row.kind,
          release_id: row.releaseId ?? null,
          payload: JSON.stringify(row.payload),
          due_at: row.dueAt.toISOString(),
          attempts: 0,
          created_at: row.now.toISOString(),
        })),
      )
      .returning('id')
      .execute()
    ids.push(...inserted.map((row) => row.id))
  }
  return ids
}

export function createOutboxRepository(db: Executor) {
  return {
    /** Adds a row; returns its id. `payload` is stored as JSON. */
    async add(row: NewOutboxRow): Promise<number> {
      const [id] = await addMany(db, [row])
      return id
    },

    /** Adds rows, a few hundred a statement; returns their ids. */
    addMany: (rows: NewOutboxRow[]): Promise<number[]> => addMany(db, rows),

    async markDone(id: number, at: Date): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ done_at: at.toISOString() })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .execute()
    },

    /** Marks an open row done; false if it was done already (another run took it). */
    async claim(id: number, at: Date): Promise<boolean> {
      const claimed = await db
        .updateTable('outbox')
        .set({ done_at: at.toISOString() })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .executeTakeFirst()
      return Number(claimed.numUpdatedRows) > 0
    },

    async markDispatched(ids: number[], at: Date): Promise<void> {
      for (const part of chunks(ids))
        await db
          .updateTable('outbox')
          .set({ dispatched_at: at.toISOString() })
          .where('id', 'in', part)
          .execute()
    },

    /** One row, done or not. */
    find(id: number): Promise<(OutboxEntry & { done_at: string | null }) | undefined> {
      return db
        .selectFrom('outbox')
        .select(['id', 'kind', 'payload', 'due_at', 'dispatched_at', 'done_at'])
        .where('id', '=', id)
        .executeTakeFirst()
    },

    /** The given rows that are not done yet. */
    findOpen(ids: number[]): Promise<OutboxEntry[]> {
      return db
        .selectFrom('outbox')
        .select(['id', 'kind', 'payload', 'due_at', 'dispatched_at'])
        .where('id', 'in', ids)
        .where('done_at', 'is', null)
        .execute()
    },

    /** Open rows of one kind about a release (e.g. its pending publication). */
    findOpenForRelease(releaseId: number, kind: string): Promise<OutboxEntry[]> {
      return db
        .selectFrom('outbox')
        .select(['id', 'kind', 'payload', 'due_at', 'dispatched_at'])
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .where('done_at', 'is', null)
        .execute()
    },

    /** Every row of one kind about a release, open or done, oldest first. */
    findForRelease(
      releaseId: number,
      kind: string,
    ): Promise<(OutboxEntry & { done_at: string | null })[]> {
      return db
        .selectFrom('outbox')
        .select(['id', 'kind', 'payload', 'due_at', 'dispatched_at', 'done_at'])
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .orderBy('id')
        .execute()
    },

    /** Marks the given rows done (those not done yet). */
    async markManyDone(ids: number[], at: Date): Promise<void> {
      if (ids.length === 0) return
      await db
        .updateTable('outbox')
        .set({ done_at: at.toISOString() })
        .where('id', 'in', ids)
        .where('done_at', 'is', null)
        .execute()
    },

    /** Rows never handed to the queue, oldest first. */
    findUndispatched(limit: number): Promise<OutboxEntry[]> {
      return db
        .selectFrom('outbox')
        .select(['id', 'kind', 'payload', 'due_at', 'dispatched_at'])
        .where('done_at', 'is', null)
        .where('dispatched_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute()
    },

    /** Rows due and dispatched before `settled` that are still not done. */
    findOverdue(settled: Date, limit: number): Promise<OutboxEntry[]> {
      const at = settled.toISOString()
      return db
        .selectFrom('outbox')
        .select(['id', 'kind', 'payload', 'due_at', 'dispatched_at'])
        .where('done_at', 'is', null)
        .where('dispatched_at', '<', at)
        .where('due_at', '<', at)
        .orderBy('due_at')
        .limit(limit)
        .execute()
    },
  }
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>
