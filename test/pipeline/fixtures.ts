/**
 * A running notification pipeline for tests: a real SMTP server (smtp-server), a container on a
 * fresh SQLite file or PostgreSQL schema, real Redis under a private key prefix, and the real
 * BullMQ workers — with a manual clock and a fast delivery policy so that back-off and timeouts
 * take milliseconds. Subscribers are inserted directly (the subscription flows are tested
 * elsewhere).
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { randomBytes } from 'node:crypto'
import { SMTPServer } from 'smtp-server'
import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createManualClock } from '../../src/clock.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import type { DeliveryDeps, DeliveryPolicy } from '../../src/core/delivery/ports.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import type { DeliveryProgress } from '../../src/core/delivery/progress.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import type { ContentDeps } from '../../src/core/release/ports.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import type { ReleaseInput } from '../../src/core/release/releases.js'
import type { Database } from '../../src/db/schema.js'
import type { Lang, ReleaseType, SubscriberStatus } from '../../src/core/types.js'
import { startWorkers, createProcessors } from '../../workers/index.js'
import type { Workers } from '../../workers/index.js'
import { deliveryDeps } from '../../src/wiring/delivery.js'
import { createTestSetup } from '../helpers/env.js'
export { addManySubscribers } from '../helpers/subscribers.js'
export { freePort } from '../helpers/postgres-server.js'
import type { DbKind, TestSetup } from '../helpers/env.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'

export const admin: Actor = {
  kind: 'token',
  id: 0,
  role: 'admin',
  newsroomIds: 'all',
  label: 'test',
}

/** Back-off and timeouts in milliseconds instead of minutes. */
export const FAST_POLICY: Partial<DeliveryPolicy> = {
  retryBaseMs: 1000,
  retryMaxDelayMs: 4000,
  connectionRetryBaseMs: 200,
  connectionRetryMaxMs: 1000,
  throttleMs: 400,
  sendingTimeoutMs: 60_000,
  stallTimeoutMs: 30_000,
}

export interface Pipeline {
  smtp: TestSmtpServer
  setup: TestSetup
  clock: ReturnType<typeof createManualClock>
  container: Container
  delivery: DeliveryDeps
  content: ContentDeps
  workers: Workers | undefined
  startWorkers(): void
  stopWorkers(): Promise<void>
  close(): Promise<void>
}

export async function startPipeline(
  kind: DbKind,
  options: {
    policy?: Partial<DeliveryPolicy>
    env?: Record<string, string>
    workers?: boolean
    start?: Date
  } = {},
): Promise<Pipeline> {
  const smtp = await startSmtpServer()
  const setup = await createTestSetup(kind, {
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: '3',
    MAIL_FROM: 'Tiedote <news@tiedote.test>',
    ...options.env,
  })
  const clock = createManualClock(options.start ?? new Date('2026-03-02T08:00:00Z'))
  const container = await createContainer(setup.config, { clock })
  await container.database.migrate()
  const delivery = deliveryDeps(container, { policy: { ...FAST_POLICY, ...options.policy } })
  const pipeline: Pipeline = {
    smtp,
    setup,
    clock,
    container,
    delivery,
    content: contentDeps(container),
    workers: undefined,
    startWorkers() {
      pipeline.workers = startWorkers(container, {
        ...createProcessors(container, delivery),
      })
    },
    async stopWorkers() {
      await pipeline.workers?.close()
      pipeline.workers = undefined
    },
    async close() {
      await pipeline.stopWorkers()
      await deletePrefixKeys(container.redis, setup.config.redisPrefix)
      await container.close()
      await smtp.close()
      await setup.cleanup()
    },
  }
  if (options.workers !== false) pipeline.startWorkers()
  return pipeline
}

/** Deletes this test's Redis keys only (never FLUSHALL: the Redis is shared). */
export async function deletePrefixKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0'
  let deleted = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) deleted += await redis.del(...keys)
  } while (cursor !== '0')
  return deleted
}

export async function createTestNewsroom(
  content: ContentDeps,
  slug = 'lansi-uusimaa',
  languages: Lang[] = ['fi', 'sv'],
) {
  const name: Record<Lang, string> = {
    fi: 'Länsi-Uudenmaan hyvinvointialue',
    sv: 'Västra Nylands välfärdsområde',
    en: 'Western Uusimaa Wellbeing Services County',
  }
  const boilerplate: Record<Lang, string> = {
    fi: 'Hyvinvointialue järjestää sosiaali- ja terveyspalvelut sekä pelastustoimen.',
    sv: 'Välfärdsområdet ordnar social- och hälsovårdstjänster samt räddningsväsendet.',
    en: 'The county organises social, health and rescue services.',
  }
  const pick = (all: Record<Lang, string>) =>
    Object.fromEntries(languages.map((lang) => [lang, all[lang]]))
  return createNewsroom(content, admin, {
    slug,
    languages,
    name: pick(name),
    boilerplate: pick(boilerplate),
  })
}

