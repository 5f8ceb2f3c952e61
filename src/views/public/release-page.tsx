/**
 * `/{lang}/{newsroom}/{slug}`: one language version of a release, with everything a journalist
 * needs on one page (dateline, lead, body, images with credits, files, contacts, keywords,
 * corrections, publisher boilerplate) and what machines need in <head> (canonical, hreflang,
 * Open Graph, JSON-LD NewsArticle, feed autodiscovery).
 */
import { keywordsIn } from '../../core/keywords/terms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { PublicReleaseSummary } from '../../core/release/read-model.js'
import type { AttachmentView, ReleaseView, VersionView } from '../../core/release/views.js'
import { SubscribeBox } from '../components/subscribe-box.js'
import { LANG_NAMES } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { Layout, MessagePage } from '../layout.js'
import {
  AboutNewsroom,
  Dateline,
  FeedAutodiscovery,
  ReleaseList,
  jsonLd,
  newsroomBrand,
} from './components.js'
import { formatDate, formatDateTime, formatTimeSpan } from '../format-time.js'
import type { EventView } from '../../core/release/events.js'
import { OG_LOCALE, fileTypeLabel, formatSize } from './format.js'
import { MediaFigure, altOf, pickText } from './media.js'
import { ShareLinks } from './share.js'

export interface ReleasePageProps {
  lang: Lang
  publicUrl: string
  newsroom: NewsroomView
  release: ReleaseView
  version: VersionView
  more: PublicReleaseSummary[]
  siteName?: string
}

const pick = pickText

/** The largest web size of an image (1200 px at most), as social cards and JSON-LD want it. */
const shareImage = (image: AttachmentView) => image.renditions.at(-1) ?? image

function newsArticle(props: ReleasePageProps, canonical: string, images: AttachmentView[]) {
  const { release, version, newsroom, lang, publicUrl } = props
  const publisher = {
    '@type': 'Organization',
    name: newsroomName(newsroom, lang),
    ...(newsroom.website ? { url: newsroom.website } : {}),
    ...(newsroom.logo ? { logo: `${publicUrl}${newsroom.logo.path}` } : {}),
  }
  const modified = [version.updatedAt, ...release.corrections.map((c) => c.createdAt)].sort().pop()
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: version.title,
    ...(version.lead ? { description: version.lead } : {}),
    inLanguage: lang,
    url: canonical,
    mainEntityOfPage: canonical,
    datePublished: release.publishedAt,
    dateModified: modified && modified > release.publishedAt! ? modified : release.publishedAt,
    articleSection: publicStrings[lang].types[release.type],
    ...(release.keywords.length
      ? { keywords: keywordsIn(release.keywords, lang, newsroom.languages).map((k) => k.label) }
      : {}),
    ...(images.length
      ? {
          image: images.map((i) => ({
            '@type': 'ImageObject',
            url: `${publicUrl}${shareImage(i).path}`,
            ...(shareImage(i).width
              ? { width: shareImage(i).width, height: shareImage(i).height }
              : {}),
            ...(i.credit ? { creditText: i.credit } : {}),
            ...(pick(i.caption, lang, release.languages)
              ? { caption: pick(i.caption, lang, release.languages)!.text }
              : {}),
          })),
        }
      : {}),
    author: publisher,
    publisher,
  }
}

