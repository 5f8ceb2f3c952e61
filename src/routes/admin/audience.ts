/**
 * How many subscribers a release would be emailed to, for the confirmation step before
 * publishing. Same rule as the fan-out: confirmed subscribers of the newsroom who are neither
 * suppressed nor paused and whose type and keyword filters (none or empty = everything) let the
 * release through (the fan-out's own `filtersMatch`). Counted per distinct filter, so one query
 * serves any audience size.
 */
import type { Kysely } from 'kysely'
import { filtersMatch } from '../../core/delivery/audience.js'
import type { ReleaseView } from '../../core/release/views.js'
import type { Database } from '../../db/schema.js'

export async function countAudience(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  release: Pick<ReleaseView, 'newsroom' | 'type' | 'keywords'>,
): Promise<number> {
  const groups = await db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select([
      'subscriptions.types',
      'subscriptions.keywords',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('subscriptions.newsroom_id', '=', release.newsroom.id)
    .where('subscribers.status', '=', 'confirmed')
    .where('subscribers.suppressed_at', 'is', null)
    .where('subscribers.paused_at', 'is', null)
    .groupBy(['subscriptions.types', 'subscriptions.keywords'])
    .execute()
  const target = { type: release.type, keywordSlugs: release.keywords.map((k) => k.slug) }
  let total = 0
  for (const group of groups) if (filtersMatch(group, target)) total += Number(group.n)
  return total
}
