/**
 * Storing an uploaded file: its type decided from the bytes, an image made into web renditions
 * once (and stripped of its metadata), every file written to the store under a random key before
 * any row names it. The caller writes the rows in its transaction and calls `discard` if that
 * fails, so nothing half-done remains either way.
 */
import { createHash } from 'node:crypto'
import type { FileKind, FileStore, ImageProcessor } from '../files/uploads.js'
import { MAX_UPLOAD_BYTES, cleanFilename, sniffType } from '../files/uploads.js'
import { PayloadTooLargeError, ValidationError } from '../errors.js'
import type { FieldCode } from '../errors.js'
import type { ImageRenditionRow, StoredFileColumns } from '../../db/repositories/media.js'
import type { Repositories } from '../../db/repositories/index.js'

export interface StoredFile extends StoredFileColumns {
  kind: FileKind
  renditions: Omit<ImageRenditionRow, 'attachment_id'>[]
}

export interface StoreDeps {
  files: FileStore
  images: ImageProcessor
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const ACCEPTED: Record<string, string> = {
  image: 'JPEG, PNG, GIF, WebP or AVIF images',
  video: 'MP4 or WebM videos',
  file: 'PDF, Office documents or plain text',
}

/**
 * Checks and stores an upload. `field` names the input in errors; `accept` the kinds wanted.
 * Throws 413 for a file over `maxBytes`, 422 for an empty, unknown or undecodable one.
 */
export async function storeUpload(
  deps: StoreDeps,
  input: { filename: string; bytes: Uint8Array },
  options: { field?: string; accept?: FileKind[]; maxBytes?: number } = {},
): Promise<StoredFile> {
  const field = options.field ?? 'file'
  const accept = options.accept ?? ['image', 'video', 'file']
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES
  const refuse = (code: FieldCode, message: string): never => {
    throw new ValidationError(`${field}: ${message}`, { [field]: message }, { [field]: code })
  }
  if (input.bytes.byteLength > maxBytes)
    throw new PayloadTooLargeError(`The file is too large: at most ${maxBytes / 1024 / 1024} MB`)
  if (input.bytes.byteLength === 0) refuse('required', 'The file is empty')
  const type = await sniffType(input.bytes, input.filename)
  if (!type || !accept.includes(type.kind))
    refuse(
      'invalid',
      `This file type is not accepted: use ${accept.map((k) => ACCEPTED[k]).join(', ')}`,
    )
  const sniffed = type!
  const filename = cleanFilename(input.filename || 'file', sniffed.ext)

  let bytes = input.bytes
  let mimeType = sniffed.mime
  let width: number | null = null
  let height: number | null = null
  let processed: Awaited<ReturnType<ImageProcessor['process']>> | undefined
  if (sniffed.kind === 'image') {
    try {
      processed = await deps.images.process(input.bytes, sniffed.mime)
    } catch {
      refuse('invalid', 'The image could not be read: it may be damaged or cut short')
    }
    width = processed!.width
    height = processed!.height
    if (processed!.original) {
      bytes = processed!.original.bytes
      mimeType = processed!.original.mime
    }
  }

  const written: string[] = []
  try {
    const storageKey = await deps.files.save(bytes, sniffed.ext)
    written.push(storageKey)
    const renditions = await saveRenditions(deps.files, processed, written)
    return {
      kind: sniffed.kind,
      filename,
      storageKey,
      mimeType,
      size: bytes.byteLength,
      sha256: sha256(bytes),
      width,
      height,
      renditions,
    }
  } catch (error) {
    for (const key of written) await deps.files.remove(key)
    throw error
  }
}

/** Where a stored file belongs and how it is described, as the register keeps it. */
export interface StoredFilePlace {
  newsroomId: number
  releaseId: number | null
  inBank: boolean
  caption: Record<string, string>
  alt: Record<string, string>
  credit: string | null
  licence: string | null
  now: Date
}

/**
 * Writes the register's row for a stored file and its renditions; call it inside the
 * transaction of the change, and `discardStored` if that fails. Returns the new row's id.
 */
export async function registerStored(
  tx: Pick<Repositories, 'media'>,
  stored: StoredFile,
  place: StoredFilePlace,
): Promise<number> {
  const { caption, alt, ...where } = place
  const row = await tx.media.insert({
    ...where,
    kind: stored.kind,
    filename: stored.filename,
    storageKey: stored.storageKey,
    mimeType: stored.mimeType,
    size: stored.size,
    sha256: stored.sha256,
    width: stored.width,
    height: stored.height,
    caption: JSON.stringify(caption),
    altText: JSON.stringify(alt),
    externalUrl: null,
  })
  await tx.media.insertRenditions(row.id, stored.renditions)
  return row.id
}

/** Removes the files of an upload whose rows could not be written. */
export async function discardStored(deps: Pick<StoreDeps, 'files'>, stored: StoredFile) {
  await deps.files.remove(stored.storageKey)
  for (const r of stored.renditions) await deps.files.remove(r.storage_key)
}

/**
 * Writes an image's web sizes to the store and returns their rows to be; each key is also added
 * to `keys` as soon as it is written, so a caller can remove them if anything later fails.
 */
async function saveRenditions(
  files: FileStore,
  processed: Awaited<ReturnType<ImageProcessor['process']>> | undefined,
  keys: string[] = [],
): Promise<StoredFile['renditions']> {
  const rows: StoredFile['renditions'] = []
  for (const r of processed?.renditions ?? []) {
    const key = await files.save(r.bytes, r.ext)
    keys.push(key)
    rows.push({
      storage_key: key,
      width: r.width,
      height: r.height,
      mime_type: r.mime,
      size: r.bytes.byteLength,
      sha256: sha256(r.bytes),
    })
  }
  return rows
}

/**
 * Web sizes for images stored before renditions existed (or whose processing was interrupted),
 * a few at a time. Their original files are kept as they are (their addresses are public); only
 * the renditions and the pixel size are added. Returns how many images were done.
 */
export async function makeMissingRenditions(
  deps: StoreDeps & { repos: Repositories; announceContentChange(): Promise<void> },
  options: { batch?: number } = {},
): Promise<number> {
  let done = 0
  for (;;) {
    const rows = await deps.repos.media.imagesWithoutRenditions(options.batch ?? 20)
    if (rows.length === 0) break
    for (const row of rows) {
      const bytes = await deps.files.read(row.storage_key)
      let processed: Awaited<ReturnType<ImageProcessor['process']>> | undefined
      try {
        processed = bytes ? await deps.images.process(bytes, row.mime_type) : undefined
      } catch {
        processed = undefined
      }
      const written = await saveRenditions(deps.files, processed)
      let mine = false
      try {
        mine = await deps.repos.transaction(async (tx) => {
          // A file the store lost or libvips cannot read is marked 0 × 0 so it is not retried.
          const first = await tx.media.setImageSize(
            row.id,
            processed?.width ?? 0,
            processed?.height ?? 0,
          )
          // Another web process starting at the same moment did this image first.
          if (!first) return false
          await tx.media.insertRenditions(row.id, written)
          await tx.settings.bumpContentVersion()
          return true
        })
      } finally {
        if (!mine) for (const r of written) await deps.files.remove(r.storage_key)
      }
      if (mine) done++
    }
    await deps.announceContentChange()
  }
  return done
}
