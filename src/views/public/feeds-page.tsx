/** `/{lang}/feeds`: every feed of every newsroom, per language, in three formats each. */
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import { RELEASE_TYPES } from '../../core/release/views.js'
import type { FeedDirectory } from '../../feeds/directory.js'
import type { FeedFilter } from '../../feeds/urls.js'
import { LANG_NAMES, LANGS } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { Layout, siteNameOf } from '../layout.js'
import type { Alternate } from '../layout.js'
import { FeedAutodiscovery, FeedLinks } from './components.js'

export interface FeedsPageProps {
  lang: Lang
  publicUrl: string
  directory: FeedDirectory
  siteName?: string
}

export function FeedsPage(props: FeedsPageProps) {
  const { lang, directory } = props
  const t = publicStrings[lang]
  const alternates: Alternate[] = LANGS.map((l) => ({ lang: l, href: `/${l}/feeds` }))
  const everyNewsroom = t.feedsEveryNewsroom
  return (
    <Layout
      lang={lang}
      title={`${t.feeds} – ${siteNameOf(lang, props.siteName)}`}
      siteName={props.siteName}
      description={t.feedsPageIntro}
      alternates={alternates}
      search={{}}
      head={
        <>
          <link rel="canonical" href={`${props.publicUrl}/${lang}/feeds`} />
          {alternates.map((alt) => (
            <link rel="alternate" hreflang={alt.lang} href={`${props.publicUrl}${alt.href}`} />
          ))}
          {directory.siteLanguages.includes(lang) ? (
            <FeedAutodiscovery filter={{ lang }} title={`${everyNewsroom} (${t.feedAll})`} />
          ) : null}
          {directory.newsrooms.map(({ newsroom }) => {
            const feedLang = newsroom.languages.includes(lang) ? lang : newsroom.languages[0]
            return (
              <FeedAutodiscovery
                filter={{ newsroom: newsroom.slug, lang: feedLang }}
                title={newsroomName(newsroom, lang)}
              />
            )
          })}
        </>
      }
    >
      <h1>{t.feeds}</h1>
      <p class="lead">{t.feedsPageIntro}</p>
      {directory.newsrooms.length === 0 ? <p>{t.feedsNone}</p> : null}
      {directory.siteLanguages.length > 0 ? (
        <section aria-labelledby="feeds-every-newsroom">
          <h2 id="feeds-every-newsroom">{everyNewsroom}</h2>
          <div class="feed-groups">
            {directory.siteLanguages.map((feedLang) => (
              <FeedGroup
                lang={lang}
                feedLang={feedLang}
                owner={everyNewsroom}
                filter={{ lang: feedLang }}
                keywords={[]}
                headingId={`feeds-all-${feedLang}`}
              />
            ))}
          </div>
        </section>
      ) : null}
      {directory.newsrooms.map(({ newsroom, languages }) => {
        const name = newsroomName(newsroom, lang)
        const headingId = `feeds-${newsroom.slug}`
        const pageLang = newsroom.languages.includes(lang) ? lang : newsroom.languages[0]
        return (
          <section aria-labelledby={headingId}>
            <h2 id={headingId}>
              <a href={`/${pageLang}/${newsroom.slug}`}>{name}</a>
            </h2>
            <div class="feed-groups">
              {languages.map(({ lang: feedLang, keywords }) => (
                <FeedGroup
                  lang={lang}
                  feedLang={feedLang}
                  owner={name}
                  filter={{ newsroom: newsroom.slug, lang: feedLang }}
                  keywords={keywords}
                  headingId={`${headingId}-${feedLang}`}
                />
              ))}
            </div>
          </section>
        )
      })}
    </Layout>
  )
}

/** The feeds of one newsroom (or of all) in one language: all releases, per type, per keyword. */
function FeedGroup(props: {
  lang: Lang
  feedLang: Lang
  owner: string
  filter: FeedFilter
  keywords: { slug: string; label: string }[]
  headingId: string
}) {
  const t = publicStrings[props.lang]
  const language = t.languageNames[props.feedLang]
  const name = (label: string) => (format: string) =>
    t.feedLinkName(format, `${props.owner} – ${label}`, language)
  return (
    <section class="card feed-group" aria-labelledby={props.headingId}>
      <h3 id={props.headingId} lang={props.feedLang}>
        {LANG_NAMES[props.feedLang]}
      </h3>
      <ul class="feed-list">
        <FeedLinks label={t.feedAll} filter={props.filter} linkName={name(t.feedAll)} />
        {RELEASE_TYPES.map((type) => (
          <FeedLinks
            label={t.types[type]}
            filter={{ ...props.filter, type }}
            linkName={name(t.types[type])}
          />
        ))}
      </ul>
      {props.keywords.length > 0 ? (
        // Newsrooms use dozens of keywords: folded, so the page stays a page of newsrooms.
        <details>
          <summary>
            {t.keywords} ({props.keywords.length})
          </summary>
          <ul class="feed-list">
            {props.keywords.map((keyword) => (
              <FeedLinks
                label={<span lang={props.feedLang}>{keyword.label}</span>}
                filter={{ ...props.filter, keyword: keyword.slug }}
                linkName={name(`${t.filterKeyword}: ${keyword.label}`)}
              />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}
