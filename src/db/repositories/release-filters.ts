/**
 * Conditions on releases that several repositories apply, written once so that "tagged with"
 * means the same in staff lists, public listings and feeds.
 */
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../schema.js'

/** The release (`releases.id` in the outer query) carries the keyword with this slug. */
export const taggedWith =
  (keywordSlug: string) =>
  ({ exists, selectFrom }: ExpressionBuilder<Database, 'releases'>) =>
    exists(
      selectFrom('release_keywords')
        .innerJoin('keywords', 'keywords.id', 'release_keywords.keyword_id')
        .select('release_keywords.release_id')
        .whereRef('release_keywords.release_id', '=', 'releases.id')
        .where('keywords.slug', '=', keywordSlug),
    )
