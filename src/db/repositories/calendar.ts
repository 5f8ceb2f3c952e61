/**
 * Invitations with events, for the public calendar feeds: published ones and withdrawn ones
 * (calendars must learn of a cancellation), whose event has not ended long ago.
 */
import type { Release } from '../schema.js'
import type { Executor } from './index.js'

export function createCalendarRepository(db: Executor) {
  return {
    /** Releases whose event ends after `endAfter`, soonest first; one newsroom or all. */
    eventReleases(query: {
      newsroomId?: number
      endAfter: Date
      limit: number
    }): Promise<Release[]> {
      let select = db
        .selectFrom('releases')
        .innerJoin('release_events', 'release_events.release_id', 'releases.id')
        .selectAll('releases')
        .where('releases.status', 'in', ['published', 'withdrawn'])
        .where('releases.type', '=', 'invitation')
        .where('release_events.end_at', '>', query.endAfter.toISOString())
      if (query.newsroomId !== undefined)
        select = select.where('releases.newsroom_id', '=', query.newsroomId)
      return select
        .orderBy('release_events.start_at')
        .orderBy('releases.id')
        .limit(query.limit)
        .execute()
    },
  }
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>
