/**
 * Words that appear inside feeds (channel titles), per language. Type categories use the release
 * type names every other page shows (views/i18n/release-types.ts).
 */
import type { Lang } from '../core/types.js'

interface FeedStrings {
  /** Title of the feed of every newsroom. */
  allTitle: string
  allDescription: string
  /** Description of a newsroom feed without a description of its own. */
  newsroomDescription: (name: string) => string
}

const fi: FeedStrings = {
  allTitle: 'Tiedote – kaikki julkaisijat',
  allDescription: 'Kaikkien julkaisijoiden uusimmat tiedotteet ja uutiset',
  newsroomDescription: (name) => `Uusimmat tiedotteet ja uutiset: ${name}`,
}

const sv: FeedStrings = {
  allTitle: 'Tiedote – alla publicerare',
  allDescription: 'De senaste pressmeddelandena och nyheterna från alla publicerare',
  newsroomDescription: (name) => `De senaste pressmeddelandena och nyheterna: ${name}`,
}

const en: FeedStrings = {
  allTitle: 'Tiedote – all publishers',
  allDescription: 'The latest press releases and news from every publisher',
  newsroomDescription: (name) => `The latest press releases and news: ${name}`,
}

export const feedStrings: Record<Lang, FeedStrings> = { fi, sv, en }
