/**
 * Mixed load: readers on pages and feeds while a large send is in progress. A real web process
 * (`tiedote serve --role web`) serves the demo newsroom (50 releases) to two load generators at
 * a fixed rate — HTML pages (front, newsroom, release pages in fi and sv) and feeds (RSS, Atom,
 * JSON) — first with nothing else happening (the baseline), then while a real worker process
 * (`serve --role worker`) sends one release to N subscribers into an SMTP sink in this process.
 * Prints req/s, p50/p99 latency and failed requests of both rounds and their ratio, and checks
 * the target: page p99 < 50 ms and no failed request during the send.
 *
 * Readers arrive at a constant rate and each request counts from when it was due
 * (bench/load-generator.ts), so a stall of the server is charged to everyone who waited in it.
 * The web process's event-loop delay during the send is read from its /metrics.
 *
 * Every process is a child of its own (web, worker, each load generator), as in production.
 * BENCH_MODE=publication measures something else: readers' latency during the first 2 s after a
 * publication without a large send (the moment every kept page and feed is rendered again), see
 * `runPublication` below.
 *
 * `npm run bench -- mixed`; BENCH_ROLE=all (or `--role all`) runs one `serve` process as the
 * default deployment does — it serves and runs the sending in a worker process of its own —
 * instead of a web and a worker process, with the target page p99 < 20 ms; BENCH_SUBSCRIBERS (default 100,000), BENCH_RATE (page requests/s,
 * default 200; feeds get half), BENCH_SECONDS (baseline length, default 15), BENCH_DB
 * (`sqlite`, `postgres` or `both`, default both when PostgreSQL answers).
 */
import { createRepositories } from '../src/db/repositories/index.js'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createContainer } from '../src/container.js'
import type { Actor } from '../src/core/auth/actor.js'
import { deliveryProgress } from '../src/core/delivery/progress.js'
import { getNewsroom } from '../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../src/wiring/content.js'
import { publishRelease } from '../src/core/release/publishing.js'
import { analyzeTables, AUDIENCE_TABLES } from '../src/db/statistics.js'
import { createRelease, listReleases } from '../src/core/release/releases.js'
import { demoNewsroom, demoReleases } from '../src/demo/content.js'
import { loadConfig, testEnv } from '../src/env.js'
import { seed } from './feeds.bench.js'
import { SERVE, spawnChild } from './processes.js'
import { postgresSchema, startSink } from './sink.js'
import type { Sink } from './sink.js'
import type { BenchResult } from './run.js'
import type { LoadOptions, LoadRound } from './load-generator.js'
import { buildDist } from '../test/helpers/process.js'
import { addManySubscribers } from '../test/helpers/subscribers.js'
import { freePort } from '../test/helpers/postgres-server.js'

const loadGenerator = fileURLToPath(new URL('./load-generator.ts', import.meta.url))
const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'bench' }
const TARGET_P99_MS = 50
/** ROLE=all keeps the send in a worker process of its own: pages must stay this fast. */
const TARGET_P99_MS_ALL = 20
/** BENCH_ROLE=all (or `--role all`): one `serve` process, as `npm start` runs by default. */
const singleProcess = () => {
  const flag = process.argv.indexOf('--role')
  return (flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_ROLE) === 'all'
}
const EVENT_LOOP_SAMPLE_MS = 10

const numberEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

async function stop(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode === null) child.kill('SIGTERM')
  await exited
}

type Round = LoadRound

/**
 * A load generator in a child process of its own (bench/load-generator.ts): a constant rate over
 * the given paths until it has run `seconds`, or until it gets SIGUSR2; then prints its figures.
 */
function startLoad(base: string, paths: string[], rate: number, seconds: number) {
  const options: LoadOptions = { base, paths, rate, seconds }
  const load = spawnChild([loadGenerator, JSON.stringify(options)], {})
  return {
    ready: () => load.waitFor(/^ready$/m),
    go: () => load.child.kill('SIGUSR1'),
    stop: () => load.child.kill('SIGUSR2'),
    async result(): Promise<Round> {
      await load.exited
      const line = load
        .output()
        .split('\n')
        .find((l) => l.startsWith('{"rps"'))
      if (!line) throw new Error(`load generator failed:\n${load.output()}`)
      return JSON.parse(line) as Round
    },
  }
}

interface DbRun {
  kind: string
  pages: [Round, Round]
  feeds: [Round, Round]
  emails: number
  sendSeconds: number
  /** Event-loop delay of the web process during the send, in ms. */
  eventLoop: { p99: number; max: number }
}

