/** /api/v1/releases/{id}/deliveries…, cancel-sending, test-send: thin, logic in core/delivery. */
import { classifySendError } from '../../../core/delivery/classify.js'
import {
  getDeliveryFailures,
  getDeliveryProgress,
  prepareTestSend,
} from '../../../core/delivery/staff.js'
import { cancelSending } from '../../../core/delivery/state.js'
import { composeTestEmail } from '../../../mail/release-email.js'
import { createApiRouter } from '../api-app.js'
import {
  cancelSendingRoute,
  failuresRoute,
  progressRoute,
  testSendRoute,
} from './deliveries.routes.js'
import { recordAudit } from '../../../core/audit.js'

export function createDeliveriesApi() {
  const api = createApiRouter()

  api.openapi(progressRoute, async (c) => {
    const { db } = c.var.deps.database
    const { kind } = c.req.valid('query')
    return c.json(await getDeliveryProgress(db, c.var.actor, c.req.valid('param').id, kind), 200)
  })

  api.openapi(failuresRoute, async (c) => {
    const { db } = c.var.deps.database
    const page = await getDeliveryFailures(
      db,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('query'),
    )
    return c.json(page, 200)
  })

  api.openapi(cancelSendingRoute, async (c) => {
    const { database, clock } = c.var.deps
    const progress = await cancelSending(
      { db: database.db, clock },
      c.var.actor,
      c.req.valid('param').id,
    )
    c.var.log.warn(
      { releaseId: c.req.valid('param').id, actor: c.var.actor.label },
      'sending cancelled',
    )
    return c.json(progress, 200)
  })

  api.openapi(testSendRoute, async (c) => {
    const deps = c.var.deps
    const id = c.req.valid('param').id
    const { to, lang } = await prepareTestSend(
      deps.database.db,
      c.var.actor,
      id,
      c.req.valid('json'),
    )
    const message = await composeTestEmail(
      {
        db: deps.database.db,
        templates: deps.templates,
        publicUrl: deps.config.publicUrl,
        secretKey: deps.config.secretKey,
        mailFrom: deps.config.mailFrom,
        dkim: deps.config.dkim,
      },
      id,
      lang,
      to,
    )
    try {
      const result = await deps.mailer.send(message)
      await recordAudit(deps.database.db, c.var.actor, deps.clock.now(), {
        action: 'release.test-send',
        subject: `release:${id}`,
        details: { to, lang },
      })
      return c.json({ to, lang, subject: message.subject, smtpResponse: result.response }, 200)
    } catch (error) {
      const { action, reply } = classifySendError(error)
      const message =
        action === 'connection'
          ? `The mail server could not be reached: ${reply}`
          : `The mail server refused the message: ${reply}`
      return c.json({ error: { code: 'smtp_failed', message } }, 502)
    }
  })

  return api
}
