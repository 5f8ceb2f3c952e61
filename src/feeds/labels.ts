/** Words that appear inside feeds (channel titles, type categories), per language. */
import type { Lang, ReleaseType } from '../core/types.js'

interface FeedStrings {
  /** Title of the feed of every newsroom. */
  allTitle: string
  allDescription: string
  /** Description of a newsroom feed without a description of its own. */
  newsroomDescription: (name: string) => string
  types: Record<ReleaseType, string>
}

const fi: FeedStrings = {
  allTitle: 'Tiedote – kaikki julkaisijat',
  allDescription: 'Kaikkien julkaisijoiden uusimmat tiedotteet ja uutiset',
  newsroomDescription: (name) => `Uusimmat tiedotteet ja uutiset: ${name}`,
  types: {
    'press-release': 'Tiedote',
    news: 'Uutinen',
    invitation: 'Kutsu',
    article: 'Artikkeli',
  },
}

const sv: FeedStrings = {
  allTitle: 'Tiedote – alla publicerare',
  allDescription: 'De senaste pressmeddelandena och nyheterna från alla publicerare',
  newsroomDescription: (name) => `De senaste pressmeddelandena och nyheterna: ${name}`,
  types: {
    'press-release': 'Pressmeddelande',
    news: 'Nyhet',
    invitation: 'Inbjudan',
    article: 'Artikel',
  },
}

const en: FeedStrings = {
  allTitle: 'Tiedote – all publishers',
  allDescription: 'The latest press releases and news from every publisher',
  newsroomDescription: (name) => `The latest press releases and news: ${name}`,
  types: {
    'press-release': 'Press release',
    news: 'News',
    invitation: 'Invitation',
    article: 'Article',
  },
}

export const feedStrings: Record<Lang, FeedStrings> = { fi, sv, en }
