/**
 * Feed URLs, shared by the feed routes and the pages that advertise them (autodiscovery links
 * and the "Feeds" section of a newsroom page).
 */
import type { Lang, ReleaseType } from '../core/types.js'

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const
export type FeedFormat = (typeof FEED_FORMATS)[number]

export const FEED_MIME: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
}

/** Content-Type of feed responses. */
export const FEED_CONTENT_TYPE: Record<FeedFormat, string> = {
  rss: `${FEED_MIME.rss}; charset=utf-8`,
  atom: `${FEED_MIME.atom}; charset=utf-8`,
  json: `${FEED_MIME.json}; charset=utf-8`,
}

/** Upcoming invitations as an iCalendar feed (RFC 5545): `/feeds/{newsroom|all}.ics`. */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8'
export const calendarFeedPath = (newsroom?: string) => `/feeds/${newsroom ?? 'all'}.ics`

export function isFeedFormat(value: unknown): value is FeedFormat {
  return typeof value === 'string' && (FEED_FORMATS as readonly string[]).includes(value)
}

export interface FeedFilter {
  /** Newsroom slug; omitted for the feed of all newsrooms. */
  newsroom?: string
  lang?: Lang
  type?: ReleaseType
  /** Keyword slug. */
  keyword?: string
}

/** `/feeds/{newsroom|all}.{rss|atom|json}?lang=&type=&keyword=` */
export function feedPath(format: FeedFormat, filter: FeedFilter = {}): string {
  const params = new URLSearchParams()
  if (filter.lang) params.set('lang', filter.lang)
  if (filter.type) params.set('type', filter.type)
  if (filter.keyword) params.set('keyword', filter.keyword)
  const query = params.toString()
  return `/feeds/${filter.newsroom ?? 'all'}.${format}${query ? `?${query}` : ''}`
}

/** The calendar file of an invitation: beside its page in the first language it has. */
export function releaseIcsPath(release: {
  languages: readonly Lang[]
  versions: Partial<Record<Lang, { path: string }>>
}): string {
  return `${release.versions[release.languages[0]]!.path}/event.ics`
}
