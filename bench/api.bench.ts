/**
 * Subscriber API writes: `POST /api/v1/subscribers` from 32 concurrent clients against a web
 * process (`serve --role web`, from the build), on SQLite and on PostgreSQL, for the current tree
 * and for a baseline commit side by side in the same run. The baseline is checked out in a
 * temporary `git worktree` (sharing this checkout's node_modules) and built there; both sides run
 * from their own `dist/`, against fresh databases prepared the same way (a newsroom and an API
 * token, created with this tree's code: the schema must be the same on both sides).
 *
 * The load comes from `wrk` where it is installed (bench/wrk.ts): each side gets a 2 s warm-up,
 * then BENCH_SECONDS (default 5) of creates, each with an address of its own, and the count of
 * subscribers in the database is checked against the answers counted. Without wrk (or with
 * `BENCH_LOAD=fetch`) a loop of `fetch` calls in this process sends BENCH_REQUESTS creates
 * (default 3,000) after 200 for warm-up; on a machine with few cores that loop takes CPU from
 * the server it measures, the faster side more. Both print the web process's CPU time per create.
 *
 * `npm run bench -- api`. BENCH_BASE (default: the commit before the speed work of issue #19,
 * `BEFORE_SPEED_WORK` below — a fixed point, so the ratio still means the same after merges),
 * BENCH_CONCURRENCY (default 32), BENCH_DB (`sqlite`, `postgres` or `both`, the default).
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { sql } from 'kysely'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createContainer } from '../src/container.js'
import type { Container } from '../src/container.js'
import type { Actor } from '../src/core/auth/actor.js'
import { createApiToken } from '../src/core/auth/users.js'
import { createNewsroom } from '../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../src/wiring/content.js'
import { demoNewsroom } from '../src/demo/content.js'
import { loadConfig, testEnv } from '../src/env.js'
import { buildDist } from '../test/helpers/process.js'
import { freePort } from '../test/helpers/postgres-server.js'
import { cpuMicros, spawnChild } from './processes.js'
import { hasWrk, runWrk } from './wrk.js'
import { postgresSchema } from './sink.js'
import type { BenchResult } from './run.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'bench' }
const TARGET = 3
/** main before the second performance round (issue #19): the rate the target is measured from. */
const BEFORE_SPEED_WORK = '1d6e2f78d82614f77610a26ccfeebafa2bfe1c66'

const numberEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

const git = (args: string[], cwd = root) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** The baseline commit checked out and built in a temporary worktree; removed by `remove()`. */
function buildBaseline(commit: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tiedote-api-base-'))
  git(['worktree', 'add', '--detach', dir, commit])
  const remove = () => {
    try {
      git(['worktree', 'remove', '--force', dir])
    } catch {
      rmSync(dir, { recursive: true, force: true })
      git(['worktree', 'prune'])
    }
  }
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
    // The service only: the admin editor bundle is not needed to answer the API.
    execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
      cwd: dir,
      stdio: 'pipe',
    })
  } catch (error) {
    remove()
    throw error
  }
  return { dir, remove }
}

/**
 * The schema is made by this tree, which may know migrations the baseline does not; a service
 * refuses to start on a database with migrations it has never heard of. The baseline is told only
 * of its own: the tables and columns added since stay, unused by it.
 */
