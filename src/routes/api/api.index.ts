/**
 * /api/v1: the JSON API. Each resource lives in its own folder (x.routes.ts with the OpenAPI
 * contract, x.handlers.ts, x.test.ts) and is mounted here. The OpenAPI 3.1 document is
 * generated from the same zod schemas that validate requests.
 */
import type { AppEnv } from '../../app.js'
import { jsonBodyGuard } from '../../http/json-body.js'
import { createApiRouter, plainQuery, requireApiToken } from './api-app.js'
import { createAuditApi } from './audit/audit.handlers.js'
import { createDeliveriesApi } from './deliveries/deliveries.handlers.js'
import { createApiDocsPage } from './docs/api-docs.js'
import { createNewsroomsApi } from './newsrooms/newsrooms.handlers.js'
import { createReleasesApi } from './releases/releases.handlers.js'
import { createSubscribersApi } from './subscribers/subscribers.handlers.js'
import { Hono } from 'hono'
import { createContactsApi } from './contacts/contacts.handlers.js'
import { createKeywordsApi } from './keywords/keywords.handlers.js'
import { createMediaApi } from './media/media.handlers.js'
import { createUsersApi } from './users/users.handlers.js'
import { createWebhooksApi } from './webhooks/webhooks.handlers.js'
import { createMediaListsApi } from './media-lists/media-lists.handlers.js'
import { createEmbargoApi } from './embargo/embargo.handlers.js'

export function createApiRoutes() {
  const api = createApiRouter()

  api.use('*', async (c, next) => {
    if (c.req.path.endsWith('/openapi.json')) return next()
    return requireApiToken(c, next)
  })
  // JSON bodies: size limit and no NUL / unpaired surrogates (see src/http/json-body.ts).
  api.use('*', jsonBodyGuard())
  api.use('*', plainQuery)

  // Resource routers are mounted here, e.g. api.route('/', createReleasesApi())
  api.route('/', createNewsroomsApi())
  api.route('/', createReleasesApi())
  api.route('/', createSubscribersApi())
  api.route('/', createDeliveriesApi())
  api.route('/', createAuditApi())
  api.route('/', createKeywordsApi())
  api.route('/', createContactsApi())
  api.route('/', createMediaApi())
  api.route('/', createUsersApi())
  api.route('/', createWebhooksApi())
  api.route('/', createMediaListsApi())
  api.route('/', createEmbargoApi())

  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Tiedote API',
      version: '1.0.0',
      description: 'Newsrooms, releases, publishing, subscribers, deliveries and the audit log.',
    },
    servers: [{ url: `${c.var.deps.config.publicUrl}/api/v1` }],
  }))
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  })

  const root = new Hono<AppEnv>()
  root.route('/api/v1', api)
  root.route('/', createApiDocsPage(api))
  return root
}
