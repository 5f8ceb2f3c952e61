/**
 * Reads the filters of a feed URL. Values that cannot be right answer 400 with a sentence saying
 * what to send instead — an empty feed would look like "no news" to a reader who mistyped.
 */
import type { Lang, ReleaseType } from '../core/types.js'
import { LANGUAGES, isLanguage } from '../core/newsroom/newsrooms.js'
import { makeSlug } from '../core/release/slug.js'
import { RELEASE_TYPES, isReleaseType } from '../core/release/views.js'
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT } from './feed-items.js'

export interface FeedFilters {
  lang?: Lang
  type?: ReleaseType
  keyword?: string
  limit: number
}

export type FilterResult = { ok: true; filters: FeedFilters } | { ok: false; message: string }

/** A value named back in an error only when it is a plain word: markup is never echoed. */
const quoted = (value: string) => (/^[\w-]{1,40}$/.test(value) ? ` "${value}"` : '')

export function parseFeedFilters(query: Record<string, string | undefined>): FilterResult {
  const filters: FeedFilters = { limit: DEFAULT_FEED_LIMIT }
  const { lang, type, keyword, limit } = query
  if (lang !== undefined && lang !== '') {
    if (!isLanguage(lang))
      return {
        ok: false,
        message: `lang: Unknown language${quoted(lang)}; use ${LANGUAGES.join(', ')}.`,
      }
    filters.lang = lang
  }
  if (type !== undefined && type !== '') {
    if (!isReleaseType(type))
      return {
        ok: false,
        message: `type: Unknown release type${quoted(type)}; use ${RELEASE_TYPES.join(', ')}.`,
      }
    filters.type = type
  }
  if (keyword !== undefined && keyword !== '') {
    const slug = makeSlug(keyword)
    if (!slug || keyword.length > 60)
      return {
        ok: false,
        message: 'keyword: Give a keyword of 1–60 characters with letters or digits.',
      }
    // Kept as written: a label in any language names its term (resolved with the newsroom).
    filters.keyword = keyword.replace(/\s+/g, ' ').trim()
  }
  if (limit !== undefined && limit !== '') {
    const n = /^\d{1,4}$/.test(limit) ? Number(limit) : NaN
    if (!(n >= 1 && n <= MAX_FEED_LIMIT))
      return {
        ok: false,
        message: `limit: Give a whole number from 1 to ${MAX_FEED_LIMIT} (default ${DEFAULT_FEED_LIMIT}).`,
      }
    filters.limit = n
  }
  return { ok: true, filters }
}
