/**
 * The one feed model. Every format (RSS 2.0, Atom 1.0, JSON Feed 1.1) is written from a
 * `FeedDocument`, so what a feed contains — which releases, which fields, absolute URLs, text
 * made safe for XML — is decided here once, and the writers only spell it in their syntax.
 *
 * Releases come from the public read model (`listPublishedReleases`), which lets only published
 * releases through: drafts, scheduled (embargoed) and withdrawn releases never reach a feed.
 */
import { slugOfKeyword } from '../core/keywords/terms.js'
import { makeSlug } from '../core/release/slug.js'
import type { Repositories } from '../db/repositories/index.js'
import type { Lang, ReleaseType } from '../core/types.js'
import { findNewsroom, listNewsrooms, newsroomName } from '../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../core/newsroom/newsrooms.js'
import {
  findPublicKeywordLabel,
  lastPublicChange,
  listPublishedReleases,
  loadPublishedBodies,
} from '../core/release/read-model.js'
import type { PublicReleaseSummary } from '../core/release/read-model.js'
import { feedStrings } from './labels.js'
import { releaseTypeLabel } from '../views/i18n/release-types.js'
import { feedPath } from './urls.js'
import type { FeedFormat } from './urls.js'
import { xmlSafe } from './xml.js'

/** The repositories of the read connection (`readRepos`). */
export type FeedReader = Pick<
  Repositories,
  'newsrooms' | 'publicReleases' | 'releaseViews' | 'keywords'
>

export interface FeedCategory {
  kind: 'keyword' | 'type'
  /** Machine-readable: keyword slug or release type. */
  term: string
  /** What readers see: the keyword as written, or the type in the feed's language. */
  label: string
}

export interface FeedImage {
  url: string
  mimeType: string
  /** Bytes. */
  length: number
  alt: string
}

export interface FeedItem {
  /** The permalink of the release page; slugs do not change after publication, so neither does this. */
  id: string
  url: string
  title: string
  /** The lead, plain text. */
  summary: string
  /** The body as sanitised HTML with absolute links; may be empty. */
  contentHtml: string
  publishedAt: Date
  /** Last edit of this language version, never before publication. */
  updatedAt: Date
  /** The newsroom (publisher) name in the feed language. */
  author: string
  lang: Lang
  categories: FeedCategory[]
  /** The main image, for enclosures and attachments. */
  image: FeedImage | null
}

export interface FeedChannel {
  title: string
  description: string
  /** The web page the feed mirrors (newsroom page or front page). */
  link: string
  lang: Lang
  /** The exact URL the feed was requested with (atom:link rel=self, feed_url). */
  selfUrl: string
  /** A permanent id for the feed: its canonical URL without extra parameters. */
  id: string
  /** Last change to anything the feed shows; also its Last-Modified. */
  updatedAt: Date
  /** The newsroom's logo (absolute URL), for a newsroom's feed that has one. */
  imageUrl?: string
  /** The WebSub hub readers may subscribe at (WEBSUB_HUB_URL). */
  hubUrl?: string
}

export interface FeedDocument {
  format: FeedFormat
  channel: FeedChannel
  items: FeedItem[]
}

export interface FeedRequest {
  format: FeedFormat
  /** Newsroom slug; undefined for the feed of every newsroom. */
  newsroom?: string
  lang?: Lang
  type?: ReleaseType
  /** A keyword term's slug, or a label of it in any language. */
  keyword?: string
  limit: number
  selfUrl: string
  hubUrl?: string
}

export type FeedLoadResult =
  { ok: true; document: FeedDocument } | { ok: false; status: 400 | 404; message: string }

export const DEFAULT_FEED_LIMIT = 50
export const MAX_FEED_LIMIT = 200

