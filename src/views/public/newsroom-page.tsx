/** `/{lang}/{newsroom}`: a publisher's releases with type and keyword filters. */
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { PublicReleaseSummary } from '../../core/release/read-model.js'
import { RELEASE_TYPES } from '../../core/release/views.js'
import type { KeywordView } from '../../core/release/views.js'
import type { ReleaseType } from '../../core/types.js'
import { SubscribeBox } from '../components/subscribe-box.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { Layout } from '../layout.js'
import {
  AboutNewsroom,
  FeedAutodiscovery,
  FeedLinks,
  Pagination,
  ReleaseList,
  newsroomBrand,
} from './components.js'

export interface NewsroomPageProps {
  lang: Lang
  publicUrl: string
  newsroom: NewsroomView
  releases: PublicReleaseSummary[]
  nextCursor: string | null
  isFirstPage: boolean
  keywords: KeywordView[]
  filter: { type?: ReleaseType; keyword?: string }
  siteName?: string
}

export function NewsroomPage(props: NewsroomPageProps) {
  const t = publicStrings[props.lang]
  const { newsroom, lang, filter } = props
  const name = newsroomName(newsroom, lang)
  const path = `/${lang}/${newsroom.slug}`
  const base = new URLSearchParams()
  if (filter.type) base.set('type', filter.type)
  if (filter.keyword) base.set('keyword', filter.keyword)
  const keywordLabel = props.keywords.find((k) => k.slug === filter.keyword)?.label
  const filtered = Boolean(filter.type || filter.keyword)
  const description = newsroom.description[lang] ?? ''
  const alternates = newsroom.languages.map((l) => ({ lang: l, href: `/${l}/${newsroom.slug}` }))
  return (
    <Layout
      lang={lang}
      title={`${filtered ? `${[filter.type ? t.types[filter.type] : '', keywordLabel ?? ''].filter(Boolean).join(', ')} – ` : ''}${name}`}
      description={description || newsroom.boilerplate[lang]?.slice(0, 300)}
      alternates={alternates}
      noindex={!props.isFirstPage || filtered}
      siteName={props.siteName}
      search={{ newsroom: newsroom.slug }}
      newsroom={newsroomBrand(newsroom, lang)}
      head={
        <>
          <link rel="canonical" href={`${props.publicUrl}${path}`} />
          {alternates.map((alt) => (
            <link rel="alternate" hreflang={alt.lang} href={`${props.publicUrl}${alt.href}`} />
          ))}
          <FeedAutodiscovery filter={{ newsroom: newsroom.slug, lang }} title={name} />
        </>
      }
    >
      {/* The logo is in the banner, next to the name. */}
      <h1>{name}</h1>
      {description ? <p class="lead">{description}</p> : null}
      <div class="layout">
        <section aria-labelledby="releases-heading">
          <h2 id="releases-heading">{t.latest}</h2>
          <form method="get" action={path} class="filters" aria-label={t.filterHeading}>
            <div class="field">
              <label for="filter-type">{t.filterType}</label>
              <select id="filter-type" name="type">
                <option value="">{t.filterAll}</option>
                {RELEASE_TYPES.map((type) => (
                  <option value={type} selected={filter.type === type}>
                    {t.types[type]}
                  </option>
                ))}
              </select>
            </div>
            {props.keywords.length > 0 ? (
              <div class="field">
                <label for="filter-keyword">{t.filterKeyword}</label>
                <select id="filter-keyword" name="keyword">
                  <option value="">{t.filterAll}</option>
                  {props.keywords.map((k) => (
                    <option value={k.slug} selected={filter.keyword === k.slug}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <button type="submit">{t.filterSubmit}</button>{' '}
            {filtered ? <a href={path}>{t.filterClear}</a> : null}
          </form>
          {props.releases.length > 0 ? (
            <ReleaseList lang={lang} items={props.releases} level={3} />
          ) : (
            <p>{filtered ? t.noMatches : t.noReleases}</p>
          )}
          <Pagination
            lang={lang}
            base={base}
            path={path}
            nextCursor={props.nextCursor}
            isFirstPage={props.isFirstPage}
          />
        </section>
        <aside>
          <SubscribeBox lang={lang} newsroomSlug={newsroom.slug} source={path} />
          <section aria-labelledby="feeds-heading">
            <h2 id="feeds-heading">{t.feeds}</h2>
            <p>{t.feedsIntro}</p>
            <ul>
              <FeedLinks label={t.feedAll} filter={{ newsroom: newsroom.slug, lang }} />
              {RELEASE_TYPES.map((type) => (
                <FeedLinks label={t.types[type]} filter={{ newsroom: newsroom.slug, lang, type }} />
              ))}
              {filter.keyword && keywordLabel ? (
                <FeedLinks
                  label={`${t.filterKeyword}: ${keywordLabel}`}
                  filter={{ newsroom: newsroom.slug, lang, keyword: filter.keyword }}
                />
              ) : null}
            </ul>
            <p>
              <a href={`/${lang}/feeds`}>{t.feedsAll}</a>
            </p>
          </section>
          <AboutNewsroom lang={lang} newsroom={newsroom} headingId="about-heading" />
        </aside>
      </div>
    </Layout>
  )
}
