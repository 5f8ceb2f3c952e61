/**
 * In the default deployment (ROLE=all, one `npm start`) the sending runs in a worker process of
 * its own that the service starts, restarts when it dies and stops with itself. Pages then never
 * share an event loop with a send: a large send costs readers CPU, not their turn on the loop.
 *
 * The child is the same program with `serve --role worker` (from the build as from the
 * sources: the parent's Node flags go along), the same environment and an IPC channel. It does
 * what a worker process does (lower CPU priority, graceful drain on SIGTERM) and, should the
 * parent vanish without stopping it, stops itself when the channel closes.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export interface WorkerProcessLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

export interface SupervisedWorker {
  /** The running child's pid, if one runs. */
  pid(): number | undefined
  /** SIGTERM to the child (its graceful drain), then waits for it to exit; no restart after. */
  stop(): Promise<void>
}

/** First restart after a crash; doubles while the child keeps dying, at most `MAX_RESTART_MS`. */
export const RESTART_MS = 1000
const MAX_RESTART_MS = 30_000
/** A child that ran this long before dying was healthy: the next restart waits `RESTART_MS`. */
const HEALTHY_MS = 60_000

/** The command line entry (cli.js next to this file in the build, cli.ts in the sources). */
function cliEntry(): string {
  const here = fileURLToPath(import.meta.url)
  const js = here.replace(/worker-process\.(ts|js)$/, 'cli.js')
  const ts = here.replace(/worker-process\.(ts|js)$/, 'cli.ts')
  return here.endsWith('.ts') && !existsSync(js) ? ts : js
}

export function superviseWorker(log: WorkerProcessLog): SupervisedWorker {
  let child: ChildProcess | undefined
  let stopping = false
  let restartMs = RESTART_MS
  let restartTimer: NodeJS.Timeout | undefined
  let exited: Promise<void> = Promise.resolve()

  const start = () => {
    const startedAt = Date.now()
    const current = spawn(
      process.execPath,
      [...process.execArgv, cliEntry(), 'serve', '--role', 'worker', '--supervised'],
      // The environment passes on as it is (spawn's default); `--role` overrides ROLE.
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    )
    child = current
    log.info({ pid: current.pid }, 'worker process started')
    exited = new Promise<void>((resolve) => {
      current.once('exit', (code, signal) => {
        child = undefined
        resolve()
        if (stopping) return
        if (Date.now() - startedAt >= HEALTHY_MS) restartMs = RESTART_MS
        log.warn(
          { pid: current.pid, code, signal, restartInMs: restartMs },
          'worker process exited; restarting',
        )
        restartTimer = setTimeout(start, restartMs)
        restartMs = Math.min(restartMs * 2, MAX_RESTART_MS)
      })
    })
    current.once('error', (error) =>
      log.warn({ err: error.message }, 'could not start the worker process'),
    )
  }
  start()

  return {
    pid: () => child?.pid,
    async stop() {
      stopping = true
      clearTimeout(restartTimer)
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * In a supervised worker (`serve --supervised`): when the parent's channel closes (the parent
 * died or exited without stopping us), stop as on SIGTERM, so no orphan keeps sending. Only the
 * command line calls this: a process that merely has an IPC channel (a test runner's fork, a
 * process manager) is not our supervisor, and unref-ing its channel let such a fork exit.
 */
export function stopWithParent() {
  if (!process.channel) return
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'))
  // The channel must not keep the process alive on its own.
  process.channel.unref()
}
