/**
 * The only wiring point: builds every dependency (database, Redis, queues, mailer, clock,
 * logger) from the configuration. Routes, processors and core code receive what they need from
 * here and never construct infrastructure themselves.
 */
import { createReadingCounter } from './core/readings/counter.js'
import type { ReadingCounter } from './core/readings/counter.js'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
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
import {
  REDIS_COMMAND_TIMEOUT_MS,
  createRedis,
  createRedisGuard,
  ensureRedis,
  untilConnected,
} from './redis.js'
import type { RedisGuard } from './redis.js'
import { createRateLimiter } from './http/rate-limit.js'
import { createDbRateLimiter } from './http/rate-limit-db.js'
import type { RateLimiter } from './http/rate-limit.js'
import { createMetrics } from './routes/ops/metrics.js'
import type { Metrics } from './routes/ops/metrics.js'

/** How often counted page views and feed fetches are written (a crash loses at most this). */
const READINGS_FLUSH_MS = 5000

export interface Container {
  config: Config
  log: Logger
  clock: Clock
  /**
   * This process among all that ever ran (host, pid, random): what it claims deliveries under.
   */
  workerId: string
  database: Db
  /** Repositories over the primary connection. */
  repos: Repositories
  /** Repositories over the read connection (public reads that must not queue behind writes). */
  readRepos: Repositories
  /**
   * General-purpose connection: health checks, rate limits, cache invalidation publish. It fails
   * fast while Redis is away (see `createRedis`), like the one the queues add jobs through.
   */
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
  /** Page views and feed fetches of this process, flushed to the database every few seconds. */
  readings: ReadingCounter
  /**
   * Bounds this process's waits on a Redis that does not answer: about a second per outage, not
   * per call (see RedisGuard). Requests go through it whenever they talk to Redis.
   */
  redisGuard: RedisGuard
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
  // Adding jobs is done from web requests too: this connection gives up at once when Redis is
  // away (the outbox sweep hands the work over later). Workers take jobs on their own
  // blocking connection (workers/index.ts).
  const queueConnection = createRedis(redisHandle.url)
  // Fail-fast connections refuse commands until connected; wait for that, but not for an
  // absent Redis: the process starts without it, /healthz says so, the outbox keeps the work.
  const connected = await Promise.all([untilConnected(redis), untilConnected(queueConnection)])
  if (!connected.every(Boolean))
    log.warn('Redis is not reachable; starting without it (work waits in the outbox)')
  const redisGuard = createRedisGuard()
  let lastQueueError = 0
  const queues = createQueues(queueConnection, config.redisPrefix, (error) => {
    // One line per minute at most while Redis is away.
    if (Date.now() - lastQueueError < 60_000) return
    lastQueueError = Date.now()
    log.warn({ err: error.message }, 'queue connection error')
  })
  const repos = createRepositories(database.db)
  const readRepos = createRepositories(database.reader)
  const dispatcher = createDispatcher({ repos, queues, clock, log, guard: redisGuard })
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
    subscriber: () => createRedis(redisHandle.url, 'subscriber'),
    redisPrefix: config.redisPrefix,
    log,
    // The first page of a process does not wait longer than a command would for the channel.
    subscribeTimeoutMs: REDIS_COMMAND_TIMEOUT_MS,
  }
  const feedCache = createFeedCache(cacheOptions)
  const pageCache = createPageCache(cacheOptions)

  // Page views and feed fetches, added to the database every few seconds (sums only).
  const readings = createReadingCounter({ repos, clock, log })
  readings.start(READINGS_FLUSH_MS)

  const metrics = createMetrics()
  // BullMQ waits for its connection before the first command: bound the scrape's wait.
  metrics.observeQueues((queue) =>
    redisGuard.run(`job counts of ${queue}`, () =>
      queues[queue].getJobCounts('waiting', 'active', 'delayed', 'failed'),
    ),
  )

  return {
    config,
    log,
    clock,
    workerId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    database,
    repos,
    readRepos,
    redis,
    redisUrl: redisHandle.url,
    redisGuard,
    queues,
    dispatcher,
    mailer,
    templates: createTemplateRenderer(),
    metrics,
    feedCache,
    pageCache,
    readings,
    // While Redis is away the limits are counted in the database instead.
    rateLimiter: createRateLimiter(redis, config.redisPrefix, {
      fallback: createDbRateLimiter(repos, clock),
      guard: redisGuard,
      log,
    }),
    async close() {
      await readings.stop()
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
