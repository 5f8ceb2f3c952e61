/**
 * Every feed of every newsroom, for the `/{lang}/feeds` page: per newsroom and language the feed
 * of all its releases, one per release type and one per keyword its published releases use in
 * that language; and the feeds of every newsroom together, per language any newsroom publishes in.
 */
import { listNewsrooms } from '../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../core/newsroom/newsrooms.js'
import { listPublicKeywords } from '../core/release/read-model.js'
import type { KeywordView } from '../core/release/views.js'
import type { Lang } from '../core/types.js'
import type { FeedReader } from './feed-items.js'

export interface NewsroomFeeds {
  newsroom: NewsroomView
  /** In the newsroom's order of languages. */
  languages: { lang: Lang; keywords: KeywordView[] }[]
}

export interface FeedDirectory {
  /** Languages of the feeds of every newsroom together. */
  siteLanguages: Lang[]
  newsrooms: NewsroomFeeds[]
}

export async function loadFeedDirectory(repos: FeedReader): Promise<FeedDirectory> {
  const newsrooms = await listNewsrooms(repos)
  const siteLanguages = [...new Set(newsrooms.flatMap((n) => n.languages))]
  // One small query per newsroom and language, side by side; the page is kept in the page cache.
  const feeds = await Promise.all(
    newsrooms.map(async (newsroom) => ({
      newsroom,
      languages: await Promise.all(
        newsroom.languages.map(async (lang) => ({
          lang,
          keywords: await listPublicKeywords(repos, newsroom, lang),
        })),
      ),
    })),
  )
  return { siteLanguages, newsrooms: feeds }
}
