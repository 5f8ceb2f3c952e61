/**
 * A worker process killed mid-send. SIGKILL: nothing is lost, and the only duplicates are the
 * messages that were in flight (counted and printed). SIGTERM: the worker finishes the batches
 * it is sending before it exits, so nothing is lost and nothing is sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { DEFAULT_POLICY } from '../../src/core/delivery/ports.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import { reconcileDeliveries } from '../../src/core/delivery/reconcile.js'
import { contentDeps } from '../../src/wiring/content.js'
import { deliveryDeps } from '../../src/wiring/delivery.js'
import type { TestSetup } from '../helpers/env.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import { addManySubscribers } from '../helpers/subscribers.js'
import { eventually } from '../helpers/wait.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { createTestNewsroom, publishTestRelease, untilDeliveryDone } from './fixtures.js'

const AUDIENCE = 800
const POOL = 3

describe('a worker process stopped mid-send (sqlite)', () => {
  let app: TestApp
  let setup: TestSetup
  let sink: TestSmtpServer
  let web: Container
  let worker: ServiceProcess | undefined
  /** Every worker started, so that a failing test leaves no process behind. */
  const started: ServiceProcess[] = []

  const startWorker = async () => {
    worker = runCli(['serve', '--role', 'worker'], {
      ...setup.childEnv,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: String(POOL),
      LOG_LEVEL: 'info',
    })
    started.push(worker)
    await worker.waitForOutput(/workers started/)
    return worker
  }

  const publish = async (slug: string) => {
    const content = contentDeps(web)
    const newsroom = await createTestNewsroom(content, slug, ['fi'])
    const now = new Date().toISOString()
    await addManySubscribers(
      web.database.db,
      now,
      AUDIENCE,
      newsroom.id,
      (i) => `${slug}${i}@example.fi`,
    )
    return publishTestRelease({ content }, newsroom.slug, {
      versions: { fi: { title: `Tiedote ${slug}`, body: 'Teksti.' } },
    })
  }

  const counts = (prefix: string) => {
    const byAddress = new Map<string, number>()
    for (const to of sink.accepted)
      if (to.startsWith(prefix)) byAddress.set(to, (byAddress.get(to) ?? 0) + 1)
    return byAddress
  }

  beforeAll(async () => {
    // Slow "250 OK": messages stay in flight long enough to be interrupted.
    sink = await startSmtpServer({ parse: false, delayMs: 15 })
    app = await startTestApp('sqlite', {
      smtp: sink,
      env: { SMTP_POOL_SIZE: String(POOL) },
      realTime: true,
    })
    ;({ setup, deps: web } = app)
  })
  afterAll(async () => {
    for (const process of started) {
      if (process.child.exitCode === null && process.child.signalCode === null) {
        process.kill('SIGKILL')
        await process.exited()
      }
    }
    await app?.close()
  })

  it('SIGKILL, restart: every subscriber gets the email, duplicates only from the messages in flight', async () => {
    await startWorker()
    const releaseId = await publish('kill')
    await eventually(async () => counts('kill').size >= 60, { what: 'first sends' })
    worker!.kill('SIGKILL')
    await worker!.exited()
    const atKill = await deliveryProgress(web.repos, releaseId)
    expect(atKill.sent).toBeLessThan(AUDIENCE)

    // The reconciler, as it will run once the in-flight rows are past the sending timeout. It
    // runs before the new worker starts: with a clock moved ahead it would also take the rows a
    // live worker has just claimed for stuck ones.
    const later = { now: () => new Date(Date.now() + DEFAULT_POLICY.sendingTimeoutMs + 60_000) }
    const reconciled = await reconcileDeliveries({
      ...deliveryDeps(web),
      clock: later,
    })
    expect(reconciled.resent).toBe(atKill.sending)
    await startWorker()

    const progress = await untilDeliveryDone(web.repos, releaseId, { timeoutMs: 30_000 })
    expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, failed: 0 })
    const received = counts('kill')
    expect(received.size).toBe(AUDIENCE) // 0 lost
    const duplicates = [...received.values()].reduce((sum, n) => sum + n - 1, 0)
    console.log(
      `SIGKILL mid-send: ${atKill.sent} recorded sent, ${atKill.sending} in flight at the kill; ` +
        `${duplicates} duplicate email(s) after restart; 0 lost`,
    )
    // At most the rows that were claimed and in flight — far less than one batch.
    expect(duplicates).toBeLessThanOrEqual(atKill.sending)
    expect(duplicates).toBeLessThanOrEqual(DEFAULT_POLICY.batchSize)
    worker!.kill('SIGTERM')
    await worker!.exited()
  })

  it('SIGTERM: the worker finishes what it is sending, then exits; after a restart 0 lost, 0 duplicates', async () => {
    await startWorker()
    const releaseId = await publish('term')
    await eventually(async () => counts('term').size >= 60, { what: 'first sends' })
    worker!.kill('SIGTERM')
    expect(await worker!.exited()).toBe(0)
    const atStop = await deliveryProgress(web.repos, releaseId)
    expect(atStop.sending).toBe(0)
    expect(atStop.sent).toBeLessThan(AUDIENCE)

    await startWorker()
    const progress = await untilDeliveryDone(web.repos, releaseId, { timeoutMs: 30_000 })
    expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE })
    const received = counts('term')
    expect(received.size).toBe(AUDIENCE)
    expect([...received.values()].every((n) => n === 1)).toBe(true)
  })
})
