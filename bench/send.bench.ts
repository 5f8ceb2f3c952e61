/**
 * Delivery benchmark: N confirmed subscribers, one release published, the real pipeline
 * (outbox → publish → fanout → batched send jobs on BullMQ → pooled SMTP) until every email is
 * accepted by a local smtp-server sink — on SQLite and on PostgreSQL. In the same run, the
 * baseline: a plain loop over the same addresses calling pooled nodemailer `sendMail` directly
 * (maxConnections 5, maxMessages unlimited, 100 messages in flight) with the same subject, text
 * and HTML. Prints emails/s, the ratio, publish → first/last email, and peak RSS.
 *
 * The sink runs in this process; each client runs in a child process of its own — the worker
 * (`tiedote serve --role worker`, from the build in dist/ as `npm start` runs it) for the pipeline, a small loop for the baseline — so both sides
 * meet the same sink on the same cores, and "peak RSS" is the child's own high-water mark.
 *
 * `npm run bench -- send --subscribers 100000` (default 20,000; BENCH_SUBSCRIBERS works too).
 * BENCH_NODE_FLAGS passes Node/V8 flags to the worker and the baseline (e.g. `--trace-gc`).
 * PostgreSQL is used when it answers at TEST_DATABASE_URL (default postgres://…/test).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { simpleParser } from 'mailparser'
import nodemailer from 'nodemailer'
import { createContainer } from '../src/container.js'
import type { Actor } from '../src/core/auth/actor.js'
import { deliveryProgress } from '../src/core/delivery/progress.js'
import { createNewsroom } from '../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../src/wiring/content.js'
import { publishRelease } from '../src/core/release/publishing.js'
import { analyzeTables, AUDIENCE_TABLES } from '../src/db/statistics.js'
import { createRelease } from '../src/core/release/releases.js'
import { demoNewsroom, demoReleases } from '../src/demo/content.js'
import { loadConfig, testEnv } from '../src/env.js'
import { prepareReleaseEmail, renderRaw } from '../src/mail/release-email.js'
import { SERVE, spawnChild } from './processes.js'
import { postgresSchema, startSink } from './sink.js'
import type { Sink } from './sink.js'
import type { BenchResult } from './run.js'
import { buildDist } from '../test/helpers/process.js'
import { addManySubscribers } from '../test/helpers/subscribers.js'
import { dropRedisKeys } from '../test/helpers/env.js'

const POOL = 5
const self = fileURLToPath(import.meta.url)
const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'bench' }

function subscriberCount(): number {
  const flag = process.argv.indexOf('--subscribers')
  const value = flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_SUBSCRIBERS
  const n = Number(value ?? 20_000)
  return Number.isInteger(n) && n > 0 ? n : 20_000
}

const address = (i: number) => `reader${i}@bench.example`

/** `--workers 2` (or BENCH_WORKERS): the pipeline rounds run that many worker processes. */
function workerCount(): number {
  const flag = process.argv.indexOf('--workers')
  const value = flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_WORKERS
  const n = Number(value ?? 1)
  return Number.isInteger(n) && n > 0 ? n : 1
}

/** BENCH_DB: `sqlite`, `postgres` or both (the default). */
function databases(): ('sqlite' | 'postgres')[] {
  const wanted = process.env.BENCH_DB
  if (wanted === 'sqlite' || wanted === 'postgres') return [wanted]
  return ['sqlite', 'postgres']
}

interface Round {
  label: string
  emails: number
  seconds: number
  perSecond: number
  firstMs?: number
  lastMs?: number
  rssMb: number
  /** CPU time of the sending process per email: comparable even on a busy machine. */
  cpuMsPerEmail: number
  /** CPU time of this process (the SMTP sink) per email. */
  sinkCpuMsPerEmail?: number
}

async function setupInstallation(sink: Sink, databaseUrl: string, dataDir: string, n: number) {
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? testEnv.redisUrl(),
    REDIS_PREFIX: `bench_${randomBytes(4).toString('hex')}`,
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: String(POOL),
    MAIL_FROM: 'Tiedote <news@bench.example>',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://news.bench.example',
  }
  const container = await createContainer(loadConfig(env))
  await container.database.migrate()
  const content = contentDeps(container)
  const newsroom = await createNewsroom(content, admin, {
    slug: demoNewsroom.slug,
    languages: demoNewsroom.languages,
    name: demoNewsroom.name,
    boilerplate: demoNewsroom.boilerplate,
  })
  const seeding = performance.now()
  await addManySubscribers(container.database.db, new Date().toISOString(), n, newsroom.id, address)
  if (n >= 100_000)
    console.log(
      `    seeded ${fmt(n)} subscribers in ${fmt((performance.now() - seeding) / 1000, 1)} s`,
    )
  // The audience arrives in bulk, as from a CSV import, which analyzes the tables it filled.
  await analyzeTables(container.database.db, AUDIENCE_TABLES)
  const demo = demoReleases[0]
  const release = await createRelease(content, admin, {
    newsroom: demoNewsroom.slug,
    type: demo.type,
    keywords: demo.keywords,
    contacts: demo.contactKeys.map((key) => {
      const contact = demoNewsroom.contacts[key]
      return {
        name: contact.name,
        title: contact.title as Record<string, string>,
        phone: contact.phone,
        email: contact.email,
      }
    }),
    versions: demo.versions,
  })
  return { container, content, releaseId: release.id, env }
}

