/**
 * Privacy-friendly reading figures. Each web process counts release page views and feed
 * fetches in memory — a sum per address and day, nothing about the reader — and adds the sums
 * to the database every few seconds. No cookie is set, no address, user agent or fingerprint is
 * stored; the user agent is looked at only to leave out crawlers and link previewers.
 */
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

export interface ReadingCounter {
  pageView(lang: Lang, newsroom: string, slug: string): void
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
  let views = new Map<string, number>()
  let fetches = new Map<string, number>()
  let timer: ReturnType<typeof setInterval> | undefined
  let flushing: Promise<void> | undefined
  // The day as text, made again only when the day changes: counted on every kept answer.
  let day = { from: 0, until: -1, text: '' }
  const today = () => {
    const now = deps.clock.now().getTime()
    if (now < day.from || now >= day.until) {
      const from = now - (now % 86_400_000)
      day = { from, until: from + 86_400_000, text: new Date(from).toISOString().slice(0, 10) }
    }
    return day.text
  }
  const add = (map: Map<string, number>, key: string) => {
    const current = map.get(key)
    if (current === undefined && map.size >= MAX_KEYS) return
    map.set(key, (current ?? 0) + 1)
  }
  const merge = (into: Map<string, number>, from: Map<string, number>) => {
    for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n)
  }

  async function flushNow(): Promise<void> {
    if (views.size === 0 && fetches.size === 0) return
    const pageCounts = views
    const feedCounts = fetches
    views = new Map()
    fetches = new Map()
    try {
      await deps.repos.readings.addPageViews(
        [...pageCounts].map(([key, n]) => {
          const [day, lang, newsroom, slug] = key.split(' ')
          return { day, lang: lang as Lang, newsroom, slug, views: n }
        }),
      )
    } catch (error) {
      merge(views, pageCounts)
      deps.log.warn({ err: (error as Error).message }, 'page views not stored yet')
    }
    try {
      await deps.repos.readings.addFeedFetches(
        [...feedCounts].map(([key, n]) => {
          const [day, feed] = key.split(' ')
          return { day, feed, fetches: n }
        }),
      )
    } catch (error) {
      merge(fetches, feedCounts)
      deps.log.warn({ err: (error as Error).message }, 'feed fetches not stored yet')
    }
  }

  const counter: ReadingCounter = {
    // Slugs and newsroom slugs hold no spaces (they are checked before a page answers 200).
    pageView: (lang, newsroom, slug) => add(views, `${today()} ${lang} ${newsroom} ${slug}`),
    feedFetch: (feed) => add(fetches, `${today()} ${feed}`),
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
