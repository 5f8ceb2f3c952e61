/**
 * A worker process (`tiedote serve --role worker`) killed with SIGKILL while a release goes out
 * to subscribers and two media lists. A new worker finishes the send without help from the test:
 * every address (subscribers, list contacts, an address that is both, a contact on both lists)
 * gets the release, none is lost, and the only duplicates are deliveries the killed worker had
 * claimed — the bound of the worker-crash test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { DEFAULT_POLICY } from '../../src/core/delivery/ports.js'
import { addMediaContact, createMediaList } from '../../src/core/media-lists/lists.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { contentDeps } from '../../src/wiring/content.js'
import { SYSTEM } from '../helpers/actors.js'
import type { TestSetup } from '../helpers/env.js'
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

const SUBSCRIBERS = 300
/** Contacts 0–149 on one list, 100–249 on the other; 0–49 are subscribers' addresses too. */
const CONTACTS = 250
const ALSO_SUBSCRIBED = 50
const POOL = 3
const LEASE_SECONDS = 5
const { claimChunk } = DEFAULT_POLICY

const subscriberEmail = (i: number) => `tilaaja${i}@example.fi`
const contactEmail = (i: number) =>
  i < ALSO_SUBSCRIBED ? subscriberEmail(i).toUpperCase() : `toimittaja${i}@lehti.fi`

describe.each(kindsFor('postgres'))('a worker killed mid-distribution (%s)', (kind) => {
  let app: TestApp
  let setup: TestSetup
  let smtp: TestSmtpServer
  let container: Container
  const workers = workerProcesses(() => ({
    ...setup.childEnv,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: String(POOL),
    DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
    LOG_LEVEL: 'info',
  }))

  beforeAll(async () => {
    // A pause before each "250 OK" keeps messages in flight when the worker is killed.
    smtp = await startSmtpServer({ parse: false, delayMs: 10 })
    app = await startFaultApp(kind, smtp)
    ;({ setup, deps: container } = app)
    await seedAudience(container, 'jakelu', SUBSCRIBERS, subscriberEmail)
  }, 120_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
  })

  it('SIGKILL while list contacts are being sent, restarted: every address gets it, duplicates only from claimed rows', async () => {
    const deps = contentDeps(container)
    const dailies = await createMediaList(deps, SYSTEM, 'jakelu', { name: 'Päivälehdet' })
    const radio = await createMediaList(deps, SYSTEM, 'jakelu', { name: 'Radio' })
    for (let i = 0; i < CONTACTS; i++) {
      const contact = { email: contactEmail(i), name: `Toimittaja ${i}` }
      if (i < 150) await addMediaContact(deps, SYSTEM, dailies.id, contact)
      if (i >= 100) await addMediaContact(deps, SYSTEM, radio.id, contact)
    }
    const expected = new Set([
      ...Array.from({ length: SUBSCRIBERS }, (_, i) => subscriberEmail(i)),
      ...Array.from({ length: CONTACTS }, (_, i) => contactEmail(i).toLowerCase()),
    ])
    expect(expected.size).toBe(SUBSCRIBERS + CONTACTS - ALSO_SUBSCRIBED)

    const worker = await workers.start()
    const release = await createRelease(deps, SYSTEM, releaseInput('jakelu'))
    await publishRelease(deps, SYSTEM, release.id, { mediaLists: [dailies.id, radio.id] })
    const { db } = container.database
    const contactRowsSent = async () =>
      (
        await db
          .selectFrom('deliveries')
          .select('id')
          .where('release_id', '=', release.id)
          .where('media_contact_id', 'is not', null)
          .where('status', '=', 'sent')
          .execute()
      ).length
    // Killed once some journalists have been sent the release and most have not.
    await eventually(async () => (await contactRowsSent()) >= 20, {
      what: '20 list contacts sent',
      timeoutMs: 90_000,
    })
    worker.kill('SIGKILL')
    await worker.exited()
    const claimed = await db
      .selectFrom('deliveries')
      .select('id')
      .where('release_id', '=', release.id)
      .where('status', '=', 'sending')
      .execute()
    const sentAtKill = await contactRowsSent()
    expect(sentAtKill).toBeLessThan(CONTACTS - ALSO_SUBSCRIBED)

    const restarted = await workers.start()
    await untilDelivered(db, release.id)
    const ledger = await deliveryLedger(db, release.id, smtp)
    console.info(
      `[resilience] SIGKILL (${kind}) during distribution to ${expected.size} addresses ` +
        `(${sentAtKill} list contacts sent at the kill, ${claimed.length} claimed); ` +
        `lost ${ledger.lost}, duplicates ${ledger.duplicates} ` +
        `(bound ${POOL} jobs × chunk ${claimChunk} = ${POOL * claimChunk})`,
    )
    expect(ledger.audience).toBe(expected.size)
    expect(ledger.byStatus).toEqual({ sent: expected.size })
    expect(ledger.lost).toBe(0)
    expect(new Set(smtp.accepted.map((to) => to.toLowerCase()))).toEqual(expected)
    expect(ledger.duplicates).toBeLessThanOrEqual(claimed.length)
    expect(claimed.length).toBeLessThanOrEqual(POOL * claimChunk)
    restarted.kill('SIGTERM')
    expect(await restarted.exited()).toBe(0)
  }, 240_000)
})
