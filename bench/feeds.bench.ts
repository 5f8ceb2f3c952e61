/**
 * Cached-answer benchmark: the real app (SQLite, ~50 demo-like releases) serving a kept release
 * page, a newsroom page and `/feeds/{newsroom}.rss`, each against the same bytes and headers
 * served by a Hono handler from a constant (the limit for that payload on this server adapter),
 * and a trivial Hono hello-world, in the same run and with the same load (50 connections,
 * `Accept-Encoding: gzip, deflate, br, zstd` as browsers send it). Each server runs in a child
 * process of its own so that the load generator does not share an event loop with it.
 *
 * The load comes from `wrk` when it is installed (`apt-get install wrk`), else from autocannon.
 * On a machine with few cores the load generator shares the CPU with the server, and
 * autocannon, written in JavaScript, spends several times more CPU per response byte than wrk:
 * with autocannon a 10 KB response measures mostly the load generator. Both print the server's
 * own CPU time per request, which does not depend on the tool.
 *
 * Also runnable alone: `npm run bench -- feeds`. BENCH_SECONDS (5) sets the length of each
 * round, BENCH_CYCLES (3) how often each round is run; BENCH_LOAD=autocannon forces autocannon.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../src/app.js'
import { createContainer } from '../src/container.js'
import type { Actor } from '../src/core/auth/actor.js'
import { createNewsroom } from '../src/core/newsroom/newsrooms.js'
import { addAttachment } from '../src/core/release/attachments.js'
import { contentDeps } from '../src/wiring/content.js'
import { publishRelease } from '../src/core/release/publishing.js'
import { createRelease } from '../src/core/release/releases.js'
import { demoNewsroom, demoReleases } from '../src/demo/content.js'
import { loadConfig, testEnv } from '../src/env.js'
import { dropRedisKeys } from '../test/helpers/env.js'
import { benchNodeFlags } from './processes.js'
import { hasWrk, runWrk } from './wrk.js'
import type { BenchResult } from './run.js'

const RELEASES = 50
const CONNECTIONS = 50
const self = fileURLToPath(import.meta.url)
const root = join(dirname(self), '..')

const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'bench' }
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

export function benchEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, 'bench.db')}`,
    REDIS_PREFIX: `bench_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'http://localhost:3000',
  }
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL
  return env
}

/** The demo newsroom with RELEASES bilingual releases built from the demo texts. */
export async function seed(env: Record<string, string>) {
  const container = await createContainer(loadConfig(env))
  try {
    await container.database.migrate()
    // Backdated publication needs no queue; keep the bench from leaving jobs in Redis.
    const content = { ...contentDeps(container), dispatch: async () => {} }
    await createNewsroom(content, admin, {
      slug: demoNewsroom.slug,
      languages: demoNewsroom.languages,
      name: demoNewsroom.name,
      boilerplate: demoNewsroom.boilerplate,
    })
    const start = Date.parse('2025-01-01T08:00:00Z')
    for (let n = 0; n < RELEASES; n++) {
      const demo = demoReleases[n % demoReleases.length]
      const versions = Object.fromEntries(
        Object.entries(demo.versions).map(([lang, v]) => [
          lang,
          { title: `${v.title} (${n + 1})`, lead: v.lead, body: v.body },
        ]),
      )
      const release = await createRelease(content, admin, {
        newsroom: demoNewsroom.slug,
        type: demo.type,
        keywords: demo.keywords,
        versions,
      })
      if (n % 3 === 0) {
        await addAttachment(content, admin, release.id, { filename: 'kuva.png', bytes: PNG })
      }
      await publishRelease(content, admin, release.id, {
        at: new Date(start + n * 86_400_000),
        backdate: true,
      })
    }
  } finally {
    await container.close()
  }
}

/** Child processes report their CPU time on request, for the cost of a request on the server. */
function reportCpuOnRequest() {
  process.on('message', () => process.send?.(process.cpuUsage()))
}

/** Child process: the real application on a free port. */
async function serveApp() {
  const config = loadConfig({ ...(process.env as Record<string, string>), PORT: '0' })
  const container = await createContainer(config)
  const app = createApp(container)
  reportCpuOnRequest()
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.stdout.write(`listening ${info.port}\n`),
  )
  process.on('SIGTERM', () => {
    server.close()
    void container.close().then(() => process.exit(0))
  })
}

