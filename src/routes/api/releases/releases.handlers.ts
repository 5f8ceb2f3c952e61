/** /api/v1/releases: parse, call the publishing core, shape the answer. Thin by design. */
import { addAttachment, removeAttachment } from '../../../core/release/attachments.js'
import { contentDeps } from '../../../wiring/content.js'
import {
  addCorrection,
  publishRelease,
  unscheduleRelease,
  withdrawRelease,
} from '../../../core/release/publishing.js'
import type { PublishResult } from '../../../core/release/publishing.js'
import {
  createRelease,
  deleteRelease,
  getRelease,
  listReleases,
  updateRelease,
} from '../../../core/release/releases.js'
import type { ReleaseView } from '../../../core/release/views.js'
import { perLangFields, toApiMedia } from '../media/media.handlers.js'
import { createApiRouter } from '../api-app.js'
import {
  addAttachmentRoute,
  addCorrectionRoute,
  createReleaseRoute,
  deleteReleaseRoute,
  getReleaseRoute,
  listReleasesRoute,
  publishReleaseRoute,
  removeAttachmentRoute,
  unscheduleReleaseRoute,
  updateReleaseRoute,
  withdrawReleaseRoute,
} from './releases.routes.js'

import { releaseIcsPath } from '../../../feeds/urls.js'

const withUrl = <T extends { path: string }>(item: T, publicUrl: string) => ({
  ...item,
  url: `${publicUrl}${item.path}`,
})

/** The API shape of a release: the core view plus absolute URLs for pages and files. */
export function toApiRelease(release: ReleaseView, publicUrl: string) {
  const versions: Record<string, ReturnType<typeof withUrl>> = {}
  for (const [lang, version] of Object.entries(release.versions))
    if (version) versions[lang] = withUrl(version, publicUrl)
  return {
    ...release,
    versions: versions as {
      [L in keyof ReleaseView['versions']]: ReleaseView['versions'][L] & { url: string }
    },
    attachments: release.attachments.map((a) => toApiMedia(a, publicUrl)),
    leadImage: release.leadImage ? toApiMedia(release.leadImage, publicUrl) : null,
    event: release.event
      ? { ...release.event, ics: `${publicUrl}${releaseIcsPath(release)}` }
      : null,
  }
}

const toApiPublishResult = (result: PublishResult) => ({
  ...result,
  // The core uses '' for "no time"; the contract says null.
  publishAt: result.publishAt || null,
})

export function createReleasesApi() {
  const api = createApiRouter()

  api.openapi(createReleaseRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const release = await createRelease(deps, c.var.actor, c.req.valid('json'))
    c.header('Location', `/api/v1/releases/${release.id}`)
    return c.json(toApiRelease(release, deps.publicUrl), 201)
  })

  api.openapi(listReleasesRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const page = await listReleases(deps, c.var.actor, c.req.valid('query'))
    return c.json(
      {
        items: page.items.map((r) => toApiRelease(r, deps.publicUrl)),
        nextCursor: page.nextCursor,
      },
      200,
    )
  })

  api.openapi(getReleaseRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const release = await getRelease(deps, c.var.actor, c.req.valid('param').id)
    return c.json(toApiRelease(release, deps.publicUrl), 200)
  })

  api.openapi(updateReleaseRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const release = await updateRelease(
      deps,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(toApiRelease(release, deps.publicUrl), 200)
  })

  api.openapi(deleteReleaseRoute, async (c) => {
    await deleteRelease(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  api.openapi(publishReleaseRoute, async (c) => {
    const { at } = c.req.valid('json')
    const result = await publishRelease(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      { at: at ? new Date(at) : undefined },
    )
    return c.json(toApiPublishResult(result), 200)
  })

  api.openapi(unscheduleReleaseRoute, async (c) => {
    const result = await unscheduleRelease(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
    )
    return c.json(toApiPublishResult(result), 200)
  })

  api.openapi(withdrawReleaseRoute, async (c) => {
    const result = await withdrawRelease(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(result, 200)
  })

  api.openapi(addCorrectionRoute, async (c) => {
    const correction = await addCorrection(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(correction, 201)
  })

  api.openapi(addAttachmentRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const form = c.req.valid('form')
    const file = form.file
    const attachment = await addAttachment(deps, c.var.actor, c.req.valid('param').id, {
      filename: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      caption: perLangFields(form, 'caption'),
      alt: perLangFields(form, 'alt'),
      credit: form.credit ?? null,
    })
    return c.json(toApiMedia(attachment, deps.publicUrl), 201)
  })

  api.openapi(removeAttachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param')
    await removeAttachment(contentDeps(c.var.deps), c.var.actor, id, attachmentId)
    return c.body(null, 204)
  })

  return api
}
