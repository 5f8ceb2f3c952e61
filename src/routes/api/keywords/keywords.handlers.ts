/** /api/v1/newsrooms/{slug}/keywords: parse, call the keyword core, answer. */
import {
  createKeywordTerm,
  deleteKeywordTerm,
  listKeywordTerms,
  mergeKeywordTerms,
  updateKeywordTerm,
} from '../../../core/keywords/terms.js'
import { contentDeps } from '../../../wiring/content.js'
import { createApiRouter } from '../api-app.js'
import {
  createKeywordRoute,
  deleteKeywordRoute,
  listKeywordsRoute,
  mergeKeywordRoute,
  updateKeywordRoute,
} from './keywords.routes.js'

export function createKeywordsApi() {
  const api = createApiRouter()

  api.openapi(listKeywordsRoute, async (c) => {
    const items = await listKeywordTerms(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').slug,
    )
    return c.json({ items }, 200)
  })

  api.openapi(createKeywordRoute, async (c) => {
    const term = await createKeywordTerm(
      contentDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').slug,
      c.req.valid('json'),
    )
    return c.json(term, 201)
  })

  api.openapi(updateKeywordRoute, async (c) => {
    const { slug, keyword } = c.req.valid('param')
    const term = await updateKeywordTerm(
      contentDeps(c.var.deps),
      c.var.actor,
      slug,
      keyword,
      c.req.valid('json'),
    )
    return c.json(term, 200)
  })

  api.openapi(deleteKeywordRoute, async (c) => {
    const { slug, keyword } = c.req.valid('param')
    await deleteKeywordTerm(contentDeps(c.var.deps), c.var.actor, slug, keyword)
    return c.body(null, 204)
  })

  api.openapi(mergeKeywordRoute, async (c) => {
    const { slug, keyword } = c.req.valid('param')
    const term = await mergeKeywordTerms(
      contentDeps(c.var.deps),
      c.var.actor,
      slug,
      keyword,
      c.req.valid('json').into,
    )
    return c.json(term, 200)
  })

  return api
}
