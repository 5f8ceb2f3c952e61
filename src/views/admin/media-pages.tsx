/**
 * Staff pages of a newsroom's media bank: everything in it (items added directly and the images
 * of releases, drafts' included), forms to upload a file or add a YouTube/Vimeo link, and a page
 * to change an item's captions, alternative texts, credit and licence.
 */
import type { BankItem } from '../../core/media/bank.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import { Csrf, ErrorSummary, Input, NewsroomSwitcher, PerLanguageInputs } from './components.js'

export interface MediaFormValues {
  caption: Partial<Record<Lang, string>>
  alt: Partial<Record<Lang, string>>
  credit: string
  licence: string
  url: string
}

export const emptyMedia: MediaFormValues = {
  caption: {},
  alt: {},
  credit: '',
  licence: '',
  url: '',
}

interface Base {
  t: AdminStrings
  lang: Lang
  csrf: string
  newsroom: NewsroomView
}

/** Staff see every item through the admin (a draft's images are not public yet). */
export const adminMediaPath = (id: number) => `/admin/media/${id}/file`

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`

function DescriptionFields(
  props: Base & { values: MediaFormValues; errors: Record<string, string>; prefix: string },
) {
  const { t, newsroom, values, errors } = props
  return (
    <>
      <PerLanguageInputs
        t={t}
        prefix={`${props.prefix}caption`}
        languages={newsroom.languages}
        label={(language) => `${t.caption} (${language})`}
        values={values.caption}
        errors={errors}
      />
      <PerLanguageInputs
        t={t}
        prefix={`${props.prefix}alt`}
        languages={newsroom.languages}
        label={(language) => `${t.altText} (${language})`}
        values={values.alt}
        errors={errors}
      />
      <div class="field-row">
        <Input
          id={`${props.prefix}credit`}
          name="credit"
          label={t.credit}
          value={values.credit}
          error={errors[`${props.prefix}credit`]}
        />
        <Input
          id={`${props.prefix}licence`}
          name="licence"
          label={t.mediaLicence}
          hint={t.mediaLicenceHint}
          value={values.licence}
          error={errors[`${props.prefix}licence`]}
        />
      </div>
    </>
  )
}

function Thumbnail(props: { item: BankItem; lang: Lang; languages: Lang[] }) {
  const { item } = props
  const alt = item.alt[props.lang] ?? props.languages.map((l) => item.alt[l]).find(Boolean) ?? ''
  if (item.kind === 'image')
    return <img class="thumb" src={adminMediaPath(item.id)} alt={alt} loading="lazy" />
  return <span class="thumb thumb-kind">{item.kind === 'file' ? 'PDF/DOC' : '▶'}</span>
}

export function MediaAdminPage(
  props: Base & {
    newsrooms: NewsroomView[]
    items: BankItem[]
    canEdit: boolean
    values: MediaFormValues
    errors: Record<string, string>
  },
) {
  const { t, lang, newsroom } = props
  const languages = newsroom.languages
  return (
    <>
      <h1>{t.mediaTitle}</h1>
      <p class="lead">{t.mediaIntro}</p>
      <p>
        <a href={`/${languages[0]}/${newsroom.slug}/media`}>{t.mediaViewPage}</a>
      </p>
      <NewsroomSwitcher
        t={t}
        lang={lang}
        action="/admin/media"
        newsroom={newsroom}
        newsrooms={props.newsrooms}
      />
      <h2 id="media-list">{newsroomName(newsroom, lang)}</h2>
      {props.items.length === 0 ? <p>{t.mediaNone}</p> : null}
      <ul class="media-admin-list" aria-labelledby="media-list">
        {props.items.map((item) => {
          const caption = item.caption[lang] ?? languages.map((l) => item.caption[l]).find(Boolean)
          const release = item.release
            ? (item.release.versions[lang] ??
              languages.map((l) => item.release!.versions[l]).find(Boolean))
            : undefined
          const missingAlt = item.kind === 'image' && languages.some((l) => !item.alt[l])
          return (
            <li>
              <Thumbnail item={item} lang={lang} languages={languages} />
              <div class="details">
                <p>
                  {props.canEdit ? (
                    <a href={`/admin/media/${item.id}`}>{caption ?? item.filename}</a>
                  ) : (
                    (caption ?? item.filename)
                  )}
                </p>
                <p class="meta">
                  {item.kind === 'link'
                    ? item.externalUrl
                    : `${item.filename} · ${sizeText(item.size)}${item.width ? ` · ${item.width} × ${item.height} px` : ''}`}
                  {item.credit ? ` · ${t.credit}: ${item.credit}` : ''}
                </p>
                {release && item.release ? (
                  <p class="meta">
                    {t.mediaFromRelease}:{' '}
                    <a href={`/admin/releases/${item.release.id}`}>{release.title}</a>
                  </p>
                ) : null}
                {missingAlt ? <p class="badge warn">{t.mediaMissingAlt}</p> : null}
              </div>
            </li>
          )
        })}
      </ul>
      {props.canEdit ? (
        <>
          <section aria-labelledby="add-media">
            <h2 id="add-media">{t.mediaAddFile}</h2>
            <ErrorSummary t={t} errors={props.errors} />
            <form
              method="post"
              action={`/admin/media?newsroom=${newsroom.id}`}
              enctype="multipart/form-data"
            >
              <Csrf token={props.csrf} />
              <div class="field">
                <label for="media-file">{t.file}</label>
                <p class="hint" id="media-file-hint">
                  {t.mediaFileHint}
                </p>
                {props.errors['media-file'] ? (
                  <p class="field-error" id="media-file-error">
                    {props.errors['media-file']}
                  </p>
                ) : null}
                <input
                  type="file"
                  id="media-file"
                  name="file"
                  aria-invalid={props.errors['media-file'] ? 'true' : undefined}
                  aria-describedby={`media-file-hint${props.errors['media-file'] ? ' media-file-error' : ''}`}
                />
              </div>
              <DescriptionFields {...props} prefix="" />
              <p class="actions">
                <button type="submit">{t.upload}</button>
              </p>
            </form>
          </section>
          <section aria-labelledby="add-link">
            <h2 id="add-link">{t.mediaAddLink}</h2>
            <form method="post" action={`/admin/media/links?newsroom=${newsroom.id}`}>
              <Csrf token={props.csrf} />
              <Input
                id="link-url"
                name="url"
                type="url"
                label={t.mediaUrl}
                hint={t.mediaUrlHint}
                value={props.values.url}
                error={props.errors['link-url']}
              />
              <DescriptionFields {...props} prefix="link-" />
              <p class="actions">
                <button type="submit">{t.mediaAddLink}</button>
              </p>
            </form>
          </section>
        </>
      ) : null}
    </>
  )
}

export function MediaEditPage(
  props: Base & { item: BankItem; values: MediaFormValues; errors: Record<string, string> },
) {
  const { t, newsroom, item, lang } = props
  return (
    <>
      <p>
        <a href={`/admin/media?newsroom=${newsroom.id}`}>← {t.mediaTitle}</a>
      </p>
      <h1>{t.mediaEditTitle(item.kind === 'link' ? (item.externalUrl ?? '') : item.filename)}</h1>
      <p class="media-preview">
        <Thumbnail item={item} lang={lang} languages={newsroom.languages} />
      </p>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action={`/admin/media/${item.id}`}>
        <Csrf token={props.csrf} />
        <DescriptionFields {...props} prefix="" />
        <p class="actions">
          <button type="submit">{t.save}</button>
        </p>
      </form>
      <section aria-labelledby="remove-heading">
        <h2 id="remove-heading">{t.remove}</h2>
        {item.inBank ? (
          <form method="post" action={`/admin/media/${item.id}/remove`}>
            <Csrf token={props.csrf} />
            <button type="submit" class="danger">
              {t.remove}
            </button>
          </form>
        ) : (
          <p>{t.mediaRemoveHint}</p>
        )}
      </section>
    </>
  )
}