/** Loads a feed, or says why there is none (unknown newsroom, language it does not publish in). */
export async function loadFeed(
  repos: FeedReader,
  publicUrl: string,
  request: FeedRequest,
): Promise<FeedLoadResult> {
  let newsroom: NewsroomView | undefined
  let lang: Lang
  if (request.newsroom !== undefined) {
    // Digits alone would be read as a newsroom id; feed URLs use slugs only.
    newsroom = /^\d+$/.test(request.newsroom)
      ? undefined
      : await findNewsroom(repos, request.newsroom)
    if (!newsroom) {
      return {
        ok: false,
        status: 404,
        message: `No newsroom "${request.newsroom}". Check the address, or use /feeds/all.${request.format} for every newsroom.`,
      }
    }
    lang = request.lang ?? newsroom.languages[0]
    if (!newsroom.languages.includes(lang)) {
      return {
        ok: false,
        status: 400,
        message: `lang: The newsroom "${newsroom.slug}" publishes in ${newsroom.languages.join(', ')}; use lang=${newsroom.languages.join(' or lang=')}.`,
      }
    }
  } else {
    // The feed of every newsroom defaults to the first language of the oldest newsroom.
    lang = request.lang ?? (await listNewsrooms(repos))[0]?.languages[0] ?? 'fi'
  }

  // A label (in any language) names its term; text that names none matches nothing.
  const keyword = request.keyword
    ? ((await slugOfKeyword(repos, newsroom?.id, request.keyword)) ?? makeSlug(request.keyword))
    : undefined
  const [{ items: summaries }, updatedAt, keywordLabel] = await Promise.all([
    listPublishedReleases(repos, {
      newsroomId: newsroom?.id,
      lang,
      type: request.type,
      keyword,
      limit: request.limit,
    }),
    lastPublicChange(repos, newsroom?.id),
    keyword ? findPublicKeywordLabel(repos, keyword, lang, newsroom?.id) : undefined,
  ])
  const bodies = await loadPublishedBodies(
    repos,
    summaries.map((s) => s.id),
    lang,
  )

  const strings = feedStrings[lang]
  const base = publicUrl.replace(/\/+$/, '')
  const name = newsroom ? newsroomName(newsroom, lang) : strings.allTitle
  const titleParts = [name]
  if (request.type) titleParts.push(releaseTypeLabel(lang, request.type))
  if (request.keyword) titleParts.push(keywordLabel ?? request.keyword)
  const channel: FeedChannel = {
    title: xmlSafe(titleParts.join(' – ')),
    description: xmlSafe(
      newsroom
        ? newsroom.description[lang] || strings.newsroomDescription(name)
        : strings.allDescription,
    ),
    link: newsroom ? `${base}/${lang}/${newsroom.slug}` : `${base}/${lang}/`,
    lang,
    selfUrl: request.selfUrl,
    id:
      base +
      feedPath(request.format, {
        newsroom: newsroom?.slug,
        lang,
        type: request.type,
        keyword: request.keyword,
      }),
    updatedAt,
    ...(newsroom?.logo ? { imageUrl: `${base}${newsroom.logo.path}` } : {}),
    ...(request.hubUrl ? { hubUrl: request.hubUrl } : {}),
  }
  const items = summaries.map((summary) =>
    toFeedItem(summary, bodies.get(summary.id) ?? '', base, lang),
  )
  return { ok: true, document: { format: request.format, channel, items } }
}

function toFeedItem(
  summary: PublicReleaseSummary,
  bodyHtml: string,
  base: string,
  lang: Lang,
): FeedItem {
  const url = base + summary.path
  const publishedAt = new Date(summary.publishedAt)
  const edited = new Date(summary.updatedAt)
  return {
    id: url,
    url,
    title: xmlSafe(summary.title),
    summary: xmlSafe(summary.lead),
    contentHtml: xmlSafe(absoluteLinks(bodyHtml, base)),
    publishedAt,
    // A version written before publication was "updated" when it went public.
    updatedAt: edited > publishedAt ? edited : publishedAt,
    author: xmlSafe(summary.newsroom.name),
    lang,
    categories: [
      ...summary.keywords.map((k): FeedCategory => ({
        kind: 'keyword',
        term: k.slug,
        label: xmlSafe(k.label),
      })),
      { kind: 'type', term: summary.type, label: releaseTypeLabel(lang, summary.type) },
    ],
    image: summary.image
      ? {
          url: base + summary.image.path,
          mimeType: summary.image.mimeType,
          length: summary.image.size,
          alt: xmlSafe(summary.image.alt[lang] ?? ''),
        }
      : null,
  }
}

/**
 * Feed readers show content away from our site, where a site-relative link leads nowhere.
 * The stored HTML is sanitised with double-quoted attributes, so a plain rewrite is exact.
 */
export function absoluteLinks(html: string, base: string): string {
  return html
    .replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${base}/`)
    .replace(/(\ssrcset=")([^"]*)"/g, (_, attr: string, value: string) => {
      const list = value.split(', ').map((part) => (part.startsWith('/') ? base + part : part))
      return `${attr}${list.join(', ')}"`
    })
}
