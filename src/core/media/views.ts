/**
 * Media as pages, feeds, emails and the API see it: a file (image, video, document) or a video
 * link, with its web renditions. Release attachments, the media bank, logos and contact photos
 * are all rows of the one media register (`attachments`), so they share these shapes.
 */
import type { PerLang } from '../newsroom/newsrooms.js'
import type { ImageRenditionRow, MediaRow } from '../../db/repositories/media.js'

export interface RenditionView {
  width: number
  height: number
  mimeType: string
  size: number
  /** Site-relative path, e.g. /files/<key>/kavely-800.jpg. */
  path: string
}

export interface MediaView {
  id: number
  /** `link`: a video on YouTube or Vimeo, opened there (no third-party script on our pages). */
  kind: 'image' | 'video' | 'file' | 'link'
  filename: string
  mimeType: string
  size: number
  /** Site-relative download path of the original, e.g. /files/<key>/<filename>; a link's URL. */
  path: string
  /** Pixel size of an image, upright; null for other kinds. */
  width: number | null
  height: number | null
  /** Web sizes of an image, narrowest first (empty for other kinds). */
  renditions: RenditionView[]
  caption: PerLang
  alt: PerLang
  credit: string | null
  /** A custom licence note; null: free for media use. */
  licence: string | null
  /** The video's address for kind `link`. */
  externalUrl: string | null
  position: number
  createdAt: string
}

export const attachmentPath = (storageKey: string, filename: string) =>
  `/files/${storageKey}/${encodeURIComponent(filename)}`

/** "Kävelykatu.png" at 800 px → "Kävelykatu-800.jpg". */
export function renditionFilename(filename: string, width: number, mimeType: string): string {
  const stem = filename.replace(/\.[^.]*$/, '') || 'image'
  return `${stem}-${width}.${mimeType === 'image/png' ? 'png' : 'jpg'}`
}

/** A stored per-language JSON text, `{}` where it is missing or broken. */
export const parsePerLang = (json: string): PerLang => {
  try {
    const value = JSON.parse(json) as unknown
    return value && typeof value === 'object' ? (value as PerLang) : {}
  } catch {
    return {}
  }
}

export function mediaView(row: MediaRow, renditions: ImageRenditionRow[]): MediaView {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    mimeType: row.mime_type,
    size: row.size,
    path:
      row.kind === 'link' && row.external_url
        ? row.external_url
        : attachmentPath(row.storage_key, row.filename),
    width: row.width,
    height: row.height,
    renditions: renditions
      .filter((r) => r.attachment_id === row.id)
      .sort((a, b) => a.width - b.width)
      .map((r) => ({
        width: r.width,
        height: r.height,
        mimeType: r.mime_type,
        size: r.size,
        path: attachmentPath(r.storage_key, renditionFilename(row.filename, r.width, r.mime_type)),
      })),
    caption: parsePerLang(row.caption),
    alt: parsePerLang(row.alt_text),
    credit: row.credit,
    licence: row.licence,
    externalUrl: row.external_url,
    position: row.position,
    createdAt: row.created_at,
  }
}

/**
 * The rendition to show at `width` CSS pixels: the narrowest at least that wide, else the widest
 * (an image smaller than asked for). Undefined for media without renditions.
 */
export function renditionFor(media: MediaView, width: number): RenditionView | undefined {
  return media.renditions.find((r) => r.width >= width) ?? media.renditions.at(-1)
}

/** `srcset` of an image's renditions: "/files/…-400.jpg 400w, /files/…-800.jpg 800w". */
export function srcsetOf(media: MediaView, base = ''): string {
  return media.renditions.map((r) => `${base}${r.path} ${r.width}w`).join(', ')
}
