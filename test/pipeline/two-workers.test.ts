/**
 * Two worker processes (`tiedote serve --role worker`) on one database and one Redis share a
 * send: they take its batches from the same queue and claim deliveries with conditional
 * updates, so every subscriber gets the release exactly once and both processes send some of it.
 * (How fast two are together is measured by `npm run bench -- send --workers 2`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { contentDeps } from '../../src/wiring/content.js'
import { DB_KINDS } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import type { TestApp } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import {
  deliveryLedger,
  seedAudience,
  startFaultApp,
  untilDelivered,
  workerProcesses,
} from '../resilience/fixtures.js'
import { publishTestRelease } from './fixtures.js'

const AUDIENCE = 3_000

describe.each(DB_KINDS)('two worker processes share one send (%s)', (kind) => {
  let app: TestApp
  let setup: TestSetup
  let smtp: TestSmtpServer
  let container: Container
  let newsroomSlug = ''
  const address = (i: number) => `lukija${i}@example.fi`
  const workers = workerProcesses(() => ({
    ...setup.childEnv,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: '3',
    LOG_LEVEL: 'info',
  }))

  beforeAll(async () => {
    // A 1 ms pause before each "250 OK" keeps messages in flight, so both workers get work.
    smtp = await startSmtpServer({ parse: false, delayMs: 1 })
    app = await startFaultApp(kind, smtp)
    ;({ setup, deps: container } = app)
    const newsroom = await seedAudience(container, 'kaksi-tyontekijaa', AUDIENCE, address)
    newsroomSlug = newsroom.slug
  }, 120_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
  })

  it('sends every address exactly once, and both processes send', async () => {
    const first = await workers.start()
    const second = await workers.start()
    const releaseId = await publishTestRelease({ content: contentDeps(container) }, newsroomSlug, {
      versions: {
        fi: { title: 'Kaksi lähettäjää', lead: 'Yksi tiedote, kaksi prosessia.', body: 'Teksti.' },
      },
    })
    const { db } = container.database
    const progress = await untilDelivered(db, releaseId)
    expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })

    const ledger = await deliveryLedger(db, releaseId, smtp)
    expect(ledger.byStatus).toEqual({ sent: AUDIENCE })
    expect(ledger.lost).toBe(0)
    expect(ledger.duplicates).toBe(0)
    const received = [...smtp.accepted].sort()
    const expected = Array.from({ length: AUDIENCE }, (_, i) => address(i)).sort()
    expect(received).toEqual(expected)

    // Each process claimed deliveries under its own id.
    const claimers = await db
      .selectFrom('deliveries')
      .select('claimed_by')
      .distinct()
      .where('release_id', '=', releaseId)
      .execute()
    expect(claimers.length).toBe(2)

    first.kill('SIGTERM')
    second.kill('SIGTERM')
    expect(await first.exited()).toBe(0)
    expect(await second.exited()).toBe(0)
  }, 180_000)
})
