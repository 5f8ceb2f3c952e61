/**
 * A worker process (`tiedote serve --role worker`) stopped during a 5,000-subscriber send.
 *
 * SIGKILL at random points, several times, each time restarted: every subscriber ends with one
 * `sent` delivery and received the email (0 lost); the only duplicates are messages that were in
 * flight at a kill — at most one claimed chunk per running send job, far below the promised bound
 * of one batch per kill — and each of them is logged by the reconciler.
 *
 * SIGTERM at random points: the worker finishes the chunks it is sending and exits 0 within
 * SHUTDOWN_TIMEOUT_MS (it exits 1 when the bound is exceeded); after a restart 0 lost, 0
 * duplicates.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { DEFAULT_POLICY } from '../../src/core/delivery/ports.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import { contentDeps } from '../../src/wiring/content.js'
import type { TestSetup } from '../helpers/env.js'
import type { TestApp } from '../helpers/harness.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { publishTestRelease } from '../pipeline/fixtures.js'
import {
  deliveredWithinMs,
  deliveryLedger,
  kindsFor,
  loggedPossibleDuplicates,
  randomBetween,
  recoverAfterFault,
  seedAudience,
  soak,
  startFaultApp,
  untilDelivered,
  workerProcesses,
} from './fixtures.js'

const AUDIENCE = soak ? 20_000 : 5_000
const KILLS = soak ? 8 : 3
const TERMS = soak ? 4 : 2
/** SMTP connections, and so send jobs running at once in the worker. */
const POOL = 3
const { batchSize, claimChunk } = DEFAULT_POLICY