export function releaseInput(newsroom: string, overrides: Partial<ReleaseInput> = {}) {
  return {
    newsroom,
    type: 'press-release',
    keywords: ['Sote', 'Strategia'],
    contacts: [
      {
        name: 'Maija Meikäläinen',
        title: { fi: 'Viestintäjohtaja', sv: 'Kommunikationsdirektör' },
        phone: '+358 40 123 4567',
        email: 'maija@example.fi',
      },
    ],
    versions: {
      fi: {
        title: 'Aluevaltuusto hyväksyi strategian',
        lead: 'Strategia ohjaa palveluja vuoteen 2030.',
        body: 'Aluevaltuusto hyväksyi **yksimielisesti** uuden strategian.\n\nSeuraavaksi laaditaan toimeenpano-ohjelma.',
      },
      sv: {
        title: 'Regionfullmäktige godkände strategin',
        lead: 'Strategin styr tjänsterna fram till 2030.',
        body: 'Regionfullmäktige godkände **enhälligt** den nya strategin.\n\nNästa steg är ett genomförandeprogram.',
      },
    },
    ...overrides,
  } satisfies ReleaseInput
}

/** Creates a release and publishes it now (or at `at`); returns its id. */
export async function publishTestRelease(
  pipeline: Pick<Pipeline, 'content'>,
  newsroom: string,
  overrides: Partial<ReleaseInput> = {},
  at?: Date,
): Promise<number> {
  const release = await createRelease(pipeline.content, admin, releaseInput(newsroom, overrides))
  await publishRelease(pipeline.content, admin, release.id, at ? { at } : {})
  return release.id
}

export interface SubscriberFixture {
  email: string
  languages?: Lang[]
  newsroomIds: number[]
  status?: SubscriberStatus
  types?: ReleaseType[] | null
  keywords?: string[] | null
  suppressed?: boolean
  paused?: boolean
}

export async function addSubscriber(pipeline: Pipeline, input: SubscriberFixture) {
  const { db } = pipeline.container.database
  const now = pipeline.clock.now().toISOString()
  const status = input.status ?? 'confirmed'
  const row = await db
    .insertInto('subscribers')
    .values({
      email: input.email,
      email_normalized: input.email.toLowerCase(),
      status,
      token_secret: randomBytes(18).toString('base64url'),
      suppressed_at: input.suppressed ? now : null,
      suppression_reason: input.suppressed ? 'hard-bounce' : null,
      paused_at: input.paused ? now : null,
      confirmed_at: status === 'confirmed' ? now : null,
      unsubscribed_at: status === 'unsubscribed' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const languages = input.languages ?? ['fi']
  await db
    .insertInto('subscriber_languages')
    .values(languages.map((lang, position) => ({ subscriber_id: row.id, lang, position })))
    .execute()
  await db
    .insertInto('subscriptions')
    .values(
      input.newsroomIds.map((newsroomId) => ({
        subscriber_id: row.id,
        newsroom_id: newsroomId,
        types: input.types ? JSON.stringify(input.types) : null,
        keywords: input.keywords ? JSON.stringify(input.keywords) : null,
        created_at: now,
      })),
    )
    .execute()
  return row.id
}

/** Polls until `check` returns a truthy value; fails with the last value after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 15_000, what = 'condition' } = {},
): Promise<T> {
  const started = Date.now()
  let last: T
  for (;;) {
    last = await check()
    if (last) return last
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`)
    await new Promise((resolve) => setTimeout(resolve, 30))
  }
}

/**
 * Waits until the release is marked delivered — which the worker does right after the last
 * delivery turns terminal — and returns its progress.
 */
export async function untilReleaseDelivered(
  db: Kysely<Database>,
  releaseId: number,
  timeoutMs = 15_000,
): Promise<DeliveryProgress> {
  const progress = await eventually(
    async () => {
      const release = await db
        .selectFrom('releases')
        .select('delivered_at')
        .where('id', '=', releaseId)
        .executeTakeFirstOrThrow()
      if (!release.delivered_at) return undefined
      return deliveryProgress(createRepositories(db), releaseId)
    },
    { what: `release ${releaseId} delivered`, timeoutMs },
  )
  return progress!
}

/** Counts SMTP messages per recipient address. */
export function countByRecipient(smtp: TestSmtpServer): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of smtp.messages)
    for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1)
  return counts
}

export interface Sink {
  port: number
  url: string
  /** Recipient address of every message accepted, in order. */
  accepted: string[]
  close(): Promise<void>
}

/**
 * A bare SMTP sink (smtp-server) that accepts everything, optionally on a given port and with a
 * delay before each "250 OK" — to keep messages in flight while a test kills a worker.
 */
export async function startSink(options: { port?: number; delayMs?: number } = {}): Promise<Sink> {
  const accepted: string[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {})
      stream.on('error', () => {})
      stream.on('end', () => {
        const done = () => {
          for (const rcpt of session.envelope.rcptTo) accepted.push(rcpt.address)
          callback()
        }
        if (options.delayMs) setTimeout(done, options.delayMs)
        else done()
      })
    },
  })
  // A client that dies mid-conversation (a killed worker) resets its sockets: not a test failure.
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
