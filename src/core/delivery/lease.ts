/**
 * Leases on claimed deliveries. A send claims a chunk of deliveries (`sending`) under its
 * worker's id and a lease of `policy.leaseMs`, and renews the lease every third of that for as
 * long as it works on the chunk. A worker that dies stops renewing: once the lease lapses, the
 * reconciler of any live worker puts the rows back to `pending` and sends them again (possible
 * duplicates, each logged). A worker that is alive but gave up on a chunk (its send ended in an
 * error) stops renewing too, so no row stays `sending` for ever.
 */
import type { DeliveryDeps } from './ports.js'

export interface Leases {
  /** The lease a claim made now gets. */
  claim(): { holder: string; until: Date }
  /** Runs `work`, renewing the lease on `ids` until it ends. */
  holdWhile<T>(ids: number[], work: () => Promise<T>): Promise<T>
  /** Renews the lease on `ids` until the returned function is called. */
  hold(ids: number[]): () => void
}

export function leasesOf(
  deps: Pick<DeliveryDeps, 'repos' | 'clock' | 'log' | 'policy' | 'workerId'>,
): Leases {
  const { repos, clock, log, policy, workerId } = deps
  const until = () => new Date(clock.now().getTime() + policy.leaseMs)
  const hold = (ids: number[]) => {
    let renewing = false
    const renew = async () => {
      if (renewing) return
      renewing = true
      try {
        await repos.deliveries.renewLeases(ids, workerId, until())
      } catch (error) {
        // The database is away: the next renewal tries again, well before the lease lapses.
        log.warn(
          { err: (error as Error).message, deliveries: ids.length },
          'could not renew leases',
        )
      } finally {
        renewing = false
      }
    }
    const timer = setInterval(() => void renew(), Math.max(100, Math.floor(policy.leaseMs / 3)))
    return () => clearInterval(timer)
  }
  return {
    claim: () => ({ holder: workerId, until: until() }),
    hold,
    async holdWhile(ids, work) {
      const release = hold(ids)
      try {
        return await work()
      } finally {
        release()
      }
    },
  }
}
