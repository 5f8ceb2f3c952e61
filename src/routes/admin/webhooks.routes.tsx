/**
 * Admin: webhooks (`/admin/webhooks`, administrators). Add (the secret shown once), change,
 * turn off or on, rotate the secret, delete, and read a hook's call log.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { ValidationError } from '../../core/errors.js'
import { DEFAULT_TIMEZONE } from '../../core/newsroom/newsrooms.js'
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from '../../core/webhooks/hooks.js'
import type { WebhookView } from '../../core/webhooks/hooks.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { formatDateTime } from '../../views/format-time.js'
import {
  WebhookEditPage,
  WebhookSecretPage,
  WebhooksPage,
  emptyWebhookForm,
} from '../../views/admin/webhook-pages.js'
import type { WebhookFormValues } from '../../views/admin/webhook-pages.js'
import { webhookDeps } from '../../wiring/webhooks.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { idParam, readForm, text, texts } from './form-body.js'

type C = Context<AdminEnv>

/** Webhooks belong to no newsroom, so their times show in the default zone. */
const time = (iso: string) => formatDateTime(iso, DEFAULT_TIMEZONE)

async function formValues(c: C): Promise<WebhookFormValues> {
  const body = await readForm(c)
  return {
    url: text(body, 'url').trim(),
    description: text(body, 'description').trim(),
    events: texts(body, 'events'),
    includeAddresses: text(body, 'includeAddresses') === '1',
    enabled: text(body, 'enabled') === '1',
  }
}

/** The core's refusal as messages by form field, in the staff member's language. */
function formErrors(error: ValidationError, t: AdminStrings): Record<string, string> {
  const errors: Record<string, string> = {}
  const url = error.fieldCodes.url
  if (url)
    errors['wh-url'] =
      t.webhookUrlRefused[url as keyof AdminStrings['webhookUrlRefused']] ??
      t.webhookUrlRefused.invalid
  if (Object.keys(error.fieldCodes).some((path) => path.startsWith('events')))
    errors['wh-events'] = t.webhookEventsRequired
  if (error.fieldCodes.description) errors['wh-description'] = t.tooLong
  return errors
}

const valuesOf = (hook: WebhookView): WebhookFormValues => ({
  url: hook.url,
  description: hook.description,
  events: hook.events,
  includeAddresses: hook.includeAddresses,
  enabled: hook.enabled,
})

export function createWebhookAdminRoutes() {
  const router = new Hono<AdminEnv>()

  /** A page of the webhooks area in the admin shell. */
  const render = async (
    c: C,
    body: Child,
    status: 200 | 422 = 200,
    title = c.var.t.webhooksTitle,
  ) => c.html(adminPage(c, { title, current: '/admin/webhooks' }, body), status)

  const listPage = async (
    c: C,
    values = emptyWebhookForm,
    errors: Record<string, string> = {},
    status: 200 | 422 = 200,
  ) => {
    const { t, session } = c.var
    const hooks = await listWebhooks(webhookDeps(c.var.deps), session.actor)
    const page = (
      <WebhooksPage
        t={t}
        csrf={session.csrfToken}
        time={time}
        hooks={hooks}
        values={values}
        errors={errors}
      />
    )
    return render(c, page, status)
  }

  const editPage = async (
    c: C,
    hook: WebhookView,
    values = valuesOf(hook),
    errors: Record<string, string> = {},
    status: 200 | 422 = 200,
  ) => {
    const { t, session } = c.var
    const { items } = await listWebhookDeliveries(webhookDeps(c.var.deps), session.actor, hook.id)
    const page = (
      <WebhookEditPage
        t={t}
        csrf={session.csrfToken}
        time={time}
        hook={hook}
        values={values}
        errors={errors}
        deliveries={items}
      />
    )
    return render(c, page, status)
  }

  const secretPage = (c: C, hook: WebhookView, secret: string) =>
    render(
      c,
      <WebhookSecretPage t={c.var.t} hook={hook} secret={secret} />,
      200,
      c.var.t.webhookSecretTitle,
    )

  const hookId = (c: C) => idParam(c.req.param('id')) ?? 0

  router.get('/webhooks', (c) => listPage(c))

  router.post('/webhooks', async (c) => {
    const values = await formValues(c)
    try {
      const { secret, ...hook } = await createWebhook(
        webhookDeps(c.var.deps),
        c.var.session.actor,
        values,
      )
      return secretPage(c, hook, secret)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return listPage(c, values, formErrors(error, c.var.t), 422)
    }
  })

  router.get('/webhooks/:id', async (c) =>
    editPage(c, await getWebhook(webhookDeps(c.var.deps), c.var.session.actor, hookId(c))),
  )

  router.post('/webhooks/:id', async (c) => {
    const deps = webhookDeps(c.var.deps)
    const hook = await getWebhook(deps, c.var.session.actor, hookId(c))
    const values = await formValues(c)
    try {
      await updateWebhook(deps, c.var.session.actor, hook.id, values)
      return c.redirect(`/admin/webhooks/${hook.id}?ok=webhookSaved`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return editPage(c, hook, values, formErrors(error, c.var.t), 422)
    }
  })

  router.post('/webhooks/:id/rotate', async (c) => {
    const { secret, ...hook } = await rotateWebhookSecret(
      webhookDeps(c.var.deps),
      c.var.session.actor,
      hookId(c),
    )
    return secretPage(c, hook, secret)
  })

  router.post('/webhooks/:id/delete', async (c) => {
    await deleteWebhook(webhookDeps(c.var.deps), c.var.session.actor, hookId(c))
    return c.redirect('/admin/webhooks?ok=webhookDeleted', 303)
  })

  return router
}
