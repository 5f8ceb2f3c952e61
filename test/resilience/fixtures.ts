/**
 * Shared by the fault tests: real worker processes, the delivery ledger checked against what
 * the SMTP server received (lost = in the ledger, never received; duplicate = received twice),
 * and recovery that either waits for the real timeouts (soak) or lets time pass in the database.
 *
 * Letting time pass: the reconciler resends a `sending` row only when its lease has lapsed
 * (30 s without renewal) and re-enqueues `pending` rows only when a release has made no
 * progress for the stall timeout (2 min). The normal run does not sleep through those minutes:
 * it moves back the `updated_at` (and lease) of the rows nobody can be working on (terminal
 * rows, and rows untouched since the fault) and asks the running worker process for a reconcile
 * job — the same job its own loop adds every 30 s. `npm run test:soak` waits for the real
 * timeouts instead. (worker-lease.test.ts waits for a real, short lease.)
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import type { Container } from '../../src/container.js'
import { DEFAULT_POLICY } from '../../src/core/delivery/ports.js'
import { testEnv } from '../../src/env.js'
import { createLogger } from '../../src/logger.js'
import { contentDeps } from '../../src/wiring/content.js'
import { jobId } from '../../src/queue/jobs.js'
import { DB_KINDS } from '../helpers/env.js'
import type { DbKind } from '../helpers/env.js'
import { startTestApp } from '../helpers/harness.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { addManySubscribers } from '../helpers/subscribers.js'
import { eventually } from '../helpers/wait.js'
import { createTestNewsroom, untilReleaseDelivered } from '../pipeline/fixtures.js'

export const soak = testEnv.soak()

/** The normal run uses one database kind per scenario; the soak run every kind. */
export const kindsFor = (normal: DbKind): DbKind[] => (soak ? DB_KINDS : [normal])

type Db = Container['database']['db']

/**
 * The test process's side of a fault test: a fresh installation on real time that sends to
 * `smtp`. Its worker processes log (LOG_LEVEL=info in their environment); this process does not.
 */
export const startFaultApp = (
  kind: DbKind,
  smtp: TestSmtpServer,
  env: Record<string, string> = {},
) =>
  startTestApp(kind, {
    smtp,
    env: { LOG_LEVEL: 'info', ...env },
    realTime: true,
    log: createLogger('silent'),
  })

/** A newsroom with `count` confirmed subscribers: the audience of a fault test's send. */
export async function seedAudience(
  container: Container,
  slug: string,
  count: number,
  emailOf: (i: number) => string,
) {
  const newsroom = await createTestNewsroom(contentDeps(container), slug)
  await addManySubscribers(
    container.database.db,
    new Date().toISOString(),
    count,
    newsroom.id,
    emailOf,
  )
  return newsroom
}

/** Worker processes (`tiedote serve --role worker`) started by one test file. */
export function workerProcesses(env: () => Record<string, string>) {
  const started: ServiceProcess[] = []
  return {
    started,
    async start(extra: Record<string, string> = {}): Promise<ServiceProcess> {
      const worker = runCli(['serve', '--role', 'worker'], { ...env(), ...extra })
      started.push(worker)
      await worker.waitForOutput(/workers started/, 60_000)
      return worker
    },
    /** Everything any worker printed (pino JSON lines). */
    output: () => started.map((worker) => worker.output()).join('\n'),
    async stopAll() {
      for (const worker of started) {
        if (worker.child.exitCode === null && worker.child.signalCode === null) {
          worker.kill('SIGKILL')
          await worker.exited()
        }
      }
    },
  }
}

/** Delivery ids the reconciler logged as "in flight when its worker stopped" (possible duplicates). */
export function loggedPossibleDuplicates(output: string): Set<number> {
  const ids = new Set<number>()
  for (const line of output.split('\n')) {
    if (!line.includes('possible duplicate')) continue
    try {
      const entry = JSON.parse(line) as { deliveryId?: number }
      if (typeof entry.deliveryId === 'number') ids.add(entry.deliveryId)
    } catch {
      // not a log line
    }
  }
  return ids
}

export interface Ledger {
  /** Delivery rows of the release email: the audience frozen at fan-out. */
  audience: number
  /** Distinct subscribers with a `sent` row. */
  subscribersSent: number
  byStatus: Record<string, number>
  /** Rows whose Message-ID the SMTP server never received. */
  lost: number
  /** Extra copies received (a message received three times counts 2). */
  duplicates: number
  duplicatedDeliveryIds: number[]
}

