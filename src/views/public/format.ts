/**
 * Dates and sizes as readers of each language expect them. Times show in the newsroom's own
 * zone with its abbreviation, e.g. `29.9.2025 17:48 EEST`, whatever zone the server runs in.
 */
import type { Lang } from '../i18n/index.js'

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

function parts(date: Date, timeZone: string) {
  const values = Object.fromEntries(
    formatter('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return {
    day: Number(values.day),
    month: Number(values.month),
    year: values.year,
    time: `${values.hour}:${values.minute}`,
  }
}

/** "EEST", "CET", "EDT"; "UTC+5:30" where no common abbreviation exists. */
export function zoneAbbreviation(date: Date, timeZone: string): string {
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

/** `29.9.2025 17:48 EEST` — day.month.year, 24-hour clock, zone of the newsroom. */
export function formatDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso)
  const p = parts(date, timeZone)
  return `${p.day}.${p.month}.${p.year} ${p.time} ${zoneAbbreviation(date, timeZone)}`
}

/** `29.9.2025` in the newsroom's zone. */
export function formatDate(iso: string, timeZone: string): string {
  const p = parts(new Date(iso), timeZone)
  return `${p.day}.${p.month}.${p.year}`
}

const UNITS: Record<Lang, [string, string, string]> = {
  fi: ['t', 'kt', 'Mt'],
  sv: ['B', 'kB', 'MB'],
  en: ['B', 'KB', 'MB'],
}

/** `245 kt` / `1,2 MB` / `1.2 MB` */
export function formatSize(bytes: number, lang: Lang): string {
  const [b, kb, mb] = UNITS[lang]
  const number = (value: number) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)
  if (bytes < 1024) return `${bytes} ${b}`
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} ${kb}`
  return `${number(bytes / 1024 / 1024)} ${mb}`
}

/** Open Graph locale of a page language (Finland's Swedish, not Sweden's). */
export const OG_LOCALE: Record<Lang, string> = { fi: 'fi_FI', sv: 'sv_FI', en: 'en_GB' }

/** A short name of a file type for download links: "PDF", "DOCX". */
export function fileTypeLabel(filename: string): string {
  return filename.split('.').pop()?.toUpperCase() ?? ''
}
