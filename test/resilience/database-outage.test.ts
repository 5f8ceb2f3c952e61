import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { contentDeps } from '../../src/wiring/content.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import type { TestApp } from '../helpers/harness.js'
import { freePort, startPostgresServer } from '../helpers/postgres-server.js'
import type { PostgresServer } from '../helpers/postgres-server.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { publishTestRelease } from '../pipeline/fixtures.js'
import {
  deliveredWithinMs,
  deliveryLedger,
  recoverAfterFault,
  seedAudience,
  startFaultApp,
  untilDelivered,
  workerProcesses,
} from './fixtures.js'

/** Waits until the web process answers its health check (it may not listen yet). */
const untilHealthy = (base: string) =>
  eventually(
    () =>
      fetch(`${base}/healthz`).then(
        (res) => res.ok,
        () => false,
      ),
    {
      timeoutMs: 30_000,
      what: 'a healthy web process',
      intervalMs: 200,
    },
  )

describe('PostgreSQL stops under the web process', () => {
  let setup: TestSetup
  let postgres: PostgresServer
  let web: ServiceProcess
  let base = ''

  beforeAll(async () => {
    postgres = await startPostgresServer()
    const port = await freePort()
    setup = await createTestSetup('sqlite')
    web = runCli(['serve', '--role', 'web'], {
      ...setup.childEnv,
      DATABASE_URL: postgres.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    })
    base = `http://127.0.0.1:${port}`
    await untilHealthy(base)
  })
  afterAll(async () => {
    web?.kill('SIGTERM')
    await web?.exited()
    postgres?.cleanup()
    await setup?.cleanup()
  })

  it('answers 503 with a readable page while the database is away, and recovers by itself', async () => {
    const sessionCookie = { headers: { cookie: 'tiedote_session=not-a-real-session' } }
    expect((await fetch(`${base}/admin`, { ...sessionCookie, redirect: 'manual' })).status).toBe(
      303,
    )

    postgres.stop()

    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({ database: 'down', redis: 'ok' })

    const page = await fetch(`${base}/admin`, {
      headers: { ...sessionCookie.headers, 'accept-language': 'sv' },
      redirect: 'manual',
    })
    expect(page.status).toBe(503)
    expect(page.headers.get('retry-after')).toBeTruthy()
    const html = await page.text()
    expect(html).toContain('lang="sv"')
    expect(html).toContain('Tjänsten är tillfälligt ur bruk')
    expect(html).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|Error:/)

    const api = await fetch(`${base}/api/v1/openapi.json`)
    expect(api.status).toBe(200)

    postgres.start()
    await untilHealthy(base)
    const after = await fetch(`${base}/admin`, { ...sessionCookie, redirect: 'manual' })
    expect(after.status).toBe(303)
    expect(web.output()).not.toMatch(/unhandled|uncaught/i)
  })
})

describe('PostgreSQL stops under a worker process that is sending', () => {
  const AUDIENCE = 600
  const POOL = 3
  let app: TestApp
  let setup: TestSetup
  let postgres: PostgresServer
  let smtp: TestSmtpServer
  let container: Container
  const workers = workerProcesses(() => ({
    ...setup.childEnv,
    DATABASE_URL: postgres.url,
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: String(POOL),
    LOG_LEVEL: 'info',
  }))

  beforeAll(async () => {
    postgres = await startPostgresServer()
    // A slow "250 OK" keeps the send going while the database is stopped.
    smtp = await startSmtpServer({ parse: false, delayMs: 25 })
    app = await startFaultApp('sqlite', smtp, { DATABASE_URL: postgres.url })
    ;({ setup, deps: container } = app)
  }, 60_000)
  afterAll(async () => {
    await workers.stopAll()
    await app?.close()
    postgres?.cleanup()
  })

  it(
    'the worker survives, resumes when the database is back, and every subscriber gets the email',
    async () => {
      const worker = await workers.start()
      const newsroom = await seedAudience(container, 'tietokantakatko', AUDIENCE, (i) => {
        return `uutisdeski${i}@example.fi`
      })
      const { db } = container.database
      const releaseId = await publishTestRelease({ content: contentDeps(container) }, newsroom.slug)
      await smtp.waitFor(AUDIENCE / 6, 60_000)

      postgres.stop()
      const faultAt = new Date()
      const sentDuringOutage = smtp.messageIds.length
      // The worker has run into the outage: the relay accepted emails it could not record.
      await worker.waitForOutput(/could not record emails the relay accepted; retrying/, 30_000)
      const outageMs = Date.now() - faultAt.getTime()
      expect(worker.child.exitCode).toBeNull()
      postgres.start()

      await recoverAfterFault({ container, smtp, releaseId, faultAt })
      const progress = await untilDelivered(db, releaseId)
      const ledger = await deliveryLedger(db, releaseId, smtp)
      console.info(
        `[resilience] PostgreSQL stopped for ${outageMs} ms under a worker sending to ${AUDIENCE} ` +
          `(${sentDuringOutage} received before the stop): worker kept running; ` +
          `lost ${ledger.lost}, duplicates ${ledger.duplicates}`,
      )
      expect(progress).toMatchObject({ audience: AUDIENCE, sent: AUDIENCE, done: true })
      expect(ledger.lost).toBe(0)
      // The worker never died: what the relay accepted during the stop is recorded once the
      // database is back, not sent again.
      expect(ledger.duplicates).toBe(0)
      expect(worker.output()).toMatch(/could not record emails the relay accepted; retrying/)
      expect(worker.child.exitCode).toBeNull()
      expect(worker.output()).not.toMatch(/unhandled|uncaught/i)
    },
    deliveredWithinMs + 60_000,
  )
})
