/** /api/v1/webhooks: parse, call the webhook core, answer. */
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from '../../../core/webhooks/hooks.js'
import { webhookDeps } from '../../../wiring/webhooks.js'
import { createApiRouter } from '../api-app.js'
import {
  createWebhookRoute,
  deleteWebhookRoute,
  getWebhookRoute,
  listWebhookDeliveriesRoute,
  listWebhooksRoute,
  rotateWebhookRoute,
  updateWebhookRoute,
} from './webhooks.routes.js'

export function createWebhooksApi() {
  const api = createApiRouter()

  api.openapi(listWebhooksRoute, async (c) => {
    const items = await listWebhooks(webhookDeps(c.var.deps), c.var.actor)
    return c.json({ items }, 200)
  })

  api.openapi(createWebhookRoute, async (c) => {
    const hook = await createWebhook(webhookDeps(c.var.deps), c.var.actor, c.req.valid('json'))
    c.header('Cache-Control', 'no-store')
    return c.json(hook, 201)
  })

  api.openapi(getWebhookRoute, async (c) => {
    const hook = await getWebhook(webhookDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.json(hook, 200)
  })

  api.openapi(updateWebhookRoute, async (c) => {
    const hook = await updateWebhook(
      webhookDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(hook, 200)
  })

  api.openapi(rotateWebhookRoute, async (c) => {
    const hook = await rotateWebhookSecret(
      webhookDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
    )
    c.header('Cache-Control', 'no-store')
    return c.json(hook, 200)
  })

  api.openapi(deleteWebhookRoute, async (c) => {
    await deleteWebhook(webhookDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  api.openapi(listWebhookDeliveriesRoute, async (c) => {
    const page = await listWebhookDeliveries(
      webhookDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('query'),
    )
    return c.json(page, 200)
  })

  return api
}
