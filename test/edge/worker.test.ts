/**
 * The public side on the Workers runtime: `wrangler dev --local` runs src/entry/cloudflare.ts
 * in workerd against the same PostgreSQL schema the Node service uses (Hyperdrive's local
 * connection string). Releases are published through the Node API and read from the Worker;
 * a subscription made on the Worker is confirmed by a mail the Node worker sends.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import { createApiToken } from '../../src/core/auth/users.js'
import { loadConfig, testEnv } from '../../src/env.js'
import { startWorkers } from '../../workers/index.js'
import type { Workers } from '../../workers/index.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { freePort } from '../helpers/postgres-server.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'

const root = join(import.meta.dirname, '..', '..')

/** A PostgreSQL ErrorResponse: FATAL 57P03, as a server that is shutting down answers. */
function shuttingDown(): Buffer {
  const fields = ['SFATAL', 'VFATAL', 'C57P03', 'Mthe database system is shutting down']
  const body = Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`)), Buffer.from([0])])
  const head = Buffer.alloc(5)
  head.write('E', 0)
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

/**
 * A TCP relay to PostgreSQL that the test can cut and restore: the database goes away for the
 * Worker only (the Node side keeps its own connection). Cut, it closes open connections and
 * answers new ones as a PostgreSQL server that is shutting down does, closing them in good order
 * (resets would bring down wrangler's local Hyperdrive proxy, which production does not have).
 */
async function startRelay(target: URL) {
  const [host, targetPort] = [target.hostname, Number(target.port || 5432)]
  const sockets = new Set<Socket>()
  let cut = false
  const server = createServer((client) => {
    client.on('error', () => client.destroy())
    if (cut) {
      client.once('data', () => client.end(shuttingDown()))
      return
    }
    const upstream = connect(targetPort, host)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: () => (server.address() as { port: number }).port,
    cut() {
      cut = true
      for (const s of sockets) s.end()
    },
    restore() {
      cut = false
    },
    close() {
      // Whatever still holds a connection (a workerd outliving wrangler) must not keep it open.
      for (const s of sockets) s.destroy()
      return new Promise((r) => server.close(r))
    },
  }
}

/**
 * Stops a `wrangler dev` and the processes it started (its process group): SIGTERM, then SIGKILL
 * if it is still there after 5 s. A child already gone (exitCode, or signalCode when a signal
 * ended it) is left alone.
 */
async function stopGroup(child: ChildProcess) {
  const pid = child.pid
  // Without a pid (spawn failed) there is nothing to stop; -0 would be this test's own group.
  if (pid === undefined) return
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name)
    } catch {
      // The group is gone already.
    }
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r))
    signal('SIGTERM')
    const late = setTimeout(() => signal('SIGKILL'), 5_000)
    await exited
    clearTimeout(late)
  }
  // The CLI or workerd may outlive wrangler's first process; nothing of the group stays.
  signal('SIGKILL')
}

describe('the public side on Cloudflare Workers (wrangler dev --local)', () => {
  let setup: TestSetup
  let smtp: TestSmtpServer
  let deps: Container
  let workers: Workers
  let node: ReturnType<typeof createApp>
  let wranglerOutput: () => string = () => ''
  let relay: Awaited<ReturnType<typeof startRelay>>
  const stateDirs: string[] = []
  const stopped: ChildProcess[] = []

  /** `wrangler dev --local` on a port with these variables; resolves once it answers. */
  async function startWrangler(port: number, database: URL, vars: Record<string, string>) {
    const stateDir = mkdtempSync(join(tmpdir(), 'tiedote-wrangler-'))
    stateDirs.push(stateDir)
    const child = spawn(
      join(root, 'node_modules', '.bin', 'wrangler'),
      [
        'dev',
        '--local',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--persist-to',
        stateDir,
        ...Object.entries({ ...vars, LOG_LEVEL: 'warn' }).flatMap(([k, v]) => [
          '--var',
          `${k}:${v}`,
        ]),
      ],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: stateDir,
          WRANGLER_SEND_METRICS: 'false',
          CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: database.toString(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: wrangler's bin runs the CLI as a second process, which runs
        // workerd as a third, so only a signal to the group reaches all of them.
        detached: true,
      },
    )
    stopped.push(child)
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`wrangler exited:\n${output}`)
        return (
          (await fetch(`http://127.0.0.1:${port}/robots.txt`).catch(() => undefined)) !== undefined
        )
      },
      { timeoutMs: 60_000, what: () => `wrangler dev to answer:\n${output}`, intervalMs: 100 },
    )
    return { child, output: () => output }
  }
  let edge = ''
  let token = ''
  let coldStartMs = 0

  async function api(method: string, path: string, body?: unknown) {
    const res = await node.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as Record<string, unknown>
    if (res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    const port = await freePort()
    edge = `http://127.0.0.1:${port}`
    setup = await createTestSetup('postgres', { PUBLIC_URL: edge, SMTP_URL: smtp.url })
    deps = await createContainer(loadConfig(setup.childEnv))
    await deps.database.migrate()
    node = createApp(deps)
    workers = startWorkers(deps)
    token = (
      await createApiToken(createRepositories(deps.database.db), deps.clock, { name: 'edge test' })
    ).token

    const schema = new URL(setup.database.url).searchParams.get('schema') ?? ''
    const database = new URL(testEnv.databaseUrl())
    // Hyperdrive's local mode wants a password in the URL even where the server trusts.
    database.password ||= 'local'
    relay = await startRelay(database)
    database.host = `127.0.0.1:${relay.port()}`
    const started = performance.now()
    wranglerOutput = (
      await startWrangler(port, database, {
        PUBLIC_URL: edge,
        SECRET_KEY: setup.config.secretKey,
        DB_SCHEMA: schema,
      })
    ).output
    coldStartMs = Math.round(performance.now() - started)
    console.info(`wrangler dev answered after ${coldStartMs} ms`)
  }, 90_000)

  afterAll(async () => {
    // Every step is bounded and they run side by side: a teardown that hangs would take the whole
    // test worker, and the files sharing it, down with it. Each step says how long it took, so a
    // slow one is named in the output.
    const bounded = async (what: string, step: () => Promise<unknown> | undefined) => {
      const started = performance.now()
      const timeout = new Promise<'late'>((r) => setTimeout(() => r('late'), 15_000).unref())
      const outcome = await Promise.race([
        Promise.resolve()
          .then(step)
          .catch(() => 'failed'),
        timeout,
      ])
      const ms = Math.round(performance.now() - started)
      if (outcome === 'late' || outcome === 'failed' || ms > 5_000)
        console.warn(
          `edge test teardown: ${what} ${outcome === 'late' ? 'gave up after' : 'took'} ${ms} ms`,
        )
    }
    await Promise.all(
      stopped.map((child, i) => bounded(`wrangler ${i + 1}`, () => stopGroup(child))),
    )
    await bounded('workers', () => workers?.close())
    // The container closes the mail pool, which the SMTP sink waits for before it closes.
    await bounded('container', () => deps?.close())
    await Promise.all([
      bounded('smtp', () => smtp?.close()),
      bounded('relay', () => relay?.close()),
    ])
    await bounded('setup', () => setup?.cleanup())
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true })
  }, 90_000)

  it('serves what the Node API publishes — pages, feeds, sitemap — and shows the next publication at once', async () => {
    await api('POST', '/newsrooms', {
      slug: 'lansi-uusimaa',
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
      languages: ['fi', 'sv'],
      timezone: 'Europe/Helsinki',
    })
    const first = await api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      type: 'press-release',
      keywords: ['sote'],
      versions: {
        fi: {
          title: 'Lohjan sairaalan päivystys laajenee',
          lead: 'Päivystys palvelee ympäri vuorokauden.',
          body: 'Uudet tilat otetaan käyttöön syksyllä.',
        },
        sv: {
          title: 'Jouren vid Lojo sjukhus utvidgas',
          lead: 'Jouren betjänar dygnet runt.',
          body: 'De nya lokalerna tas i bruk i höst.',
        },
      },
    })
    const hidden = await fetch(`${edge}/fi/lansi-uusimaa/lohjan-sairaalan-paivystys-laajenee`)
    expect(hidden.status).toBe(404)

    await api('POST', `/releases/${first.id}/publish`, {})
    const page = await fetch(`${edge}/fi/lansi-uusimaa/lohjan-sairaalan-paivystys-laajenee`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Lohjan sairaalan päivystys laajenee')
    expect(html).toContain('hreflang="sv"')
    expect(page.headers.get('content-security-policy')).toBeTruthy()

    const sv = await fetch(`${edge}/sv/lansi-uusimaa/jouren-vid-lojo-sjukhus-utvidgas`)
    expect(await sv.text()).toContain('Jouren vid Lojo sjukhus utvidgas')

    const feedUrl = `${edge}/feeds/lansi-uusimaa.rss?lang=fi`
    let t0 = performance.now()
    const feed = await fetch(feedUrl)
    const missMs = performance.now() - t0
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toContain('application/rss+xml')
    const xml = await feed.text()
    expect(xml).toContain('Lohjan sairaalan päivystys laajenee')
    expect(xml).toContain(`<atom:link href="${feedUrl.replace(/&/g, '&amp;')}"`)
    expect(feed.headers.get('x-edge-cache')).toBe('miss')
    t0 = performance.now()
    const again = await fetch(feedUrl)
    expect(again.headers.get('x-edge-cache')).toBe('hit')
    expect(await again.text()).toBe(xml)
    console.info(
      `feed from the Worker: ${missMs.toFixed(1)} ms rendered, ${(performance.now() - t0).toFixed(1)} ms from the cache`,
    )
    const etag = feed.headers.get('etag')!
    expect((await fetch(feedUrl, { headers: { 'if-none-match': etag } })).status).toBe(304)

    // A browser opening the feed gets the same bytes as XML, which it shows through
    // /feeds/feed.xsl; the edge cache keeps that answer apart from the readers' one.
    for (const cached of ['miss', 'hit']) {
      const shown = await fetch(feedUrl, { headers: { 'sec-fetch-dest': 'document' } })
      expect(shown.headers.get('content-type')).toBe('application/xml; charset=utf-8')
      expect(shown.headers.get('x-edge-cache')).toBe(cached)
      expect(await shown.text()).toBe(xml)
    }
    expect((await fetch(feedUrl)).headers.get('content-type')).toContain('application/rss+xml')
    const stylesheet = await fetch(`${edge}/feeds/feed.xsl`)
    expect(stylesheet.headers.get('content-type')).toBe('text/xsl; charset=utf-8')
    expect(await stylesheet.text()).toContain('<xsl:stylesheet version="1.0"')
    expect(await (await fetch(`${edge}/fi/feeds`)).text()).toContain(
      'href="/feeds/lansi-uusimaa.atom?lang=sv&amp;type=news"',
    )

    // The newsroom's media bank and press contacts are served from the edge as well.
    const bank = await fetch(`${edge}/fi/lansi-uusimaa/media`)
    expect(bank.status).toBe(200)
    expect(await bank.text()).toContain('<h1>Mediapankki</h1>')
    const contacts = await fetch(`${edge}/sv/lansi-uusimaa/contacts`)
    expect(contacts.status).toBe(200)
    expect(await contacts.text()).toContain('<h1>Mediekontakter</h1>')

    expect(await (await fetch(`${edge}/sitemap.xml`)).text()).toContain(
      '/sv/lansi-uusimaa/jouren-vid-lojo-sjukhus-utvidgas',
    )

    // Links from social media carry tracking parameters: they share the reader's cached copy.
    const tracked = await fetch(`${feedUrl}&utm_source=facebook&utm_medium=social&fbclid=IwAR0x`)
    expect(tracked.headers.get('x-edge-cache')).toBe('hit')
    expect(await tracked.text()).toBe(xml)

    // A second publication on the Node side is in the (cached) feed within a second (the
    // isolate keeps the content version that long, so a hit costs no database round trip).
    const second = await api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      type: 'news',
      versions: {
        fi: {
          title: 'Rokotuskampanja alkaa Raaseporissa',
          lead: 'Ajanvaraus avautuu maanantaina.',
        },
      },
    })
    await api('POST', `/releases/${second.id}/publish`, {})
    const fresh = await eventually(
      async () => {
        const res = await fetch(feedUrl)
        const text = await res.text()
        return text.includes('Rokotuskampanja alkaa Raaseporissa') ? res : undefined
      },
      { what: 'the new release in the edge feed', timeoutMs: 10_000 },
    )
    expect(fresh.headers.get('x-edge-cache')).toBe('miss')
    expect(await (await fetch(`${edge}/fi/lansi-uusimaa`)).text()).toContain(
      'Rokotuskampanja alkaa Raaseporissa',
    )

    // Staff pages and the API are not part of the edge deployment.
    expect((await fetch(`${edge}/admin/login`)).status).toBe(404)
    expect((await fetch(`${edge}/api/v1/releases`)).status).toBe(404)
  })

  it('takes a subscription whose confirmation mail the Node worker sends', async () => {
    const form = new URLSearchParams({
      email: 'toimittaja@example.fi',
      newsroom: 'lansi-uusimaa',
      lang: 'fi',
      languages: 'fi',
    })
    const res = await fetch(`${edge}/subscribe`, {
      method: 'POST',
      body: form,
      headers: { origin: edge, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(202)
    expect(await res.text()).toContain('Tarkista sähköpostisi')

    const [mail] = await smtp.waitFor(1, 20_000)
    expect(mail.to).toEqual(['toimittaja@example.fi'])
    const link = new RegExp(`${edge}/subscriptions/confirm/[A-Za-z0-9_-]{43}`).exec(
      mail.parsed.text ?? '',
    )?.[0]
    expect(link).toBeTruthy()

    const landing = await fetch(link!)
    expect(landing.status).toBe(200)
    const confirmed = await fetch(link!, {
      method: 'POST',
      body: new URLSearchParams(),
      headers: { origin: edge, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(confirmed.status).toBe(200)
    const subscriber = await deps.database.db
      .selectFrom('subscribers')
      .select('status')
      .where('email', '=', 'toimittaja@example.fi')
      .executeTakeFirstOrThrow()
    expect(subscriber.status).toBe('confirmed')
    expect(wranglerOutput()).not.toMatch(/"level":"error"/)
  })

  it('with the database away serves the kept copy with 503, and a plain 503 for what it never kept — never a stack trace', async () => {
    const pageUrl = `${edge}/sv/lansi-uusimaa/jouren-vid-lojo-sjukhus-utvidgas`
    const kept = await fetch(pageUrl)
    expect(kept.status).toBe(200)
    const html = await kept.text()
    relay.cut()
    try {
      // The isolate trusts the content version it read for a second; then it asks again.
      const stale = await eventually(
        async () => {
          // A request caught as the connection is cut may fail as a whole; the next ones answer.
          const res = await fetch(pageUrl).catch(() => undefined)
          return res?.status === 503 ? res : undefined
        },
        {
          what: () => `the edge to notice the database is away:\n${wranglerOutput()}`,
          timeoutMs: 15_000,
        },
      )
      expect(stale.headers.get('x-edge-cache')).toBe('stale')
      expect(stale.headers.get('retry-after')).toBe('30')
      expect(await stale.text()).toBe(html)

      const never = await fetch(`${edge}/fi/lansi-uusimaa?type=news&keyword=ei-koskaan`)
      expect(never.status).toBe(503)
      expect(never.headers.get('cache-control')).toBe('no-store')
      const text = await never.text()
      expect(text).toBe('The newsroom is briefly unavailable. Try again in a minute.\n')
      expect(text).not.toMatch(/\bat \S+:\d+|Error:/)
    } finally {
      relay.restore()
    }
    await eventually(async () => (await fetch(pageUrl)).status === 200, {
      what: 'pages again once the database is back',
      timeoutMs: 15_000,
    })
  })

  it('without SECRET_KEY answers every request 503 naming the problem in one line', async () => {
    const port = await freePort()
    const database = new URL(testEnv.databaseUrl())
    database.password ||= 'local'
    const bare = `http://127.0.0.1:${port}`
    const { child } = await startWrangler(port, database, { PUBLIC_URL: bare })
    for (const path of ['/fi/', '/subscribe', '/feeds/all.rss']) {
      const res = await fetch(`${bare}${path}`)
      expect(res.status).toBe(503)
      const body = await res.text()
      expect(body.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^Configuration error: SECRET_KEY is not set .*wrangler secret put SECRET_KEY/,
        ),
      ])
    }
    await stopGroup(child)
  })
})
