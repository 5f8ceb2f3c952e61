/**
 * Runs Tiedote as a web process, a worker process or both (ROLE; with `all` the workers run in
 * a child process the service manages). Handles start-up (migrations,
 * first admin, demo newsroom) and graceful shutdown: stop accepting HTTP, let jobs in progress
 * finish, close Redis and the database — all within SHUTDOWN_TIMEOUT_MS.
 */
import os from 'node:os'
import v8 from 'node:v8'
import type { ServerType } from '@hono/node-server'
import { createContainer } from './container.js'
import type { Container, ContainerOverrides } from './container.js'
import { systemActor } from './core/auth/actor.js'
import { createStaffUser, hasUsers } from './core/auth/users.js'
import { seedDemo } from './demo/seed.js'
import { makeMissingRenditions } from './core/media/store.js'
import { contentDeps } from './wiring/content.js'
import type { Config, Role } from './env.js'
import { StartupError } from './redis.js'
import type { Workers } from '../workers/index.js'
import { superviseWorker } from './worker-process.js'
import type { SupervisedWorker } from './worker-process.js'

export interface RunningService {
  container: Container
  server?: ServerType
  workers?: Workers
  /** ROLE=all: the worker process this service runs. */
  workerProcess?: SupervisedWorker
  /** Graceful stop; resolves when everything is closed. */
  stop(): Promise<void>
}

/**
 * V8 grows the heap by a factor it picks from how fast the program allocates: under a send it
 * let a worker whose live heap stays at ~32 MB grow to ~170 MB of heap before collecting, so
 * resident memory rose with the length of the send. A fixed, small growth step (20 %) keeps
 * the heap near the live size at no measurable cost in throughput (`npm run bench -- send`).
 * It bounds growth only; unlike --max-old-space-size it never makes a large legitimate need fail.
 */
export const HEAP_GROWING_PERCENT = 20

/**
 * A worker process lowers its own CPU priority (WORKER_NICE, default 10). On a machine that
 * also runs the web process, a large send then takes the CPU the readers' requests leave over
 * instead of half of it: measured with `npm run bench -- mixed` (2 cores, 40,000 emails on
 * PostgreSQL), page p99 during the send fell from 183–327 ms to 154 ms at the same emails/s.
 * Alone on a machine the worker loses nothing.
 */
function lowerWorkerPriority(container: Container) {
  try {
    const nice = Math.max(os.getPriority(), container.config.workerNice)
    os.setPriority(nice)
  } catch (error) {
    container.log.warn({ err: (error as Error).message }, 'could not lower the worker priority')
  }
}

export async function startService(
  config: Config,
  role: Role = config.role,
  overrides: ContainerOverrides = {},
): Promise<RunningService> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  const container = await createContainer(config, overrides)
  const { log, database } = container
  const applied = await database.migrate()
  if (applied.length > 0) log.info({ applied }, 'database migrated')

  if (role !== 'worker') await firstStart(container)

  // Each role loads only its own code: a worker process has no use for the pages, the API or
  // their views (about 10 MB of memory), and a web process none for the BullMQ workers.
  let server: ServerType | undefined
  if (role !== 'worker') {
    const [{ serve }, { createApp }] = await Promise.all([
      import('@hono/node-server'),
      import('./app.js'),
    ])
    const app = createApp(container)
    server = await listen(serve, app.fetch, config.port, 'PORT').catch(async (error: unknown) => {
      await container.close()
      throw error
    })
    log.info({ url: config.publicUrl, port: config.port, role }, 'web server listening')
  }
  if (role === 'worker') lowerWorkerPriority(container)
  // A worker's counters live in its own memory: it serves them on a port of its own.
  const opsServer =
    role === 'worker' && config.metricsPort
      ? await serveOps(container, config.metricsPort).catch(async (error: unknown) => {
          await container.close()
          throw error
        })
      : undefined
  // ROLE=all: the sending runs in a worker process the service starts, restarts and stops, so
  // readers never wait behind a send on this process's event loop (see worker-process.ts).
  const child = role === 'all' ? superviseWorker(log) : undefined
  const workers =
    role === 'worker' ? (await import('../workers/index.js')).startWorkers(container) : undefined
  if (workers) log.info({ role }, 'workers started')

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all([
        server ? closeServer(server) : undefined,
        opsServer ? closeServer(opsServer) : undefined,
        child?.stop(),
      ])
      if (workers) await workers.close()
      await container.close()
    })())

  return { container, server, workers, workerProcess: child, stop }
}

/** Listens on `port`; a port in use or not allowed is a start-up error naming the setting. */
function listen(
  serve: typeof import('@hono/node-server').serve,
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  setting: string,
): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '0.0.0.0' }, () => resolve(server))
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(`${setting}=${port}: cannot listen (${error.code ?? error.message})`),
      ),
    )
  })
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve())
    // Keep-alive connections would hold close() open; end idle ones now.
    ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
  })
}

async function serveOps(container: Container, port: number): Promise<ServerType> {
  const [{ serve }, { createOpsApp }] = await Promise.all([
    import('@hono/node-server'),
    import('./routes/ops/ops.index.js'),
  ])
  const app = createOpsApp(container)
  const server = await listen(serve, app.fetch, port, 'METRICS_PORT')
  container.log.info({ port }, 'worker metrics listening')
  return server
}

/** On an empty database: create the first admin (printed once) and the demo newsroom. */
async function firstStart(container: Container) {
  const { repos, clock, config } = container
  if (!(await hasUsers(repos))) {
    const email = 'admin@example.com'
    const { password } = await createStaffUser(repos, clock, systemActor('first-start'), {
      email,
      role: 'admin',
      name: 'Admin',
    })
    printBox([
      'Tiedote: first start — an administrator was created.',
      `Sign in at ${config.publicUrl}/admin`,
      `  email:    ${email}`,
      `  password: ${password}`,
      'You will be asked to choose a new password. This is shown only once.',
    ])
  }
  if (config.seedDemo) await seedDemo(container)
  // Images stored before web sizes existed get them now, in the background.
  makeMissingRenditions(contentDeps(container))
    .then((done) => {
      if (done > 0) container.log.info({ images: done }, 'web sizes made for stored images')
    })
    .catch((error: unknown) =>
      container.log.error({ err: error }, 'could not make web sizes for stored images'),
    )
}

function printBox(lines: string[]) {
  const width = Math.max(...lines.map((line) => line.length))
  const bar = '─'.repeat(width + 2)
  process.stdout.write(
    `┌${bar}┐\n${lines.map((l) => `│ ${l.padEnd(width)} │`).join('\n')}\n└${bar}┘\n`,
  )
}

/**
 * Installs SIGINT/SIGTERM handlers before the service has started, so a signal during start-up
 * still shuts down gracefully once it is up; a second signal or the timeout forces exit.
 */
export function stopOnSignals(starting: Promise<RunningService>, timeoutMs: number) {
  let received = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(1)
    received = true
    const timer = setTimeout(() => {
      console.error(`Shutdown took longer than ${timeoutMs} ms; exiting.`)
      process.exit(1)
    }, timeoutMs)
    timer.unref()
    starting
      .then((service) => {
        service.container.log.info({ signal }, 'shutting down')
        return service.stop().then(() => process.exit(0))
      })
      .catch((error: unknown) => {
        console.error(`Error during shutdown: ${(error as Error).message}`)
        process.exit(1)
      })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
