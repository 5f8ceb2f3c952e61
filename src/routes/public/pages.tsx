/**
 * The public pages: front page, newsroom pages, release pages and the list of feeds in fi, sv
 * and en. Everything read here goes through the public read model, so drafts and scheduled
 * releases cannot leak: they answer exactly like an unknown address.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { PublicEnv } from '../../app-base.js'
import { newsroomStylesheet } from '../../core/newsroom/brand.js'
import { listMoreFromNewsroom } from '../../core/newsroom/more-from.js'
import { findNewsroom } from '../../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import {
  findPublicReleaseBySlug,
  getPublicRelease,
  isValidCursor,
  languagesWithPublicReleases,
  listPublicKeywords,
  listPublicNewsrooms,
  listPublishedReleases,
} from '../../core/release/read-model.js'
import { isValidSlug } from '../../core/release/slug.js'
import { calendarEntryOf } from '../../core/release/calendar.js'
import { renderEventFile } from '../../feeds/calendar.js'
import { CALENDAR_CONTENT_TYPE } from '../../feeds/urls.js'
import { isReleaseType } from '../../core/release/views.js'
import { LANGS, negotiateLang } from '../../views/i18n/index.js'
import type { Lang } from '../../views/i18n/index.js'
import { loadFeedDirectory } from '../../feeds/directory.js'
import { FeedsPage } from '../../views/public/feeds-page.js'
import { FrontPage } from '../../views/public/front-page.js'
import { SearchPage } from '../../views/public/search-page.js'
import { MAX_SEARCH_PAGE, searchReleases } from '../../core/search/search.js'
import { clientIp } from '../../http/client-ip.js'
import type { RateLimitRule } from '../../http/rate-limit.js'
import { common } from '../../views/i18n/common.js'
import { ContactsPage } from '../../views/public/contacts-page.js'
import { publicDirectory } from '../../core/contacts/directory.js'
import { cachePages } from './page-cache.js'
import { publicMediaBank } from '../../core/media/bank.js'
import { MediaBankPage } from '../../views/public/media-page.js'
import { NewsroomPage } from '../../views/public/newsroom-page.js'
import { ReleaseNotFoundPage, ReleasePage, WithdrawnPage } from '../../views/public/release-page.js'

const PAGE_SIZE = 20
/** Searches per client address: plenty for a person, a brake on scripted scraping. */
export const SEARCH_PER_IP: RateLimitRule = { name: 'search-ip', limit: 60, windowMs: 60_000 }
const MORE_COUNT = 4
// The group matters: a bare alternation would leak out of the parameter's pattern.
const LANG_PATTERN = ':lang{(?:fi|sv|en)}'

/** Short shared caching: a publication or withdrawal shows everywhere within a minute. */
function pageHeaders(c: Context, lang: Lang) {
  c.header('Cache-Control', 'public, max-age=60')
  c.header('Content-Language', lang)
}

/** A public page with the shared caching headers. */
function sendPage(c: Context, lang: Lang, page: JSX.Element, status: 200 | 404 | 410 = 200) {
  pageHeaders(c, lang)
  return c.html(page, status)
}

/** What every public page is told: its language, the public address and the site's name. */
const site = (c: Context<PublicEnv>, lang: Lang) => ({
  lang,
  publicUrl: c.var.deps.config.publicUrl,
  siteName: c.var.deps.config.siteName,
})

const cursorParam = (c: Context) => {
  const cursor = c.req.query('cursor')
  return cursor && isValidCursor(cursor) ? cursor : undefined
}

/** A newsroom by its slug as written in a URL (numbers are ids internally, never slugs). */
async function newsroomBySlug(c: Context<PublicEnv>, slug: string) {
  if (!isValidSlug(slug) || /^\d+$/.test(slug)) return undefined
  return findNewsroom(c.var.deps.readRepos, slug)
}

