/**
 * The page shell shared by every server-rendered page: language attribute, skip link,
 * landmarks (header, main, footer), language switcher and stylesheet.
 */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { createContext, useContext } from 'hono/jsx'
import { common } from './i18n/common.js'
import { LANG_NAMES } from './i18n/index.js'
import type { Lang } from './i18n/index.js'

export interface Alternate {
  lang: Lang
  href: string
}

export interface NewsroomBrand {
  name: string
  /** The newsroom's page in this language, where the banner links to. */
  href: string
  logo: { path: string; mimeType: string } | null
  /** `/assets/newsroom/{slug}.css`, when the newsroom has an accent colour. */
  stylesheet?: string
}

/**
 * SITE_NAME for pages whose routes do not pass it one by one: a router wraps what it renders in
 * `<SiteNameContext.Provider value={config.siteName}>` (see `renderPage`).
 */
export const SiteNameContext = createContext<string | undefined>(undefined)

/** The installation's name: SITE_NAME, else the neutral word for a newsroom in the language. */
export const siteNameOf = (lang: Lang, siteName?: string) =>
  siteName || useContext(SiteNameContext) || common[lang].siteName

export interface LayoutProps {
  lang: Lang
  title: string
  description?: string
  /** Extra tags for <head>: canonical, hreflang, Open Graph, feeds, JSON-LD. */
  head?: Child
  /** The same page in other languages; drives the language switcher. */
  alternates?: Alternate[]
  /** Brand link target, e.g. /fi/ */
  homeHref?: string
  /** SITE_NAME; unset: the neutral name in the page's language ("Uutishuone"). */
  siteName?: string
  /**
   * The newsroom whose page this is: its name and logo replace the installation's name in the
   * banner, its logo is the favicon and its accent colour comes in a stylesheet of its own.
   */
  newsroom?: NewsroomBrand
  /** Admin pages and forms that must not be indexed. */
  noindex?: boolean
  /** Public pages: a search box in the banner (within the newsroom given, if any). */
  search?: { newsroom?: string; q?: string }
  children?: Child
}

export function Layout(props: LayoutProps) {
  const t = common[props.lang]
  const alternates = props.alternates ?? []
  const siteName = siteNameOf(props.lang, props.siteName)
  const brand = props.newsroom
  return (
    <>
      {/* Without a doctype browsers render in quirks mode. */}
      {raw('<!DOCTYPE html>')}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.description ? <meta name="description" content={props.description} /> : null}
          {props.noindex ? <meta name="robots" content="noindex" /> : null}
          <link rel="stylesheet" href="/assets/site.css" />
          {brand?.stylesheet ? <link rel="stylesheet" href={brand.stylesheet} /> : null}
          {brand?.logo ? (
            <link rel="icon" href={brand.logo.path} type={brand.logo.mimeType} />
          ) : (
            <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          )}
          {props.head}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t.skipToContent}
          </a>
          <header class="site-header">
            <div class="wrap">
              {brand ? (
                <a class="brand" href={brand.href}>
                  {brand.logo ? <img class="brand-logo" src={brand.logo.path} alt="" /> : null}
                  <span>{brand.name}</span>
                </a>
              ) : (
                <a class="brand" href={props.homeHref ?? `/${props.lang}/`}>
                  {siteName}
                </a>
              )}
              {props.search ? (
                <form
                  class="site-search"
                  role="search"
                  aria-label={t.search}
                  method="get"
                  action={`/${props.lang}/search`}
                >
                  <label class="visually-hidden" for="site-search">
                    {t.search}
                  </label>
                  <input
                    type="search"
                    id="site-search"
                    name="q"
                    value={props.search.q ?? ''}
                    placeholder={t.search}
                    maxlength={200}
                  />
                  {props.search.newsroom ? (
                    <input type="hidden" name="newsroom" value={props.search.newsroom} />
                  ) : null}
                  <button type="submit">{t.searchButton}</button>
                </form>
              ) : null}
              {alternates.length > 1 ? (
                <nav class="lang-switch" aria-label={t.languageSwitcher}>
                  <ul>
                    {alternates.map((alt) => (
                      <li>
                        <a
                          href={alt.href}
                          lang={alt.lang}
                          hreflang={alt.lang}
                          aria-current={alt.lang === props.lang ? 'page' : undefined}
                        >
                          {LANG_NAMES[alt.lang]}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              ) : null}
            </div>
          </header>
          <main id="main" tabindex={-1}>
            <div class="wrap">{props.children}</div>
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <a href={`/${props.lang}/`}>{siteName}</a>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}

/** A simple message page (errors, 404, 410, confirmations). */
export function MessagePage(props: {
  lang: Lang
  title: string
  body: Child
  homeHref?: string
  alternates?: Alternate[]
  siteName?: string
}) {
  const t = common[props.lang]
  return (
    <Layout
      lang={props.lang}
      siteName={props.siteName}
      title={`${props.title} – ${siteNameOf(props.lang, props.siteName)}`}
      alternates={props.alternates}
      noindex
    >
      <h1>{props.title}</h1>
      {typeof props.body === 'string' ? <p>{props.body}</p> : props.body}
      <p>
        <a href={props.homeHref ?? `/${props.lang}/`}>{t.backToFront}</a>
      </p>
    </Layout>
  )
}
