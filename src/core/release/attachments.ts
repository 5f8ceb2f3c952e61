/**
 * Attachments and images of a release. The type is decided from the bytes (file-type), never
 * from the name or the client's claim; the file goes to disk under a random key before the row
 * is written, and is removed again if the row cannot be written, so nothing half-done remains.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { createHash } from 'node:crypto'
import { MAX_UPLOAD_BYTES, cleanFilename, sniffType } from '../files/uploads.js'
import { ConflictError, NotFoundError, PayloadTooLargeError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import type { PerLang } from '../newsroom/newsrooms.js'
import type { ContentDeps } from './ports.js'
import { Refusals, getReleaseRow } from './releases.js'
import { attachmentPath } from './views.js'
import type { AttachmentView } from './views.js'

export interface AttachmentInput {
  filename: string
  bytes: Uint8Array
  caption?: Record<string, string>
  alt?: Record<string, string>
  credit?: string | null
}

function perLang(name: string, value: Record<string, string> | undefined, refusals: Refusals) {
  const out: PerLang = {}
  for (const [lang, text] of Object.entries(value ?? {})) {
    const path = `${name}.${lang}`
    if (!isLanguage(lang))
      refusals.add(path, 'unknown', `Unknown language "${lang}": use fi, sv or en`)
    else if (typeof text !== 'string') refusals.add(path, 'invalid', 'Write at most 500 characters')
    else if (text.trim().length > 500)
      refusals.add(path, 'too_long', 'Write at most 500 characters')
    else if (text.trim()) out[lang] = text.trim()
  }
  return out
}

export async function addAttachment(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  input: AttachmentInput,
): Promise<AttachmentView> {
  const release = await getReleaseRow(deps.repos, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  if (release.status !== 'draft') authorize(actor, 'release.publish', release.newsroom_id)
  if (release.status === 'withdrawn') throw new ConflictError('The release has been withdrawn')
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new PayloadTooLargeError(
      `The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    )
  }
  const refusals = new Refusals()
  if (input.bytes.byteLength === 0) refusals.add('file', 'required', 'The file is empty')
  const type = input.bytes.byteLength > 0 ? await sniffType(input.bytes, input.filename) : undefined
  if (input.bytes.byteLength > 0 && !type)
    refusals.add(
      'file',
      'invalid',
      'This file type is not accepted: use JPEG, PNG, GIF, WebP or AVIF images, PDF, Office documents or plain text',
    )
  const caption = perLang('caption', input.caption, refusals)
  const alt = perLang('alt', input.alt, refusals)
  const credit = input.credit?.trim() || null
  if (credit && credit.length > 200)
    refusals.add('credit', 'too_long', 'Write at most 200 characters')
  refusals.throwIfAny()
  const sniffed = type!
  const filename = cleanFilename(input.filename || 'file', sniffed.ext)
  const key = await deps.files.save(input.bytes, sniffed.ext)
  const at = deps.clock.now()
  try {
    const id = await deps.repos.transaction(async (tx) => {
      const row = await tx.attachments.append({
        releaseId,
        kind: sniffed.kind,
        filename,
        storageKey: key,
        mimeType: sniffed.mime,
        size: input.bytes.byteLength,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        caption: JSON.stringify(caption),
        altText: JSON.stringify(alt),
        credit,
        now: at,
      })
      if (release.status === 'published') await tx.settings.bumpContentVersion()
      await recordAudit(tx, actor, at, {
        action: 'attachment.add',
        subject: `release:${releaseId}`,
        details: { attachment: row.id, filename, type: sniffed.mime, size: input.bytes.byteLength },
      })
      return row
    })
    if (release.status === 'published') await deps.announceContentChange()
    return {
      id: id.id,
      kind: sniffed.kind,
      filename,
      mimeType: sniffed.mime,
      size: input.bytes.byteLength,
      path: attachmentPath(key, filename),
      caption,
      alt,
      credit,
      position: id.position,
    }
  } catch (error) {
    await deps.files.remove(key)
    throw error
  }
}

export async function removeAttachment(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  attachmentId: number,
): Promise<void> {
  const release = await getReleaseRow(deps.repos, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  if (release.status !== 'draft') authorize(actor, 'release.publish', release.newsroom_id)
  const row = await deps.repos.attachments.findOnRelease(releaseId, attachmentId)
  if (!row) throw new NotFoundError(`No attachment ${attachmentId} on release ${releaseId}`)
  await deps.repos.transaction(async (tx) => {
    await tx.attachments.remove(row.id)
    if (release.status === 'published') await tx.settings.bumpContentVersion()
    await recordAudit(tx, actor, deps.clock.now(), {
      action: 'attachment.remove',
      subject: `release:${releaseId}`,
      details: { attachment: row.id, filename: row.filename },
    })
  })
  if (release.status === 'published') await deps.announceContentChange()
  await deps.files.remove(row.storage_key)
}

/**
 * A file of a release for staff, drafts included (the public route serves published ones).
 * The bytes are undefined when the file store has lost them.
 */
export async function readAttachmentFile(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  attachmentId: number,
): Promise<{
  bytes: Uint8Array
  mimeType: string
  filename: string
  kind: AttachmentView['kind']
}> {
  const release = await getReleaseRow(deps.repos, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  const row = await deps.repos.attachments.findOnRelease(releaseId, attachmentId)
  if (!row) throw new NotFoundError(`No attachment ${attachmentId} on release ${releaseId}`)
  const bytes = await deps.files.read(row.storage_key)
  if (!bytes) throw new NotFoundError(`The file of attachment ${attachmentId} is missing`)
  return { bytes, mimeType: row.mime_type, filename: row.filename, kind: row.kind }
}
