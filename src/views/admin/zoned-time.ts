/**
 * Wall-clock time in a newsroom's IANA time zone. Staff type "10.3.2026 09:00" meaning Helsinki
 * time whatever their laptop's zone is, so the conversion happens on the server with the
 * newsroom's zone, including the days when clocks move (a time in the spring gap does not exist,
 * a time in the autumn overlap happens twice: we take the first).
 */
import type { Lang } from '../i18n/index.js'

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

interface CountdownUnits {
  d: string
  h: string
  min: string
  future: (span: string) => string
  past: (span: string) => string
}

const UNITS: Record<Lang, CountdownUnits> = {
  fi: {
    d: 'vrk',
    h: 't',
    min: 'min',
    future: (span) => `${span} kuluttua`,
    past: (span) => `${span} sitten`,
  },
  sv: {
    d: 'd',
    h: 'h',
    min: 'min',
    future: (span) => `om ${span}`,
    past: (span) => `för ${span} sedan`,
  },
  en: { d: 'd', h: 'h', min: 'min', future: (span) => `in ${span}`, past: (span) => `${span} ago` },
}

/**
 * Labels for the countdown, handed to the browser script through a data attribute. JSON carries
 * no functions, so the sentences go as templates with `{}` where the browser puts the span.
 */
export function countdownLabels(lang: Lang) {
  const units = UNITS[lang]
  return {
    d: units.d,
    h: units.h,
    min: units.min,
    future: units.future('{}'),
    past: units.past('{}'),
  }
}

/** "in 2 d 3 h", "2 t 15 min kuluttua": a coarse countdown to (or time since) an instant. */
export function countdown(at: Date | string, now: Date, lang: Lang): string {
  const labels = UNITS[lang]
  const diff = new Date(at).getTime() - now.getTime()
  const minutes = Math.max(1, Math.round(Math.abs(diff) / 60_000))
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  const parts =
    days > 0
      ? [`${days} ${labels.d}`, hours ? `${hours} ${labels.h}` : '']
      : hours > 0
        ? [`${hours} ${labels.h}`, mins ? `${mins} ${labels.min}` : '']
        : [`${mins} ${labels.min}`]
  const span = parts.filter(Boolean).join(' ')
  return diff >= 0 ? labels.future(span) : labels.past(span)
}
