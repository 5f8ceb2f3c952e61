/**
 * Leases on claimed deliveries. A send claims a chunk of deliveries (`sending`) under its
 * worker's id and a lease of `policy.leaseMs`, and renews the lease every third of that while
 * the chunk is in its hands. A worker that dies stops renewing: once the lease lapses, the
 * reconciler of any live worker puts the rows back to `pending` and sends them again (possible
 * duplicates, each logged). A worker that is alive but has stopped working on rows (its send
 * ended in an error) stops renewing too, so no row stays `sending` for ever.
 */
import type { DeliveryDeps } from './ports.js'

export interface LeaseKeeper {
  /** The lease a claim made now gets. */
  claim(): { holder: string; until: Date }
  /** Keep renewing these rows' leases... */
  hold(ids: number[]): void
  /** ...until they are settled. */
  letGo(ids: number[]): void
  stop(): void
}

export function keepLeases(
  deps: Pick<DeliveryDeps, 'repos' | 'clock' | 'log' | 'policy' | 'workerId'>,
): LeaseKeeper {
  const { repos, clock, log, policy, workerId } = deps
  const held = new Set<number>()
  const until = () => new Date(clock.now().getTime() + policy.leaseMs)
  let renewing = false
  const renew = async () => {
    if (renewing || held.size === 0) return
    renewing = true
    try {
      await repos.deliveries.renewLeases([...held], workerId, until())
    } catch (error) {
      // The database is away: the next renewal tries again, well before the lease lapses.
      log.warn({ err: (error as Error).message, deliveries: held.size }, 'could not renew leases')
    } finally {
      renewing = false
    }
  }
  const timer = setInterval(() => void renew(), Math.max(100, Math.floor(policy.leaseMs / 3)))
  return {
    claim: () => ({ holder: workerId, until: until() }),
    hold(ids) {
      for (const id of ids) held.add(id)
    },
    letGo(ids) {
      for (const id of ids) held.delete(id)
    },
    stop() {
      clearInterval(timer)
      held.clear()
    },
  }
}
