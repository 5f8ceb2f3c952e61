/**
 * `/{lang}/{newsroom}/media`: the newsroom's media bank — photos, videos and video links with
 * captions in the page's language, credits, the licence, and downloads of the original and of
 * each web size. Images of releases link back to their release.
 */
import type { BankItem } from '../../core/media/bank.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { NewsroomSubpage } from './components.js'
import { MediaFigure, pickText } from './media.js'

export interface MediaPageProps {
  lang: Lang
  publicUrl: string
  newsroom: NewsroomView
  items: BankItem[]
  page: number
  hasMore: boolean
  siteName?: string
}

export function MediaBankPage(props: MediaPageProps) {
  const t = publicStrings[props.lang]
  const { newsroom, lang } = props
  const name = newsroomName(newsroom, lang)
  const path = `/${lang}/${newsroom.slug}/media`
  const order = newsroom.languages
  return (
    <NewsroomSubpage
      lang={lang}
      publicUrl={props.publicUrl}
      newsroom={newsroom}
      siteName={props.siteName}
      section="media"
      title={t.mediaBankOf(name)}
      description={t.mediaBankIntro}
      canonicalQuery={props.page > 1 ? `?page=${props.page}` : undefined}
    >
      <h1>{t.mediaBank}</h1>
      <p class="lead">{t.mediaBankIntro}</p>
      {props.items.length === 0 ? <p>{t.mediaBankEmpty}</p> : null}
      <ul class="media-grid">
        {props.items.map((item) => {
          const release = item.release ? pickText(titles(item), lang, order) : undefined
          return (
            <li class="media-item">
              <MediaFigure
                media={item}
                lang={lang}
                order={order}
                sizes="(min-width: 1100px) 340px, (min-width: 700px) 45vw, 100vw"
                licence
              />
              {release && item.release ? (
                <p class="meta">
                  {t.fromRelease}:{' '}
                  <a
                    href={item.release.versions[release.lang as Lang]!.path}
                    lang={release.lang === lang ? undefined : release.lang}
                  >
                    {release.text}
                  </a>
                </p>
              ) : null}
            </li>
          )
        })}
      </ul>
      {props.hasMore ? (
        <nav class="pagination" aria-label={t.pagination}>
          <a href={`${path}?page=${props.page + 1}`} rel="next">
            {t.morePages}
          </a>
        </nav>
      ) : null}
    </NewsroomSubpage>
  )
}

const titles = (item: BankItem) =>
  Object.fromEntries(
    Object.entries(item.release?.versions ?? {}).map(([l, v]) => [l, v.title]),
  ) as Partial<Record<Lang, string>>