/**
 * Waits until the sink has n emails; fails if nothing arrives for a minute. A long send prints
 * its progress every 30 s (emails, rate so far, the sender's peak RSS).
 */
async function untilAll(sink: Sink, n: number, pids: () => number[] = () => []) {
  let last = sink.count
  let since = Date.now()
  const started = performance.now()
  let reported = Date.now()
  while (sink.count < n) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    if (n >= 200_000 && Date.now() - reported >= 30_000) {
      reported = Date.now()
      const seconds = (performance.now() - started) / 1000
      const rss = Math.max(0, ...pids().map(peakRssMb))
      console.log(
        `    ${fmt(sink.count)} of ${fmt(n)} after ${fmt(seconds)} s: ${fmt(sink.count / seconds)}/s, peak RSS ${fmt(rss)} MB`,
      )
    }
    if (sink.count !== last) {
      last = sink.count
      since = Date.now()
    } else if (Date.now() - since > 60_000) {
      throw new Error(`stuck at ${sink.count} of ${n} emails`)
    }
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

/** CPU time (user + system) a process has used so far (Linux), in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Peak resident set size of a process so far (Linux), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0)
  return kb / 1024
}

async function pipelineRound(
  sink: Sink,
  kind: 'sqlite' | 'postgres',
  n: number,
  workerProcesses = 1,
): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-bench-'))
  const pgDb = kind === 'postgres' ? await postgresSchema() : undefined
  if (kind === 'postgres' && !pgDb) throw new Error('PostgreSQL not available')
  const url = pgDb?.url ?? `sqlite:${join(dataDir, 'bench.db')}`
  const { container, content, releaseId, env } = await setupInstallation(sink, url, dataDir, n)
  const workers = Array.from({ length: workerProcesses }, () =>
    // At the baseline's priority: on a shared machine a niced worker measures the scheduler.
    spawnChild([...SERVE, '--role', 'worker'], { ...env, LOG_LEVEL: 'info', WORKER_NICE: '0' }),
  )
  const pids = () => workers.map((w) => w.child.pid!)
  try {
    for (const worker of workers) await worker.waitFor(/workers started/)
    // Let the workers connect before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 500))
    sink.reset()
    const cpuBefore = sum(pids().map(cpuMs))
    const sinkBefore = process.cpuUsage()
    const started = performance.now()
    await publishRelease(content, admin, releaseId)
    await untilAll(sink, n, pids)
    const sinkCpu = process.cpuUsage(sinkBefore)
    const seconds = (sink.lastAt - started) / 1000
    const rss = Math.max(...pids().map(peakRssMb))
    const cpu = sum(pids().map(cpuMs)) - cpuBefore
    for (;;) {
      const progress = await deliveryProgress(container.repos, releaseId)
      if (progress.done) {
        if (progress.sent !== n) throw new Error(`sent ${progress.sent} of ${n}`)
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    if (sink.count !== n) throw new Error(`the sink received ${sink.count} emails for ${n}`)
    if (sink.distinct !== n)
      throw new Error(`${n - sink.distinct} addresses got more than one email`)
    return {
      label: `pipeline, ${kind}${workerProcesses > 1 ? `, ${workerProcesses} workers` : ''}`,
      emails: n,
      seconds,
      perSecond: n / seconds,
      firstMs: sink.firstAt - started,
      lastMs: sink.lastAt - started,
      rssMb: rss,
      cpuMsPerEmail: cpu / n,
      sinkCpuMsPerEmail: (sinkCpu.user + sinkCpu.system) / 1000 / n,
    }
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM')
    await Promise.all(workers.map((worker) => worker.exited))
    await container.close()
    await dropRedisKeys(env.REDIS_URL, env.REDIS_PREFIX)
    await pgDb?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The baseline: what one would write without the pipeline. */
async function baselineRound(sink: Sink, n: number): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-bench-'))
  const { container, releaseId, env } = await setupInstallation(
    sink,
    `sqlite:${join(dataDir, 'bench.db')}`,
    dataDir,
    1,
  )
  // The same subject, text and HTML the pipeline sends (with one recipient's links).
  const prepared = await prepareReleaseEmail(
    {
      repos: container.repos,
      templates: container.templates,
      publicUrl: container.config.publicUrl,
      secretKey: container.config.secretKey,
      mailFrom: container.config.mailFrom,
    },
    releaseId,
    'release',
    'fi',
  )
  const parsed = await simpleParser(
    renderRaw(prepared, {
      address: 'x@bench.example',
      messageId: '<x@bench.example>',
      manageToken: 'token',
      unsubscribeToken: 'token',
    }),
  )
  const messageFile = join(dataDir, 'message.json')
  writeFileSync(
    messageFile,
    JSON.stringify({ subject: parsed.subject, text: parsed.text, html: String(parsed.html) }),
  )
  await container.close()
  await dropRedisKeys(env.REDIS_URL, env.REDIS_PREFIX)

  try {
    sink.reset()
    const child = spawnChild([self, '--baseline-child'], {
      BENCH_SINK: sink.url,
      BENCH_N: String(n),
      BENCH_MESSAGE: messageFile,
    })
    await child.waitFor(/^ready$/m)
    const cpuBefore = cpuMs(child.child.pid!)
    const sinkBefore = process.cpuUsage()
    const started = performance.now()
    child.child.kill('SIGUSR2')
    await untilAll(sink, n)
    const sinkCpu = process.cpuUsage(sinkBefore)
    const cpu = cpuMs(child.child.pid!) - cpuBefore
    await child.waitFor(/^rss (\d+)$/m, 30 * 60_000)
    const rss = Number(/^rss (\d+)$/m.exec(child.output())![1]) / 1024
    await child.exited
    if (sink.count !== n) throw new Error(`the sink received ${sink.count} emails for ${n}`)
    const seconds = (sink.lastAt - started) / 1000
    return {
      label: 'baseline: nodemailer loop',
      emails: n,
      seconds,
      perSecond: n / seconds,
      firstMs: sink.firstAt - started,
      lastMs: sink.lastAt - started,
      rssMb: rss,
      cpuMsPerEmail: cpu / n,
      sinkCpuMsPerEmail: (sinkCpu.user + sinkCpu.system) / 1000 / n,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Child process of the baseline: waits for SIGUSR2, sends, prints its peak RSS (KB). */
async function baselineChild() {
  const n = Number(process.env.BENCH_N)
  const message = JSON.parse(readFileSync(process.env.BENCH_MESSAGE!, 'utf8')) as {
    subject: string
    text: string
    html: string
  }
  const transport = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port: Number(new URL(process.env.BENCH_SINK!).port),
    secure: false,
    ignoreTLS: true,
    maxConnections: POOL,
    maxMessages: Infinity,
  })
  // A timer keeps the process alive while it waits for the signal.
  const idle = setInterval(() => {}, 1000)
  const go = new Promise((resolve) => process.once('SIGUSR2', resolve))
  console.log('ready')
  await go
  clearInterval(idle)
  let next = 0
  const loop = async () => {
    while (next < n) {
      const i = next++
      await transport.sendMail({
        from: 'Länsi-Uudenmaan hyvinvointialue <news@bench.example>',
        to: address(i),
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: {
          'List-Unsubscribe': '<https://news.bench.example/unsubscribe/token>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          Precedence: 'bulk',
        },
      })
    }
  }
  await Promise.all(Array.from({ length: 100 }, loop))
  transport.close()
  console.log(`rss ${process.resourceUsage().maxRSS}`)
  process.exit(0)
}

if (process.argv.includes('--baseline-child')) await baselineChild()

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export async function run(): Promise<BenchResult> {
  const n = subscriberCount()
  const workers = workerCount()
  // The worker runs from the build, as `npm start` runs it.
  buildDist()
  const sink = await startSink()
  const rounds: Round[] = []
  const measured = async (round: () => Promise<Round>) => rounds.push(await round())
  try {
    console.log(`  ${fmt(n)} subscribers, SMTP pool ${POOL}, sink in this process`)
    // BENCH_BASELINE=0 (or --no-baseline): the pipeline alone, e.g. for a 1M run; no ratio.
    if (process.env.BENCH_BASELINE !== '0' && !process.argv.includes('--no-baseline'))
      await measured(() => baselineRound(sink, n))
    for (const kind of databases())
      try {
        await measured(() => pipelineRound(sink, kind, n))
        // With more worker processes: the same send split among them, against one worker.
        if (workers > 1) await measured(() => pipelineRound(sink, kind, n, workers))
      } catch (error) {
        if (kind === 'sqlite') throw error
        console.log(`  PostgreSQL round skipped: ${(error as Error).message}`)
      }
  } finally {
    await sink.close()
  }
  const baseline = rounds.find((r) => r.label.startsWith('baseline'))
  const lines = [
    `${'round'.padEnd(28)}${'emails/s'.padStart(10)}${'ratio'.padStart(8)}${'first'.padStart(10)}${'last'.padStart(10)}${'peak RSS'.padStart(11)}${'CPU/email'.padStart(12)}${'sink CPU'.padStart(11)}`,
    ...rounds.map(
      (r) =>
        `${r.label.padEnd(28)}${fmt(r.perSecond).padStart(10)}${(baseline ? `${fmt(r.perSecond / baseline.perSecond, 2)}×` : '—').padStart(8)}${`${fmt(r.firstMs ?? 0)} ms`.padStart(10)}${`${fmt((r.lastMs ?? 0) / 1000, 1)} s`.padStart(10)}${`${fmt(r.rssMb)} MB`.padStart(11)}${`${fmt(r.cpuMsPerEmail, 2)} ms`.padStart(12)}${`${fmt(r.sinkCpuMsPerEmail ?? 0, 2)} ms`.padStart(11)}`,
    ),
  ]
  for (const line of lines) console.log(`  ${line}`)
  return { name: `send (${fmt(n)} subscribers)`, summary: lines }
}
