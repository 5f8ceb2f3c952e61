/**
 * Operational endpoints: health for load balancers and orchestrators, Prometheus metrics
 * (behind METRICS_TOKEN when it is set). A worker-role process serves the same two on
 * METRICS_PORT (`serveOps`), since its counters live in its own memory.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../../app.js'

/** /healthz and /metrics alone: for a worker-role process, which serves nothing else. */
export function createOpsApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.route('/', createOpsRoutes())
  return app
}

export function createOpsRoutes() {
  const router = new Hono<AppEnv>()

  router.get('/healthz', async (c) => {
    const { database, redis, redisGuard } = c.var.deps
    const [db, queue] = await Promise.all([
      check(() => database.ping()),
      // About a second at most, and at once while Redis is known not to answer.
      check(async () => {
        await redisGuard.run('health check', () => redis.ping())
      }),
    ])
    const ok = db === 'ok' && queue === 'ok'
    c.header('Cache-Control', 'no-store')
    return c.json({ status: ok ? 'ok' : 'degraded', database: db, redis: queue }, ok ? 200 : 503)
  })

  router.get('/metrics', async (c) => {
    const { metrics, config } = c.var.deps
    if (config.metricsToken && !bearerMatches(c.req.header('authorization'), config.metricsToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"')
      c.header('Cache-Control', 'no-store')
      return c.text('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>\n', 401)
    }
    const { registry } = metrics
    c.header('Content-Type', registry.contentType)
    c.header('Cache-Control', 'no-store')
    return c.body(await registry.metrics())
  })

  return router
}

/** Compares in constant time, so the answer's timing tells nothing about the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = createHash('sha256')
    .update(header ?? '')
    .digest()
  const wanted = createHash('sha256').update(`Bearer ${token}`).digest()
  return timingSafeEqual(given, wanted)
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
