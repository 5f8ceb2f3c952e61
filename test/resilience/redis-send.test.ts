/**
 * Redis loses everything while a release is being sent: a private redis-server without
 * persistence is restarted, and separately FLUSHALLed. The send jobs waiting in Redis are gone;
 * the delivery rows in the database are not, so the reconciler enqueues what is left and every
 * subscriber still gets the email exactly once. (Losing a *scheduled* publication is covered by
 * redis-restart.test.ts and lost-jobs.test.ts.)
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import { contentDeps } from '../../src/wiring/content.js'
import type { TestSetup } from '../helpers/env.js'
import type { TestApp } from '../helpers/harness.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startRedisServer } from '../helpers/redis-server.js'
import type { RedisServer } from '../helpers/redis-server.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { publishTestRelease } from '../pipeline/fixtures.js'
import {
  deliveredWithinMs,
  deliveryLedger,
  kindsFor,
  recoverAfterFault,
  seedAudience,
  soak,
  startFaultApp,
  untilDelivered,
  workerProcesses,
} from './fixtures.js'

const AUDIENCE = soak ? 10_000 : 2_000

describe.each(kindsFor('sqlite'))('Redis loses its data during a send (%s)', (kind) => {
  let redis: RedisServer
  let app: TestApp
  let setup: TestSetup
  let smtp: TestSmtpServer
  let container: Container
  let worker: ServiceProcess
  let newsroomSlug = ''
  const workers = workerProcesses(() => ({
    ...setup.childEnv,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: '3',
    LOG_LEVEL: 'info',
  }))

  beforeAll(async () => {
    redis = await startRedisServer()
    smtp = await startSmtpServer({ parse: false, delayMs: 2 })
    app = await startFaultApp(kind, smtp, { REDIS_URL: redis.url })
    ;({ setup, deps: container } = app)
    const newsroom = await seedAudience(
      container,
      'redis-katko',
      AUDIENCE,
      (i) => `lukija${i}@example.fi`,
    )
    newsroomSlug = newsroom.slug
    worker = await workers.start()
  }, 120_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
    await redis?.stop()
  })

  const reconcilerRuns = () =>
    worker.output().split('reconciler enqueued deliveries Redis did not have').length - 1

  const sendThrough = async (fault: string, injure: () => Promise<void>) => {
    const runsBefore = reconcilerRuns()
    const releaseId = await publishTestRelease({ content: contentDeps(container) }, newsroomSlug, {
      versions: { fi: { title: `Tiedote: ${fault}`, body: 'Teksti.' } },
    })
    const { db } = container.database
    // A fifth of the audience has the email; most send batches are still waiting in Redis.
    await eventually(
      async () => (await deliveryProgress(createRepositories(db), releaseId)).sent >= AUDIENCE / 5,
      {
        what: 'first fifth sent',
        timeoutMs: 60_000,
      },
    )
    await injure()
    const faultAt = new Date()
    const atFault = await deliveryProgress(createRepositories(db), releaseId)
    const reconciled = await recoverAfterFault({ container, smtp, releaseId, faultAt })
    const progress = await untilDelivered(db, releaseId)
    const ledger = await deliveryLedger(db, releaseId, smtp)
    console.info(
      `[resilience] Redis ${fault} during a ${AUDIENCE}-subscriber send (${kind}): ` +
        `${atFault.sent} sent before it, ${AUDIENCE - atFault.sent} after; ` +
        `lost ${ledger.lost}, duplicates ${ledger.duplicates}` +
        (reconciled ? `; reconciler re-enqueued ${reconciled.batches} batches` : ''),
    )
    expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })
    expect(ledger.subscribersSent).toBe(AUDIENCE)
    expect(ledger.lost).toBe(0)
    expect(ledger.duplicates).toBe(0)
    expect(worker.child.exitCode).toBeNull()
    // Only the reconciler (in the worker's own loop or run on request) could have brought back
    // the batches Redis lost.
    expect(reconcilerRuns()).toBeGreaterThan(runsBefore)
  }

  it(
    'restarted without persistence: every subscriber gets the email once',
    async () => {
      await sendThrough('restart', () => redis.restart())
    },
    deliveredWithinMs + 90_000,
  )

  it(
    'FLUSHALL: every subscriber gets the email once',
    async () => {
      await sendThrough('FLUSHALL', () => redis.flushAll())
    },
    deliveredWithinMs + 90_000,
  )
})
