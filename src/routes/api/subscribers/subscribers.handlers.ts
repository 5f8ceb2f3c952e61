/** /api/v1/subscribers and /api/v1/suppressions: parse, call the subscription core, answer. */
import { exportSubscribersCsv, importSubscribersCsv } from '../../../core/subscription/csv.js'
import { subscriptionDeps } from '../../../wiring/subscription.js'
import {
  createSubscriber,
  deleteSubscriber,
  getSubscriber,
  listSubscribers,
  subscriberCounts,
} from '../../../core/subscription/staff.js'
import {
  addSuppression,
  checkSuppression,
  liftSuppression,
  listSuppressions,
} from '../../../core/subscription/suppressions.js'
import { createApiRouter, csvImportLimit, importRefusal } from '../api-app.js'
import {
  addSuppressionRoute,
  checkSuppressionRoute,
  countsRoute,
  createSubscriberRoute,
  deleteSubscriberRoute,
  exportSubscribersRoute,
  getSubscriberRoute,
  importSubscribersRoute,
  liftSuppressionRoute,
  listSubscribersRoute,
  listSuppressionsRoute,
} from './subscribers.routes.js'

const flag = (value: 'true' | 'false' | undefined) =>
  value === undefined ? undefined : value === 'true'

export function createSubscribersApi() {
  const api = createApiRouter()

  api.openapi(createSubscriberRoute, async (c) => {
    const body = c.req.valid('json')
    const subscriber = await createSubscriber(subscriptionDeps(c.var.deps), c.var.actor, {
      ...body,
      consent: body.consent as never,
    })
    return c.json(subscriber, 201)
  })

  api.openapi(listSubscribersRoute, async (c) => {
    const query = c.req.valid('query')
    const deps = subscriptionDeps(c.var.deps)
    const page = await listSubscribers(deps, c.var.actor, {
      ...query,
      suppressed: flag(query.suppressed),
      paused: flag(query.paused),
    })
    const counts = await subscriberCounts(deps, c.var.actor, { newsroom: query.newsroom })
    return c.json({ ...page, counts }, 200)
  })

  // Before /subscribers/{id}, which would otherwise take "export.csv" and "counts" as ids.
  api.openapi(exportSubscribersRoute, async (c) => {
    const csv = await exportSubscribersCsv(
      subscriptionDeps(c.var.deps),
      c.var.actor,
      c.req.valid('query'),
    )
    c.header('Content-Disposition', 'attachment; filename="subscribers.csv"')
    c.header('Cache-Control', 'no-store')
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  })

  api.use('/subscribers/import', csvImportLimit())
  api.openapi(importSubscribersRoute, async (c) => {
    const query = c.req.valid('query')
    const report = await importSubscribersCsv(
      subscriptionDeps(c.var.deps),
      c.var.actor,
      new Uint8Array(await c.req.arrayBuffer()),
      { dryRun: query.dryRun === 'true', defaultNewsroom: query.newsroom },
    )
    if (report.errors.length > 0) return c.json(importRefusal(report), 422)
    return c.json(report, 200)
  })

  api.openapi(countsRoute, async (c) => {
    const counts = await subscriberCounts(
      subscriptionDeps(c.var.deps),
      c.var.actor,
      c.req.valid('query'),
    )
    return c.json(counts, 200)
  })

  api.openapi(getSubscriberRoute, async (c) => {
    const subscriber = await getSubscriber(
      subscriptionDeps(c.var.deps),
      c.var.actor,
      c.req.valid('param').id,
    )
    return c.json(subscriber, 200)
  })

  api.openapi(deleteSubscriberRoute, async (c) => {
    await deleteSubscriber(subscriptionDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  api.openapi(listSuppressionsRoute, async (c) => {
    const items = await listSuppressions(subscriptionDeps(c.var.deps), c.var.actor)
    return c.json({ items }, 200)
  })

  api.openapi(addSuppressionRoute, async (c) => {
    const body = c.req.valid('json')
    await addSuppression(subscriptionDeps(c.var.deps), c.var.actor, {
      email: body.email,
      reason: body.reason ?? 'manual',
      detail: body.detail,
    })
    return c.json({ suppressed: true }, 201)
  })

  api.openapi(liftSuppressionRoute, async (c) => {
    const lifted = await liftSuppression(
      subscriptionDeps(c.var.deps),
      c.var.actor,
      c.req.valid('json').email,
    )
    return c.json({ lifted }, 200)
  })

  api.openapi(checkSuppressionRoute, async (c) => {
    const result = await checkSuppression(
      subscriptionDeps(c.var.deps),
      c.var.actor,
      c.req.valid('json').email,
    )
    return c.json(result, 200)
  })

  return api
}
