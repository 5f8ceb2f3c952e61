/**
 * Conditions on releases that several repositories apply, written once so that "tagged with"
 * means the same in staff lists, public listings and feeds.
 */
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../schema.js'

/**
 * The release (`releases.id` in the outer query) carries the keyword term with this slug (terms
 * belong to the release's newsroom, so in a listing of every newsroom the slug is matched in each).
 */
export const taggedWith =
  (keywordSlug: string) =>
  ({ exists, selectFrom }: ExpressionBuilder<Database, 'releases'>) =>
    exists(
      selectFrom('release_terms')
        .innerJoin('keyword_terms', 'keyword_terms.id', 'release_terms.term_id')
        .select('release_terms.release_id')
        .whereRef('release_terms.release_id', '=', 'releases.id')
        .where('keyword_terms.slug', '=', keywordSlug),
    )
