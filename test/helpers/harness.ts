/**
 * One Tiedote for a test: its own database (a SQLite file or a PostgreSQL schema), data
 * directory and Redis key prefix, the real container and app on a manual clock, and on request
 * the real BullMQ workers and an SMTP sink. Area harnesses add only what their tests need.
 */
import type { Logger } from 'pino'
import { createApp } from '../../src/app.js'
import { createManualClock, systemClock } from '../../src/clock.js'
import type { Clock } from '../../src/clock.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { ContentDeps } from '../../src/core/release/ports.js'
import type { Config } from '../../src/env.js'
import { contentDeps } from '../../src/wiring/content.js'
import { startWorkers } from '../../workers/index.js'
import type { Processors, Workers } from '../../workers/index.js'
import { createTestSetup } from './env.js'
import type { DbKind, TestSetup } from './env.js'
import type { TestSmtpServer } from './smtp.js'
import { eventually } from './wait.js'

/** The public URL every test configuration has (PUBLIC_URL). */
export const ORIGIN = 'http://tiedote.test'

export type ManualClock = ReturnType<typeof createManualClock>
export type App = ReturnType<typeof createApp>

/** One process of an installation: the container, the app and, when started, its workers. */
export interface AppProcess {
  deps: Container
  app: App
  content: ContentDeps
  /** Starts the real BullMQ workers in this process: every queue's, unless told which. */
  startWorkers(processors?: Processors): void
  stopWorkers(): Promise<void>
  /** Stops the workers and closes the container; the database, files and Redis keys stay. */
  close(): Promise<void>
}

/** Starts a process on an existing configuration (a second process of one installation too). */
export async function startAppProcess(
  config: Config,
  options: { clock?: Clock; log?: Logger; migrate?: boolean } = {},
): Promise<AppProcess> {
  const deps = await createContainer(config, { clock: options.clock, log: options.log })
  if (options.migrate !== false) await deps.database.migrate()
  let workers: Workers | undefined
  const stopWorkers = async () => {
    await workers?.close()
    workers = undefined
  }
  return {
    deps,
    app: createApp(deps),
    content: contentDeps(deps),
    startWorkers(processors) {
      if (workers) throw new Error('the workers of this process are already running')
      workers = startWorkers(deps, processors)
    },
    stopWorkers,
    async close() {
      await stopWorkers()
      await deps.close()
    },
  }
}

export interface TestApp extends AppProcess {
  setup: TestSetup
  clock: ManualClock
  /** Closes the process and the SMTP sink it was given, then drops its database, files and keys. */
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Configuration beside the test defaults (see createTestSetup). */
  env?: Record<string, string>
  /** Where the manual clock starts; now by default. */
  start?: Date | string
  /** The container runs on the system clock (the manual one is still there to read). */
  realTime?: boolean
  log?: Logger
  /** A sink the app sends its email to; closed with the app. */
  smtp?: TestSmtpServer
  /** Start every worker in the test process. */
  workers?: boolean
}

/** A fresh installation with one process, migrated and empty. */
export async function startTestApp(kind: DbKind, options: TestAppOptions = {}): Promise<TestApp> {
  const setup = await createTestSetup(kind, {
    ...(options.smtp ? { SMTP_URL: options.smtp.url } : {}),
    ...options.env,
  })
  const clock = createManualClock(
    options.start === undefined ? new Date() : new Date(options.start),
  )
  const web = await startAppProcess(setup.config, {
    clock: options.realTime ? systemClock : clock,
    log: options.log,
  })
  if (options.workers) web.startWorkers()
  return {
    ...web,
    setup,
    clock,
    async close() {
      await web.close()
      await options.smtp?.close()
      await setup.cleanup()
    },
  }
}

const openOutboxRows = async (deps: Pick<Container, 'database'>) =>
  (await deps.database.db.selectFrom('outbox').select('id').where('done_at', 'is', null).execute())
    .length

/** Waits until every outbox row is done: each piece of work the app handed over was performed. */
export async function drainOutbox(deps: Pick<Container, 'database'>, timeoutMs = 15_000) {
  let open = 0
  await eventually(async () => (open = await openOutboxRows(deps)) === 0, {
    timeoutMs,
    what: () => `the outbox to drain (${open} rows open)`,
  })
}

const WORK_QUEUES = ['publish', 'fanout', 'send', 'email'] as const
const UNFINISHED = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const

/**
 * Waits until, in one look, the outbox is drained and no publish, fan-out, send or email job is
 * waiting, delayed or running: whatever a change set off has happened, so that "nothing more was
 * sent" can be checked. (The maintenance queue always has its next run scheduled.)
 */
export async function untilIdle(deps: Pick<Container, 'database' | 'queues'>, timeoutMs = 15_000) {
  let busy: string[] = []
  await eventually(
    async () => {
      busy = []
      const open = await openOutboxRows(deps)
      if (open > 0) busy.push(`outbox: ${open}`)
      for (const name of WORK_QUEUES) {
        const counts = await deps.queues[name].getJobCounts(...UNFINISHED)
        const unfinished = Object.values(counts).reduce((sum, n) => sum + n, 0)
        if (unfinished > 0) busy.push(`${name}: ${unfinished}`)
      }
      return busy.length === 0
    },
    { timeoutMs, what: () => `nothing left to do (${busy.join(', ')})` },
  )
}
