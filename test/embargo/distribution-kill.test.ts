/**
 * A worker process killed (SIGKILL) while it distributes a release to subscribers and two media
 * lists, then started again: every address — subscriber, journalist on one list or both, and
 * journalist who also subscribes — gets the release; nothing is lost, and only what the dead
 * worker had claimed may go out twice. Real worker processes, PostgreSQL (both databases with
 * `npm run test:soak`), Redis and an SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { DEFAULT_POLICY } from '../../src/core/delivery/ports.js'
import { createMediaList, importMediaListCsv } from '../../src/core/media-lists/lists.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { contentDeps } from '../../src/wiring/content.js'
import { SYSTEM } from '../helpers/actors.js'
import type { TestApp } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { releaseInput } from '../pipeline/fixtures.js'
import {
  deliveryLedger,
  kindsFor,
  seedAudience,
  startFaultApp,
  untilDelivered,
  workerProcesses,
} from '../resilience/fixtures.js'

const SUBSCRIBERS = 100
/** Journalists on list A (0–149) and list B (100–249): 50 on both, 20 of A also subscribe. */
const ON_A = Array.from({ length: 150 }, (_, i) => i)
const ON_B = Array.from({ length: 150 }, (_, i) => i + 100)
const journalist = (i: number) => (i < 20 ? `tilaaja${i}@example.fi` : `toimittaja${i}@lehti.fi`)
/** 100 subscribers and 250 journalists, 20 of whom are among the subscribers. */
const ADDRESSES = SUBSCRIBERS + 250 - 20
const POOL = 3
const LEASE_SECONDS = 5

describe.each(kindsFor('postgres'))('a worker killed during a distribution (%s)', (kind) => {
  let app: TestApp
  let smtp: TestSmtpServer
  let container: Container
  const workers = workerProcesses(() => ({
    ...app.setup.childEnv,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: String(POOL),
    DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
    LOG_LEVEL: 'info',
  }))

  beforeAll(async () => {
    // A pause before each "250 OK" keeps the send going long enough to be interrupted.
    smtp = await startSmtpServer({ parse: false, delayMs: 15 })
    app = await startFaultApp(kind, smtp)
    container = app.deps
    await seedAudience(container, 'jakelu', SUBSCRIBERS, (i) => `tilaaja${i}@example.fi`)
  }, 120_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
  })

  it('loses nothing, and sends again only what the dead worker had claimed', async () => {
    const deps = contentDeps(container)
    const lists: number[] = []
    for (const [name, members] of [
      ['Päivälehdet', ON_A],
      ['Radio ja tv', ON_B],
    ] as const) {
      const list = await createMediaList(deps, SYSTEM, 'jakelu', { name })
      const csv = ['email,name,language', ...members.map((i) => `${journalist(i)},J ${i},sv`)]
      const report = await importMediaListCsv(deps, SYSTEM, list.id, csv.join('\n'))
      expect(report.imported).toBe(true)
      lists.push(list.id)
    }
    let worker = await workers.start()
    const release = await createRelease(deps, SYSTEM, releaseInput('jakelu'))
    await publishRelease(deps, SYSTEM, release.id, { mediaLists: lists })

    const { db } = container.database
    await eventually(async () => smtp.messageIds.length >= 60, {
      what: '60 messages',
      timeoutMs: 60_000,
    })
    worker.kill('SIGKILL')
    await worker.exited()
    const claimed = await db
      .selectFrom('deliveries')
      .select('id')
      .where('release_id', '=', release.id)
      .where('status', '=', 'sending')
      .execute()
    const sentAtKill = smtp.messageIds.length
    expect(sentAtKill).toBeLessThan(ADDRESSES)

    worker = await workers.start()
    const progress = await untilDelivered(db, release.id)
    const ledger = await deliveryLedger(db, release.id, smtp)
    console.info(
      `[distribution] SIGKILL (${kind}) after ${sentAtKill} of ${ADDRESSES} emails with ` +
        `${claimed.length} deliveries claimed; lost ${ledger.lost}, duplicates ${ledger.duplicates}`,
    )
    expect(progress).toMatchObject({ audience: ADDRESSES, sent: ADDRESSES, done: true })
    expect(ledger.byStatus).toEqual({ sent: ADDRESSES })
    expect(ledger.lost).toBe(0)
    expect(ledger.duplicates).toBeLessThanOrEqual(claimed.length)
    expect(claimed.length).toBeLessThanOrEqual(POOL * DEFAULT_POLICY.claimChunk)
    // Every address got it: subscribers, journalists on either list or both.
    const recipients = new Set(smtp.accepted.map((address) => address.toLowerCase()))
    expect(recipients.size).toBe(ADDRESSES)
    for (const i of [0, 19, 20, 99, 100, 149, 150, 249]) expect(recipients).toContain(journalist(i))
    worker.kill('SIGTERM')
    expect(await worker.exited()).toBe(0)
  }, 180_000)
})
