/**
 * The only wiring point: builds every dependency (database, Redis, queues, mailer, clock,
 * logger) from the configuration. Routes, processors and core code receive what they need from
 * here and never construct infrastructure themselves.
 */
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { systemClock } from './clock.js'
import type { Clock } from './clock.js'
import { createDb } from './db/index.js'
import type { Db } from './db/index.js'
import { createRepositories } from './db/repositories/index.js'
import type { Repositories } from './db/repositories/index.js'
import type { Config } from './env.js'
import { createFeedCache } from './feeds/cache.js'
import { createPageCache } from './routes/public/page-cache.js'
import type { PageCache } from './routes/public/page-cache.js'
import type { FeedCache } from './feeds/cache.js'
import { createLogger } from './logger.js'
import { createTemplateRenderer } from './mail/templates.js'
import type { TemplateRenderer } from './mail/templates.js'
import { createMailer } from './mail/transport.js'
import type { Mailer } from './mail/transport.js'
import { createQueues } from './queue/index.js'
import type { Queues } from './queue/index.js'
import { createDispatcher } from './queue/outbox.js'
import type { Dispatcher } from './queue/outbox.js'
import { createRedis, ensureRedis } from './redis.js'
import { createRateLimiter } from './http/rate-limit.js'
import type { RateLimiter } from './http/rate-limit.js'
import { createMetrics } from './routes/ops/metrics.js'
import type { Metrics } from './routes/ops/metrics.js'

export interface Container {
  config: Config
  log: Logger
  clock: Clock
  database: Db
  /** Repositories over the primary connection. */
  repos: Repositories
  /** Repositories over the read connection (public reads that must not queue behind writes). */
  readRepos: Repositories
  /** General-purpose connection: health checks, rate limits, cache invalidation publish. */
  redis: Redis
  redisUrl: string
  queues: Queues
  dispatcher: Dispatcher
  mailer: Mailer
  /** Email templates from `templates/email/`, compiled once per process. */
  templates: TemplateRenderer
  /** Prometheus registry of this container (GET /metrics). */
  metrics: Metrics
  /** Rendered feeds and sitemap of this web process; subscribes to content changes on first use. */
  feedCache: FeedCache
  /** Rendered public pages of this web process, emptied on the same signals as the feeds. */
  pageCache: PageCache
  /** Request limits shared by every web process (Redis). */
  rateLimiter: RateLimiter
  close(): Promise<void>
}

export interface ContainerOverrides {
  clock?: Clock
  log?: Logger
  mailer?: Mailer
}

export async function createContainer(
  config: Config,
  overrides: ContainerOverrides = {},
): Promise<Container> {
  const log = overrides.log ?? createLogger(config.logLevel)
  const clock = overrides.clock ?? systemClock
  const database = createDb(config.databaseUrl)
  const redisHandle = await ensureRedis(config.redisUrl, config.dataDir)
  const redis = createRedis(redisHandle.url)
  const queueConnection = createRedis(redisHandle.url, { forWorker: true })
  let lastQueueError = 0
  const queues = createQueues(queueConnection, config.redisPrefix, (error) => {
    // One line per minute at most while Redis is away.
    if (Date.now() - lastQueueError < 60_000) return
    lastQueueError = Date.now()
    log.warn({ err: error.message }, 'queue connection error')
  })
  const repos = createRepositories(database.db)
  const readRepos = createRepositories(database.reader)
  const dispatcher = createDispatcher({ repos, queues, clock, log })
  const mailer =
    overrides.mailer ??
    createMailer({
      smtpUrl: config.smtpUrl,
      outboxDir: config.outboxDir,
      poolSize: config.smtpPoolSize,
      dkim: config.dkim,
    })
  const cacheOptions = {
    // The content version is read beside public requests, so through the same reader.
    repos: readRepos,
    subscriber: () => createRedis(redisHandle.url),
    redisPrefix: config.redisPrefix,
    log,
  }
  const feedCache = createFeedCache(cacheOptions)
  const pageCache = createPageCache(cacheOptions)

  const metrics = createMetrics()
  metrics.observeQueues((queue) =>
    queues[queue].getJobCounts('waiting', 'active', 'delayed', 'failed'),
  )

  return {
    config,
    log,
    clock,
    database,
    repos,
    readRepos,
    redis,
    redisUrl: redisHandle.url,
    queues,
    dispatcher,
    mailer,
    templates: createTemplateRenderer(),
    metrics,
    feedCache,
    pageCache,
    rateLimiter: createRateLimiter(redis, config.redisPrefix),
    async close() {
      await feedCache.close()
      await pageCache.close()
      await queues.close()
      await mailer.close()
      queueConnection.disconnect()
      redis.disconnect()
      await database.close()
      await redisHandle.stop()
    },
  }
}
