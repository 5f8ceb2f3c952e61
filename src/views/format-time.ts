/**
 * Instants as staff and readers see them, in the newsroom's own time zone whatever zone the
 * server runs in: `29.9.2025 17:48 EEST`, day.month.year and a 24-hour clock. Finnish, Swedish
 * (as written in Finland) and English pages all use this house format, so the language does not
 * change it. Pages, feeds and emails all format through here.
 */

/**
 * Building an Intl.DateTimeFormat costs far more than using one (it was 40 % of a newsroom
 * page's CPU), so each (locale, options) is built once. Immutable, and bounded by the time
 * zones in use times four kinds.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  let found = formatters.get(key)
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options)))
  return found
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(date: Date, timeZone: string) {
  const values = Object.fromEntries(
    formatter('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${Number(values.day)}.${Number(values.month)}.${values.year}`,
    time: `${values.hour}:${values.minute}`,
    seconds: values.second,
  }
}

const toDate = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at)

/** "EEST", "CET", "EDT"; "UTC+5:30" where no common abbreviation exists. */
export function zoneAbbreviation(at: Date | string, timeZone: string): string {
  const date = toDate(at)
  // en-GB knows the European abbreviations, en-US the American ones; others give "GMT+3".
  for (const locale of ['en-GB', 'en-US']) {
    const name = formatter(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name
  }
  const offset = formatter('en-GB', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value
  return (offset ?? 'UTC').replace(/^GMT/, 'UTC')
}

/** `29.9.2025 17:48 EEST`: the date, the time and the zone of the newsroom. */
export function formatDateTime(at: Date | string, timeZone: string): string {
  const date = toDate(at)
  const wall = wallClock(date, timeZone)
  return `${wall.date} ${wall.time} ${zoneAbbreviation(date, timeZone)}`
}

/**
 * `29.9.2025 17:48:33 EEST`: with seconds, as a release page's dateline shows the moment of
 * publication (the model newsroom page does, and two releases a minute apart stay distinct).
 */
export function formatDateTimeWithSeconds(at: Date | string, timeZone: string): string {
  const date = toDate(at)
  const wall = wallClock(date, timeZone)
  return `${wall.date} ${wall.time}:${wall.seconds} ${zoneAbbreviation(date, timeZone)}`
}

/** `29.9.2025`: the day in the newsroom's zone. */
export function formatDate(at: Date | string, timeZone: string): string {
  return wallClock(toDate(at), timeZone).date
}

/**
 * An event's time in the newsroom's zone: `21.10.2025 10:00–11:00 EEST` within a day,
 * `21.10.2025 10:00 EEST – 22.10.2025 16:00 EEST` across days.
 */
export function formatTimeSpan(start: Date | string, end: Date | string, timeZone: string): string {
  const from = wallClock(toDate(start), timeZone)
  const to = wallClock(toDate(end), timeZone)
  const zoneFrom = zoneAbbreviation(start, timeZone)
  const zoneTo = zoneAbbreviation(end, timeZone)
  if (from.date === to.date && zoneFrom === zoneTo)
    return `${from.date} ${from.time}–${to.time} ${zoneTo}`
  return `${formatDateTime(start, timeZone)} – ${formatDateTime(end, timeZone)}`
}
