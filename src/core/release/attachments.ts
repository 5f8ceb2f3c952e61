/**
 * Attachments and images of a release. The type is decided from the bytes (file-type), never
 * from the name or the client's claim; images get their web renditions at upload; the files go
 * to disk under random keys before the rows are written, and are removed again if the rows
 * cannot be written, so nothing half-done remains (see `core/media/store.ts`).
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { writeContentChange } from '../content-change.js'
import { MAX_UPLOAD_BYTES } from '../files/uploads.js'
import { discardStored, registerStored, storeUpload } from '../media/store.js'
import { mediaView } from '../media/views.js'
import { ConflictError, NotFoundError, PayloadTooLargeError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import type { PerLang } from '../newsroom/newsrooms.js'
import type { ContentDeps } from './ports.js'
import { Refusals, getReleaseFor } from './releases.js'
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

export type DescriptionInput = Pick<AttachmentInput, 'caption' | 'alt' | 'credit'>

/** Captions and alternative texts per language and the credit, trimmed; refused when too long. */
function checkDescription(input: DescriptionInput) {
  const refusals = new Refusals()
  const caption = perLang('caption', input.caption, refusals)
  const alt = perLang('alt', input.alt, refusals)
  const credit = input.credit?.trim() || null
  if (credit && credit.length > 200)
    refusals.add('credit', 'too_long', 'Write at most 200 characters')
  refusals.throwIfAny()
  return { caption, alt, credit }
}

/**
 * The release, when the actor may change its files (drafts: writers; others: publishers). A
 * withdrawn release takes no new files or descriptions (`adding`); its files can still go.
 */
async function releaseForFiles(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  adding: boolean,
) {
  const release = await getReleaseFor(deps.repos, actor, releaseId, 'release.draft')
  if (release.status !== 'draft') authorize(actor, 'release.publish', release.newsroom_id)
  if (adding && release.status === 'withdrawn')
    throw new ConflictError('The release has been withdrawn')
  return release
}

async function attachmentRow(deps: ContentDeps, releaseId: number, attachmentId: number) {
  const row = await deps.repos.attachments.findOnRelease(releaseId, attachmentId)
  if (!row) throw new NotFoundError(`No attachment ${attachmentId} on release ${releaseId}`)
  return row
}

export async function addAttachment(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  input: AttachmentInput,
): Promise<AttachmentView> {
  const release = await releaseForFiles(deps, actor, releaseId, true)
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new PayloadTooLargeError(
      `The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    )
  }
  // The descriptions are checked before the file is processed: a refusal costs no image work.
  const { caption, alt, credit } = checkDescription(input)
  const stored = await storeUpload(deps, input)
  const at = deps.clock.now()
  try {
    const id = await deps.repos.transaction(async (tx) => {
      const attachmentId = await registerStored(tx, stored, {
        newsroomId: release.newsroom_id,
        releaseId,
        inBank: false,
        caption,
        alt,
        credit,
        licence: null,
        now: at,
      })
      // The first image becomes the lead image; staff can choose another or none.
      if (stored.kind === 'image' && release.lead_image_id === null)
        await tx.releases.updateSettings(releaseId, { leadImageId: attachmentId, now: at })
      if (release.status === 'published') await tx.settings.bumpContentVersion()
      await recordAudit(tx, actor, at, {
        action: 'attachment.add',
        subject: `release:${releaseId}`,
        details: {
          attachment: attachmentId,
          filename: stored.filename,
          type: stored.mimeType,
          size: stored.size,
        },
      })
      return attachmentId
    })
    if (release.status === 'published') await deps.announceContentChange()
    const [media] = await deps.repos.media.renditionsOf([id]).then(async (renditions) => {
      const row = await deps.repos.media.findById(id)
      return [mediaView(row!, renditions)]
    })
    return media!
  } catch (error) {
    await discardStored(deps, stored)
    throw error
  }
}

export async function removeAttachment(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  attachmentId: number,
): Promise<void> {
  const release = await releaseForFiles(deps, actor, releaseId, false)
  const row = await attachmentRow(deps, releaseId, attachmentId)
  const keys = await deps.repos.media.storageKeys([row.id])
  await writeContentChange(
    deps,
    actor,
    {
      action: 'attachment.remove',
      subject: `release:${releaseId}`,
      details: { attachment: row.id, filename: row.filename },
    },
    (tx) => tx.attachments.remove(row.id),
    { visible: release.status === 'published' },
  )
  for (const key of keys) await deps.files.remove(key)
}

/**
 * Replaces an attachment's captions, alternative texts and credit (a language left out loses
 * its text), as staff do after uploading. A published release's pages change with it.
 */
export async function describeAttachment(
  deps: ContentDeps,
  actor: Actor,
  releaseId: number,
  attachmentId: number,
  input: DescriptionInput,
): Promise<void> {
  const release = await releaseForFiles(deps, actor, releaseId, true)
  const row = await attachmentRow(deps, releaseId, attachmentId)
  const { caption, alt, credit } = checkDescription(input)
  await writeContentChange(
    deps,
    actor,
    {
      action: 'attachment.update',
      subject: `release:${releaseId}`,
      details: { attachment: row.id, filename: row.filename },
    },
    (tx) =>
      tx.media.updateDescription(row.id, {
        caption: JSON.stringify(caption),
        altText: JSON.stringify(alt),
        credit,
        licence: row.licence,
      }),
    { visible: release.status === 'published' },
  )
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
  await getReleaseFor(deps.repos, actor, releaseId, 'release.draft')
  const row = await attachmentRow(deps, releaseId, attachmentId)
  const bytes = await deps.files.read(row.storage_key)
  if (!bytes) throw new NotFoundError(`The file of attachment ${attachmentId} is missing`)
  return { bytes, mimeType: row.mime_type, filename: row.filename, kind: row.kind }
}