async function forgetNewerMigrations(container: Container, dir: string) {
  const known = readdirSync(join(dir, 'dist', 'src', 'db', 'migrations'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.replace(/\.js$/, ''))
  await sql`delete from kysely_migration where name not in (${sql.join(known)})`.execute(
    container.database.db,
  )
}

interface Side {
  name: string
  /** The checkout whose dist/ is started. */
  dir: string
}

interface Measured {
  side: string
  kind: string
  perSecond: number
  p99: number
  failed: number
  /** The web process's CPU time per create, microseconds (where /proc tells it). */
  cpu?: number
}

/**
 * A `wrk` script that creates a subscriber per request, each with an address of its own
 * (`name` keeps the addresses of different rounds apart).
 */
function createScript(dir: string, name: string, token: string): string {
  const prefix = `${name}-${randomBytes(3).toString('hex')}`
  const file = join(dir, `${name}.lua`)
  writeFileSync(
    file,
    `local n = 0
local headers = { ["Authorization"] = "Bearer ${token}", ["Content-Type"] = "application/json" }
request = function()
  n = n + 1
  local body = '{"email":"lukija-${prefix}-' .. n .. '@api.example","languages":["fi","sv"],"newsrooms":["${demoNewsroom.slug}"]}'
  return wrk.format("POST", nil, headers, body)
end
`,
  )
  return file
}

async function subscriberCount(container: Container): Promise<number> {
  const row = await container.database.db
    .selectFrom('subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Load from `wrk` where it is installed (see bench/wrk.ts); `BENCH_LOAD=fetch` forces the loop. */
const LOAD = process.env.BENCH_LOAD !== 'fetch' && hasWrk() ? 'wrk' : 'fetch'

/** `requests` creates from `concurrency` clients in turn; each client one request at a time. */
async function createMany(base: string, token: string, requests: number, concurrency: number) {
  let next = 0
  let failed = 0
  const latencies: number[] = []
  const prefix = randomBytes(3).toString('hex')
  const client = async () => {
    while (next < requests) {
      const i = next++
      const started = performance.now()
      const res = await fetch(`${base}/api/v1/subscribers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `lukija-${prefix}-${i}@api.example`,
          languages: ['fi', 'sv'],
          newsrooms: [demoNewsroom.slug],
        }),
      }).catch(() => undefined)
      if (res?.status === 201) latencies.push(performance.now() - started)
      else failed++
      await res?.arrayBuffer()
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, client))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    perSecond: latencies.length / seconds,
    p99: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0,
    failed,
  }
}

async function measure(side: Side, kind: 'sqlite' | 'postgres'): Promise<Measured> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiedote-api-'))
  const pgDb = kind === 'postgres' ? await postgresSchema() : undefined
  if (kind === 'postgres' && !pgDb) throw new Error('PostgreSQL not available')
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: pgDb?.url ?? `sqlite:${join(dataDir, 'bench.db')}`,
    REDIS_URL: process.env.REDIS_URL ?? testEnv.redisUrl(),
    REDIS_PREFIX: `api_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://news.api.example',
    MAIL_FROM: 'Tiedote <news@api.example>',
  }
  const container = await createContainer(loadConfig(env))
  let web: ReturnType<typeof spawnChild> | undefined
  try {
    await container.database.migrate()
    await forgetNewerMigrations(container, side.dir)
    const content = { ...contentDeps(container), dispatch: async () => {} }
    await createNewsroom(content, admin, {
      slug: demoNewsroom.slug,
      languages: demoNewsroom.languages,
      name: demoNewsroom.name,
      boilerplate: demoNewsroom.boilerplate,
    })
    const { token } = await createApiToken(container.repos, container.clock, { name: 'bench' })
    const port = await freePort()
    web = spawnChild([join(side.dir, 'dist', 'src', 'cli.js'), 'serve', '--role', 'web'], {
      ...env,
      PORT: String(port),
    })
    const base = `http://127.0.0.1:${port}`
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (i > 600) throw new Error(`web process did not start:\n${web.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const concurrency = numberEnv('BENCH_CONCURRENCY', 32)
    let result: Awaited<ReturnType<typeof createMany>> & { created: number }
    let cpuBefore: number | undefined
    let cpuAfter: number | undefined
    if (LOAD === 'wrk') {
      const seconds = numberEnv('BENCH_SECONDS', 5)
      const url = `${base}/api/v1/subscribers`
      const creates = (name: string) => createScript(dataDir, name, token)
      // Warm-up: JIT, connection pools, prepared plans.
      await runWrk({ url, connections: concurrency, seconds: 2, script: creates('warm-up') })
      console.log(`  ${side.name}, ${kind}: ${seconds} s of creates from ${concurrency} clients…`)
      // The warm-up's last requests are answered before counting starts.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 1000))
      await settle()
      const before = await subscriberCount(container)
      cpuBefore = cpuMicros(web.child.pid)
      const report = await runWrk({
        url,
        connections: concurrency,
        seconds,
        script: creates('round'),
      })
      cpuAfter = cpuMicros(web.child.pid)
      const created = report.total - report.errors
      // Every answer counted as a create is a subscriber in the database (and at most one
      // request per connection was still in flight when wrk stopped counting).
      await settle()
      const written = (await subscriberCount(container)) - before
      if (written < created || written > created + concurrency)
        throw new Error(`${created} creates answered, but ${written} subscribers written`)
      result = {
        perSecond: (report.rps * created) / Math.max(report.total, 1),
        p99: report.p99,
        failed: report.errors,
        created,
      }
    } else {
      const requests = numberEnv('BENCH_REQUESTS', 3000)
      await createMany(base, token, 200, concurrency)
      console.log(`  ${side.name}, ${kind}: ${requests} creates from ${concurrency} clients…`)
      cpuBefore = cpuMicros(web.child.pid)
      const fetched = await createMany(base, token, requests, concurrency)
      cpuAfter = cpuMicros(web.child.pid)
      result = { ...fetched, created: requests - fetched.failed }
    }
    const cpu =
      cpuBefore !== undefined && cpuAfter !== undefined
        ? (cpuAfter - cpuBefore) / Math.max(result.created, 1)
        : undefined
    const { created: _created, ...figures } = result
    return { side: side.name, kind, ...figures, cpu }
  } finally {
    if (web && web.child.exitCode === null) {
      web.child.kill('SIGTERM')
      await web.exited
    }
    const keys = await container.redis.keys(`${env.REDIS_PREFIX}*`)
    if (keys.length > 0) await container.redis.del(...keys)
    await container.close()
    await pgDb?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export async function run(): Promise<BenchResult> {
  const commit = process.env.BENCH_BASE ?? git(['merge-base', 'HEAD', BEFORE_SPEED_WORK])
  const short = git(['rev-parse', '--short', commit])
  const head = git(['rev-parse', '--short', 'HEAD'])
  const which = process.env.BENCH_DB ?? 'both'
  const kinds = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[]
  console.log(`building the current tree (${head}) and the baseline ${short}…`)
  buildDist()
  const baseline = buildBaseline(commit)
  const lines: string[] = []
  try {
    if (!existsSync(join(baseline.dir, 'dist', 'src', 'cli.js')))
      throw new Error('the baseline did not build')
    const sides: Side[] = [
      { name: `baseline ${short}`, dir: baseline.dir },
      { name: `current ${head}`, dir: root },
    ]
    for (const kind of kinds) {
      const measured: Measured[] = []
      try {
        // Side by side, in turn, so that the machine's drift touches both alike.
        for (const side of [...sides, ...sides]) measured.push(await measure(side, kind))
      } catch (error) {
        if (kind === 'postgres' && /not available/.test((error as Error).message)) {
          console.log('  PostgreSQL round skipped: not available')
          continue
        }
        throw error
      }
      const best = (name: string) =>
        measured
          .filter((m) => m.side === name)
          .reduce((a, b) => (b.perSecond > a.perSecond ? b : a))
      const [base, current] = sides.map((s) => best(s.name))
      const ratio = current.perSecond / base.perSecond
      for (const m of measured)
        lines.push(
          `${kind} ${m.side.padEnd(18)} ${fmt(m.perSecond).padStart(6)} creates/s  p99 ${fmt(m.p99).padStart(4)} ms  ` +
            (m.cpu === undefined ? '' : `server ${fmt(m.cpu).padStart(5)} µs CPU/create  `) +
            `failed ${m.failed}`,
        )
      lines.push(
        `${kind}: ${fmt(ratio, 2)} × the baseline (best of two each) — target ≥ ${TARGET} ×: ${ratio >= TARGET ? 'met' : 'NOT met'}`,
      )
    }
  } finally {
    baseline.remove()
  }
  for (const line of lines) console.log(line)
  return {
    name: `api (POST /api/v1/subscribers from ${LOAD}, current ${head} vs ${short})`,
    summary: lines,
  }
}
