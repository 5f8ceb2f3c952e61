/**
 * createApp(deps): the Node application — the public side plus the staff pages, the JSON API
 * and the ops endpoints. Shared middleware and error mapping live in app-base.tsx; the edge
 * entry (src/entry/cloudflare.ts) builds the public side alone from the same modules.
 */
import type { BaseEnv } from './app-base.js'
import { createBaseApp } from './app-base.js'
import { mountPublicAreas, publicAppOptions } from './app-public.js'
import type { Container } from './container.js'
import { createAdminRoutes } from './routes/admin/admin.index.js'
import { createApiRoutes } from './routes/api/api.index.js'
import { createOpsRoutes } from './routes/ops/ops.index.js'
import { createEmbargoRoutes } from './routes/embargo/embargo.index.js'
import { keepJsxRendersOffAsyncHooks } from './http/jsx-render-context.js'

export { pageLang } from './app-base.js'

/** What every Node route can reach through `c.var`. */
export type AppDeps = Container

export type AppEnv = BaseEnv<AppDeps>

export function createApp(deps: AppDeps) {
  keepJsxRendersOffAsyncHooks()
  return createBaseApp(deps, {
    ...publicAppOptions(deps),
    mount(app) {
      app.route('/', createOpsRoutes())
      app.route('/', createApiRoutes())
      app.route('/', createAdminRoutes())
      // Personal links of embargoed releases: Node only, never on the edge or in any cache.
      app.route('/', createEmbargoRoutes())
      mountPublicAreas(app)
    },
  })
}
