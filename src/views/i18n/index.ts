/**
 * Page and email chrome in Finnish, Swedish and English. Each area keeps its strings in its own
 * file (common, public, subscriptions, admin…) with the same keys in every language, which the
 * type system checks: a key missing in one language does not compile.
 */
import { isLang } from '../../core/types.js'
import type { Lang } from '../../core/types.js'

export { LANGS, isLang } from '../../core/types.js'
export type { Lang }

/** Chooses the best supported language from an Accept-Language header. */
export function negotiateLang(header: string | undefined, fallback: Lang = 'fi'): Lang {
  if (!header) return fallback
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0]
    if (isLang(primary)) return primary
  }
  return fallback
}

/** Language names, each in its own language (for language switchers). */
export const LANG_NAMES: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' }
