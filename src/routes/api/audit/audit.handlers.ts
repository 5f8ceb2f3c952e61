/** /api/v1/audit: thin, logic in core/audit. */
import { listAudit } from '../../../core/audit.js'
import { createApiRouter } from '../api-app.js'
import { auditRoute } from './audit.routes.js'

export function createAuditApi() {
  const api = createApiRouter()
  api.openapi(auditRoute, async (c) =>
    c.json(await listAudit(c.var.deps.repos, c.var.actor, c.req.valid('query')), 200),
  )
  return api
}
