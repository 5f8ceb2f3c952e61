/**
 * File sizes and names as readers of each language expect them. Dates and times are formatted
 * by views/format-time.ts.
 */
import type { Lang } from '../i18n/index.js'

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