export function createPageRoutes() {
  const app = new Hono<PublicEnv>()
  app.use(`/${LANG_PATTERN}/*`, cachePages())

  app.get('/', (c) => {
    const lang = negotiateLang(c.req.header('accept-language'))
    c.header('Vary', 'Accept-Language')
    c.header('Cache-Control', 'private, max-age=0')
    return c.redirect(`/${lang}/`, 302)
  })

  app.get(`/${LANG_PATTERN}/`, async (c) => {
    const lang = c.req.param('lang') as Lang
    const repos = c.var.deps.readRepos
    const cursor = cursorParam(c)
    const [page, newsrooms] = await Promise.all([
      listPublishedReleases(repos, { lang, limit: PAGE_SIZE, cursor }),
      listPublicNewsrooms(repos, lang),
    ])
    const otherLanguages =
      page.items.length === 0 && !cursor
        ? await languagesWithPublicReleases(
            repos,
            LANGS.filter((l) => l !== lang),
          )
        : []
    return sendPage(
      c,
      lang,
      <FrontPage
        {...site(c, lang)}
        newsrooms={newsrooms}
        releases={page.items}
        nextCursor={page.nextCursor}
        isFirstPage={!cursor}
        otherLanguages={otherLanguages}
      />,
    )
  })

  app.get(`/${LANG_PATTERN}`, (c) => c.redirect(`/${c.req.param('lang')}/`, 301))

  // Every feed of every newsroom ("feeds" is a reserved newsroom slug, so nothing is shadowed).
  app.get('/feeds', (c) => {
    const lang = negotiateLang(c.req.header('accept-language'))
    c.header('Vary', 'Accept-Language')
    c.header('Cache-Control', 'private, max-age=0')
    return c.redirect(`/${lang}/feeds`, 302)
  })

  app.get('/feeds/', (c) => c.redirect('/feeds', 301))

  app.get(`/${LANG_PATTERN}/feeds`, async (c) => {
    const lang = c.req.param('lang') as Lang
    const directory = await loadFeedDirectory(c.var.deps.readRepos)
    return sendPage(c, lang, <FeedsPage {...site(c, lang)} directory={directory} />)
  })

  // Search: never kept in the page cache (any words make an address), limited per client.
  app.get(`/${LANG_PATTERN}/search`, async (c) => {
    const lang = c.req.param('lang') as Lang
    const deps = c.var.deps
    c.header('Cache-Control', 'private, no-store')
    c.header('Content-Language', lang)
    const limited = await deps.rateLimiter.hit(SEARCH_PER_IP, clientIp(c, deps.config.trustProxy))
    if (!limited.allowed) {
      c.header('Retry-After', String(limited.retryAfterSeconds))
      return c.text(common[lang].searchTooMany, 429)
    }
    const slug = c.req.query('newsroom')
    const newsroom = slug ? await newsroomBySlug(c, slug) : undefined
    const pageParam = c.req.query('page')
    const page = pageParam && /^\d{1,2}$/.test(pageParam) ? Number(pageParam) : 1
    const newsrooms = await listPublicNewsrooms(deps.readRepos, lang)
    const results = await searchReleases(
      deps.readRepos,
      {
        q: c.req.query('q') ?? '',
        lang,
        newsroom,
        page: Math.min(Math.max(page, 1), MAX_SEARCH_PAGE),
      },
      (hit) => newsrooms.find((n) => n.slug === hit.slug)?.displayName ?? hit.slug,
    )
    return c.html(
      <SearchPage
        lang={lang}
        results={results}
        newsroom={newsroom}
        siteName={deps.config.siteName}
      />,
    )
  })

  // "/fi/newsroom/" and "/fi/newsroom/slug/" are typed or pasted that way: one address each.
  // From the address as sent (still percent-encoded): the decoded path may hold characters,
  // such as NUL or a line break, that no Location header can carry.
  const withoutSlash = (c: Context) => new URL(c.req.url).pathname.replace(/\/+$/, '')
  app.get(`/${LANG_PATTERN}/:newsroom/`, (c) => c.redirect(withoutSlash(c), 301))
  app.get(`/${LANG_PATTERN}/:newsroom/:slug/`, (c) => c.redirect(withoutSlash(c), 301))

  /** A newsroom's own page: unknown newsrooms are 404, a language it lacks goes to its first. */
  const newsroomPage = (
    suffix: '' | '/contacts' | '/media',
    render: (c: Context<PublicEnv>, lang: Lang, newsroom: NewsroomView) => Promise<Response>,
  ) =>
    app.get(`/${LANG_PATTERN}/:newsroom${suffix}`, async (c) => {
      const lang = c.req.param('lang') as Lang
      const newsroom = await newsroomBySlug(c, c.req.param('newsroom')!)
      if (!newsroom) return c.notFound()
      if (!newsroom.languages.includes(lang))
        return c.redirect(`/${newsroom.languages[0]}/${newsroom.slug}${suffix}`, 302)
      return render(c, lang, newsroom)
    })

  newsroomPage('', async (c, lang, newsroom) => {
    const repos = c.var.deps.readRepos
    const typeParam = c.req.query('type')
    const keywordParam = c.req.query('keyword')
    const type = isReleaseType(typeParam) ? typeParam : undefined
    const keyword = keywordParam && isValidSlug(keywordParam) ? keywordParam : undefined
    const cursor = cursorParam(c)
    const [page, keywords] = await Promise.all([
      listPublishedReleases(repos, {
        newsroomId: newsroom.id,
        lang,
        type,
        keyword,
        limit: PAGE_SIZE,
        cursor,
      }),
      listPublicKeywords(repos, newsroom, lang),
    ])
    return sendPage(
      c,
      lang,
      <NewsroomPage
        {...site(c, lang)}
        newsroom={newsroom}
        releases={page.items}
        nextCursor={page.nextCursor}
        isFirstPage={!cursor}
        keywords={keywords}
        filter={{ type, keyword }}
      />,
    )
  })

  newsroomPage('/contacts', async (c, lang, newsroom) => {
    const groups = await publicDirectory(c.var.deps.readRepos, newsroom, lang)
    return sendPage(
      c,
      lang,
      <ContactsPage {...site(c, lang)} newsroom={newsroom} groups={groups} />,
    )
  })

  newsroomPage('/media', async (c, lang, newsroom) => {
    const pageParam = c.req.query('page') ?? '1'
    // Pages beyond a few hundred items are not browsed by people; a wild number is not a page.
    if (!/^[1-9]\d{0,2}$/.test(pageParam)) return c.redirect(`/${lang}/${newsroom.slug}/media`, 302)
    const page = Number(pageParam)
    const bank = await publicMediaBank(c.var.deps.readRepos, newsroom, page)
    if (page > 1 && bank.items.length === 0) return c.notFound()
    return sendPage(
      c,
      lang,
      <MediaBankPage
        {...site(c, lang)}
        newsroom={newsroom}
        items={bank.items}
        page={page}
        hasMore={bank.hasMore}
      />,
    )
  })

  // An invitation's event as an iCalendar file ("Add to calendar"); a withdrawn one cancels it.
  app.get(`/${LANG_PATTERN}/:newsroom/:slug/event.ics`, async (c) => {
    const lang = c.req.param('lang') as Lang
    const slug = c.req.param('slug')
    const newsroom = await newsroomBySlug(c, c.req.param('newsroom'))
    const found =
      newsroom && isValidSlug(slug)
        ? await getPublicRelease(c.var.deps.readRepos, newsroom.slug, lang, slug, newsroom)
        : undefined
    const entry = found && calendarEntryOf(found.release, found.newsroom)
    if (!entry) return c.notFound()
    c.header('Content-Type', CALENDAR_CONTENT_TYPE)
    c.header('Content-Disposition', `attachment; filename="${slug}.ics"`)
    c.header('Cache-Control', 'no-cache')
    return c.body(renderEventFile(entry, lang, c.var.deps.config.publicUrl))
  })

  app.get(`/${LANG_PATTERN}/:newsroom/:slug`, async (c) => {
    const lang = c.req.param('lang') as Lang
    const slug = c.req.param('slug')
    const newsroom = await newsroomBySlug(c, c.req.param('newsroom'))
    if (!newsroom) return c.notFound()
    const repos = c.var.deps.readRepos
    // "More from this newsroom" is read alongside; it is only used if the release is public.
    const [found, more] = await Promise.all([
      isValidSlug(slug) ? getPublicRelease(repos, newsroom.slug, lang, slug, newsroom) : undefined,
      listMoreFromNewsroom(repos, newsroom, lang, undefined, MORE_COUNT + 1),
    ])
    if (!found) return otherLanguageOrNotFound(c, lang, newsroom, slug)
    if (found.state === 'withdrawn')
      return sendPage(
        c,
        lang,
        <WithdrawnPage lang={lang} newsroom={newsroom} release={found.release} />,
        410,
      )
    return sendPage(
      c,
      lang,
      <ReleasePage
        {...site(c, lang)}
        newsroom={newsroom}
        release={found.release}
        version={found.release.versions[lang]!}
        more={more.filter((item) => item.id !== found.release.id).slice(0, MORE_COUNT)}
      />,
    )
  })

  // A newsroom's accent colour, for its pages. The address carries the colour (?v=), so a
  // changed colour is a new address and the old answer may be cached for a day.
  app.get('/assets/newsroom/:file{[a-z0-9-]+\\.css}', async (c) => {
    const slug = c.req.param('file').replace(/\.css$/, '')
    const newsroom = await newsroomBySlug(c, slug)
    if (!newsroom) return c.notFound()
    c.header('Content-Type', 'text/css; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(newsroomStylesheet(newsroom.accentColor))
  })

  return app
}

/**
 * The slug belongs to another language version (someone edited /fi/ to /sv/ in the address):
 * go to the version in the asked language, or to the version the slug belongs to. A withdrawn
 * release answers 410 at once. Otherwise 404, the same for unknown, draft and scheduled releases.
 */
async function otherLanguageOrNotFound(
  c: Context<PublicEnv>,
  lang: Lang,
  newsroom: NewsroomView,
  slug: string,
) {
  const release = isValidSlug(slug)
    ? await findPublicReleaseBySlug(c.var.deps.readRepos, newsroom.id, slug)
    : undefined
  // Every address a withdrawn release had answers 410 itself, pointing to none of the others.
  if (release?.status === 'withdrawn')
    return sendPage(
      c,
      lang,
      <WithdrawnPage lang={lang} newsroom={newsroom} release={release} />,
      410,
    )
  if (release) {
    const target =
      release.versions[lang] ?? Object.values(release.versions).find((v) => v?.slug === slug)
    if (target) return c.redirect(target.path, 301)
  }
  return c.html(<ReleaseNotFoundPage lang={lang} newsroom={newsroom} />, 404)
}
