/**
 * `/{lang}/search?q=[&newsroom=][&page=]`: published releases in the page's language matching
 * the words, best first, each with a snippet where the matched words are marked.
 */
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { SearchPage as Results } from '../../core/search/search.js'
import { common } from '../i18n/common.js'
import type { Lang } from '../i18n/index.js'
import { Layout } from '../layout.js'
import { Dateline, newsroomBrand } from './components.js'

export interface SearchPageProps {
  lang: Lang
  results: Results
  newsroom?: NewsroomView
  siteName?: string
}

export function SearchPage(props: SearchPageProps) {
  const t = common[props.lang]
  const { lang, results, newsroom } = props
  const query = results.query
  const link = (page: number) => {
    const params = new URLSearchParams({ q: query })
    if (newsroom) params.set('newsroom', newsroom.slug)
    if (page > 1) params.set('page', String(page))
    return `/${lang}/search?${params}`
  }
  const heading = query ? `${t.searchTitle}: ${query}` : t.searchTitle
  return (
    <Layout
      lang={lang}
      title={heading}
      noindex
      siteName={props.siteName}
      newsroom={newsroom ? newsroomBrand(newsroom, lang) : undefined}
    >
      <h1>{heading}</h1>
      <form method="get" action={`/${lang}/search`} class="filters" role="search">
        <div class="field">
          <label for="search-q">{t.search}</label>
          <input
            type="search"
            id="search-q"
            name="q"
            value={query}
            maxlength={200}
            aria-describedby="search-hint"
          />
          <p class="hint" id="search-hint">
            {t.searchHint}
          </p>
        </div>
        {newsroom ? (
          <div class="field checks">
            <label>
              <input type="checkbox" name="newsroom" value={newsroom.slug} checked />{' '}
              {t.searchIn(newsroomName(newsroom, lang))}
            </label>
          </div>
        ) : null}
        <button type="submit">{t.searchButton}</button>
      </form>
      {query ? (
        <p role="status">
          {results.items.length > 0
            ? t.searchResults(results.items.length, query)
            : t.searchNone(query)}
        </p>
      ) : null}
      <ol class="search-results" start={(results.page - 1) * 20 + 1}>
        {results.items.map((item) => (
          <li>
            <p class="meta">
              <Dateline
                lang={lang}
                publishedAt={item.publishedAt}
                timezone={item.newsroom.timezone}
                type={item.type}
              />
              {' | '}
              <a href={`/${lang}/${item.newsroom.slug}`}>{item.newsroom.name}</a>
            </p>
            <h2>
              <a href={item.path}>{item.title}</a>
            </h2>
            <p>{item.snippet.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}</p>
          </li>
        ))}
      </ol>
      {results.page > 1 || results.hasNext ? (
        <nav class="pagination" aria-label={t.searchTitle}>
          {results.page > 1 ? <a href={link(results.page - 1)}>{t.searchPrevious}</a> : null}{' '}
          {results.hasNext ? <a href={link(results.page + 1)}>{t.searchNext}</a> : null}
        </nav>
      ) : null}
    </Layout>
  )
}
