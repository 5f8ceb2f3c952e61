/**
 * The staff interface's own stylesheet and scripts, served same-origin so the strict
 * Content-Security-Policy (no inline scripts or styles) allows them. Read once per app.
 * `editor.js` is made at build time (scripts/editor-bundle.ts); should it be missing, the
 * editor's page still works with its plain text areas.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import type { AppEnv } from '../../app.js'
import { APP_ROOT, EDITOR_BUNDLE } from '../../paths.js'

const TYPES: Record<string, string> = {
  'admin.css': 'text/css; charset=utf-8',
  'admin.js': 'text/javascript; charset=utf-8',
}

export function createAssetRoutes() {
  const dir = join(APP_ROOT, 'src', 'views', 'admin', 'assets')
  const files = new Map(
    Object.entries(TYPES).map(([name, type]) => [
      name,
      { type, body: readFileSync(join(dir, name), 'utf8') },
    ]),
  )
  if (existsSync(EDITOR_BUNDLE))
    files.set('editor.js', { type: TYPES['admin.js']!, body: readFileSync(EDITOR_BUNDLE, 'utf8') })
  const router = new Hono<AppEnv>()
  router.get('/assets/:name', (c) => {
    const file = files.get(c.req.param('name'))
    if (!file) return c.notFound()
    c.header('Content-Type', file.type)
    // Short: a new deployment's script must reach open admin tabs soon.
    c.header('Cache-Control', 'private, max-age=300')
    return c.body(file.body)
  })
  return router
}
