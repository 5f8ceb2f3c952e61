/** Pieces shared by the public pages: release lists, pagination, feed links, publisher box. */
import type { Child } from 'hono/jsx'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { PublicReleaseSummary } from '../../core/release/read-model.js'
import type { ReleaseType } from '../../core/types.js'
import { renditionFor, srcsetOf } from '../../core/media/views.js'
import type { MediaView } from '../../core/media/views.js'
import { FEED_FORMATS, FEED_MIME, feedPath } from '../../feeds/urls.js'
import type { FeedFilter, FeedFormat } from '../../feeds/urls.js'
import { LANG_NAMES } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { formatDateTimeWithSeconds } from '../format-time.js'
import { Layout } from '../layout.js'
import type { NewsroomBrand } from '../layout.js'
import { Icon, socialIcon } from './share.js'

/** JSON for a <script type="application/ld+json"> block; `<` escaped so no tag can end it. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

export const FEED_NAMES: Record<FeedFormat, string> = {
  rss: 'RSS',
  atom: 'Atom',
  json: 'JSON Feed',
}

/**
 * The banner of a newsroom's pages: its name and logo, linking to its page, and its accent
 * colour as a stylesheet whose address changes with the colour (so it can be cached long).
 */
export function newsroomBrand(newsroom: NewsroomView, lang: Lang): NewsroomBrand {
  return {
    name: newsroomName(newsroom, lang),
    href: `/${lang}/${newsroom.slug}`,
    logo: newsroom.logo,
    stylesheet: newsroom.accentColor
      ? `/assets/newsroom/${newsroom.slug}.css?v=${newsroom.accentColor.slice(1)}`
      : undefined,
  }
}

/**
 * `<time>` in the newsroom's zone, with seconds as the model newsroom shows them, followed by
 * the type: "29.9.2025 17:48:33 EEST | Tiedote".
 */
export function Dateline(props: {
  lang: Lang
  publishedAt: string
  timezone: string
  type: ReleaseType
}) {
  return (
    <>
      <time datetime={props.publishedAt}>
        {formatDateTimeWithSeconds(props.publishedAt, props.timezone)}
      </time>
      {' | '}
      {publicStrings[props.lang].types[props.type]}
    </>
  )
}

export function ReleaseList(props: {
  lang: Lang
  items: PublicReleaseSummary[]
  /** On the front page, cards name the newsroom. */
  showNewsroom?: boolean
  /** Heading level of the release titles, to keep the page's heading order. */
  level?: 2 | 3
}) {
  const Heading = props.level === 3 ? 'h3' : 'h2'
  return (
    <ul class="card-list">
      {props.items.map((item) => {
        // "More from the publisher" lists releases in the newsroom's other languages too.
        const other = item.lang !== props.lang
        return (
          <li>
            <article class={item.image ? 'card with-image' : 'card'}>
              <p class="meta">
                <Dateline
                  lang={props.lang}
                  publishedAt={item.publishedAt}
                  timezone={item.newsroom.timezone}
                  type={item.type}
                />
                {props.showNewsroom ? (
                  <>
                    {' | '}
                    <a href={`/${props.lang}/${item.newsroom.slug}`}>{item.newsroom.name}</a>
                  </>
                ) : null}
              </p>
              {item.image ? (
                <img
                  class="card-image"
                  src={item.image.path}
                  srcset={item.image.srcset}
                  sizes="(min-width: 900px) 220px, 100vw"
                  width={item.image.width}
                  height={item.image.height}
                  alt={
                    item.image.alt[item.lang] ??
                    item.image.alt[props.lang] ??
                    Object.values(item.image.alt)[0] ??
                    ''
                  }
                  loading="lazy"
                  decoding="async"
                />
              ) : null}
              <Heading lang={other ? item.lang : undefined}>
                <a href={item.path} hreflang={other ? item.lang : undefined}>
                  {item.title}
                </a>
              </Heading>
              {other ? <p class="other-lang">{LANG_NAMES[item.lang]}</p> : null}
              {item.lead ? <p lang={other ? item.lang : undefined}>{item.lead}</p> : null}
            </article>
          </li>
        )
      })}
    </ul>
  )
}

/**
 * An image from its web renditions: the browser picks the size it needs (`srcset`), the space is
 * kept while it loads (`width`/`height`). Media without renditions (a draft's preview) show the
 * original.
 */
export function ResponsiveImage(props: {
  media: MediaView
  alt: string
  sizes: string
  /** Above the fold: load at once and first. */
  eager?: boolean
  class?: string
}) {
  const { media } = props
  const largest = media.renditions.at(-1)
  return (
    <img
      class={props.class}
      src={renditionFor(media, 800)?.path ?? media.path}
      srcset={media.renditions.length > 0 ? srcsetOf(media) : undefined}
      sizes={media.renditions.length > 0 ? props.sizes : undefined}
      width={largest?.width ?? media.width ?? undefined}
      height={largest?.height ?? media.height ?? undefined}
      alt={props.alt}
      loading={props.eager ? undefined : 'lazy'}
      fetchpriority={props.eager ? 'high' : undefined}
      decoding="async"
    />
  )
}

