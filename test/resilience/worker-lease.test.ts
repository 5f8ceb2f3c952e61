/**
 * Leases: a worker process killed (SIGKILL) mid-send leaves the deliveries it had claimed
 * `sending`. It renews their lease no more, so once the lease lapses a live worker's own
 * reconciler — nothing done by the test — sends them again: within 90 s of the death, each
 * logged as a possible duplicate, none lost, and no more duplicates than were on the wire.
 * The lease is short here (DELIVERY_LEASE_SECONDS) to keep the test quick; the bound holds
 * for the default too (docs/resilience.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { contentDeps } from '../../src/wiring/content.js'
import type { TestSetup } from '../helpers/env.js'
import type { TestApp } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { publishTestRelease } from '../pipeline/fixtures.js'
import {
  deliveredWithinMs,
  deliveryLedger,
  kindsFor,
  loggedPossibleDuplicates,
  seedAudience,
  startFaultApp,
  untilDelivered,
  workerProcesses,
} from './fixtures.js'

const AUDIENCE = 400
const POOL = 2
const LEASE_SECONDS = 5
/** The promise of issue #20: a dead worker's claimed deliveries go out again within 90 s. */
const RESENT_WITHIN_MS = 90_000

describe.each(kindsFor('sqlite'))('a dead worker’s claimed deliveries (%s)', (kind) => {
  let app: TestApp
  let setup: TestSetup
  let smtp: TestSmtpServer
  let container: Container
  let newsroomSlug = ''
  const workers = workerProcesses(() => ({
    ...setup.childEnv,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: String(POOL),
    DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
    LOG_LEVEL: 'info',
  }))

  beforeAll(async () => {
    // A slow "250 OK" keeps several messages in flight at every moment.
    smtp = await startSmtpServer({ parse: false, delayMs: 20 })
    app = await startFaultApp(kind, smtp)
    ;({ setup, deps: container } = app)
    newsroomSlug = (await seedAudience(container, 'vuokra', AUDIENCE, (i) => `desk${i}@example.fi`))
      .slug
  }, 60_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
  })

  it(
    `SIGKILL mid-send: a live worker resends the claimed deliveries within ${RESENT_WITHIN_MS / 1000} s once the lease lapses`,
    async () => {
      const doomed = await workers.start()
      const releaseId = await publishTestRelease({ content: contentDeps(container) }, newsroomSlug)
      await smtp.waitFor(AUDIENCE / 4, 60_000)
      doomed.kill('SIGKILL')
      await doomed.exited()
      const diedAt = Date.now()
      const receivedAtKill = smtp.messageIds.length

      const { db } = container.database
      const claimed = (
        await db
          .selectFrom('deliveries')
          .select('id')
          .where('release_id', '=', releaseId)
          .where('status', '=', 'sending')
          .execute()
      ).map((row) => row.id)
      expect(claimed.length).toBeGreaterThan(0)

      const survivor = await workers.start()
      await eventually(
        async () => {
          const open = await db
            .selectFrom('deliveries')
            .select('id')
            .where('id', 'in', claimed)
            .where('status', '!=', 'sent')
            .execute()
          return open.length === 0
        },
        { what: 'the dead worker’s deliveries sent again', timeoutMs: RESENT_WITHIN_MS },
      )
      const resentAfterMs = Date.now() - diedAt
      const progress = await untilDelivered(db, releaseId)
      const deliveredAfterMs = Date.now() - diedAt
      const ledger = await deliveryLedger(db, releaseId, smtp)
      const logged = loggedPossibleDuplicates(workers.output())

      console.info(
        `[resilience] lease ${LEASE_SECONDS} s (${kind}): worker killed after ${receivedAtKill} ` +
          `of ${AUDIENCE} emails with ${claimed.length} deliveries claimed; resent ${resentAfterMs} ms after it, ` +
          `release delivered ${deliveredAfterMs} ms after it; lost ${ledger.lost}, ` +
          `duplicates ${ledger.duplicates} (bound ${claimed.length}), possible duplicates logged ${logged.size}`,
      )
      expect(resentAfterMs).toBeLessThanOrEqual(RESENT_WITHIN_MS)
      expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })
      expect(ledger.lost).toBe(0)
      expect(ledger.duplicates).toBeLessThanOrEqual(claimed.length)
      // Each was announced in the survivor's log before it went out again.
      expect([...logged].sort((a, b) => a - b)).toEqual([...claimed].sort((a, b) => a - b))
      for (const id of ledger.duplicatedDeliveryIds) expect(logged).toContain(id)
      expect(survivor.output()).toMatch(/possible duplicate/)
      survivor.kill('SIGTERM')
      expect(await survivor.exited()).toBe(0)
    },
    RESENT_WITHIN_MS + deliveredWithinMs + 60_000,
  )
})
