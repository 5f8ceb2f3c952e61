/**
 * The numbers staff look at: subscribers and their change over 30 days, releases this month,
 * the latest sends with how they went, and reading figures (page views per day and per
 * release, feed fetches per feed). Each staff member sees the figures of their own newsrooms.
 */
import type { Actor } from '../auth/actor.js'
import { authorize, can, newsroomScope } from '../auth/actor.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { Clock } from '../../clock.js'
import { deliveryProgress } from '../delivery/progress.js'
import type { DeliveryProgress } from '../delivery/progress.js'
import { NotFoundError } from '../errors.js'

type Deps = { repos: Repositories; clock: Clock }

export const FIGURE_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/** The UTC day `days - 1` days before `now`: the first of a window of `days` days. */
export function firstDayOf(now: Date, days: number): string {
  return new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10)
}

/** Every day of the window, oldest first, with 0 for days nobody read. */
export function fillDays(
  now: Date,
  days: number,
  counts: { day: string; views: number }[],
): { day: string; views: number }[] {
  const byDay = new Map(counts.map((c) => [c.day, c.views]))
  return Array.from({ length: days }, (_, i) => {
    const day = firstDayOf(now, days - i)
    return { day, views: byDay.get(day) ?? 0 }
  })
}

export interface DashboardFigures {
  /** Only for those who manage subscribers. */
  subscribers?: { confirmed: number; change: number }
  releasesThisMonth: number
  latestSends: { releaseId: number; progress: DeliveryProgress }[]
  viewsPerDay: { day: string; views: number }[]
  viewsTotal: number
  mostRead: { releaseId: number; views: number }[]
  feedFetches: { feed: string; fetches: number }[]
}

export async function dashboardFigures(deps: Deps, actor: Actor): Promise<DashboardFigures> {
  const { repos } = deps
  const now = deps.clock.now()
  const scope = newsroomScope(actor)
  const newsrooms = scope ?? 'all'
  const since = firstDayOf(now, FIGURE_DAYS)
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const [subscribers, releasesThisMonth, sendIds, perDay, mostRead, feedFetches] =
    await Promise.all([
      can(actor, 'subscriber.manage')
        ? Promise.all([
            repos.subscribers.counts({ newsroomIds: scope }),
            repos.subscribers.changesSince(
              { newsroomIds: scope },
              new Date(now.getTime() - FIGURE_DAYS * DAY_MS),
            ),
          ])
        : undefined,
      repos.readings.publishedSince(newsrooms, monthStart),
      repos.readings.latestSends(newsrooms, 5),
      repos.readings.viewsPerDay(newsrooms, since),
      repos.readings.mostRead(newsrooms, since, 5),
      // Feeds are public and not per newsroom for all.rss: everyone sees the same list.
      repos.readings.feedFetches(since, 10),
    ])
  const latestSends = await Promise.all(
    sendIds.map(async (releaseId) => ({
      releaseId,
      progress: await deliveryProgress(repos, releaseId),
    })),
  )
  const viewsPerDay = fillDays(now, FIGURE_DAYS, perDay)
  return {
    subscribers: subscribers && {
      confirmed: subscribers[0].byStatus.find((s) => s.status === 'confirmed')?.n ?? 0,
      change: subscribers[1].confirmed - subscribers[1].unsubscribed,
    },
    releasesThisMonth,
    latestSends,
    viewsPerDay,
    viewsTotal: viewsPerDay.reduce((sum, d) => sum + d.views, 0),
    mostRead,
    feedFetches,
  }
}

/** One release's page views: in all, and per day over the last 30 days. */
export async function releaseReadings(
  deps: Deps,
  actor: Actor,
  releaseId: number,
): Promise<{ total: number; days: { day: string; views: number }[] }> {
  const release = await deps.repos.deliveries.findRelease(releaseId)
  if (!release) throw new NotFoundError(`No release ${releaseId}`)
  authorize(actor, 'release.draft', release.newsroom_id)
  const now = deps.clock.now()
  const { total, days } = await deps.repos.readings.releaseViews(
    releaseId,
    firstDayOf(now, FIGURE_DAYS),
  )
  return { total, days: fillDays(now, FIGURE_DAYS, days) }
}
