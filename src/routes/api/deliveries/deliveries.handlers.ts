/** /api/v1/releases/{id}/deliveries…, cancel-sending, test-send: thin, logic in core/delivery. */
import {
  TestSendFailedError,
  getDeliveryFailures,
  getDeliveryProgress,
  sendTestEmail,
} from '../../../core/delivery/staff.js'
import { cancelSending } from '../../../core/delivery/state.js'
import { deliveryDeps } from '../../../wiring/delivery.js'
import { createApiRouter } from '../api-app.js'
import {
  cancelSendingRoute,
  failuresRoute,
  progressRoute,
  testSendRoute,
} from './deliveries.routes.js'

export function createDeliveriesApi() {
  const api = createApiRouter()

  api.openapi(progressRoute, async (c) => {
    const { kind } = c.req.valid('query')
    const id = c.req.valid('param').id
    return c.json(await getDeliveryProgress(c.var.deps, c.var.actor, id, kind), 200)
  })

  api.openapi(failuresRoute, async (c) => {
    const page = await getDeliveryFailures(
      c.var.deps,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('query'),
    )
    return c.json(page, 200)
  })

  api.openapi(cancelSendingRoute, async (c) => {
    const progress = await cancelSending(c.var.deps, c.var.actor, c.req.valid('param').id)
    c.var.log.warn(
      { releaseId: c.req.valid('param').id, actor: c.var.actor.label },
      'sending cancelled',
    )
    return c.json(progress, 200)
  })

  api.openapi(testSendRoute, async (c) => {
    const id = c.req.valid('param').id
    try {
      const sent = await sendTestEmail(
        deliveryDeps(c.var.deps),
        c.var.actor,
        id,
        c.req.valid('json'),
      )
      return c.json(sent, 200)
    } catch (error) {
      if (!(error instanceof TestSendFailedError)) throw error
      return c.json({ error: { code: 'smtp_failed', message: error.message } }, 502)
    }
  })

  return api
}
