/** Admin: the audit log (administrators only, like users and tokens). */
import { Hono } from 'hono'
import { auditTimeZone, listAudit } from '../../core/audit.js'
import { AuditList } from '../../views/admin/audit-page.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'

const PAGE_SIZE = 50

export function createAuditRoutes() {
  const router = new Hono<AdminEnv>()
  router.get('/audit', async (c) => {
    const filter = {
      subject: c.req.query('subject') || undefined,
      actor: c.req.query('actor') || undefined,
    }
    const before = c.req.query('before')
    // The core admits administrators only (403); a bad filter or cursor (an edited address)
    // raises ValidationError: a 422 page.
    const page = await listAudit(c.var.deps.repos, c.var.session.actor, {
      ...filter,
      before: before === undefined ? undefined : Number(before),
      limit: PAGE_SIZE,
    })
    const older = page.nextCursor
      ? `/admin/audit?${new URLSearchParams({
          ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
          before: String(page.nextCursor),
        }).toString()}`
      : undefined
    const zone = await auditTimeZone(c.var.deps.repos)
    return c.html(
      adminPage(
        c,
        { title: c.var.t.audit, current: '/admin/audit' },
        <AuditList
          t={c.var.t}
          lang={c.var.lang}
          zone={zone}
          items={page.items}
          filter={filter}
          olderHref={older}
        />,
      ),
    )
  })

  return router
}
