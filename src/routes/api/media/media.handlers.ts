/** /api/v1/newsrooms/{slug}/media and /api/v1/media/{id}: the media bank. */
import {
  addBankFile,
  addBankLink,
  getBankItem,
  removeBankItem,
  staffMediaBank,
  updateBankItem,
} from '../../../core/media/bank.js'
import type { MediaView } from '../../../core/media/views.js'
import { ValidationError } from '../../../core/errors.js'
import { contentDeps } from '../../../wiring/content.js'
import { createApiRouter } from '../api-app.js'
import type { z } from '@hono/zod-openapi'
import {
  type MediaUploadSchema,
  addMediaRoute,
  deleteMediaRoute,
  getMediaRoute,
  listMediaRoute,
  updateMediaRoute,
} from './media.routes.js'

/** The API shape of media: absolute URLs beside the site-relative paths. */
export function toApiMedia<T extends MediaView>(media: T, publicUrl: string) {
  const absolute = (path: string) => (path.startsWith('/') ? `${publicUrl}${path}` : path)
  return {
    ...media,
    url: absolute(media.path),
    renditions: media.renditions.map((r) => ({ ...r, url: absolute(r.path) })),
  }
}

const LANGS = ['fi', 'sv', 'en'] as const

/** Collects `caption.fi`, `caption.sv`… multipart fields into { fi, sv }. */
export function perLangFields(form: Record<string, unknown>, name: string) {
  const out: Record<string, string> = {}
  for (const lang of LANGS) {
    const value = form[`${name}.${lang}`]
    if (typeof value === 'string' && value.trim()) out[lang] = value
  }
  return out
}

export function createMediaApi() {
  const api = createApiRouter()

  api.openapi(listMediaRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const { items } = await staffMediaBank(deps, c.var.actor, c.req.valid('param').slug)
    return c.json({ items: items.map((item) => toApiMedia(item, deps.publicUrl)) }, 200)
  })

  api.openapi(addMediaRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const slug = c.req.valid('param').slug
    const isJson = (c.req.header('content-type') ?? '').toLowerCase().includes('json')
    let item
    if (isJson) {
      item = await addBankLink(deps, c.var.actor, slug, c.req.valid('json'))
    } else {
      // Validated against the multipart schema (the request is not JSON).
      const form = c.req.valid('form') as Partial<z.infer<typeof MediaUploadSchema>>
      if (!(form.file instanceof File))
        throw new ValidationError(
          'file: Attach the file in the "file" field, or send a video link as JSON {"url": …}',
          { file: 'Attach the file in the "file" field' },
          { file: 'required' },
        )
      item = await addBankFile(deps, c.var.actor, slug, {
        filename: form.file.name,
        bytes: new Uint8Array(await form.file.arrayBuffer()),
        caption: perLangFields(form, 'caption'),
        alt: perLangFields(form, 'alt'),
        credit: form.credit ?? null,
        licence: form.licence ?? null,
      })
    }
    c.header('Location', `/api/v1/media/${item.id}`)
    return c.json(toApiMedia(item, deps.publicUrl), 201)
  })

  api.openapi(getMediaRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const item = await getBankItem(deps, c.var.actor, c.req.valid('param').id)
    return c.json(toApiMedia(item, deps.publicUrl), 200)
  })

  api.openapi(updateMediaRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const item = await updateBankItem(
      deps,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(toApiMedia(item, deps.publicUrl), 200)
  })

  api.openapi(deleteMediaRoute, async (c) => {
    await removeBankItem(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  return api
}