/**
 * Child process: the baselines on the same server adapter — a Hono hello-world, and the feed's
 * own response (bytes and headers) served from a constant, which is the best any server could do
 * with this payload and this load generator; and each kept answer of the app (release page,
 * newsroom page, feed) as the app sent it to a browser, bytes and headers, from a constant.
 */
function serveBaseline() {
  const identity = new Uint8Array(readFileSync(process.env.BENCH_FEED_FILE!))
  const gzip = new Uint8Array(gzipSync(identity))
  const headers = JSON.parse(readFileSync(process.env.BENCH_HEADERS_FILE!, 'utf8')) as Record<
    string,
    string
  >
  const zipped = { ...headers, 'content-encoding': 'gzip' }
  const app = new Hono()
  app.get('/', (c) => c.text('Hello, world!'))
  app.get('/same-response', (c) =>
    c.req.header('accept-encoding')?.includes('gzip')
      ? new Response(gzip, { headers: zipped })
      : new Response(identity, { headers }),
  )
  const answers = JSON.parse(readFileSync(process.env.BENCH_ANSWERS_FILE!, 'utf8')) as {
    body: string
    headers: Record<string, string>
  }[]
  for (const [i, kept] of answers.entries()) {
    const body = new Uint8Array(Buffer.from(kept.body, 'base64'))
    app.get(`/constant/${i}`, (c) => {
      // The handler reads the request's Accept-Encoding as any server choosing an encoding does.
      void c.req.header('accept-encoding')
      return new Response(body, { headers: kept.headers })
    })
  }
  reportCpuOnRequest()
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.stdout.write(`listening ${info.port}\n`),
  )
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}

interface Server {
  child: ChildProcess
  port: number
}

function startChild(mode: string, env: Record<string, string>): Promise<Server> {
  // BENCH_NODE_FLAGS (e.g. `--cpu-prof`) go to the servers, as in the other benchmarks.
  const child = spawn(process.execPath, [...benchNodeFlags(), '--import', 'tsx', self, mode], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening (\d+)/.exec(out)
      if (match) resolve({ child, port: Number(match[1]) })
    })
    child.once('exit', (code) => reject(new Error(`${mode} exited with code ${code}`)))
  })
}

/** CPU time (user + system) a server child has used so far, in microseconds. */
function cpuOf(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.child.once('message', (usage: NodeJS.CpuUsage) => resolve(usage.user + usage.system))
    server.child.send('cpu')
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

interface Round {
  rps: number
  p99: number
  total: number
  bytes: number
  errors: number
  /** Server CPU per response, microseconds. */
  cpu: number
}

/**
 * One round of load from a fresh child process: autocannon keeps every response body as a
 * string, so a round after a round of large bodies would measure its own garbage collector.
 */
async function load(
  server: Server,
  path: string,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<Round> {
  const url = `http://127.0.0.1:${server.port}${path}`
  const cpuBefore = await cpuOf(server)
  const round = (
    LOAD_TOOL === 'wrk'
      ? await runWrk({ url, connections: CONNECTIONS, seconds, headers })
      : await autocannonRound({ url, seconds, headers })
  ) as Round
  round.cpu = (await cpuOf(server)) - cpuBefore
  round.cpu /= Math.max(round.total, 1)
  return round
}

/** A round of autocannon in a child process of its own; its figures as JSON. */
async function autocannonRound(options: {
  url: string
  seconds: number
  headers: Record<string, string>
}): Promise<Omit<Round, 'cpu'>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', self, '--load', JSON.stringify(options)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  await new Promise((resolve) => child.once('exit', resolve))
  return JSON.parse(out) as Omit<Round, 'cpu'>
}

async function loadRound(options: string) {
  const { url, seconds, headers } = JSON.parse(options) as {
    url: string
    seconds: number
    headers: Record<string, string>
  }
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })
  const round: Omit<Round, 'cpu'> = {
    rps: result.requests.average,
    p99: result.latency.p99,
    total: result.requests.total,
    bytes: result.throughput.total / Math.max(result.requests.total, 1),
    errors: result.errors + result.timeouts + result.non2xx,
  }
  process.stdout.write(JSON.stringify(round))
}

