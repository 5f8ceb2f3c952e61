import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliveryProgress, listDeliveryFailures } from '../../src/core/delivery/progress.js'
import { isSuppressedAddress } from '../../src/core/subscription/suppressions.js'
import { DB_KINDS } from '../helpers/env.js'
import { eventually } from '../helpers/wait.js'
import { freePort } from '../helpers/postgres-server.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import {
  addSubscriber,
  countByRecipient,
  createTestNewsroom,
  publishTestRelease,
  startPipeline,
  untilDeliveryDone,
} from './fixtures.js'
import type { Pipeline } from './fixtures.js'

const HOUR = 3600_000

async function deliveryOf(pipeline: Pipeline, releaseId: number, email: string) {
  return pipeline.container.database.db
    .selectFrom('deliveries')
    .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
    .select([
      'deliveries.status',
      'deliveries.attempts',
      'deliveries.smtp_response',
      'deliveries.next_attempt_at',
    ])
    .where('deliveries.release_id', '=', releaseId)
    .where('subscribers.email', '=', email)
    .executeTakeFirst()
}

describe.each(DB_KINDS)('SMTP failures (%s)', (kind) => {
  let pipeline: Pipeline
  let releaseId: number
  const laterCalls = new Map<string, number>()

  beforeAll(async () => {
    pipeline = await startPipeline(kind)
    pipeline.smtp.respond = (rcpt) => {
      const calls = (laterCalls.get(rcpt) ?? 0) + 1
      laterCalls.set(rcpt, calls)
      if (rcpt === 'busy@example.fi' && calls === 1)
        return { code: 451, message: '4.3.0 Mailbox busy, try again later' }
      if (rcpt === 'always-busy@example.fi')
        return { code: 452, message: '4.2.2 Mailbox temporarily full' }
      if (rcpt === 'spam@example.fi') return { code: 554, message: '5.7.1 Rejected by policy' }
      if (rcpt === 'unknown@example.fi') return { code: 550, message: '5.1.1 User unknown' }
      if (rcpt === 'gone@example.fi') return { code: 550, message: '5.5.0 Mailbox unavailable' }
      return undefined
    }
    const newsroom = await createTestNewsroom(pipeline.content)
    for (const email of [
      'ok@example.fi',
      'busy@example.fi',
      'always-busy@example.fi',
      'spam@example.fi',
      'unknown@example.fi',
      'gone@example.fi',
    ])
      await addSubscriber(pipeline, { email, newsroomIds: [newsroom.id] })
    releaseId = await publishTestRelease(pipeline, newsroom.slug)
    await eventually(
      async () =>
        (await deliveryOf(pipeline, releaseId, 'busy@example.fi'))?.status === 'pending' &&
        (await deliveryOf(pipeline, releaseId, 'always-busy@example.fi'))?.attempts === 1 &&
        (await deliveryOf(pipeline, releaseId, 'gone@example.fi'))?.status === 'suppressed',
      { what: 'first attempts' },
    )
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('5.1.1 and 550 5.5.0 suppress the address; other 5xx fail it; each keeps the reply', async () => {
    expect(await deliveryOf(pipeline, releaseId, 'unknown@example.fi')).toMatchObject({
      status: 'suppressed',
      smtp_response: expect.stringContaining('5.1.1 User unknown'),
    })
    expect(await deliveryOf(pipeline, releaseId, 'gone@example.fi')).toMatchObject({
      status: 'suppressed',
    })
    expect(await deliveryOf(pipeline, releaseId, 'spam@example.fi')).toMatchObject({
      status: 'failed',
      smtp_response: expect.stringContaining('554 5.7.1'),
    })
    const { db } = pipeline.container.database
    const subscribers = await db
      .selectFrom('subscribers')
      .select(['email', 'suppressed_at', 'suppression_reason'])
      .where('email', 'in', ['unknown@example.fi', 'gone@example.fi', 'spam@example.fi'])
      .orderBy('email')
      .execute()
    expect(subscribers.map((s) => [s.email, s.suppression_reason])).toEqual([
      ['gone@example.fi', 'hard-bounce'],
      ['spam@example.fi', null],
      ['unknown@example.fi', 'hard-bounce'],
    ])
    const secret = pipeline.setup.config.secretKey
    expect(await isSuppressedAddress(createRepositories(db), secret, 'unknown@example.fi')).toBe(
      true,
    )
    expect(await isSuppressedAddress(createRepositories(db), secret, 'spam@example.fi')).toBe(false)

    const failures = await listDeliveryFailures(createRepositories(db), releaseId)
    expect(failures.map((f) => [f.email, f.status]).sort()).toEqual([
      ['gone@example.fi', 'suppressed'],
      ['spam@example.fi', 'failed'],
      ['unknown@example.fi', 'suppressed'],
    ])
    expect(failures.every((f) => f.smtpResponse?.startsWith('5'))).toBe(true)
  })

  it('a 4xx is retried after the back-off and then delivered, once', async () => {
    const busy = await deliveryOf(pipeline, releaseId, 'busy@example.fi')
    expect(busy).toMatchObject({ status: 'pending', attempts: 1 })
    expect(busy?.smtp_response).toContain('451 4.3.0')
    expect(countByRecipient(pipeline.smtp).get('busy@example.fi')).toBeUndefined()

    pipeline.clock.advance(1000)
    await eventually(
      async () => (await deliveryOf(pipeline, releaseId, 'busy@example.fi'))?.status === 'sent',
      { what: 'retried delivery' },
    )
    expect(await deliveryOf(pipeline, releaseId, 'busy@example.fi')).toMatchObject({
      attempts: 2,
      next_attempt_at: null,
    })
    expect(countByRecipient(pipeline.smtp).get('busy@example.fi')).toBe(1)
    expect(countByRecipient(pipeline.smtp).get('ok@example.fi')).toBe(1)
  })

  it('a 4xx that lasts beyond 48 hours becomes a failure, and the release is delivered', async () => {
    expect((await deliveryProgress(pipeline.container.repos, releaseId)).done).toBe(false)
    pipeline.clock.advance(49 * HOUR)
    const progress = await untilDeliveryDone(pipeline.container.repos, releaseId)
    expect(progress).toMatchObject({ audience: 6, sent: 2, failed: 2, suppressed: 2, pending: 0 })
    const row = await deliveryOf(pipeline, releaseId, 'always-busy@example.fi')
    expect(row?.status).toBe('failed')
    expect(row?.smtp_response).toMatch(/^gave up after 48 h: 452 4\.2\.2/)
  })
})

describe.each(DB_KINDS)('a throttling relay (%s)', (kind) => {
  let pipeline: Pipeline
  const throttles: number[] = []
  let refused = 0

  beforeAll(async () => {
    pipeline = await startPipeline(kind)
    const throttle = pipeline.delivery.throttle
    pipeline.delivery.throttle = async (ms) => {
      throttles.push(ms)
      await throttle(ms)
    }
    // The relay says "slow down" to the first three messages, then accepts everything.
    pipeline.smtp.respond = () => {
      if (refused >= 3) return undefined
      refused++
      return { code: 421, message: '4.7.0 Too many messages, slow down' }
    }
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('421 / 4.7.x pauses the whole send queue, then everything is delivered exactly once', async () => {
    const newsroom = await createTestNewsroom(pipeline.content)
    for (let i = 0; i < 12; i++)
      await addSubscriber(pipeline, { email: `reader${i}@example.fi`, newsroomIds: [newsroom.id] })
    const releaseId = await publishTestRelease(pipeline, newsroom.slug)
    await eventually(async () => throttles.length > 0, { what: 'throttle' })
    expect(throttles[0]).toBe(400)
    const progress = await untilDeliveryDone(pipeline.container.repos, releaseId)
    expect(progress).toMatchObject({ audience: 12, sent: 12, failed: 0 })
    const counts = countByRecipient(pipeline.smtp)
    expect([...counts.values()]).toEqual(Array(12).fill(1))
  })
})

describe('an unreachable relay (sqlite)', () => {
  let pipeline: Pipeline
  let sink: TestSmtpServer | undefined
  let port: number

  beforeAll(async () => {
    port = await freePort()
    pipeline = await startPipeline('sqlite', { env: { SMTP_URL: `smtp://127.0.0.1:${port}` } })
  })
  afterAll(async () => {
    await pipeline.close()
    await sink?.close()
  })

  it('keeps the batch and delivers everything once the relay is back', async () => {
    const newsroom = await createTestNewsroom(pipeline.content)
    for (let i = 0; i < 5; i++)
      await addSubscriber(pipeline, { email: `desk${i}@example.fi`, newsroomIds: [newsroom.id] })
    const releaseId = await publishTestRelease(pipeline, newsroom.slug)
    const { db } = pipeline.container.database
    await eventually(
      async () => {
        const rows = await db
          .selectFrom('deliveries')
          .select(['attempts', 'smtp_response'])
          .where('release_id', '=', releaseId)
          .where('attempts', '>', 1)
          .execute()
        return rows.length > 0 && rows[0].smtp_response?.includes('ECONNREFUSED')
      },
      { what: 'failed connection attempts' },
    )
    expect((await deliveryProgress(createRepositories(db), releaseId)).sent).toBe(0)

    sink = await startSmtpServer({ parse: false, port })
    const progress = await untilDeliveryDone(createRepositories(db), releaseId)
    expect(progress).toMatchObject({ audience: 5, sent: 5, failed: 0 })
    expect(sink.accepted.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `desk${i}@example.fi`))
  })
})
