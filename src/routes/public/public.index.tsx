/**
 * Public pages: `/` → `/{lang}/`, the front page, newsroom pages, release pages and the files
 * they link. Mounted last, because `/{lang}/{newsroom}/{slug}` would otherwise catch the paths
 * of other areas.
 */
import { Hono } from 'hono'
import type { PublicEnv } from '../../app-base.js'
import { createFileRoutes } from './files.js'
import { createPageRoutes } from './pages.js'

export function createPublicRoutes() {
  const app = new Hono<PublicEnv>()
  app.route('/', createFileRoutes())
  app.route('/', createPageRoutes())
  return app
}