/**
 * The web process's event-loop delay since the previous read, from its /metrics: tells whether
 * slow answers were the web process being busy or the machine being busy around it.
 */
async function webEventLoop(base: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${base}/metrics`)).text()
  // prom-client samples every 10 ms and reports whole intervals: the delay is what lies beyond.
  const read = (name: string) =>
    Number(
      new RegExp(`^nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? NaN,
    ) *
      1000 -
    EVENT_LOOP_SAMPLE_MS
  return { p99: read('p99'), max: read('max') }
}

async function runOn(kind: 'sqlite' | 'postgres', n: number, sink: Sink): Promise<DbRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-mixed-'))
  const pgDb = kind === 'postgres' ? await postgresSchema() : undefined
  if (kind === 'postgres' && !pgDb) throw new Error('PostgreSQL not available')
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: pgDb?.url ?? `sqlite:${join(dataDir, 'bench.db')}`,
    REDIS_URL: process.env.REDIS_URL ?? testEnv.redisUrl(),
    REDIS_PREFIX: `mixed_${randomBytes(4).toString('hex')}`,
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: '5',
    MAIL_FROM: 'Tiedote <news@mixed.example>',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://news.mixed.example',
  }
  const children: { child: ChildProcess; exited: Promise<void> }[] = []
  const container = await createContainer(loadConfig(env))
  try {
    console.log(`  ${kind}: seeding 50 releases and ${n.toLocaleString('en-US')} subscribers…`)
    await container.database.migrate()
    await seed(env)
    const content = contentDeps(container)
    const newsroom = await getNewsroom(createRepositories(container.database.db), demoNewsroom.slug)
    await addManySubscribers(
      container.database.db,
      new Date().toISOString(),
      n,
      newsroom.id,
      (i) => `lukija${i}@mixed.example`,
    )
    // The audience arrives in bulk, as from a CSV import, which analyzes the tables it filled.
    await analyzeTables(container.database.db, AUDIENCE_TABLES)
    const demo = demoReleases[1]
    const release = await createRelease(content, admin, {
      newsroom: demoNewsroom.slug,
      type: demo.type,
      keywords: demo.keywords,
      versions: demo.versions,
    })
    const published = await listReleases(content, admin, {
      newsroom: demoNewsroom.slug,
      status: 'published',
      limit: 2,
    })
    const [fi, sv] = [published.items[0].versions.fi!.path, published.items[1].versions.sv!.path]

    const port = await freePort()
    // BENCH_ROLE=all: one process serves and sends, as `npm start` runs by default.
    const single = singleProcess()
    const web = spawnChild([...SERVE, '--role', single ? 'all' : 'web'], {
      ...env,
      PORT: String(port),
    })
    children.push(web)
    const base = `http://127.0.0.1:${port}`
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (i > 600) throw new Error('web process did not start')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    if (single) await web.waitFor(/workers started/)
    else {
      const worker = spawnChild([...SERVE, '--role', 'worker'], env)
      children.push(worker)
      await worker.waitFor(/workers started/)
    }

    const slug = demoNewsroom.slug
    const pagePaths = ['/fi/', `/fi/${slug}`, `/sv/${slug}`, fi, sv, `/fi/${slug}?type=news`]
    const feedPaths = [`/feeds/${slug}.rss`, `/feeds/${slug}.atom?lang=sv`, '/feeds/all.json']
    const rate = numberEnv('BENCH_RATE', 200)
    const seconds = numberEnv('BENCH_SECONDS', 15)

    /** Page and feed generators, both ready before either starts. */
    const both = async (length: number) => {
      const loads = [
        startLoad(base, pagePaths, rate, length),
        startLoad(base, feedPaths, rate / 2, length),
      ]
      await Promise.all(loads.map((l) => l.ready()))
      for (const l of loads) l.go()
      return loads
    }
    const results = (loads: ReturnType<typeof startLoad>[]) =>
      Promise.all(loads.map((l) => l.result()))

    // Warm-up (JIT, caches, connections), then the baseline: the same load, no send.
    await results(await both(3))
    console.log(`  ${kind}: baseline, ${rate} page + ${rate / 2} feed requests/s, ${seconds} s…`)
    const baseline = await results(await both(seconds))

    // The same load while the release goes to every subscriber.
    console.log(`  ${kind}: the same load while sending to ${n.toLocaleString('en-US')}…`)
    const [pages, feeds] = await both(3600)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    // Reading the metrics restarts the event-loop delay histogram: the next read covers the send.
    await webEventLoop(base)
    const before = sink.count
    const started = performance.now()
    await publishRelease(content, admin, release.id)
    let last = before
    let lastChange = Date.now()
    while (sink.count - before < n) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      if (sink.count !== last) {
        last = sink.count
        lastChange = Date.now()
      } else if (Date.now() - lastChange > 60_000) {
        throw new Error(`send stuck at ${sink.count - before} of ${n}`)
      }
    }
    const sendSeconds = (performance.now() - started) / 1000
    const eventLoop = await webEventLoop(base)
    pages.stop()
    feeds.stop()
    const during = await Promise.all([pages.result(), feeds.result()])
    const progress = await deliveryProgress(container.repos, release.id)
    if (progress.sent !== n) throw new Error(`sent ${progress.sent} of ${n}`)
    return {
      kind,
      pages: [baseline[0], during[0]],
      feeds: [baseline[1], during[1]],
      emails: sink.count - before,
      sendSeconds,
      eventLoop,
    }
  } finally {
    for (const { child, exited } of children.reverse()) await stop(child, exited)
    const keys = await container.redis.keys(`${env.REDIS_PREFIX}*`)
    if (keys.length > 0) await container.redis.del(...keys)
    await container.close()
    await pgDb?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** Readers' p99 in the first 2 s after a publication must stay under this. */
const PUBLICATION_TARGET_P99_MS = 50
const PUBLICATION_WINDOW_S = 2

interface PublicationRun {
  kind: string
  /** Windows of the same length without a publication. */
  quiet: Round[]
  /** The first 2 s after each publication. */
  published: Round[]
}

/**
 * Readers at a steady rate on pages and feeds of a web process (`serve --role web`) while this
 * process publishes releases (to no subscribers: no send). Each publication empties every kept
 * page and feed of the web process through the Redis message; measured is each window of
 * 2 s that starts with a publication, against windows of the same length without one.
 */
async function runPublicationOn(kind: 'sqlite' | 'postgres'): Promise<PublicationRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-publication-'))
  const pgDb = kind === 'postgres' ? await postgresSchema() : undefined
  if (kind === 'postgres' && !pgDb) throw new Error('PostgreSQL not available')
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: pgDb?.url ?? `sqlite:${join(dataDir, 'bench.db')}`,
    REDIS_URL: process.env.REDIS_URL ?? testEnv.redisUrl(),
    REDIS_PREFIX: `publication_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://news.publication.example',
  }
  const children: { child: ChildProcess; exited: Promise<void> }[] = []
  const container = await createContainer(loadConfig(env))
  try {
    console.log(`  ${kind}: seeding 50 releases…`)
    await container.database.migrate()
    await seed(env)
    // The publications' outbox rows are not wanted here: nobody subscribes, no worker runs.
    const content = { ...contentDeps(container), dispatch: async () => {} }
    const published = await listReleases(content, admin, {
      newsroom: demoNewsroom.slug,
      status: 'published',
      limit: 2,
    })
    const [fi, sv] = [published.items[0].versions.fi!.path, published.items[1].versions.sv!.path]
    const port = await freePort()
    const web = spawnChild([...SERVE, '--role', 'web'], { ...env, PORT: String(port) })
    children.push(web)
    const base = `http://127.0.0.1:${port}`
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (i > 600) throw new Error('web process did not start')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const slug = demoNewsroom.slug
    const paths = [
      '/fi/',
      `/fi/${slug}`,
      `/sv/${slug}`,
      fi,
      sv,
      `/fi/${slug}?type=news`,
      `/feeds/${slug}.rss`,
      `/feeds/${slug}.atom?lang=sv`,
      '/feeds/all.json',
    ]
    const rate = numberEnv('BENCH_RATE', 300)
    const rounds = numberEnv('BENCH_PUBLICATIONS', 5)
    const window = async (publish?: () => Promise<unknown>) => {
      const load = startLoad(base, paths, rate, PUBLICATION_WINDOW_S)
      await load.ready()
      load.go()
      await publish?.()
      return load.result()
    }
    // Warm-up: every path rendered and kept, JIT warm.
    await results(startLoad(base, paths, rate, 3))
    const quiet: Round[] = []
    const after: Round[] = []
    for (let round = 1; round <= rounds; round++) {
      console.log(`  ${kind}: publication ${round}/${rounds} under ${rate} requests/s…`)
      quiet.push(await window())
      const demo = demoReleases[round % demoReleases.length]
      const release = await createRelease(content, admin, {
        newsroom: slug,
        type: demo.type,
        keywords: demo.keywords,
        versions: demo.versions,
      })
      after.push(await window(() => publishRelease(content, admin, release.id)))
    }
    return { kind, quiet, published: after }
  } finally {
    for (const { child, exited } of children.reverse()) await stop(child, exited)
    const keys = await container.redis.keys(`${env.REDIS_PREFIX}*`)
    if (keys.length > 0) await container.redis.del(...keys)
    await container.close()
    await pgDb?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function results(load: ReturnType<typeof startLoad>) {
  await load.ready()
  load.go()
  return load.result()
}

/** `BENCH_MODE=publication`: readers' p99 in the first 2 s after a publication. */
async function runPublication(kinds: ('sqlite' | 'postgres')[]): Promise<BenchResult> {
  buildDist()
  const runs: PublicationRun[] = []
  for (const kind of kinds) {
    try {
      runs.push(await runPublicationOn(kind))
    } catch (error) {
      if (kind === 'postgres' && /not available/.test((error as Error).message))
        console.log('  PostgreSQL round skipped: not available')
      else throw error
    }
  }
  const lines: string[] = []
  const worst = (rounds: Round[], key: 'p99' | 'max') => Math.max(...rounds.map((r) => r[key]))
  for (const r of runs) {
    const p99s = (rounds: Round[]) => rounds.map((x) => fmt(x.p99)).join(', ')
    const failed = r.published.reduce((sum, x) => sum + x.failed, 0)
    lines.push(
      `${r.kind}: readers' p99 in the ${PUBLICATION_WINDOW_S} s after each publication: ${p99s(r.published)} ms (max ${fmt(worst(r.published, 'max'))} ms); without one: ${p99s(r.quiet)} ms`,
    )
    const pass = worst(r.published, 'p99') <= PUBLICATION_TARGET_P99_MS && failed === 0
    lines.push(
      `  target (p99 ≤ ${PUBLICATION_TARGET_P99_MS} ms after every publication, no failed request): ${pass ? 'met' : 'NOT met'}`,
    )
  }
  for (const line of lines) console.log(line)
  return { name: 'mixed, publication (no send)', summary: lines }
}

export async function run(): Promise<BenchResult> {
  if (process.env.BENCH_MODE === 'publication') {
    const which = process.env.BENCH_DB ?? 'both'
    return runPublication(
      (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[],
    )
  }
  const n = numberEnv('BENCH_SUBSCRIBERS', 100_000)
  const which = process.env.BENCH_DB ?? 'both'
  const kinds = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[]
  // The web and worker processes run from the build, as `npm start` runs them.
  buildDist()
  const sink = await startSink()
  const runs: DbRun[] = []
  try {
    for (const kind of kinds) {
      try {
        runs.push(await runOn(kind, n, sink))
      } catch (error) {
        if (kind === 'postgres' && /not available/.test((error as Error).message))
          console.log('  PostgreSQL round skipped: not available')
        else throw error
      }
    }
  } finally {
    await sink.close()
  }
  const lines: string[] = []
  const row = (label: string, r: Round, baseline?: Round) =>
    `${label.padEnd(30)}${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50).padStart(3)} ms  p99 ${fmt(r.p99).padStart(4)} ms  max ${fmt(r.max).padStart(5)} ms  failed ${r.failed}` +
    (baseline ? `  (p99 ${fmt(r.p99 / Math.max(baseline.p99, 1), 2)} × baseline)` : '')
  const single = singleProcess()
  const target = single ? TARGET_P99_MS_ALL : TARGET_P99_MS
  for (const r of runs) {
    lines.push(
      `${r.kind}, ${single ? 'ROLE=all (one serve process, its worker in a child)' : 'web + worker processes'}: ${fmt(r.emails)} emails in ${fmt(r.sendSeconds, 1)} s (${fmt(r.emails / r.sendSeconds)}/s) during the load`,
      row('  pages, baseline', r.pages[0]),
      row('  pages, during the send', r.pages[1], r.pages[0]),
      row('  feeds, baseline', r.feeds[0]),
      row('  feeds, during the send', r.feeds[1], r.feeds[0]),
      `  web event loop during the send: delay p99 ${fmt(r.eventLoop.p99, 1)} ms, max ${fmt(r.eventLoop.max, 1)} ms`,
    )
    const pass = r.pages[1].p99 < target && r.pages[1].failed + r.feeds[1].failed === 0
    lines.push(
      `  target (page p99 < ${target} ms, no failed request during the send): ${pass ? 'met' : 'NOT met'}`,
    )
  }
  for (const line of lines) console.log(line)
  return { name: `mixed (${fmt(n)} subscribers)`, summary: lines }
}
