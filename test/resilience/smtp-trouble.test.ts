/**
 * An SMTP relay in trouble, then recovering. First it answers 421, 451 4.3.0 and 451 4.7.0 to a
 * run of recipients: the whole send queue slows down (421 / 4.7.x pause it through BullMQ's rate
 * limit), plain 4xx are retried after their back-off, nothing is treated like a 5xx, and once the
 * relay recovers everyone has the email exactly once. Then it drops connections in the middle of
 * DATA: those messages are sent again, and the only duplicates are messages the relay had taken
 * in full when it hung up (the one message in flight on that connection).
 *
 * Workers run in the test process with the fast delivery policy (a 400 ms pause instead of
 * 60 s), so the manual clock is moved along with real time.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SmtpReply } from '../helpers/smtp.js'
import { addManySubscribers } from '../helpers/subscribers.js'
import {
  FAST_POLICY,
  createTestNewsroom,
  publishTestRelease,
  startPipeline,
  untilDeliveryDone,
} from '../pipeline/fixtures.js'
import type { Pipeline } from '../pipeline/fixtures.js'
import { deliveryLedger, kindsFor, soak } from './fixtures.js'

const AUDIENCE = soak ? 3_000 : 600
/** The soak run's longer trouble (hundreds of 400 ms pauses) takes minutes, not seconds. */
const DONE_WITHIN_MS = soak ? 600_000 : 60_000
/** Recipients the relay answers with a temporary error before it recovers. */
const TROUBLE = soak ? 300 : 60
const TEMPORARY: (SmtpReply & { kind: 'closing' | 'retry' | 'slowDown' })[] = [
  // 421 also closes the connection (smtp-server does, as RFC 5321 says).
  { code: 421, message: '4.7.0 Too many connections from your host, slow down', kind: 'closing' },
  { code: 451, message: '4.3.0 Temporary local problem, try again later', kind: 'retry' },
  { code: 451, message: '4.7.0 Sending rate exceeded, try again later', kind: 'slowDown' },
]

