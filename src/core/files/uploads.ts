/**
 * What uploads are accepted and how they are kept. The type of a file is decided by sniffing its
 * bytes, never by trusting the uploaded name or the client's Content-Type; the store behind
 * `FileStore` (local disk today) is handed in by the wiring.
 */
import { fileTypeFromBuffer } from 'file-type'

/** Largest accepted upload; press images and PDFs fit comfortably. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/** Types readers can open safely. SVG and HTML are refused: they can carry scripts. */
export type FileKind = 'image' | 'video' | 'file'

export const ALLOWED_TYPES: Record<string, { ext: string; kind: FileKind }> = {
  'image/jpeg': { ext: 'jpg', kind: 'image' },
  'image/png': { ext: 'png', kind: 'image' },
  'image/gif': { ext: 'gif', kind: 'image' },
  'image/webp': { ext: 'webp', kind: 'image' },
  'image/avif': { ext: 'avif', kind: 'image' },
  'video/mp4': { ext: 'mp4', kind: 'video' },
  'video/webm': { ext: 'webm', kind: 'video' },
  'application/pdf': { ext: 'pdf', kind: 'file' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: 'docx',
    kind: 'file',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: 'xlsx',
    kind: 'file',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    ext: 'pptx',
    kind: 'file',
  },
  'application/vnd.oasis.opendocument.text': { ext: 'odt', kind: 'file' },
  'application/zip': { ext: 'zip', kind: 'file' },
  'text/plain': { ext: 'txt', kind: 'file' },
  'text/csv': { ext: 'csv', kind: 'file' },
}

export interface SniffedType {
  mime: string
  ext: string
  kind: FileKind
}

/**
 * The real type of the bytes, or undefined when it is not one we accept. Text has no magic
 * number, so valid UTF-8 without control characters counts as text/plain (or text/csv by name).
 */
export async function sniffType(
  bytes: Uint8Array,
  filename: string,
): Promise<SniffedType | undefined> {
  const detected = await fileTypeFromBuffer(bytes)
  if (detected) {
    const allowed = ALLOWED_TYPES[detected.mime]
    return allowed ? { mime: detected.mime, ...allowed } : undefined
  }
  if (!looksLikeText(bytes)) return undefined
  const csv = /\.csv$/i.test(filename)
  return csv
    ? { mime: 'text/csv', ext: 'csv', kind: 'file' }
    : { mime: 'text/plain', ext: 'txt', kind: 'file' }
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  // Markup is not plain text: refuse it rather than serve something a browser might render.
  if (/<\s*(script|html|svg|iframe|body)\b/i.test(text)) return false
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  return !/[\u0000-\u0008\u000e-\u001f]/.test(text)
}

/** A name safe to show and to put in Content-Disposition: no paths, no control characters. */
export function cleanFilename(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- strip control characters
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(0, 120)
  const stem = base.replace(/\.[^.]*$/, '') || 'file'
  return `${stem}.${ext}`
}

export interface FileStore {
  /** Writes the bytes under a new random key and returns the key. */
  save(bytes: Uint8Array, ext: string): Promise<string>
  read(key: string): Promise<Buffer | undefined>
  remove(key: string): Promise<void>
}

/** What the image library makes of an uploaded image (see `src/files/images.ts`). */
export interface ProcessedImage {
  /** Pixel size, upright (EXIF orientation applied). */
  width: number
  height: number
  /** The original without its metadata, when it carried any (location, camera); else keep it. */
  original?: { bytes: Uint8Array; mime: string }
  /** Web sizes, narrowest first. */
  renditions: { bytes: Uint8Array; mime: string; ext: string; width: number; height: number }[]
}

export interface ImageProcessor {
  /** Throws when the bytes are not a decodable image. */
  process(bytes: Uint8Array, mime: string): Promise<ProcessedImage>
}
