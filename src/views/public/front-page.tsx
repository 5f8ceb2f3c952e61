/** `/{lang}/`: the newsrooms and the latest releases of all of them. */
import type { PublicReleaseSummary } from '../../core/release/read-model.js'
import { Layout, siteNameOf } from '../layout.js'
import type { Alternate } from '../layout.js'
import { LANG_NAMES, LANGS } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { FeedAutodiscovery, FeedLinks, Pagination, ReleaseList } from './components.js'

export interface FrontPageProps {
  lang: Lang
  publicUrl: string
  newsrooms: { slug: string; displayName: string }[]
  releases: PublicReleaseSummary[]
  nextCursor: string | null
  isFirstPage: boolean
  /** Languages that have releases, offered when this one has none. */
  otherLanguages: Lang[]
  siteName?: string
}

export function FrontPage(props: FrontPageProps) {
  const t = publicStrings[props.lang]
  const alternates: Alternate[] = LANGS.map((lang) => ({ lang, href: `/${lang}/` }))
  return (
    <Layout
      lang={props.lang}
      title={`${t.frontTitle} – ${siteNameOf(props.lang, props.siteName)}`}
      siteName={props.siteName}
      search={{}}
      description={t.frontIntro}
      alternates={alternates}
      head={
        <>
          <link rel="canonical" href={`${props.publicUrl}/${props.lang}/`} />
          {alternates.map((alt) => (
            <link rel="alternate" hreflang={alt.lang} href={`${props.publicUrl}${alt.href}`} />
          ))}
          <FeedAutodiscovery filter={{ lang: props.lang }} title={t.frontTitle} />
        </>
      }
    >
      <h1>{t.frontTitle}</h1>
      <p class="lead">{t.frontIntro}</p>
      <div class="layout">
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">{t.latest}</h2>
          {props.releases.length > 0 ? (
            <ReleaseList lang={props.lang} items={props.releases} showNewsroom level={3} />
          ) : (
            <>
              <p>{t.noReleases}</p>
              {props.otherLanguages.length > 0 ? (
                <p>
                  {t.otherLanguages}{' '}
                  {props.otherLanguages.map((lang, i) => (
                    <>
                      {i > 0 ? ', ' : null}
                      <a href={`/${lang}/`} lang={lang} hreflang={lang}>
                        {LANG_NAMES[lang]}
                      </a>
                    </>
                  ))}
                </p>
              ) : null}
            </>
          )}
          <Pagination
            lang={props.lang}
            base={new URLSearchParams()}
            path={`/${props.lang}/`}
            nextCursor={props.nextCursor}
            isFirstPage={props.isFirstPage}
          />
        </section>
        <div>
          {props.newsrooms.length > 0 ? (
            <section aria-labelledby="newsrooms-heading">
              <h2 id="newsrooms-heading">{t.newsrooms}</h2>
              <ul>
                {props.newsrooms.map((n) => (
                  <li>
                    <a href={`/${props.lang}/${n.slug}`}>{n.displayName}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="feeds-heading">
            <h2 id="feeds-heading">{t.feeds}</h2>
            <ul>
              <FeedLinks label={t.feedAll} filter={{ lang: props.lang }} />
            </ul>
            <p>
              <a href={`/${props.lang}/feeds`}>{t.feedsAll}</a>
            </p>
          </section>
        </div>
      </div>
    </Layout>
  )
}