export function ReleasePage(props: ReleasePageProps) {
  const { release, version, newsroom, lang, publicUrl } = props
  const t = publicStrings[lang]
  const name = newsroomName(newsroom, lang)
  const canonical = `${publicUrl}${version.path}`
  const order = release.languages
  const others = order.filter((l) => l !== lang).map((l) => release.versions[l]!)
  const lead = release.leadImage
  // The lead image first (social cards and search engines take the first), then the others.
  const images = [
    ...(lead ? [lead] : []),
    ...release.attachments.filter((a) => a.kind === 'image' && a.id !== lead?.id),
  ]
  const gallery = release.attachments.filter(
    (a) => (a.kind === 'image' || a.kind === 'video') && a.id !== lead?.id,
  )
  const files = release.attachments.filter((a) => a.kind === 'file')
  const firstImage = images[0]
  const social = firstImage ? shareImage(firstImage) : undefined
  const alternates = order.map((l) => ({ lang: l, href: release.versions[l]!.path }))
  const newsroomPath = `/${lang}/${newsroom.slug}`
  // In this page's language (else the newsroom's first), in its alphabetical order.
  const keywords = keywordsIn(release.keywords, lang, newsroom.languages)

  const head = (
    <>
      <link rel="canonical" href={canonical} />
      {alternates.map((alt) => (
        <link rel="alternate" hreflang={alt.lang} href={`${publicUrl}${alt.href}`} />
      ))}
      <link rel="alternate" hreflang="x-default" href={`${publicUrl}${alternates[0].href}`} />
      <FeedAutodiscovery filter={{ newsroom: newsroom.slug, lang }} title={name} />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={version.title} />
      {version.lead ? <meta property="og:description" content={version.lead} /> : null}
      <meta property="og:url" content={canonical} />
      <meta property="og:site_name" content={name} />
      <meta property="og:locale" content={OG_LOCALE[lang]} />
      {others.map((v) => (
        <meta property="og:locale:alternate" content={OG_LOCALE[v.lang]} />
      ))}
      {firstImage && social ? (
        <>
          <meta property="og:image" content={`${publicUrl}${social.path}`} />
          <meta property="og:image:type" content={social.mimeType} />
          {social.width ? (
            <>
              <meta property="og:image:width" content={String(social.width)} />
              <meta property="og:image:height" content={String(social.height)} />
            </>
          ) : null}
          {altOf(firstImage, lang, order) ? (
            <meta property="og:image:alt" content={altOf(firstImage, lang, order)} />
          ) : null}
          <meta name="twitter:image" content={`${publicUrl}${social.path}`} />
        </>
      ) : null}
      <meta property="article:published_time" content={release.publishedAt!} />
      <meta property="article:modified_time" content={version.updatedAt} />
      {keywords.map((k) => (
        <meta property="article:tag" content={k.label} />
      ))}
      <meta name="twitter:card" content={firstImage ? 'summary_large_image' : 'summary'} />
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: jsonLd(newsArticle(props, canonical, images)) }}
      />
    </>
  )

  return (
    <Layout
      lang={lang}
      title={`${version.title} – ${name}`}
      description={version.lead || undefined}
      alternates={alternates}
      homeHref={`/${lang}/`}
      siteName={props.siteName}
      search={{ newsroom: newsroom.slug }}
      newsroom={newsroomBrand(newsroom, lang)}
      head={head}
    >
      <div class="layout">
        <article aria-labelledby="release-title">
          <p class="meta">
            <Dateline
              lang={lang}
              publishedAt={release.publishedAt!}
              timezone={newsroom.timezone}
              type={release.type}
            />
            {' | '}
            <a href={newsroomPath}>{name}</a>
          </p>
          <h1 id="release-title">{version.title}</h1>
          {release.event ? (
            <EventDetails
              lang={lang}
              event={release.event}
              timezone={newsroom.timezone}
              icsPath={`${version.path}/event.ics`}
            />
          ) : null}
          {release.corrections.length > 0 ? (
            <section class="notice" aria-labelledby="corrections-heading">
              <h2 id="corrections-heading">{t.corrections}</h2>
              {release.corrections.map((correction) => {
                const note = pick(correction.note, lang, order)
                return note ? (
                  <p>
                    <strong>
                      {t.correctionAt}{' '}
                      <time datetime={correction.createdAt}>
                        {formatDateTime(correction.createdAt, newsroom.timezone)}
                      </time>
                      :
                    </strong>{' '}
                    <span lang={note.lang === lang ? undefined : note.lang}>{note.text}</span>
                  </p>
                ) : null
              })}
            </section>
          ) : null}
          {lead ? (
            <MediaFigure
              class="lead-image"
              media={lead}
              lang={lang}
              order={order}
              sizes="(min-width: 1100px) 720px, 100vw"
              eager
            />
          ) : null}
          {version.lead ? <p class="lead">{version.lead}</p> : null}
          <div class="release-body" dangerouslySetInnerHTML={{ __html: version.bodyHtml }} />
          {gallery.length > 0 ? (
            <section aria-labelledby="images-heading">
              <h2 id="images-heading">{t.images}</h2>
              {gallery.map((image) => (
                <MediaFigure
                  media={image}
                  lang={lang}
                  order={order}
                  sizes="(min-width: 1100px) 720px, 100vw"
                />
              ))}
            </section>
          ) : null}
          {keywords.length > 0 ? (
            <section aria-labelledby="keywords-heading">
              <h2 id="keywords-heading">{t.keywords}</h2>
              <ul class="tags">
                {keywords.map((k) => (
                  <li>
                    <a href={`${newsroomPath}?keyword=${encodeURIComponent(k.slug)}`}>{k.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <ShareLinks lang={lang} url={canonical} title={version.title} />
          {others.length > 0 ? (
            <section aria-labelledby="languages-heading">
              <h2 id="languages-heading">{t.inOtherLanguages}</h2>
              <ul>
                {others.map((v) => (
                  <li>
                    <a href={v.path} hreflang={v.lang} lang={v.lang}>
                      {v.title}
                    </a>{' '}
                    ({LANG_NAMES[v.lang]})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </article>
        <aside>
          {release.contacts.length > 0 ? (
            <section class="box" aria-labelledby="contacts-heading">
              <h2 id="contacts-heading">{t.contacts}</h2>
              <ul class="contacts">
                {release.contacts.map((contact) => {
                  const title = pick(contact.title, lang, order)
                  return (
                    <li>
                      <strong>{contact.name}</strong>
                      {title ? (
                        <>
                          <br />
                          <span lang={title.lang === lang ? undefined : title.lang}>
                            {title.text}
                          </span>
                        </>
                      ) : null}
                      {contact.phone ? (
                        <>
                          <br />
                          {t.phone}:{' '}
                          <a href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`}>
                            {contact.phone}
                          </a>
                        </>
                      ) : null}
                      {contact.email ? (
                        <>
                          <br />
                          {t.email}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
                        </>
                      ) : null}
                    </li>
                  )
                })}
              </ul>
            </section>
          ) : null}
          {files.length > 0 ? (
            <section class="box" aria-labelledby="attachments-heading">
              <h2 id="attachments-heading">{t.attachments}</h2>
              <ul class="files">
                {files.map((file) => {
                  const caption = pick(file.caption, lang, order)
                  return (
                    <li>
                      <a href={file.path}>{caption?.text ?? file.filename}</a>{' '}
                      <span class="meta">
                        ({fileTypeLabel(file.filename)}, {formatSize(file.size, lang)})
                      </span>
                    </li>
                  )
                })}
              </ul>
            </section>
          ) : null}
          <SubscribeBox lang={lang} newsroomSlug={newsroom.slug} source={version.path} />
        </aside>
      </div>
      <AboutNewsroom lang={lang} newsroom={newsroom} headingId="about-heading" />
      {props.more.length > 0 ? (
        <section aria-labelledby="more-heading">
          <h2 id="more-heading">{t.moreFrom(name)}</h2>
          <ReleaseList lang={lang} items={props.more} level={3} />
          <p>
            <a href={newsroomPath}>{t.allFrom(name)}</a>
          </p>
        </section>
      ) : null}
    </Layout>
  )
}

/** 410 for a withdrawn release: says so, with the date and the publisher's reason. */
export function WithdrawnPage(props: { lang: Lang; newsroom: NewsroomView; release: ReleaseView }) {
  const { lang, newsroom, release } = props
  const t = publicStrings[lang]
  const name = newsroomName(newsroom, lang)
  const when = release.withdrawnAt ? formatDate(release.withdrawnAt, newsroom.timezone) : ''
  return (
    <MessagePage
      lang={lang}
      title={t.withdrawnTitle}
      body={
        <div class="notice">
          <p>{t.withdrawnBody(when)}</p>
          {release.withdrawnReason ? (
            <p>
              {t.withdrawnReason} {release.withdrawnReason}
            </p>
          ) : null}
          <p>
            <a href={`/${lang}/${newsroom.slug}`}>{t.backToNewsroom(name)}</a>
          </p>
        </div>
      }
    />
  )
}

/**
 * 404 for a release path in a known newsroom. Unknown, draft and scheduled releases all get
 * exactly this page, so nothing tells whether something is waiting to be published.
 */
export function ReleaseNotFoundPage(props: { lang: Lang; newsroom: NewsroomView }) {
  const t = publicStrings[props.lang]
  const name = newsroomName(props.newsroom, props.lang)
  const path = `/${props.lang}/${props.newsroom.slug}`
  return (
    <MessagePage
      lang={props.lang}
      title={t.notFoundRelease}
      body={
        <>
          <p>{t.notFoundReleaseBody}</p>
          <p>
            <a href={path}>{t.backToNewsroom(name)}</a>
          </p>
        </>
      }
    />
  )
}

/** An invitation's event: when (in the newsroom's zone), where, online, and its .ics file. */
function EventDetails(props: { lang: Lang; event: EventView; timezone: string; icsPath: string }) {
  const t = publicStrings[props.lang]
  const { event } = props
  return (
    <section class="event-details" aria-labelledby="event-heading">
      <h2 id="event-heading">{t.eventHeading}</h2>
      <dl>
        <dt>{t.eventWhen}</dt>
        <dd>
          <time datetime={event.start}>
            {formatTimeSpan(event.start, event.end, props.timezone)}
          </time>
        </dd>
        {event.location ? (
          <>
            <dt>{t.eventWhere}</dt>
            <dd>{event.location}</dd>
          </>
        ) : null}
        {event.url ? (
          <>
            <dt>{t.eventOnline}</dt>
            <dd>
              <a href={event.url} rel="noopener">
                {event.url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a class="button" href={props.icsPath} download>
          {t.addToCalendar}
        </a>
      </p>
    </section>
  )
}