/**
 * A page of a newsroom beside its releases (`/{lang}/{newsroom}/contacts`, `/media`): the
 * newsroom's banner, its address in each of its languages, a way back to the newsroom and its
 * About box at the end.
 */
export function NewsroomSubpage(props: {
  lang: Lang
  publicUrl: string
  newsroom: NewsroomView
  siteName?: string
  /** The last path segment: `contacts`, `media`. */
  section: string
  title: string
  description: string
  /** Query of this page's canonical address (e.g. `?page=2`), if any. */
  canonicalQuery?: string
  head?: Child
  children: Child
}) {
  const { newsroom, lang, publicUrl } = props
  const alternates = newsroom.languages.map((l) => ({
    lang: l,
    href: `/${l}/${newsroom.slug}/${props.section}`,
  }))
  return (
    <Layout
      lang={lang}
      title={props.title}
      description={props.description}
      alternates={alternates}
      siteName={props.siteName}
      search={{ newsroom: newsroom.slug }}
      newsroom={newsroomBrand(newsroom, lang)}
      head={
        <>
          {props.head}
          <link
            rel="canonical"
            href={`${publicUrl}/${lang}/${newsroom.slug}/${props.section}${props.canonicalQuery ?? ''}`}
          />
          {alternates.map((alt) => (
            <link rel="alternate" hreflang={alt.lang} href={`${publicUrl}${alt.href}`} />
          ))}
        </>
      }
    >
      <p class="breadcrumb">
        <a href={`/${lang}/${newsroom.slug}`}>{newsroomName(newsroom, lang)}</a>
      </p>
      {props.children}
      <AboutNewsroom lang={lang} newsroom={newsroom} headingId="about-heading" />
    </Layout>
  )
}

/** "Older releases" / "Newest" links of a keyset-paginated list. */
export function Pagination(props: {
  lang: Lang
  /** The list's own URL with its filters, without a cursor. */
  base: URLSearchParams
  path: string
  nextCursor: string | null
  isFirstPage: boolean
}) {
  const t = publicStrings[props.lang]
  if (!props.nextCursor && props.isFirstPage) return null
  const href = (cursor?: string) => {
    const params = new URLSearchParams(props.base)
    if (cursor) params.set('cursor', cursor)
    const query = params.toString()
    return query ? `${props.path}?${query}` : props.path
  }
  return (
    <nav class="pagination" aria-label={t.pagination}>
      {props.isFirstPage ? null : <a href={href()}>{t.newest}</a>}
      {props.nextCursor ? (
        <a href={href(props.nextCursor)} rel="next">
          {t.older}
        </a>
      ) : null}
    </nav>
  )
}

/** `<link rel="alternate">` for feed readers and browsers (autodiscovery). */
export function FeedAutodiscovery(props: { filter: FeedFilter; title: string }) {
  return (
    <>
      {FEED_FORMATS.map((format) => (
        <link
          rel="alternate"
          type={FEED_MIME[format]}
          href={feedPath(format, props.filter)}
          title={`${props.title} (${FEED_NAMES[format]})`}
        />
      ))}
    </>
  )
}

/** One line per feed: "All releases: RSS · Atom · JSON Feed". */
export function FeedLinks(props: {
  label: Child
  filter: FeedFilter
  /** The whole name of each link, where "RSS" alone would not say which feed it is. */
  linkName?: (format: string) => string
}) {
  return (
    <li>
      {props.label}:{' '}
      {FEED_FORMATS.map((format, i) => (
        <>
          {i > 0 ? ' · ' : null}
          <a
            href={feedPath(format, props.filter)}
            type={FEED_MIME[format]}
            aria-label={props.linkName?.(FEED_NAMES[format])}
          >
            {FEED_NAMES[format]}
          </a>
        </>
      ))}
    </li>
  )
}

/** The publisher's boilerplate, website and social links ("About …"). */
export function AboutNewsroom(props: { lang: Lang; newsroom: NewsroomView; headingId: string }) {
  const t = publicStrings[props.lang]
  const { newsroom } = props
  const name = newsroomName(newsroom, props.lang)
  const boilerplate = newsroom.boilerplate[props.lang] ?? ''
  return (
    <section class="box" aria-labelledby={props.headingId}>
      {newsroom.logo ? <img class="newsroom-logo" src={newsroom.logo.path} alt="" /> : null}
      <h2 id={props.headingId}>{t.about(name)}</h2>
      {boilerplate
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      <ul class="plain-list">
        <li>
          <a href={`/${props.lang}/${newsroom.slug}/contacts`}>{t.pressContactsLink}</a>
        </li>
        <li>
          <a href={`/${props.lang}/${newsroom.slug}/media`}>{t.mediaBankLink}</a>
        </li>
        {newsroom.website ? (
          <li>
            {t.website}: <a href={newsroom.website}>{displayUrl(newsroom.website)}</a>
          </li>
        ) : null}
      </ul>
      {newsroom.socialLinks.length > 0 ? (
        <ul class="social-links" aria-label={t.socialLinks}>
          {newsroom.socialLinks.map((link) => (
            <li>
              <a href={link.url}>
                <Icon name={socialIcon(link.url)} />
                <span>{link.label}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

const displayUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '')