describe.each(kindsFor('sqlite'))('an SMTP relay in trouble (%s)', (kind) => {
  let pipeline: Pipeline
  let newsroomSlug = ''
  let ticker: ReturnType<typeof setInterval>
  const index = (address: string) => Number(/(\d+)@/.exec(address)?.[1] ?? -1)

  beforeAll(async () => {
    pipeline = await startPipeline(kind)
    // The manual clock follows real time, so back-off delays (clock) and BullMQ delays (real
    // time) agree.
    let last = Date.now()
    ticker = setInterval(() => {
      const now = Date.now()
      pipeline.clock.advance(now - last)
      last = now
    }, 20)
    const newsroom = await createTestNewsroom(pipeline.content, 'ruuhka')
    newsroomSlug = newsroom.slug
    await addManySubscribers(
      pipeline.container.database.db,
      pipeline.clock.now().toISOString(),
      AUDIENCE,
      newsroom.id,
      (i) => `desk${i}@example.fi`,
    )
  }, 60_000)
  afterAll(async () => {
    clearInterval(ticker)
    await pipeline?.close()
  })

  const metric = async (outcome: string) => {
    const failed = await pipeline.container.metrics.registry
      .getSingleMetric('tiedote_emails_failed_total')
      ?.get()
    return failed?.values.find((v) => v.labels.outcome === outcome)?.value ?? 0
  }

  it(
    '421, 451 and 4.7.0 for a while: the queue slows down, then everyone gets the email once, none failed',
    async () => {
      const given = { closing: 0, retry: 0, slowDown: 0 }
      const troubled = new Set<string>()
      const answered451 = new Set<string>()
      let replies = 0
      pipeline.smtp.respond = (rcpt) => {
        if (replies >= TROUBLE) return undefined
        const reply = TEMPORARY[replies++ % TEMPORARY.length]
        troubled.add(rcpt)
        if (reply.code === 451) answered451.add(rcpt)
        given[reply.kind]++
        return reply
      }
      const pauses: { ms: number; rateLimitTtl: number }[] = []
      const throttle = pipeline.delivery.throttle
      pipeline.delivery.throttle = async (ms) => {
        await throttle(ms)
        pauses.push({ ms, rateLimitTtl: await pipeline.container.queues.send.getRateLimitTtl() })
      }
      const before = { throttled: await metric('throttled'), deferred: await metric('deferred') }
      try {
        const releaseId = await publishTestRelease(pipeline, newsroomSlug, {
          versions: { fi: { title: 'Välityspalvelin ruuhkautuu', body: 'Teksti.' } },
        })
        const { db } = pipeline.container.database
        const progress = await untilDeliveryDone(createRepositories(db), releaseId, {
          timeoutMs: DONE_WITHIN_MS,
        })
        const ledger = await deliveryLedger(db, releaseId, pipeline.smtp)
        const throttled = (await metric('throttled')) - before.throttled
        const deferred = (await metric('deferred')) - before.deferred
        console.info(
          `[resilience] SMTP 421 / 451 / 4.7.0 (${kind}): ${replies} temporary replies to ${troubled.size} recipients ` +
            `(${given.closing} × 421, ${given.slowDown} × 451 4.7.0, ${given.retry} × 451 4.3.0) to a ${AUDIENCE}-subscriber send; ` +
            `queue paused ${pauses.length}× for ${FAST_POLICY.throttleMs} ms, ${deferred} deferred; ` +
            `failed ${progress.failed}, lost ${ledger.lost}, duplicates ${ledger.duplicates}`,
        )
        expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, failed: 0 })
        expect(progress.suppressed).toBe(0)
        expect(ledger.lost).toBe(0)
        expect(ledger.duplicates).toBe(0)

        // Throttle observed: each slow-down the sender saw paused the whole send queue in Redis.
        // Every 451 4.7.0 reaches it; a 421 can instead be absorbed by nodemailer's pool, which
        // resends a message whose connection closed (on a new connection, up to 5 times).
        expect(throttled).toBeGreaterThanOrEqual(given.slowDown)
        expect(throttled).toBeLessThanOrEqual(given.slowDown + given.closing)
        expect(pauses).toHaveLength(throttled)
        expect(pauses.every((pause) => pause.ms === FAST_POLICY.throttleMs)).toBe(true)
        expect(pauses.some((pause) => pause.rateLimitTtl > 0)).toBe(true)
        expect(deferred).toBe(given.retry)

        // Each troubled recipient was tried again and is not treated as a bad address.
        const rows = await db
          .selectFrom('deliveries')
          .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
          .select([
            'subscribers.email',
            'subscribers.suppressed_at',
            'deliveries.status',
            'deliveries.attempts',
            'deliveries.smtp_response',
          ])
          .where('deliveries.release_id', '=', releaseId)
          .execute()
        for (const row of rows.filter((r) => troubled.has(r.email))) {
          expect(row).toMatchObject({ status: 'sent', suppressed_at: null })
          expect(row.smtp_response).toMatch(/^250/)
          if (answered451.has(row.email)) expect(row.attempts).toBeGreaterThanOrEqual(2)
        }
        expect(rows.filter((r) => r.suppressed_at !== null)).toEqual([])
      } finally {
        pipeline.smtp.respond = undefined
        pipeline.delivery.throttle = throttle
      }
    },
    DONE_WITHIN_MS + 30_000,
  )

  it(
    'connections dropped mid-DATA: those messages are sent again; duplicates only where the relay had the whole message',
    async () => {
      const cuts = { midData: 0, afterData: 0 }
      const cutFor = new Set<string>()
      // One message is cut off as often as nodemailer's pool resends on its own (1 + 5 tries):
      // the delivery core gets the connection error and runs the batch again later.
      const stubborn = 'desk13@example.fi'
      let stubbornCuts = 0
      pipeline.smtp.cut = ([rcpt]) => {
        if (rcpt === stubborn && stubbornCuts < 6) {
          stubbornCuts++
          cuts.midData++
          return 'mid-data'
        }
        if (cutFor.has(rcpt)) return undefined
        const i = index(rcpt) % 40
        if (i !== 5 && i !== 25) return undefined
        cutFor.add(rcpt)
        if (i === 5) {
          cuts.midData++
          return 'mid-data'
        }
        cuts.afterData++
        return 'after-data'
      }
      try {
        const releaseId = await publishTestRelease(pipeline, newsroomSlug, {
          versions: { fi: { title: 'Yhteys katkeaa kesken viestin', body: 'Teksti.' } },
        })
        const { db } = pipeline.container.database
        const progress = await untilDeliveryDone(createRepositories(db), releaseId, {
          timeoutMs: DONE_WITHIN_MS,
        })
        const ledger = await deliveryLedger(db, releaseId, pipeline.smtp)
        const duplicatedTo = await db
          .selectFrom('deliveries')
          .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
          .select('subscribers.email')
          .where('deliveries.id', 'in', [0, ...ledger.duplicatedDeliveryIds])
          .execute()
        console.info(
          `[resilience] SMTP connection dropped during DATA (${kind}): ${cuts.midData} mid-message, ` +
            `${cuts.afterData} after the whole message, in a ${AUDIENCE}-subscriber send; ` +
            `lost ${ledger.lost}, duplicates ${ledger.duplicates} (bound ${cuts.afterData}, one per drop after DATA)`,
        )
        expect(cuts.midData).toBeGreaterThan(0)
        expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, failed: 0 })
        expect(ledger.lost).toBe(0)
        expect(ledger.duplicates).toBeLessThanOrEqual(cuts.afterData)
        // A message cut off mid-DATA never arrived, so its resend is its only copy.
        expect(duplicatedTo.every(({ email }) => index(email) % 40 === 25)).toBe(true)

        const retried = await db
          .selectFrom('deliveries')
          .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
          .select(['subscribers.email', 'deliveries.status', 'deliveries.attempts'])
          .where('deliveries.release_id', '=', releaseId)
          .where('subscribers.email', 'in', [...cutFor, stubborn])
          .execute()
        expect(retried).toHaveLength(cutFor.size + 1)
        expect(retried.every((row) => row.status === 'sent')).toBe(true)
        expect(retried.find((row) => row.email === stubborn)?.attempts).toBeGreaterThanOrEqual(2)
      } finally {
        pipeline.smtp.cut = undefined
      }
    },
    DONE_WITHIN_MS + 30_000,
  )
})
