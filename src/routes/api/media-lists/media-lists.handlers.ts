/** /api/v1/newsrooms/{slug}/media-lists and /api/v1/media-lists/{id}: media lists. */
import {
  addMediaContact,
  createMediaList,
  deleteMediaList,
  getMediaList,
  importMediaListCsv,
  listMediaLists,
  removeMediaContact,
  renameMediaList,
} from '../../../core/media-lists/lists.js'
import { contentDeps } from '../../../wiring/content.js'
import { createApiRouter, csvImportLimit, importRefusal } from '../api-app.js'
import {
  addMediaContactRoute,
  createMediaListRoute,
  deleteMediaListRoute,
  getMediaListRoute,
  importMediaListRoute,
  listMediaListsRoute,
  removeMediaContactRoute,
  renameMediaListRoute,
} from './media-lists.routes.js'

export function createMediaListsApi() {
  const api = createApiRouter()

  api.openapi(listMediaListsRoute, async (c) => {
    const items = await listMediaLists(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').slug,
    )
    return c.json({ items }, 200)
  })

  api.openapi(createMediaListRoute, async (c) => {
    const list = await createMediaList(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').slug,
      c.req.valid('json'),
    )
    return c.json(list, 201)
  })

  api.openapi(getMediaListRoute, async (c) => {
    const list = await getMediaList(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.json(list, 200)
  })

  api.openapi(renameMediaListRoute, async (c) => {
    const list = await renameMediaList(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(list, 200)
  })

  api.openapi(deleteMediaListRoute, async (c) => {
    await deleteMediaList(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  api.openapi(addMediaContactRoute, async (c) => {
    const contact = await addMediaContact(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(contact, 201)
  })

  api.openapi(removeMediaContactRoute, async (c) => {
    const { id, contactId } = c.req.valid('param')
    await removeMediaContact(contentDeps(c.var.deps), c.var.actor, id, contactId)
    return c.body(null, 204)
  })

  api.use('/media-lists/:id/import', csvImportLimit())
  api.openapi(importMediaListRoute, async (c) => {
    const report = await importMediaListCsv(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      await c.req.text(),
    )
    if (report.errors.length > 0) return c.json(importRefusal(report), 422)
    return c.json(report, 200)
  })

  return api
}
