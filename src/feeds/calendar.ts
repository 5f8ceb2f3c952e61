/**
 * iCalendar (RFC 5545) for invitations: the `.ics` of one invitation (its page's "Add to
 * calendar", its email's attachment) and the calendar feeds `/feeds/{newsroom|all}.ics`.
 *
 * Times are written in the newsroom's zone (`DTSTART;TZID=Europe/Helsinki:…`) with a VTIMEZONE
 * that carries the zone's daylight-saving rules, so a calendar shows the right hour on either
 * side of a clock change. The UID is the release's and never changes; SEQUENCE grows with each
 * edit, and a withdrawn invitation stays in the feed as `STATUS:CANCELLED`, so calendars that
 * imported it update or cancel it rather than keep a stale copy.
 */
import { TZDate } from '@date-fns/tz'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { listCalendarEntries } from '../core/release/calendar.js'
import type { CalendarEntry, CalendarReader } from '../core/release/calendar.js'
import { findNewsroom, newsroomName } from '../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../core/newsroom/newsrooms.js'
import type { Lang } from '../core/types.js'

export interface CalendarDocument {
  /** The calendar's name (X-WR-CALNAME), e.g. the newsroom's. */
  name: string
  /** The language titles and descriptions are taken in, when an invitation has it. */
  lang: Lang
  publicUrl: string
  entries: CalendarEntry[]
}

/** A stable UID per invitation: it is the release's, on this site. */
export function eventUid(releaseId: number, publicUrl: string): string {
  return `release-${releaseId}@${new URL(publicUrl).host}`
}

export function renderCalendar(document: CalendarDocument): string {
  const calendar = ical({
    name: document.name,
    prodId: { company: 'Tiedote', product: 'Tiedote', language: document.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // VTIMEZONE components for the zones the events use, with their daylight-saving rules.
    timezone: { name: null, generator: getVtimezoneComponent },
  })
  const base = document.publicUrl.replace(/\/+$/, '')
  for (const { release, newsroom, cancelled } of document.entries) {
    const lang = release.versions[document.lang] ? document.lang : release.languages[0]
    const version = release.versions[lang]!
    const zone = newsroom.timezone
    const pageUrl = `${base}${version.path}`
    const { event } = release
    const changed = new Date(
      Math.max(Date.parse(release.updatedAt), Date.parse(release.withdrawnAt ?? release.updatedAt)),
    )
    calendar.createEvent({
      id: eventUid(release.id, base),
      sequence: event.sequence,
      // The last change, not the time of the request: the same content gives the same bytes.
      stamp: changed,
      lastModified: changed,
      created: new Date(release.publishedAt ?? release.createdAt),
      start: new TZDate(Date.parse(event.start), zone),
      end: new TZDate(Date.parse(event.end), zone),
      timezone: zone,
      summary: version.title,
      description: [version.lead, event.url ?? '', pageUrl].filter(Boolean).join('\n\n'),
      location: event.location || event.url || null,
      url: pageUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}

/** The `.ics` of one invitation, named in its language. */
export function renderEventFile(entry: CalendarEntry, lang: Lang, publicUrl: string): string {
  const version =
    entry.release.versions[lang] ?? entry.release.versions[entry.release.languages[0]]!
  return renderCalendar({ name: version.title, lang, publicUrl, entries: [entry] })
}

export type CalendarFeedResult =
  | { ok: true; document: Omit<CalendarDocument, 'publicUrl'>; updatedAt: Date }
  | { ok: false; status: 400 | 404; message: string }

/** The calendar feed of a newsroom (or of all), in `lang` or the newsroom's first language. */
export async function loadCalendarFeed(
  reader: CalendarReader,
  request: { newsroom?: string; lang?: Lang; siteName: string; now: Date },
): Promise<CalendarFeedResult> {
  let newsroom: NewsroomView | undefined
  if (request.newsroom !== undefined) {
    newsroom = /^\d+$/.test(request.newsroom)
      ? undefined
      : await findNewsroom(reader, request.newsroom)
    if (!newsroom)
      return {
        ok: false,
        status: 404,
        message: `No newsroom "${request.newsroom}". Check the address, or use /feeds/all.ics for every newsroom.`,
      }
  }
  const lang = request.lang ?? newsroom?.languages[0] ?? 'fi'
  if (newsroom && !newsroom.languages.includes(lang))
    return {
      ok: false,
      status: 400,
      message: `lang: The newsroom "${newsroom.slug}" publishes in ${newsroom.languages.join(', ')}.`,
    }
  const entries = await listCalendarEntries(reader, { newsroom, now: request.now })
  const updatedAt = new Date(
    Math.max(0, ...entries.map(({ release }) => Date.parse(release.updatedAt))),
  )
  return {
    ok: true,
    document: {
      name: newsroom ? newsroomName(newsroom, lang) : request.siteName,
      lang,
      entries,
    },
    updatedAt,
  }
}
