/**
 * A newsroom's logo: one raster image (PNG, JPEG, WebP, GIF or AVIF — never SVG, which can carry
 * scripts), shown in the header of the newsroom's pages and as the image of its feeds. Stored
 * like a release attachment that belongs to no release; the file goes to disk before the row
 * is written and is removed again if the row cannot be written. A replaced logo's file is
 * removed after the change has committed.
 */
import { createHash } from 'node:crypto'
import type { Actor } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { cleanFilename, sniffType } from '../files/uploads.js'
import { PayloadTooLargeError, ValidationError } from '../errors.js'
import type { ContentDeps } from '../release/ports.js'
import { getNewsroom, getNewsroomFor } from './newsrooms.js'
import type { NewsroomView } from './newsrooms.js'

/** A logo is shown small; a larger file is almost certainly the wrong one. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024

export async function setNewsroomLogo(
  deps: ContentDeps,
  actor: Actor,
  slugOrId: string | number,
  input: { filename: string; bytes: Uint8Array },
): Promise<NewsroomView> {
  const newsroom = await getNewsroomFor(deps.repos, actor, slugOrId, 'newsroom.manage')
  if (input.bytes.byteLength > MAX_LOGO_BYTES)
    throw new PayloadTooLargeError(
      `The logo is too large: at most ${MAX_LOGO_BYTES / 1024 / 1024} MB`,
    )
  const type = input.bytes.byteLength > 0 ? await sniffType(input.bytes, input.filename) : undefined
  if (!type || type.kind !== 'image') {
    const empty = input.bytes.byteLength === 0
    const message = empty
      ? 'The file is empty'
      : 'Use a PNG, JPEG, WebP, GIF or AVIF image (SVG is not accepted)'
    throw new ValidationError(
      `logo: ${message}`,
      { logo: message },
      { logo: empty ? 'required' : 'invalid' },
    )
  }
  const filename = cleanFilename(input.filename || 'logo', type.ext)
  const key = await deps.files.save(input.bytes, type.ext)
  const now = deps.clock.now()
  let previousKey: string | undefined
  try {
    previousKey = await deps.repos.transaction(async (tx) => {
      const logoId = await tx.newsrooms.insertLogo(
        {
          filename,
          storageKey: key,
          mimeType: type.mime,
          size: input.bytes.byteLength,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
        },
        now,
      )
      const previous = await tx.newsrooms.dropLogo(newsroom.id)
      await tx.newsrooms.setLogo(newsroom.id, logoId, now)
      await tx.settings.bumpContentVersion()
      await recordAudit(tx, actor, now, {
        action: 'newsroom.logo',
        subject: `newsroom:${newsroom.id}`,
        details: { filename, type: type.mime, size: input.bytes.byteLength },
      })
      return previous
    })
  } catch (error) {
    await deps.files.remove(key)
    throw error
  }
  await deps.announceContentChange()
  if (previousKey) await deps.files.remove(previousKey)
  return getNewsroom(deps.repos, newsroom.id)
}

export async function removeNewsroomLogo(
  deps: ContentDeps,
  actor: Actor,
  slugOrId: string | number,
): Promise<NewsroomView> {
  const newsroom = await getNewsroomFor(deps.repos, actor, slugOrId, 'newsroom.manage')
  const now = deps.clock.now()
  const previousKey = await deps.repos.transaction(async (tx) => {
    const previous = await tx.newsrooms.dropLogo(newsroom.id)
    if (!previous) return undefined
    await tx.newsrooms.setLogo(newsroom.id, null, now)
    await tx.settings.bumpContentVersion()
    await recordAudit(tx, actor, now, {
      action: 'newsroom.logo-remove',
      subject: `newsroom:${newsroom.id}`,
    })
    return previous
  })
  if (previousKey) {
    await deps.announceContentChange()
    await deps.files.remove(previousKey)
  }
  return getNewsroom(deps.repos, newsroom.id)
}
