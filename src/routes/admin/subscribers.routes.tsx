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
import {
  createSubscriber,
  listSubscribers,
  subscriberCounts,
  subscriberRecord,
} from '../../core/subscription/staff.js'
import { ConflictError } from '../../core/errors.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import {
  NewSubscriberPage,
  SubscriberPage,
  emptySubscriberValues,
} from '../../views/admin/subscriber-pages.js'
import type { NewSubscriberValues } from '../../views/admin/subscriber-pages.js'
import { liftSuppression, listSuppressions } from '../../core/subscription/suppressions.js'
import { SUBSCRIBER_STATUSES } from '../../core/types.js'
import type { SubscriberStatus } from '../../core/types.js'
import { SubscribersPage } from '../../views/admin/subscribers-page.js'
import { adminPage } from './admin-page.js'
import type { Flash } from './admin-page.js'
import { requirePermission } from './admin-session.js'
import type { AdminEnv } from './admin-session.js'
import { file, idParam, readForm, text, texts } from './form-body.js'

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

  const newSubscriberPage = async (
    c: C,
    values?: NewSubscriberValues,
    errors: Record<string, string> = {},
    existingHref?: string,
  ) => {
    const { t, lang, session } = c.var
    const newsrooms = await listNewsroomsOf(c.var.deps.repos, session.actor)
    const invalid = Object.keys(errors).length > 0
    return c.html(
      adminPage(
        c,
        { title: t.subscriberAddTitle, current: '/admin/subscribers' },
        <NewSubscriberPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsrooms={newsrooms}
          values={values ?? emptySubscriberValues(newsrooms)}
          errors={errors}
          existingHref={existingHref}
        />,
      ),
      invalid ? 422 : 200,
    )
  }

  router.get('/subscribers/new', (c) => newSubscriberPage(c))

  router.post('/subscribers/new', async (c) => {
    const { t, session } = c.var
    const body = await readForm(c)
    const values: NewSubscriberValues = {
      email: text(body, 'email').trim(),
      languages: texts(body, 'languages'),
      newsrooms: texts(body, 'newsrooms'),
      status: text(body, 'status') === 'confirmed' ? 'confirmed' : 'pending',
      consentSource: text(body, 'consentSource').trim(),
      consentDate: text(body, 'consentDate').trim(),
      consentText: text(body, 'consentText').trim(),
    }
    const deps = subscriptionDeps(c.var.deps)
    try {
      const created = await createSubscriber(deps, session.actor, {
        email: values.email,
        languages: values.languages,
        newsrooms: values.newsrooms,
        status: values.status,
        consent:
          values.status === 'confirmed'
            ? {
                source: values.consentSource,
                text: values.consentText || undefined,
                // A date means that day; the core refuses anything else with the field named.
                at: /^\d{4}-\d{2}-\d{2}$/.test(values.consentDate)
                  ? `${values.consentDate}T00:00:00.000Z`
                  : values.consentDate,
              }
            : undefined,
      })
      return c.redirect(
        `/admin/subscribers/${created.id}?ok=${values.status === 'confirmed' ? 'confirmed' : 'pending'}`,
        303,
      )
    } catch (error) {
      if (error instanceof ConflictError && error.fieldCodes.email === 'email_taken') {
        const found = await listSubscribers(deps, session.actor, { q: values.email, limit: 5 })
        const same = found.items.find((s) => s.email.toLowerCase() === values.email.toLowerCase())
        return newSubscriberPage(
          c,
          values,
          { email: t.subscriberErrEmailTaken },
          same ? `/admin/subscribers/${same.id}` : undefined,
        )
      }
      if (error instanceof ConflictError && error.fieldCodes.email === 'not_allowed')
        return newSubscriberPage(c, values, { email: t.subscriberErrSuppressed })
      if (error instanceof ValidationError)
        return newSubscriberPage(c, values, subscriberFieldErrors(t, error.fields))
      throw error
    }
  })

  router.get('/subscribers/:id{[0-9]+}', async (c) => {
    const { t, lang, session } = c.var
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError('No such subscriber')
    const record = await subscriberRecord(subscriptionDeps(c.var.deps), session.actor, id)
    const newsrooms = await listNewsroomsOf(c.var.deps.repos, session.actor)
    const ok = c.req.query('ok')
    return c.html(
      adminPage(
        c,
        {
          title: record.subscriber.email,
          current: '/admin/subscribers',
          flash:
            ok === 'pending'
              ? { kind: 'ok', text: t.subscriberCreatedPending(record.subscriber.email) }
              : ok === 'confirmed'
                ? { kind: 'ok', text: t.subscriberCreatedConfirmed }
                : undefined,
        },
        <SubscriberPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          zone={newsrooms[0]?.timezone ?? DEFAULT_TIMEZONE}
          record={record}
          newsroomNames={Object.fromEntries(
            newsrooms.map((n) => [n.slug, n.name[lang] ?? n.name[n.languages[0]] ?? n.slug]),
          )}
        />,
      ),
    )
  })

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

/**
 * The form's messages for the fields the core refused, by field path (the input's own names:
 * `email`, `languages`, `consent.at`…), in the staff member's language.
 */
function subscriberFieldErrors(
  t: AdminStrings,
  fields: Record<string, string>,
): Record<string, string> {
  const byPath: Record<string, [string, string]> = {
    email: ['email', t.subscriberErrEmail],
    languages: ['languages', t.subscriberErrLanguages],
    newsrooms: ['newsrooms', t.subscriberErrNewsrooms],
    consent: ['consentSource', t.subscriberErrConsentSource],
    'consent.source': ['consentSource', t.subscriberErrConsentSource],
    'consent.at': ['consentDate', t.subscriberErrConsentDate],
    'consent.text': ['consentText', t.subscriberErrConsentText],
  }
  const errors: Record<string, string> = {}
  for (const path of Object.keys(fields)) {
    const [field, message] = byPath[path] ?? ['email', t.subscriberErrEmail]
    errors[field] ??= message
  }
  return errors
}