const LOAD_TOOL = process.env.BENCH_LOAD !== 'autocannon' && hasWrk() ? 'wrk' : 'autocannon'

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Each figure the median over the rounds; errors summed. */
function medianRound(rounds: Round[]): Round {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p99: median(rounds.map((r) => r.p99)),
    total: rounds.reduce((sum, r) => sum + r.total, 0),
    bytes: median(rounds.map((r) => r.bytes)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    cpu: median(rounds.map((r) => r.cpu)),
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

/** What browsers send (Chromium, Firefox); the app answers it with Brotli. */
const BROWSER_ENCODINGS = { 'accept-encoding': 'gzip, deflate, br, zstd' }
/** Set by the server for each response, not part of what the constant serves. */
const PER_RESPONSE = ['content-length', 'date', 'connection', 'keep-alive', 'x-request-id']

/** One answer as sent on the wire (compressed bytes and headers), for the constant to repeat. */
function rawAnswer(
  port: number,
  path: string,
): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: BROWSER_ENCODINGS }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('base64'),
            headers: Object.fromEntries(
              Object.entries(res.headers)
                .filter(([name]) => !PER_RESPONSE.includes(name))
                .map(([name, value]) => [name, String(value)]),
            ),
          }),
        )
      })
      .on('error', reject)
  })
}