/** Compares the release's delivery rows with the Message-IDs the SMTP server stored. */
export async function deliveryLedger(
  db: Db,
  releaseId: number,
  smtp: Pick<TestSmtpServer, 'messageIds'>,
): Promise<Ledger> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['id', 'subscriber_id', 'status', 'message_id'])
    .where('release_id', '=', releaseId)
    .where('kind', '=', 'release')
    .execute()
  const received = new Map<string, number>()
  for (const id of smtp.messageIds) received.set(id, (received.get(id) ?? 0) + 1)
  const byStatus: Record<string, number> = {}
  const sentTo = new Set<number>()
  let lost = 0
  let duplicates = 0
  const duplicatedDeliveryIds: number[] = []
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1
    if (row.status === 'sent' && row.subscriber_id !== null) sentTo.add(row.subscriber_id)
    const copies = received.get(row.message_id) ?? 0
    if (copies === 0) lost++
    if (copies > 1) {
      duplicates += copies - 1
      duplicatedDeliveryIds.push(row.id)
    }
  }
  return {
    audience: rows.length,
    subscribersSent: sentTo.size,
    byStatus,
    lost,
    duplicates,
    duplicatedDeliveryIds,
  }
}

/** Resolves once the SMTP server has stored nothing new for `quietMs`. */
export async function untilQuiet(smtp: Pick<TestSmtpServer, 'messageIds'>, quietMs: number) {
  let count = -1
  let since = Date.now()
  for (;;) {
    if (smtp.messageIds.length !== count) {
      count = smtp.messageIds.length
      since = Date.now()
    } else if (Date.now() - since >= quietMs) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Lets the leases and the stall timeout lapse for the rows of a release that no live worker can
 * be working on: every row not `sending`, and `sending` rows untouched since `faultAt` (claimed by
 * a process that is gone). A row a live worker claims after the fault keeps its time.
 */
export async function letTimeoutsPass(db: Db, releaseId: number, faultAt: Date): Promise<number> {
  const past = new Date(
    Date.now() - DEFAULT_POLICY.sendingTimeoutMs - DEFAULT_POLICY.stallTimeoutMs - 60_000,
  ).toISOString()
  const updated = await db
    .updateTable('deliveries')
    .set({ updated_at: past, lease_until: past })
    .where('release_id', '=', releaseId)
    .where((eb) =>
      eb.or([eb('status', '!=', 'sending'), eb('updated_at', '<=', faultAt.toISOString())]),
    )
    .executeTakeFirst()
  return Number(updated.numUpdatedRows)
}

let reconcileRuns = 0

/**
 * Adds a reconcile job, as the worker's own loop does every 30 s, and waits until a worker
 * process has run it. Returns the reconciler's result.
 */
export async function reconcileInWorker(
  container: Pick<Container, 'queues'>,
): Promise<{ resent: number; batches: number; delivered: number }> {
  const id = jobId('reconcile', 'test', process.pid, Date.now(), ++reconcileRuns)
  const job = await container.queues.maintenance.add(
    'maintenance',
    { task: 'reconcile' },
    { jobId: id, attempts: 1, removeOnComplete: false },
  )
  const result = await eventually(
    async () => {
      const state = await job.getState()
      if (state === 'failed') throw new Error(`reconcile job failed: ${job.failedReason}`)
      if (state !== 'completed') return undefined
      const done = await container.queues.maintenance.getJob(id)
      await done?.remove()
      return done?.returnvalue as { resent: number; batches: number; delivered: number }
    },
    { what: 'reconcile job', timeoutMs: 60_000 },
  )
  return result!
}

/**
 * Recovery after a fault: soak waits for the worker's own reconciler and the real timeouts; the
 * normal run waits until the running workers have nothing left to send, then lets the timeouts
 * pass in the database and asks a worker to reconcile.
 */
export async function recoverAfterFault(options: {
  container: Pick<Container, 'queues' | 'database'>
  smtp: Pick<TestSmtpServer, 'messageIds'>
  releaseId: number
  faultAt: Date
}): Promise<{ resent: number; batches: number; delivered: number } | undefined> {
  if (soak) return undefined
  await untilQuiet(options.smtp, 3000)
  await letTimeoutsPass(options.container.database.db, options.releaseId, options.faultAt)
  return reconcileInWorker(options.container)
}

/** Bound for waiting until a release is delivered: soak includes the real timeouts. */
export const deliveredWithinMs = soak
  ? DEFAULT_POLICY.sendingTimeoutMs + DEFAULT_POLICY.stallTimeoutMs + 3 * 60_000
  : 90_000

/** Waits until every delivery is terminal and the release is marked delivered. */
export const untilDelivered = (db: Db, releaseId: number) =>
  untilReleaseDelivered(createRepositories(db), releaseId, deliveredWithinMs)

/** A whole number in [min, max]. */
export const randomBetween = (min: number, max: number) =>
  min + Math.floor(Math.random() * (max - min + 1))
