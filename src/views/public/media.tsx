/**
 * Media on public pages: a figure with its caption, credit and licence, and download links for
 * the original and each web size (`<a download>`). Videos play in the page (`preload="none"`, so
 * nothing loads until asked); YouTube and Vimeo videos are plain links to their site, so no
 * third-party script or cookie reaches a reader who does not click.
 */
import type { MediaView } from '../../core/media/views.js'
import { renditionFilename } from '../../core/media/views.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { ResponsiveImage } from './components.js'
import { fileTypeLabel, formatSize } from './format.js'

/** A text in the page language, else in the first language that has one. */
export function pickText(texts: Partial<Record<Lang, string>>, lang: Lang, order: Lang[]) {
  if (texts[lang]) return { text: texts[lang]!, lang }
  for (const other of order) if (texts[other]) return { text: texts[other]!, lang: other }
  return undefined
}

/** Alternative text in the page language; a caption says what is in the picture better than nothing. */
export const altOf = (media: MediaView, lang: Lang, order: Lang[]) =>
  media.alt[lang] ?? media.caption[lang] ?? pickText(media.alt, lang, order)?.text ?? ''

export function MediaDownloads(props: { media: MediaView; lang: Lang }) {
  const { media, lang } = props
  const t = publicStrings[lang]
  if (media.kind === 'link') return null
  const label = (name: string) => `${fileTypeLabel(name)}`
  return (
    <p class="downloads">
      <span class="downloads-label">{t.download}:</span>{' '}
      <a href={media.path} download={media.filename}>
        {t.original} ({label(media.filename)}
        {media.width && media.height ? `, ${t.pixels(media.width, media.height)}` : ''},{' '}
        {formatSize(media.size, lang)})
      </a>
      {[...media.renditions]
        .reverse()
        // The original already is this size: no second link to the same pixels.
        .filter((r) => r.width !== media.width || r.mimeType !== media.mimeType)
        .map((r) => (
          <>
            {' · '}
            <a href={r.path} download={renditionFilename(media.filename, r.width, r.mimeType)}>
              {t.webSize(r.width)} ({label(r.path)}, {formatSize(r.size, lang)})
            </a>
          </>
        ))}
    </p>
  )
}

export function MediaFigure(props: {
  media: MediaView
  lang: Lang
  order: Lang[]
  /** `sizes` of the image: how wide it is shown. */
  sizes: string
  eager?: boolean
  /** Show the licence note (the media bank does; release pages keep it short). */
  licence?: boolean
  class?: string
}) {
  const { media, lang, order } = props
  const t = publicStrings[lang]
  const caption = pickText(media.caption, lang, order)
  const licence = media.licence ?? t.licenceFree
  return (
    <figure class={props.class}>
      {media.kind === 'image' ? (
        <ResponsiveImage
          media={media}
          alt={altOf(media, lang, order)}
          sizes={props.sizes}
          eager={props.eager}
        />
      ) : media.kind === 'video' ? (
        <video controls preload="none" src={media.path}>
          <a href={media.path} download={media.filename}>
            {t.download}
          </a>
        </video>
      ) : media.kind === 'link' ? (
        <p class="video-link">
          <a href={media.externalUrl!}>
            {t.watchOn(media.filename)}
            {caption ? `: ${caption.text}` : ''}
          </a>
        </p>
      ) : null}
      <figcaption>
        {caption && media.kind !== 'link' ? (
          <span lang={caption.lang === lang ? undefined : caption.lang}>{caption.text}</span>
        ) : null}
        {media.credit ? (
          <>
            {caption && media.kind !== 'link' ? ' ' : null}
            <span class="credit">
              ({t.credit}: {media.credit})
            </span>
          </>
        ) : null}
        {props.licence ? (
          <span class="licence">
            {t.licence}: {licence}
          </span>
        ) : null}
        <MediaDownloads media={media} lang={lang} />
      </figcaption>
    </figure>
  )
}