describe.each(kindsFor('postgres'))('a worker process stopped during a send (%s)', (kind) => {
  let app: TestApp
  let setup: TestSetup
  let smtp: TestSmtpServer
  let container: Container
  let newsroomSlug = ''
  const workers = workerProcesses(() => ({
    ...setup.childEnv,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: String(POOL),
    LOG_LEVEL: 'info',
  }))

  const publish = (title: string) =>
    publishTestRelease({ content: contentDeps(container) }, newsroomSlug, {
      versions: {
        fi: { title, lead: 'Jakelu keskeytyy ja jatkuu.', body: 'Teksti.' },
        sv: { title: `${title} (sv)`, lead: 'Utskicket avbryts och fortsätter.', body: 'Text.' },
      },
    })

  /** Waits until the SMTP server has stored `more` new messages (any release). */
  const afterMessages = async (more: number) => {
    const target = smtp.messageIds.length + more
    await eventually(async () => smtp.messageIds.length >= target, {
      what: `${more} more messages`,
      timeoutMs: 90_000,
    })
  }

  beforeAll(async () => {
    // A 2 ms pause before each "250 OK" keeps a few messages in flight at every moment.
    smtp = await startSmtpServer({ parse: false, delayMs: 2 })
    app = await startFaultApp(kind, smtp, { SHUTDOWN_TIMEOUT_MS: '8000' })
    ;({ setup, deps: container } = app)
    const newsroom = await seedAudience(
      container,
      'keskeytys',
      AUDIENCE,
      (i) => `toimittaja${i}@example.fi`,
    )
    newsroomSlug = newsroom.slug
  }, 120_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
  })

  it(
    `SIGKILL ${KILLS}× at random points, restarted each time: one sent delivery per subscriber, 0 lost, duplicates only from messages in flight`,
    async () => {
      let worker: ServiceProcess = await workers.start()
      const releaseId = await publish('Jakelu, joka keskeytetään väkisin')
      const { db } = container.database
      const kills: { afterMessages: number; sentRows: number; inFlight: number }[] = []
      let orphaned = 0
      let faultAt = new Date()
      // Random points spread over the send; their sum stays well below the audience so that
      // every kill happens while work is left.
      const most = Math.floor(AUDIENCE / (2 * KILLS))
      for (let k = 0; k < KILLS; k++) {
        const wait = randomBetween(Math.min(150, most), most)
        await afterMessages(wait)
        worker.kill('SIGKILL')
        await worker.exited()
        faultAt = new Date()
        const atKill = await deliveryProgress(createRepositories(db), releaseId)
        // `sending` rows are claimed by a dead process now: this kill's plus earlier kills'.
        kills.push({
          afterMessages: wait,
          sentRows: atKill.sent,
          inFlight: atKill.sending - orphaned,
        })
        orphaned = atKill.sending
        expect(atKill.sent).toBeLessThan(AUDIENCE)
        worker = await workers.start()
      }

      // The worker's own reconcile loop may get there first; the log below counts both.
      await recoverAfterFault({ container, smtp, releaseId, faultAt })
      const progress = await untilDelivered(db, releaseId)
      const ledger = await deliveryLedger(db, releaseId, smtp)
      const logged = loggedPossibleDuplicates(workers.output())

      console.info(
        `[resilience] SIGKILL (${kind}): ${KILLS} kills of the worker during a ${AUDIENCE}-subscriber send ` +
          `(kills after ${kills.map((k) => k.afterMessages).join(', ')} more messages; ` +
          `in flight at each kill: ${kills.map((k) => k.inFlight).join(', ')}); ` +
          `lost ${ledger.lost}, duplicates ${ledger.duplicates} ` +
          `(bound ${KILLS} × batch ${batchSize} = ${KILLS * batchSize}; ` +
          `in flight ${orphaned} ≤ ${KILLS} × ${POOL} jobs × chunk ${claimChunk}), ` +
          `possible duplicates logged ${logged.size}`,
      )
      expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })
      expect(ledger.subscribersSent).toBe(AUDIENCE)
      expect(ledger.byStatus).toEqual({ sent: AUDIENCE })
      expect(ledger.lost).toBe(0)
      expect(ledger.duplicates).toBeLessThanOrEqual(orphaned)
      expect(orphaned).toBeLessThanOrEqual(KILLS * POOL * claimChunk)
      expect(ledger.duplicates).toBeLessThanOrEqual(KILLS * batchSize)
      // Every duplicate was announced in the log before it was sent again.
      for (const id of ledger.duplicatedDeliveryIds) expect(logged).toContain(id)
      expect(logged.size).toBe(orphaned)
      worker.kill('SIGTERM')
      expect(await worker.exited()).toBe(0)
    },
    deliveredWithinMs + KILLS * 90_000,
  )

  it(
    `SIGTERM ${TERMS}× during a send: the worker exits 0 within SHUTDOWN_TIMEOUT_MS; 0 lost, 0 duplicates`,
    async () => {
      let worker: ServiceProcess = await workers.start()
      const releaseId = await publish('Jakelu, joka pysäytetään hallitusti')
      const { db } = container.database
      const bound = setup.config.shutdownTimeoutMs
      const exits: { code: number | null; ms: number }[] = []
      const most = Math.floor(AUDIENCE / (2 * TERMS))
      for (let k = 0; k < TERMS; k++) {
        await afterMessages(randomBetween(Math.min(150, most), most))
        const signalled = Date.now()
        worker.kill('SIGTERM')
        const code = await worker.exited()
        exits.push({ code, ms: Date.now() - signalled })
        // The process ends itself with 1 when shutting down takes longer than the bound.
        expect(code).toBe(0)
        expect(worker.output()).not.toMatch(/shutdown took too long/)
        const atStop = await deliveryProgress(createRepositories(db), releaseId)
        expect(atStop.sending).toBe(0)
        expect(atStop.sent).toBeLessThan(AUDIENCE)
        worker = await workers.start()
      }
      const progress = await untilDelivered(db, releaseId)
      const ledger = await deliveryLedger(db, releaseId, smtp)
      console.info(
        `[resilience] SIGTERM (${kind}): ${TERMS} graceful stops during a ${AUDIENCE}-subscriber send; ` +
          `exit codes ${exits.map((e) => e.code).join(', ')} after ${exits.map((e) => e.ms).join(', ')} ms ` +
          `(bound SHUTDOWN_TIMEOUT_MS=${bound}); lost ${ledger.lost}, duplicates ${ledger.duplicates}`,
      )
      expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })
      expect(ledger.subscribersSent).toBe(AUDIENCE)
      expect(ledger.lost).toBe(0)
      expect(ledger.duplicates).toBe(0)
      worker.kill('SIGTERM')
      expect(await worker.exited()).toBe(0)
    },
    deliveredWithinMs + TERMS * 90_000,
  )
})
