/**
 * The event of an invitation: when (start, end), where (a place, an online link). Times are
 * instants (ISO 8601 with an offset, stored in UTC); pages, emails and calendars show them in the
 * newsroom's time zone. Every edit of the release, and its withdrawal, raises the event's
 * iCalendar SEQUENCE so calendar programs replace what they imported.
 */
import type { Refusals } from './releases.js'

export interface EventInput {
  /** ISO 8601 with an offset, e.g. 2026-03-29T10:00:00+03:00. */
  start?: string
  /** Defaults to an hour after the start. */
  end?: string
  location?: string
  /** An online link (http or https), e.g. a stream or a meeting. */
  url?: string
}

export interface CleanEvent {
  startAt: string
  endAt: string
  location: string
  url: string | null
}

export interface EventView {
  start: string
  end: string
  location: string
  url: string | null
  /** iCalendar SEQUENCE. */
  sequence: number
}

export const EVENT_LIMITS = { location: 300, url: 2000, durationDays: 31 }
const DEFAULT_DURATION_MS = 3600_000
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value.trim())) return undefined
  const date = new Date(value.trim())
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * The event as given, checked: a start is required, the end (an hour later when left out) must
 * follow it, the link must be http(s). Problems go to `refusals` under `event.*`.
 */
export function cleanEvent(input: EventInput, refusals: Refusals): CleanEvent | undefined {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    refusals.add(
      'event',
      'invalid',
      'Give the event as {"start", "end", "location", "url"}, or null for none',
    )
    return undefined
  }
  const timeMessage = 'Give the time as ISO 8601 with an offset, e.g. 2026-03-01T10:00:00+02:00'
  const start = parseInstant(input.start)
  if (input.start === undefined || input.start === null || input.start === '')
    refusals.add('event.start', 'required', 'Give the start of the event')
  else if (!start) refusals.add('event.start', 'invalid', timeMessage)
  let end = start ? new Date(start.getTime() + DEFAULT_DURATION_MS) : undefined
  if (input.end !== undefined && input.end !== null && input.end !== '') {
    end = parseInstant(input.end)
    if (!end) refusals.add('event.end', 'invalid', timeMessage)
    else if (start && end.getTime() <= start.getTime())
      refusals.add('event.end', 'invalid', 'The end must come after the start')
    else if (start && end.getTime() - start.getTime() > EVENT_LIMITS.durationDays * 86400_000)
      refusals.add(
        'event.end',
        'too_far_ahead',
        `An event lasts at most ${EVENT_LIMITS.durationDays} days`,
      )
  }
  const location = typeof input.location === 'string' ? input.location.trim() : ''
  if (input.location !== undefined && input.location !== null && typeof input.location !== 'string')
    refusals.add('event.location', 'invalid', 'Give the place as text')
  else if (location.length > EVENT_LIMITS.location)
    refusals.add(
      'event.location',
      'too_long',
      `Keep the place within ${EVENT_LIMITS.location} characters`,
    )
  const url = typeof input.url === 'string' ? input.url.trim() : ''
  if (url && !isWebLink(url))
    refusals.add('event.url', 'invalid', 'Give the online link as an http or https address')
  if (!start || !end || refusals.has('event.end') || refusals.has('event.url')) return undefined
  return { startAt: start.toISOString(), endAt: end.toISOString(), location, url: url || null }
}

function isWebLink(value: string): boolean {
  if (value.length > EVENT_LIMITS.url) return false
  try {
    const parsed = new URL(value)
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !!parsed.hostname
  } catch {
    return false
  }
}

/** The event's view from its row. */
export const eventView = (row: {
  start_at: string
  end_at: string
  location: string
  online_url: string | null
  sequence: number
}): EventView => ({
  start: row.start_at,
  end: row.end_at,
  location: row.location,
  url: row.online_url,
  sequence: row.sequence,
})
