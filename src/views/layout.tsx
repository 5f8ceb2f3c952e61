/**
 * The page shell shared by every server-rendered page: language attribute, skip link,
 * landmarks (header, main, footer), language switcher and stylesheet.
 */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { common } from './i18n/common.js'
import { LANG_NAMES } from './i18n/index.js'
import type { Lang } from './i18n/index.js'

export interface Alternate {
  lang: Lang
  href: string
}

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
  /** Admin pages and forms that must not be indexed. */
  noindex?: boolean
  children?: Child
}

export function Layout(props: LayoutProps) {
  const t = common[props.lang]
  const alternates = props.alternates ?? []
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
          {props.head}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t.skipToContent}
          </a>
          <header class="site-header">
            <div class="wrap">
              <a class="brand" href={props.homeHref ?? `/${props.lang}/`}>
                {t.siteName}
              </a>
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
            <div class="wrap">{t.poweredBy}</div>
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
}) {
  const t = common[props.lang]
  return (
    <Layout
      lang={props.lang}
      title={`${props.title} – ${t.siteName}`}
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
