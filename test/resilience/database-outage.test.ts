import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import { contentDeps } from '../../src/wiring/content.js'
import { loadConfig } from '../../src/env.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { freePort, startPostgresServer } from '../helpers/postgres-server.js'
import type { PostgresServer } from '../helpers/postgres-server.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import {
  addManySubscribers,
  createTestNewsroom,
  deletePrefixKeys,
  publishTestRelease,
} from '../pipeline/fixtures.js'
import {
  deliveredWithinMs,
  deliveryLedger,
  recoverAfterFault,
  untilDelivered,
  workerProcesses,
} from './fixtures.js'

/** Polls until the check passes; the bound only stops a broken run from hanging. */
async function eventually<T>(check: () => Promise<T | undefined>, boundMs = 30_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await check().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() - started > boundMs) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 200))
  }
}

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
    await eventually(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined))
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
    await eventually(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined))
    const after = await fetch(`${base}/admin`, { ...sessionCookie, redirect: 'manual' })
    expect(after.status).toBe(303)
    expect(web.output()).not.toMatch(/unhandled|uncaught/i)
  })
})

describe('PostgreSQL stops under a worker process that is sending', () => {
  const AUDIENCE = 600
  const POOL = 3
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
    setup = await createTestSetup('sqlite')
    container = await createContainer(
      loadConfig({ ...setup.childEnv, DATABASE_URL: postgres.url, LOG_LEVEL: 'silent' }),
    )
    await container.database.migrate()
  }, 60_000)
  afterAll(async () => {
    await workers.stopAll()
    if (container) {
      await deletePrefixKeys(container.redis, setup.config.redisPrefix)
      await container.close()
    }
    await smtp?.close()
    postgres?.cleanup()
    await setup?.cleanup()
  })

  it(
    'the worker survives, resumes when the database is back, and every subscriber gets the email',
    async () => {
      const worker = await workers.start()
      const newsroom = await createTestNewsroom(contentDeps(container), 'tietokantakatko')
      const { db } = container.database
      await addManySubscribers(db, new Date().toISOString(), AUDIENCE, newsroom.id, (i) => {
        return `uutisdeski${i}@example.fi`
      })
      const releaseId = await publishTestRelease({ content: contentDeps(container) }, newsroom.slug)
      await smtp.waitFor(AUDIENCE / 6, 60_000)

      postgres.stop()
      const faultAt = new Date()
      const sentDuringOutage = smtp.messageIds.length
      await new Promise((r) => setTimeout(r, 2000))
      expect(worker.child.exitCode).toBeNull()
      postgres.start()

      await recoverAfterFault({ container, smtp, releaseId, faultAt })
      const progress = await untilDelivered(db, releaseId)
      const ledger = await deliveryLedger(db, releaseId, smtp)
      console.info(
        `[resilience] PostgreSQL stopped for 2 s under a worker sending to ${AUDIENCE} ` +
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
