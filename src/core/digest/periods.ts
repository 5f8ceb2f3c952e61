/**
 * When digests go: daily at 07:00 and weekly on Monday at 07:00, in the newsroom's time zone.
 * A period ends at such a moment; the digest sent then lists what was published since the
 * previous one. Computed from wall-clock dates, so a daylight-saving change moves the UTC
 * instant, never the local hour.
 */
import type { DigestFrequency } from '../types.js'
import { utcToZoned, zonedToUtc } from '../zoned-time.js'

export const DIGEST_TIME = '07:00'
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['daily', 'weekly']
const DAY_MS = 86_400_000

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The local 07:00 of a date in the zone, as an instant (08:00 if 07:00 did not exist that day). */
function sendTimeOn(date: string, zone: string): Date {
  const at = zonedToUtc(date, DIGEST_TIME, zone)
  if (at.ok) return at.at
  const later = zonedToUtc(date, '08:00', zone)
  return later.ok ? later.at : new Date(`${date}T07:00:00Z`)
}

/** The latest digest moment at or before `now` in the zone. */
export function lastDigestMoment(now: Date, zone: string, frequency: DigestFrequency): Date {
  const local = utcToZoned(now, zone)
  let day = Date.parse(`${local.date}T00:00:00Z`)
  if (local.time < DIGEST_TIME) day -= DAY_MS
  if (frequency === 'weekly') {
    // getUTCDay: Sunday 0, Monday 1 … back to the Monday on or before.
    const weekday = new Date(day).getUTCDay()
    day -= ((weekday + 6) % 7) * DAY_MS
  }
  const moment = sendTimeOn(isoDate(day), zone)
  // Before 08:00 on a day whose 07:00 did not exist: the previous period's moment.
  if (moment.getTime() > now.getTime())
    return sendTimeOn(isoDate(day - (frequency === 'weekly' ? 7 : 1) * DAY_MS), zone)
  return moment
}

/** The digest moment one period before `moment` (a day or a week earlier, same local hour). */
export function previousDigestMoment(moment: Date, zone: string, frequency: DigestFrequency): Date {
  const local = utcToZoned(moment, zone)
  const days = frequency === 'weekly' ? 7 : 1
  return sendTimeOn(isoDate(Date.parse(`${local.date}T00:00:00Z`) - days * DAY_MS), zone)
}
