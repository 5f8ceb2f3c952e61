import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startService } from '../../src/main.js'
import { loadConfig } from '../../src/env.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { freePort } from '../helpers/postgres-server.js'
import { runCli } from '../helpers/process.js'
import { eventually } from '../helpers/wait.js'

/** Is a process with this pid running (and not a zombie of ours)? */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('the service', () => {
  const setups: TestSetup[] = []
  afterAll(async () => {
    for (const setup of setups) await setup.cleanup()
  })

  it('reports database and Redis health, 503 when Redis is down', async () => {
    const setup = await createTestSetup('postgres')
    setups.push(setup)
    const up = await startService(setup.config, 'web')
    const port = (up.server!.address() as { port: number }).port
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'ok', database: 'ok', redis: 'ok' })
    await up.stop()

    // A Redis nobody listens on: the service starts (ioredis keeps retrying) but reports it.
    const down = await startService(
      loadConfig({ ...setup.childEnv, REDIS_URL: 'redis://127.0.0.1:1' }),
      'web',
    )
    const downPort = (down.server!.address() as { port: number }).port
    const res = await fetch(`http://127.0.0.1:${downPort}/healthz`)
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ status: 'degraded', database: 'ok', redis: 'down' })
    await down.stop()
  })

  it('keeps /metrics behind METRICS_TOKEN, and a worker serves its own on METRICS_PORT', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const token = 'mittarit-0123456789'
    const metricsPort = await freePort()
    const env = { ...setup.childEnv, METRICS_TOKEN: token, METRICS_PORT: String(metricsPort) }
    const scrape = (port: number, authorization?: string) =>
      fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: authorization ? { authorization } : {},
      })

    const web = await startService(loadConfig(env), 'web')
    const webPort = (web.server!.address() as { port: number }).port
    try {
      const refused = await scrape(webPort)
      expect(refused.status).toBe(401)
      expect(refused.headers.get('www-authenticate')).toContain('Bearer')
      expect(await refused.text()).toContain('METRICS_TOKEN')
      expect((await scrape(webPort, `Bearer ${token}x`)).status).toBe(401)
      const ok = await scrape(webPort, `Bearer ${token}`)
      expect(ok.status).toBe(200)
      expect(await ok.text()).toContain('tiedote_emails_sent_total')
      // Only a worker opens the metrics port; the web process serves /metrics on its own.
      await expect(scrape(metricsPort, `Bearer ${token}`)).rejects.toThrow()
    } finally {
      await web.stop()
    }

    const worker = await startService(loadConfig(env), 'worker')
    try {
      expect(worker.server).toBeUndefined()
      expect((await scrape(metricsPort)).status).toBe(401)
      const ok = await scrape(metricsPort, `Bearer ${token}`)
      expect(ok.status).toBe(200)
      expect(await ok.text()).toContain('tiedote_emails_sent_total')
      const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok', redis: 'ok' })
      // Nothing else is served there.
      expect((await fetch(`http://127.0.0.1:${metricsPort}/fi/`)).status).toBe(404)
    } finally {
      await worker.stop()
    }
    // Stopped: the port is closed again.
    await expect(scrape(metricsPort, `Bearer ${token}`)).rejects.toThrow()

    // A port already taken stops start-up with one clear line, for either server.
    const taken = createServer().listen(metricsPort, '0.0.0.0')
    await new Promise((resolve) => taken.once('listening', resolve))
    try {
      await expect(startService(loadConfig(env), 'worker')).rejects.toThrow(
        `METRICS_PORT=${metricsPort}: cannot listen (EADDRINUSE)`,
      )
      await expect(
        startService(loadConfig({ ...env, PORT: String(metricsPort) }), 'web'),
      ).rejects.toThrow(`PORT=${metricsPort}: cannot listen (EADDRINUSE)`)
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })

  // A build, a first start with the demo (its photos drawn and made into web sizes) and a second
  // start: more than the default 30 s on a busy 2-core machine.
  it('starts from the build on an empty database with a demo newsroom and an admin login, and exits on Ctrl-C', async () => {
    const setup = await createTestSetup('sqlite', { SEED_DEMO: 'true', LOG_LEVEL: 'info' })
    setups.push(setup)
    // What `npm start` does: build dist/, then run it.
    const port = await freePort()
    const proc = runCli(['serve'], { ...setup.childEnv, PORT: String(port) }, { built: true })
    await proc.waitForOutput(/web server listening/)
    expect(proc.output()).toMatch(/password: [a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/)
    expect(proc.output()).toContain('demo newsroom created')
    // Pages, the staff interface's files and the email templates are found from dist/ too.
    const base = `http://127.0.0.1:${port}`
    const page = await fetch(`${base}/fi/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Länsi-Uudenmaan')
    expect((await fetch(`${base}/admin/assets/admin.css`)).status).toBe(200)
    const mail = runCli(['mail', 'test', '--to', 'ops@example.fi'], setup.childEnv, { built: true })
    expect(await mail.exited()).toBe(0)
    const outbox = join(setup.childEnv.DATA_DIR, 'outbox')
    const sent = await eventually(() => {
      const files = existsSync(outbox) ? readdirSync(outbox) : []
      return files
        .map((file) => readFileSync(join(outbox, file), 'utf8'))
        .find((raw) => raw.includes('ops@example.fi'))
    })
    expect(sent).toContain('Subject: Tiedote: test message')
    expect(proc.output()).not.toMatch(/ENOENT|"level":50/)
    proc.kill('SIGINT')
    expect(await proc.exited()).toBe(0)

    // A second start keeps the data: no new admin, no second demo.
    const again = runCli(['serve'], setup.childEnv)
    await again.waitForOutput(/web server listening/)
    expect(again.output()).not.toContain('administrator was created')
    expect(again.output()).not.toContain('demo newsroom created')
    again.kill('SIGTERM')
    expect(await again.exited()).toBe(0)
  }, 90_000)

  it('with ROLE=all runs the workers in a child process: restarted when it dies, stopped with the service', async () => {
    const setup = await createTestSetup('sqlite', { LOG_LEVEL: 'info' })
    setups.push(setup)
    const port = await freePort()
    const proc = runCli(['serve'], { ...setup.childEnv, PORT: String(port) })
    const workerPids = () =>
      proc
        .output()
        .split('\n')
        .filter((line) => line.includes('"worker process started"'))
        .map((line) => (JSON.parse(line) as { pid: number }).pid)
    await proc.waitForOutput(/workers started/, 60_000)
    const [first] = workerPids()
    expect(first).toBeGreaterThan(0)
    expect(first).not.toBe(proc.child.pid)
    expect(isAlive(first)).toBe(true)

    // A worker that dies is started again.
    process.kill(first, 'SIGKILL')
    const second = await eventually(() => workerPids()[1], {
      what: 'a restarted worker process',
      timeoutMs: 30_000,
    })
    expect(second).not.toBe(first)
    await eventually(() => proc.output().split('workers started').length > 2, {
      what: 'the restarted worker ready',
      timeoutMs: 60_000,
    })

    // The service stops its worker (graceful drain) and leaves no process behind.
    proc.kill('SIGTERM')
    expect(await proc.exited()).toBe(0)
    expect(isAlive(second!)).toBe(false)
  }, 120_000)

  it('shuts down cleanly when stopped while still starting', async () => {
    const setup = await createTestSetup('sqlite', { SEED_DEMO: 'true', LOG_LEVEL: 'info' })
    setups.push(setup)
    const proc = runCli(['serve'], setup.childEnv)
    // The first log line comes before the demo is seeded and the server listens.
    await proc.waitForOutput(/database migrated/)
    proc.kill('SIGTERM')
    expect(await proc.exited()).toBe(0)
  })
})