export async function run(): Promise<BenchResult> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5)
  const cycles = Number(process.env.BENCH_CYCLES ?? 3)
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-bench-'))
  const env = benchEnv(dataDir)
  const children: ChildProcess[] = []
  const gzip = { 'accept-encoding': 'gzip' }
  try {
    console.log(`load from ${LOAD_TOOL}; seeding ${RELEASES} releases…`)
    await seed(env)
    const app = await startChild('--serve-app', env)
    children.push(app.child)
    const feedPath = `/feeds/${demoNewsroom.slug}.rss`
    const first = await fetch(`http://127.0.0.1:${app.port}${feedPath}`)
    if (first.status !== 200) throw new Error(`feed answered ${first.status}`)
    const feedFile = join(dataDir, 'feed.xml')
    writeFileSync(feedFile, Buffer.from(await first.arrayBuffer()))
    const perResponse = ['content-length', 'date', 'connection', 'keep-alive', 'x-request-id']
    const headersFile = join(dataDir, 'headers.json')
    writeFileSync(
      headersFile,
      JSON.stringify(
        Object.fromEntries([...first.headers].filter(([name]) => !perResponse.includes(name))),
      ),
    )
    // The kept answers of the app as a browser gets them, for the constants to repeat.
    const slug = demoNewsroom.slug
    const firstPage = await (await fetch(`http://127.0.0.1:${app.port}/fi/${slug}`)).text()
    const releasePath = new RegExp(`href="(/fi/${slug}/[a-z0-9-]+)"`).exec(firstPage)?.[1]
    if (!releasePath) throw new Error('no release link on the newsroom page')
    const kept: [string, string][] = [
      ['release page', releasePath],
      ['newsroom page', `/fi/${slug}`],
      ['RSS feed', feedPath],
    ]
    const answers = []
    for (const [name, path] of kept) {
      // Twice: the first request renders and keeps, the second is answered from memory.
      await rawAnswer(app.port, path)
      const answer = await rawAnswer(app.port, path)
      if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}`)
      answers.push(answer)
    }
    const answersFile = join(dataDir, 'answers.json')
    writeFileSync(answersFile, JSON.stringify(answers))
    const base = await startChild('--serve-baseline', {
      BENCH_FEED_FILE: feedFile,
      BENCH_HEADERS_FILE: headersFile,
      BENCH_ANSWERS_FILE: answersFile,
    })
    children.push(base.child)
    console.log(`feed: ${fmt(statSync(feedFile).size)} bytes, ${RELEASES} releases`)

    // Warm-up rounds let every process reach a steady state (JIT, sockets) before measuring.
    await load(base, '/', 2)
    await load(app, feedPath, 2, gzip)
    await load(app, feedPath, 2)
    for (const [i, [, path]] of kept.entries()) {
      await load(app, path, 2, BROWSER_ENCODINGS)
      await load(base, `/constant/${i}`, 2, BROWSER_ENCODINGS)
    }
    const rounds: [string, Server, string, Record<string, string>][] = [
      ['hello-world', base, '/', {}],
      ['feed RSS, gzip', app, feedPath, gzip],
      ['same response, const', base, '/same-response', gzip],
      ['feed RSS, identity', app, feedPath, {}],
      ['same response, const', base, '/same-response', {}],
      ...kept.flatMap(([name, path], i): [string, Server, string, Record<string, string>][] => [
        [`${name}, browser`, app, path, BROWSER_ENCODINGS],
        [`  its constant`, base, `/constant/${i}`, BROWSER_ENCODINGS],
      ]),
    ]
    // Rounds take turns, several times over, and each figure is the median of its rounds: on a
    // shared machine the speed of the whole machine drifts by tens of percent within a minute.
    const samples: Round[][] = rounds.map(() => [])
    for (let cycle = 1; cycle <= cycles; cycle++) {
      for (const [i, [name, server, path, headers]] of rounds.entries()) {
        console.log(`${cycle}/${cycles} ${name}: ${CONNECTIONS} connections, ${seconds} s…`)
        samples[i].push(await load(server, path, seconds, headers))
      }
    }
    const results = samples.map(medianRound)
    const hello = results[0]
    const line = (name: string, r: Round, floor?: Round) =>
      `${name.padEnd(23)} ${fmt(r.rps).padStart(7)} req/s  p99 ${r.p99.toFixed(1).padStart(5)} ms  ` +
      `${fmt(r.bytes).padStart(7)} B  server ${r.cpu.toFixed(1).padStart(5)} µs CPU/req  ` +
      `= ${(r.rps / hello.rps).toFixed(2)} × hello req/s` +
      (floor ? `, ${(r.rps / floor.rps).toFixed(2)} × same response` : '') +
      (r.errors ? `  (${r.errors} errors/non-2xx)` : '')
    const summary = [
      line('hello-world', hello),
      line('feed RSS, gzip', results[1], results[2]),
      line('  same response, const', results[2]),
      line('feed RSS, identity', results[3], results[4]),
      line('  same response, const', results[4]),
    ]
    // Each kept answer against its own constant: the target is ≥ 0.9 × its rate, p99 ≤ 2 × its p99.
    for (const [i, [name]] of kept.entries()) {
      const ours = results[5 + 2 * i]
      const limit = results[6 + 2 * i]
      const rate = ours.rps / limit.rps
      const p99 = ours.p99 / Math.max(limit.p99, 0.001)
      summary.push(
        `${`${name}, browser`.padEnd(23)} ${fmt(ours.rps).padStart(7)} req/s  p99 ${ours.p99.toFixed(1).padStart(5)} ms  ` +
          `${fmt(ours.bytes).padStart(7)} B  server ${ours.cpu.toFixed(1).padStart(5)} µs CPU/req` +
          (ours.errors ? `  (${ours.errors} errors/non-2xx)` : ''),
        `${'  its constant'.padEnd(23)} ${fmt(limit.rps).padStart(7)} req/s  p99 ${limit.p99.toFixed(1).padStart(5)} ms  ` +
          `${fmt(limit.bytes).padStart(7)} B  server ${limit.cpu.toFixed(1).padStart(5)} µs CPU/req`,
        `  = ${rate.toFixed(2)} × the constant's rate, p99 ${p99.toFixed(2)} × its p99 — target ≥ 0.9 ×, ≤ 2 ×: ${rate >= 0.9 && p99 <= 2 ? 'met' : 'NOT met'}`,
      )
    }
    for (const s of summary) console.log(s)
    return {
      name: `feeds (${LOAD_TOOL}, ${CONNECTIONS} connections, median of ${cycles} × ${seconds} s)`,
      summary,
    }
  } finally {
    for (const child of children) await stopChild(child)
    rmSync(dataDir, { recursive: true, force: true })
    await dropRedisKeys(env.REDIS_URL ?? testEnv.redisUrl(), env.REDIS_PREFIX)
  }
}

const mode = process.argv[2]
if (mode === '--serve-app') await serveApp()
else if (mode === '--serve-baseline') serveBaseline()
else if (mode === '--load') await loadRound(process.argv[3])
