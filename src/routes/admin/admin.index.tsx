/**
 * /admin: the staff interface. Sign-in pages and the interface's own assets are public;
 * everything else requires a session, and every state-changing request requires the session's
 * CSRF token. Each area checks its own permissions (roles and newsrooms) on the server.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { MAX_UPLOAD_BYTES } from '../../core/files/uploads.js'
import { adminStrings } from '../../views/i18n/admin/index.js'
import type { AppEnv } from '../../app.js'
import { adminErrorHandler } from './admin-page.js'
import { guestLang, requireCsrf, requireSession } from './admin-session.js'
import type { AdminEnv } from './admin-session.js'
import { createAssetRoutes } from './assets.routes.js'
import { createAuthRoutes } from './auth.routes.js'
import { createDashboardRoutes } from './dashboard.routes.js'
import { createDeliveryRoutes } from './deliveries.routes.js'
import { createNewsroomRoutes } from './newsrooms.routes.js'
import { createContactRoutes } from './contacts.routes.js'
import { createMediaListRoutes } from './media-lists.routes.js'
import { createEmbargoAdminRoutes } from './embargo.routes.js'
import { createMediaRoutes } from './media.routes.js'
import { createKeywordRoutes } from './keywords.routes.js'
import { createOutboxRoutes } from './outbox.routes.js'
import { createAuditRoutes } from './audit.routes.js'
import { createReleaseRoutes } from './releases.routes.js'
import { createSubscriberRoutes } from './subscribers.routes.js'
import { createUserAdminRoutes } from './users.routes.js'
import { createWebhookAdminRoutes } from './webhooks.routes.js'

export function createAdminRoutes() {
  const admin = new Hono<AppEnv>()
  // Before anything reads the body: the largest request is a file upload with its text fields.
  admin.use(
    '/admin/*',
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES + 512 * 1024,
      onError: (c) => c.text(adminStrings[guestLang(c)].fileTooLarge, 413),
    }),
  )
  // Staff pages (and the page that shows a new API token once) are never kept by a browser or
  // a proxy; the interface's assets and private file previews say their own.
  admin.use('/admin/*', async (c, next) => {
    await next()
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
  })
  admin.route('/admin', createAssetRoutes())
  admin.route('/admin', createAuthRoutes())

  const authed = new Hono<AdminEnv>()
  authed.use(requireSession, requireCsrf)
  authed.onError(adminErrorHandler)
  authed.route('/', createUserAdminRoutes())
  authed.route('/', createNewsroomRoutes())
  authed.route('/', createDashboardRoutes())
  authed.route('/', createReleaseRoutes())
  authed.route('/', createDeliveryRoutes())
  authed.route('/', createSubscriberRoutes())
  authed.route('/', createOutboxRoutes())
  authed.route('/', createAuditRoutes())
  authed.route('/', createKeywordRoutes())
  authed.route('/', createContactRoutes())
  authed.route('/', createMediaListRoutes())
  authed.route('/', createEmbargoAdminRoutes())
  authed.route('/', createMediaRoutes())
  authed.route('/', createWebhookAdminRoutes())
  admin.route('/admin', authed)
  return admin
}
