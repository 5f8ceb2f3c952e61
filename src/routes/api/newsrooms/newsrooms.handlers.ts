/** /api/v1/newsrooms: parse, call the newsroom core, shape the answer. */
import { contentDeps } from '../../../wiring/content.js'
import {
  createNewsroom,
  deleteNewsroom,
  getNewsroom,
  listNewsrooms,
  updateNewsroom,
} from '../../../core/newsroom/newsrooms.js'
import type { NewsroomView, PerLang } from '../../../core/newsroom/newsrooms.js'
import { createApiRouter } from '../api-app.js'
import {
  createNewsroomRoute,
  deleteNewsroomRoute,
  getNewsroomRoute,
  listNewsroomsRoute,
  removeLogoRoute,
  setLogoRoute,
  updateNewsroomRoute,
} from './newsrooms.routes.js'
import { removeNewsroomLogo, setNewsroomLogo } from '../../../core/newsroom/logo.js'

export function toApiNewsroom(newsroom: NewsroomView, publicUrl: string) {
  const urls: PerLang = {}
  for (const lang of newsroom.languages) urls[lang] = `${publicUrl}/${lang}/${newsroom.slug}`
  const logo = newsroom.logo && { ...newsroom.logo, url: `${publicUrl}${newsroom.logo.path}` }
  return { ...newsroom, logo, urls }
}

export function createNewsroomsApi() {
  const api = createApiRouter()

  api.openapi(createNewsroomRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const newsroom = await createNewsroom(deps, c.var.actor, c.req.valid('json'))
    return c.json(toApiNewsroom(newsroom, deps.publicUrl), 201)
  })

  api.openapi(listNewsroomsRoute, async (c) => {
    const { publicUrl } = c.var.deps.config
    const items = await listNewsrooms(c.var.deps.repos)
    return c.json({ items: items.map((n) => toApiNewsroom(n, publicUrl)) }, 200)
  })

  api.openapi(getNewsroomRoute, async (c) => {
    const newsroom = await getNewsroom(c.var.deps.repos, c.req.valid('param').slug)
    return c.json(toApiNewsroom(newsroom, c.var.deps.config.publicUrl), 200)
  })

  api.openapi(updateNewsroomRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const newsroom = await updateNewsroom(
      deps,
      c.var.actor,
      c.req.valid('param').slug,
      c.req.valid('json'),
    )
    return c.json(toApiNewsroom(newsroom, deps.publicUrl), 200)
  })

  api.openapi(deleteNewsroomRoute, async (c) => {
    await deleteNewsroom(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').slug)
    return c.body(null, 204)
  })

  api.openapi(setLogoRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const { file } = c.req.valid('form')
    const newsroom = await setNewsroomLogo(deps, c.var.actor, c.req.valid('param').slug, {
      filename: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })
    return c.json(toApiNewsroom(newsroom, deps.publicUrl), 200)
  })

  api.openapi(removeLogoRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const newsroom = await removeNewsroomLogo(deps, c.var.actor, c.req.valid('param').slug)
    return c.json(toApiNewsroom(newsroom, deps.publicUrl), 200)
  })

  return api
}
