/** Admin: subscribers (counts, search, CSV export/import) and the suppression list. */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../core/errors.js'
import { DEFAULT_TIMEZONE, listNewsroomsOf } from '../../core/newsroom/newsrooms.js'
import {
  CsvFileError,
  exportSubscribersCsv,
  importSubscribersCsv,
} from '../../core/subscription/csv.js'
import type { ImportReport } from '../../core/subscription/csv.js'
import { subscriptionDeps } from '../../wiring/subscription.js'
import { listSubscribers, subscriberCounts } from '../../core/subscription/staff.js'
import { liftSuppression, listSuppressions } from '../../core/subscription/suppressions.js'
import { SUBSCRIBER_STATUSES } from '../../core/types.js'
import type { SubscriberStatus } from '../../core/types.js'
import { SubscribersPage } from '../../views/admin/subscribers-page.js'
import { adminPage } from './admin-page.js'
import type { Flash } from './admin-page.js'
import { requirePermission } from './admin-session.js'
import type { AdminEnv } from './admin-session.js'
import { file, readForm, text } from './form-body.js'

type C = Context<AdminEnv>

const statusOf = (value: string | undefined) =>
  (SUBSCRIBER_STATUSES as readonly string[]).includes(value ?? '')
    ? (value as SubscriberStatus)
    : undefined

export function createSubscriberRoutes() {
  const router = new Hono<AdminEnv>()
  router.use('/subscribers', requirePermission('subscriber.manage'))
  router.use('/subscribers/*', requirePermission('subscriber.manage'))

  const page = async (
    c: C,
    options: {
      flash?: Flash
      importReport?: ImportReport
      importError?: string
      status?: 200 | 413 | 422
    } = {},
  ) => {
    const { t, lang, session } = c.var
    const deps = subscriptionDeps(c.var.deps)
    const actor = session.actor
    const q = (c.req.query('q') ?? '').slice(0, 200)
    const status = statusOf(c.req.query('status'))
    const cursor = c.req.query('cursor')
    const [counts, list, suppressions, newsrooms] = await Promise.all([
      subscriberCounts(deps, actor),
      listSubscribers(deps, actor, {
        q: q || undefined,
        status,
        limit: 50,
        cursor: cursor && /^\d{1,12}$/.test(cursor) ? cursor : undefined,
      }),
      listSuppressions(deps, actor, { limit: 500 }),
      listNewsroomsOf(c.var.deps.repos, actor),
    ])
    const next = new URLSearchParams()
    if (q) next.set('q', q)
    if (status) next.set('status', status)
    if (list.nextCursor) next.set('cursor', list.nextCursor)
    return c.html(
      adminPage(
        c,
        { title: t.subscribers, current: '/admin/subscribers', flash: options.flash },
        <SubscribersPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          zone={newsrooms[0]?.timezone ?? DEFAULT_TIMEZONE}
          counts={counts}
          q={q}
          status={status}
          results={list.items}
          nextHref={list.nextCursor ? `/admin/subscribers?${next}` : undefined}
          suppressions={suppressions}
          newsrooms={newsrooms}
          importReport={options.importReport}
          importError={options.importError}
        />,
      ),
      options.status ?? 200,
    )
  }

  router.get('/subscribers', (c) => page(c))

  router.get('/subscribers/export.csv', async (c) => {
    const csv = await exportSubscribersCsv(subscriptionDeps(c.var.deps), c.var.session.actor, {
      status: statusOf(c.req.query('status')),
      newsroom: c.req.query('newsroom'),
    })
    const day = c.var.deps.clock.now().toISOString().slice(0, 10)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="subscribers-${day}.csv"`)
    c.header('Cache-Control', 'no-store')
    c.var.log.info({ actor: c.var.session.actor.label }, 'subscribers exported')
    return c.body(csv)
  })

  router.post('/subscribers/import', async (c) => {
    const { t } = c.var
    const body = await readForm(c)
    const upload = file(body, 'file')
    if (!upload) return page(c, { importError: t.fileRequired, status: 422 })
    try {
      const report = await importSubscribersCsv(
        subscriptionDeps(c.var.deps),
        c.var.session.actor,
        new Uint8Array(await upload.arrayBuffer()),
        {
          dryRun: text(body, 'dry_run') === '1',
          defaultNewsroom: text(body, 'newsroom') || undefined,
        },
      )
      return page(c, { importReport: report, status: report.errors.length ? 422 : 200 })
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return page(c, { importError: t.fileTooLarge, status: 413 })
      if (error instanceof CsvFileError) {
        const text =
          error.reason === 'unreadable'
            ? t.csvUnreadable(error.detail.line)
            : error.reason === 'no-email-column'
              ? t.csvNoEmailColumn
              : t.csvUnknownColumns((error.detail.columns ?? []).join(', '))
        return page(c, { importError: text, status: 422 })
      }
      if (error instanceof ValidationError)
        return page(c, { importError: t.fileReadError, status: 422 })
      throw error
    }
  })

  router.post('/subscribers/suppressions/lift', async (c) => {
    const { t } = c.var
    const email = text(await readForm(c), 'email').trim()
    try {
      // Someone outside the staff member's newsrooms is answered as someone not suppressed.
      const lifted = await liftSuppression(
        subscriptionDeps(c.var.deps),
        c.var.session.actor,
        email,
      ).catch((error: unknown) => {
        if (error instanceof NotFoundError) return false
        throw error
      })
      return page(c, {
        flash: lifted
          ? { kind: 'ok', text: t.lifted(email) }
          : { kind: 'error', text: t.notSuppressed(email) },
      })
    } catch (error) {
      if (error instanceof ValidationError)
        return page(c, { flash: { kind: 'error', text: t.emailInvalid }, status: 422 })
      throw error
    }
  })

  return router
}
