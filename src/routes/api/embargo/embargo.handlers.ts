/** /api/v1/releases/{id}/embargo: sending under embargo, its status, moving and revoking it. */
import {
  getEmbargo,
  moveEmbargo,
  revokeEmbargo,
  sendUnderEmbargo,
} from '../../../core/embargo/embargo.js'
import { embargoDeps } from '../../../wiring/content.js'
import { createApiRouter } from '../api-app.js'
import {
  getEmbargoRoute,
  moveEmbargoRoute,
  revokeEmbargoRoute,
  sendEmbargoRoute,
} from './embargo.routes.js'

export function createEmbargoApi() {
  const api = createApiRouter()

  api.openapi(sendEmbargoRoute, async (c) => {
    const embargo = await sendUnderEmbargo(
      embargoDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(embargo, 201)
  })

  api.openapi(getEmbargoRoute, async (c) => {
    const embargo = await getEmbargo(embargoDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.json(embargo, 200)
  })

  api.openapi(moveEmbargoRoute, async (c) => {
    const embargo = await moveEmbargo(
      embargoDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(embargo, 200)
  })

  api.openapi(revokeEmbargoRoute, async (c) => {
    const embargo = await revokeEmbargo(
      embargoDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(embargo, 200)
  })

  return api
}
