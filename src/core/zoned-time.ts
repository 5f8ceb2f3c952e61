/**
 * Wall-clock time in an IANA time zone. Staff type "10.3.2026 09:00" meaning Helsinki time
 * whatever their laptop's zone is, and digests go at 07:00 in the newsroom's zone, so the
 * conversion happens on the server with the newsroom's zone, including the days when clocks move
 * (a time in the spring gap does not exist, a time in the autumn overlap happens twice: we take
 * the first).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{1,2}):(\d{2})$/
const DAY_MS = 86_400_000

export type ZonedParseResult =
  { ok: true; at: Date } | { ok: false; reason: 'invalid' | 'nonexistent' }

/** Wall-clock fields of an instant in a zone, as a UTC timestamp of those same fields. */
function wallClock(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  )
}

/** The zone's offset from UTC at an instant, in milliseconds (Helsinki summer: +3 h). */
export function zoneOffset(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000
  return wallClock(whole, zone) - whole
}

/**
 * "2026-03-29" + "03:30" in "Europe/Helsinki" → the UTC instant. Invalid input and times that
 * do not exist in the zone (skipped by a daylight-saving change) are reported, never guessed.
 */
export function zonedToUtc(date: string, time: string, zone: string): ZonedParseResult {
  const d = DATE.exec(date.trim())
  const t = TIME.exec(time.trim())
  if (!d || !t) return { ok: false, reason: 'invalid' }
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number)
  if (hour > 23 || minute > 59) return { ok: false, reason: 'invalid' }
  const local = Date.UTC(year, month - 1, day, hour, minute)
  const check = new Date(local)
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return { ok: false, reason: 'invalid' }
  }
  // Offsets in force a day either side cover any transition near this wall-clock time.
  const offsets = new Set(
    [local - DAY_MS, local, local + DAY_MS].map((instant) => zoneOffset(instant, zone)),
  )
  const candidates = [...offsets]
    .map((offset) => local - offset)
    .filter((instant) => wallClock(instant, zone) === local)
    .sort((a, b) => a - b)
  if (candidates.length === 0) return { ok: false, reason: 'nonexistent' }
  return { ok: true, at: new Date(candidates[0]) }
}

/** An instant as the values of `<input type=date>` and `<input type=time>` in a zone. */
export function utcToZoned(at: Date, zone: string): { date: string; time: string } {
  const wall = new Date(wallClock(at.getTime(), zone))
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
  }
}
