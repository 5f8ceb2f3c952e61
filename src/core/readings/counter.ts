/**
 * Privacy-friendly reading figures. Each web process counts release page views and feed
 * fetches in memory — a sum per address and day, nothing about the reader — and adds the sums
 * to the database every few seconds. No cookie is set, no address, user agent or fingerprint is
 * stored; the user agent is looked at only to leave out crawlers and link previewers.
 */
import { msOf } from '../../clock.js'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { Lang } from '../types.js'

/** Crawlers, link previews, monitors and command-line tools: not readers. */
const BOT =
  /bot\b|bot\/|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|whatsapp|telegram|discord|slack|skype|curl|wget|python|go-http|java\/|okhttp|axios|node-fetch|undici|headless|lighthouse|pingdom|uptime|monitor|scan/i

/** Whether a page view from this user agent is left out (no user agent at all: left out). */
export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || userAgent.length < 10 || BOT.test(userAgent)
}

/** A release page as the counter knows it: made once per address, then counted by it. */
export function releasePageKey(lang: Lang, newsroom: string, slug: string): string {
  // Slugs and newsroom slugs hold no spaces (they are checked before a page answers 200).
  return `${lang} ${newsroom} ${slug}`
}

export interface ReadingCounter {
  /** A read of the release page `releasePageKey(lang, newsroom, slug)`. */
  pageView(page: string): void
  feedFetch(feed: string): void
  /** Adds what was counted to the database; counts are kept for the next flush on failure. */
  flush(): Promise<void>
  /** Flushes every `intervalMs` until `stop()`, which flushes a last time. */
  start(intervalMs: number): void
  stop(): Promise<void>
}

/** Bounds memory when the database is away: beyond this many keys new ones are not counted. */
const MAX_KEYS = 50_000

export function createReadingCounter(deps: {
  repos: Pick<Repositories, 'readings'>
  clock: Clock
  log: { warn(obj: object, msg: string): void }
}): ReadingCounter {
  /** One day's sums: page key or feed to count. */
  interface Sums {
    day: string
    views: Map<string, number>
    fetches: Map<string, number>
  }
  const sumsFor = (day: string): Sums => ({ day, views: new Map(), fetches: new Map() })
  // Today's sums, counted into on every kept answer without building a key; days that ended
  // before a flush wait in `ended`.
  let current = sumsFor('')
  let ended: Sums[] = []
  let timer: ReturnType<typeof setInterval> | undefined
  let flushing: Promise<void> | undefined
  let day = { from: 0, until: -1 }
  const today = (): Sums => {
    // Read on every kept answer: no Date made.
    const now = msOf(deps.clock)
    if (now < day.from || now >= day.until) {
      const from = now - (now % 86_400_000)
      day = { from, until: from + 86_400_000 }
      if (current.views.size || current.fetches.size) ended.push(current)
      current = sumsFor(new Date(from).toISOString().slice(0, 10))
    }
    return current
  }
  const sumsOf = (dayText: string): Sums => {
    if (dayText === current.day) return current
    let sums = ended.find((earlier) => earlier.day === dayText)
    if (!sums) ended.push((sums = sumsFor(dayText)))
    return sums
  }
  const add = (map: Map<string, number>, key: string, n = 1) => {
    const count = map.get(key)
    if (count === undefined && map.size >= MAX_KEYS) return
    map.set(key, (count ?? 0) + n)
  }

  async function flushNow(): Promise<void> {
    today()
    const batch = [...ended, current].filter((sums) => sums.views.size || sums.fetches.size)
    if (batch.length === 0) return
    ended = []
    current = sumsFor(current.day)
    const views = batch.flatMap((sums) =>
      [...sums.views].map(([key, n]) => {
        const [lang, newsroom, slug] = key.split(' ')
        return { day: sums.day, lang: lang as Lang, newsroom, slug, views: n }
      }),
    )
    const fetches = batch.flatMap((sums) =>
      [...sums.fetches].map(([feed, n]) => ({ day: sums.day, feed, fetches: n })),
    )
    try {
      await deps.repos.readings.addPageViews(views)
    } catch (error) {
      // Counted again, into the sums of its own day, for the next flush.
      for (const row of views) {
        add(sumsOf(row.day).views, releasePageKey(row.lang, row.newsroom, row.slug), row.views)
      }
      deps.log.warn({ err: (error as Error).message }, 'page views not stored yet')
    }
    try {
      await deps.repos.readings.addFeedFetches(fetches)
    } catch (error) {
      for (const row of fetches) add(sumsOf(row.day).fetches, row.feed, row.fetches)
      deps.log.warn({ err: (error as Error).message }, 'feed fetches not stored yet')
    }
  }

  const counter: ReadingCounter = {
    pageView: (page) => add(today().views, page),
    feedFetch: (feed) => add(today().fetches, feed),
    async flush() {
      // One flush at a time; a second caller waits for it and then flushes what came since.
      while (flushing) await flushing
      flushing = flushNow().finally(() => (flushing = undefined))
      await flushing
    },
    start(intervalMs) {
      if (timer) return
      timer = setInterval(() => void counter.flush(), intervalMs)
      timer.unref?.()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await counter.flush()
    },
  }
  return counter
}
