/**
 * Times in a newsroom's zone for the staff pages: the conversions (in `core/zoned-time.ts`, which
 * digests share) and the countdown to a scheduled publication.
 */
import type { Lang } from '../i18n/index.js'

export { zoneOffset, zonedToUtc, utcToZoned } from '../../core/zoned-time.js'
export type { ZonedParseResult } from '../../core/zoned-time.js'

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
