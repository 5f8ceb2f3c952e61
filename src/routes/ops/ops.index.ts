/** Operational endpoints: health for load balancers and orchestrators, Prometheus metrics. */
import { Hono } from 'hono'
import type { AppEnv } from '../../app.js'

export function createOpsRoutes() {
  const router = new Hono<AppEnv>()

  router.get('/healthz', async (c) => {
    const { database, redis } = c.var.deps
    const [db, queue] = await Promise.all([
      check(() => database.ping()),
      check(async () => {
        await redis.ping()
      }),
    ])
    const ok = db === 'ok' && queue === 'ok'
    c.header('Cache-Control', 'no-store')
    return c.json({ status: ok ? 'ok' : 'degraded', database: db, redis: queue }, ok ? 200 : 503)
  })

  router.get('/metrics', async (c) => {
    const { registry } = c.var.deps.metrics
    c.header('Content-Type', registry.contentType)
    c.header('Cache-Control', 'no-store')
    return c.body(await registry.metrics())
  })

  return router
}

async function check(probe: () => Promise<void>, timeoutMs = 2000): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
      }),
    ])
    return 'ok'
  } catch {
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}
