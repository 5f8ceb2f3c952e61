/**
 * Attachments and images of a release. The type is decided from the bytes (file-type), never
 * from the name or the client's claim; the file goes to disk under a random key before the row
 * is written, and is removed again if the row cannot be written, so nothing half-done remains.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { bumpContentVersion } from '../../content-version.js'
import { createHash } from 'node:crypto'
import { MAX_UPLOAD_BYTES, cleanFilename, sniffType } from '../files/uploads.js'
import { ConflictError, NotFoundError, PayloadTooLargeError, ValidationError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import type { PerLang } from '../newsroom/newsrooms.js'
import type { ContentDeps } from './ports.js'
import { getReleaseRow } from './releases.js'
import { attachmentPath } from './views.js'
import type { AttachmentView } from './views.js'

export interface AttachmentInput {
  filename: string
  bytes: Uint8Array
  caption?: Record<string, string>
  alt?: Record<string, string>
  credit?: string | null
}

function perLang(
  name: string,
  value: Record<string, string> | undefined,
  fields: Record<string, string>,
) {
  const out: PerLang = {}
  for (const [lang, text] of Object.entries(value ?? {})) {
    if (!isLanguage(lang))
      fields[`${name}.${lang}`] = `Unknown language "${lang}": use fi, sv or en`
    else if (typeof text !== 'string' || text.trim().length > 500)
      fields[`${name}.${lang}`] = 'Write at most 500 characters'
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
  const release = await getReleaseRow(deps.db, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  if (release.status !== 'draft') authorize(actor, 'release.publish', release.newsroom_id)
  if (release.status === 'withdrawn') throw new ConflictError('The release has been withdrawn')
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new PayloadTooLargeError(
      `The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    )
  }
  const fields: Record<string, string> = {}
  if (input.bytes.byteLength === 0) fields.file = 'The file is empty'
  const type = input.bytes.byteLength > 0 ? await sniffType(input.bytes, input.filename) : undefined
  if (input.bytes.byteLength > 0 && !type)
    fields.file =
      'This file type is not accepted: use JPEG, PNG, GIF, WebP or AVIF images, PDF, Office documents or plain text'
  const caption = perLang('caption', input.caption, fields)
  const alt = perLang('alt', input.alt, fields)
  const credit = input.credit?.trim() || null
  if (credit && credit.length > 200) fields.credit = 'Write at most 200 characters'
  if (Object.keys(fields).length > 0) {
    const [path, message] = Object.entries(fields)[0]
    throw new ValidationError(`${path}: ${message}`, fields)
  }
  const sniffed = type!
  const filename = cleanFilename(input.filename || 'file', sniffed.ext)
  const key = await deps.files.save(input.bytes, sniffed.ext)
  const at = deps.clock.now()
  const now = at.toISOString()
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('attachments')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('release_id', '=', releaseId)
        .executeTakeFirst()
      const row = await trx
        .insertInto('attachments')
        .values({
          release_id: releaseId,
          kind: sniffed.kind,
          filename,
          storage_key: key,
          mime_type: sniffed.mime,
          size: input.bytes.byteLength,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
          caption: JSON.stringify(caption),
          alt_text: JSON.stringify(alt),
          credit,
          position: Number(last?.max ?? -1) + 1,
          created_at: now,
        })
        .returning(['id', 'position'])
        .executeTakeFirstOrThrow()
      if (release.status === 'published') await bumpContentVersion(trx)
      await recordAudit(trx, actor, at, {
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
  const release = await getReleaseRow(deps.db, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  if (release.status !== 'draft') authorize(actor, 'release.publish', release.newsroom_id)
  const row = await deps.db
    .selectFrom('attachments')
    .select(['id', 'storage_key', 'filename'])
    .where('id', '=', attachmentId)
    .where('release_id', '=', releaseId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError(`No attachment ${attachmentId} on release ${releaseId}`)
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('attachments').where('id', '=', row.id).execute()
    if (release.status === 'published') await bumpContentVersion(trx)
    await recordAudit(trx, actor, deps.clock.now(), {
      action: 'attachment.remove',
      subject: `release:${releaseId}`,
      details: { attachment: row.id, filename: row.filename },
    })
  })
  if (release.status === 'published') await deps.announceContentChange()
  await deps.files.remove(row.storage_key)
}
