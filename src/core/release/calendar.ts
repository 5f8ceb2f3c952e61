/**
 * The public side of invitations' events: which ones a calendar feed lists. Published
 * invitations and withdrawn ones (a calendar that imported an event must learn it is cancelled),
 * whose event ended no more than a month ago, soonest first.
 */
import type { Repositories } from '../../db/repositories/index.js'
import { listNewsrooms } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { loadReleaseViews } from './views.js'
import type { ReleaseView } from './views.js'
import type { EventView } from './events.js'

export type CalendarReader = Pick<Repositories, 'calendar' | 'newsrooms' | 'releaseViews'>

export interface CalendarEntry {
  release: ReleaseView & { event: EventView }
  newsroom: NewsroomView
  cancelled: boolean
}

/** Events that ended longer ago than this drop out of the feeds. */
export const CALENDAR_PAST_DAYS = 30
export const CALENDAR_LIMIT = 500

export async function listCalendarEntries(
  reader: CalendarReader,
  query: { newsroom?: NewsroomView; now: Date },
): Promise<CalendarEntry[]> {
  const rows = await reader.calendar.eventReleases({
    newsroomId: query.newsroom?.id,
    endAfter: new Date(query.now.getTime() - CALENDAR_PAST_DAYS * 86400_000),
    limit: CALENDAR_LIMIT,
  })
  if (rows.length === 0) return []
  const newsrooms = query.newsroom ? [query.newsroom] : await listNewsrooms(reader)
  const views = await loadReleaseViews(reader, rows)
  return views.flatMap((release) => {
    const newsroom = newsrooms.find((n) => n.id === release.newsroom.id)
    if (!newsroom || !release.event || release.languages.length === 0) return []
    return [
      {
        release: { ...release, event: release.event },
        newsroom,
        cancelled: release.status === 'withdrawn',
      },
    ]
  })
}

/** The entry of one release, for its page's "Add to calendar" and its email's attachment. */
export function calendarEntryOf(
  release: ReleaseView,
  newsroom: NewsroomView,
): CalendarEntry | undefined {
  if (!release.event || release.languages.length === 0) return undefined
  return {
    release: { ...release, event: release.event },
    newsroom,
    cancelled: release.status === 'withdrawn',
  }
}
