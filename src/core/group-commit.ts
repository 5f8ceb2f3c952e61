/**
 * Group commit: writes that arrive while one is being written wait, and are then written
 * together in one transaction. A lone write goes at once (no added wait); under load, each
 * transaction and each multi-row statement carries as many writes as arrived meanwhile, so the
 * database does a few statements per batch instead of a dozen per write.
 *
 * The writer answers each item on its own: one item's refusal (an address already taken) is that
 * item's error, not the batch's. Should the writer itself fail, every item of the batch gets
 * that error.
 */

/** What the writer says of one item: its result, or the error its caller gets. */
export type ItemOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown }

export interface GroupCommitOptions {
  /** The most items written together (default 100). */
  maxBatch?: number
}

export function groupCommit<I, O>(
  write: (items: I[]) => Promise<ItemOutcome<O>[]>,
  options: GroupCommitOptions = {},
): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 100
  let waiting: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = []
  let writing = false

  async function drain() {
    writing = true
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch)
        waiting = waiting.slice(batch.length)
        try {
          const outcomes = await write(batch.map((entry) => entry.item))
          batch.forEach((entry, i) => {
            const outcome = outcomes[i]
            if (outcome?.ok) entry.resolve(outcome.value)
            else entry.reject(outcome ? outcome.error : new Error('No outcome for the item'))
          })
        } catch (error) {
          for (const entry of batch) entry.reject(error)
        }
      }
    } finally {
      writing = false
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject })
      if (!writing) void drain()
    })
}
