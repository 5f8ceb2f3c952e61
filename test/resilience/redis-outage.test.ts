/**
 * Redis is stopped — and separately frozen, so that connections stay open and nothing answers —
 * while staff publish and readers subscribe. The web side never waits on it for long:
 * the work is already in the outbox row of the change's own transaction, so publishing and
 * subscribing answer at once, /healthz says "redis down" within 2 s, pages and /metrics are
 * served; when Redis is back the outbox sweep hands the work over and every email goes out
 * once — the release to its audience, the confirmation to the new subscriber.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { ORIGIN } from '../helpers/harness.js'
import { startRedisServer } from '../helpers/redis-server.js'
import type { RedisServer } from '../helpers/redis-server.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { releaseInput } from '../pipeline/fixtures.js'
import { deliveryLedger, kindsFor, seedAudience, untilDelivered } from './fixtures.js'

const AUDIENCE = 200
/** The contract of issue #20: an answer within 2 s while Redis is away. */
const ANSWER_WITHIN_MS = 2000

/** The answer and how long it took. */
async function timed<T>(request: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now()
  const answer = await request()
  return { answer, ms: Math.round(performance.now() - started) }
}

describe.each(kindsFor('postgres'))('Redis stopped under the web side (%s)', (kind) => {
  let redis: RedisServer
  let smtp: TestSmtpServer
  let h: ApiHarness
  let newsroomSlug = ''

  beforeAll(async () => {
    redis = await startRedisServer()
    smtp = await startSmtpServer({ parse: false })
    h = await startApiHarness(kind, {
      smtp,
      env: { REDIS_URL: redis.url },
      realTime: true,
      workers: true,
      log: createLogger('silent'),
    })
    newsroomSlug = (await seedAudience(h.deps, 'katko', AUDIENCE, (i) => `lehti${i}@example.fi`))
      .slug
  }, 60_000)
  afterAll(async () => {
    await h?.close()
    await redis?.stop()
  })

  /** Publishes and subscribes while `injure` keeps Redis from answering; `heal` brings it back. */
  const throughOutage = async (
    fault: string,
    reader: string,
    injure: () => Promise<void>,
    heal: () => Promise<void>,
  ) => {
    const created = await h.api('POST', '/releases', releaseInput(newsroomSlug))
    expect(created.status).toBe(201)
    const releaseId = created.body.id as number
    const receivedBefore = smtp.messageIds.length

    await injure()

    const publish = await timed(() => h.api('POST', `/releases/${releaseId}/publish`, {}))
    const subscribe = await timed(async () =>
      h.app.request(`${ORIGIN}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.20' },
        body: JSON.stringify({ email: reader, newsroom: newsroomSlug }),
      }),
    )
    const health = await timed(() => h.get('/healthz'))
    const page = await timed(() => h.get(`/fi/${newsroomSlug}`))
    const metrics = await timed(() => h.get('/metrics'))
    const healthBody = await health.answer.json()
    console.info(
      `[resilience] Redis ${fault} (${kind}): publish ${publish.answer.status} in ${publish.ms} ms, ` +
        `subscribe ${subscribe.answer.status} in ${subscribe.ms} ms, ` +
        `/healthz ${health.answer.status} in ${health.ms} ms, newsroom page ` +
        `${page.answer.status} in ${page.ms} ms, /metrics ${metrics.answer.status} in ${metrics.ms} ms`,
    )
    expect(publish.answer.status).toBe(200)
    expect(publish.answer.body).toMatchObject({ status: 'published' })
    expect(subscribe.answer.status).toBe(202)
    expect(health.answer.status).toBe(503)
    expect(healthBody).toMatchObject({ redis: 'down', database: 'ok' })
    expect(page.answer.status).toBe(200)
    expect(metrics.answer.status).toBe(200)
    for (const { ms } of [publish, subscribe, health, page, metrics])
      expect(ms).toBeLessThanOrEqual(ANSWER_WITHIN_MS)

    // Nothing can have been sent: the work waits in the outbox.
    expect(smtp.messageIds.length).toBe(receivedBefore)
    const backAt = Date.now()
    await heal()

    const { db } = h.deps.database
    const progress = await untilDelivered(db, releaseId)
    await eventually(async () => smtp.accepted.includes(reader), {
      what: 'the confirmation email',
      timeoutMs: 30_000,
    })
    const ledger = await deliveryLedger(db, releaseId, smtp)
    console.info(
      `[resilience] Redis back after ${fault} (${kind}): release delivered to ${progress.sent} of ` +
        `${AUDIENCE} ${Date.now() - backAt} ms later; lost ${ledger.lost}, duplicates ${ledger.duplicates}`,
    )
    expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })
    expect(ledger.lost).toBe(0)
    expect(ledger.duplicates).toBe(0)
    expect(smtp.accepted.filter((to) => to === reader)).toHaveLength(1)
    expect(smtp.messageIds.length).toBe(receivedBefore + AUDIENCE + 1)
  }

  it('stopped: publish and subscribe answer at once, /healthz says redis is down, and the emails go out once Redis is back', async () => {
    await throughOutage(
      'stopped',
      'uusi.lukija@example.fi',
      () => redis.stop(),
      () => redis.start(),
    )
  }, 120_000)

  it('hung (connections open, no answers): the same, each request waiting at most about a second', async () => {
    await throughOutage(
      'hung',
      'toinen.lukija@example.fi',
      async () => redis.pause(),
      async () => redis.resume(),
    )
  }, 120_000)
})
