/**
 * Names of the release types, the one list that staff pages, public pages, subscription forms,
 * feeds and emails all show. A type is always named in the singular ("Tiedote", "Press release"):
 * as a label on a release, an option in a filter or a feed category.
 */
import type { Lang, ReleaseType } from '../../core/types.js'

export const releaseTypeLabels: Record<Lang, Record<ReleaseType, string>> = {
  fi: {
    'press-release': 'Tiedote',
    news: 'Uutinen',
    invitation: 'Kutsu',
    article: 'Artikkeli',
  },
  sv: {
    'press-release': 'Pressmeddelande',
    news: 'Nyhet',
    invitation: 'Inbjudan',
    article: 'Artikel',
  },
  en: {
    'press-release': 'Press release',
    news: 'News',
    invitation: 'Invitation',
    article: 'Article',
  },
}

/** "Pressmeddelande" for `press-release` in Swedish. */
export function releaseTypeLabel(lang: Lang, type: ReleaseType): string {
  return releaseTypeLabels[lang][type]
}
