/**
 * Starts Tiedote as a real child process (`tiedote serve --role …`) with a test configuration,
 * so tests can kill it, restart it and watch it shut down like an operator would.
 */
import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { eventually } from './wait.js'

const root = join(import.meta.dirname, '..', '..')

export interface ServiceProcess {
  child: ChildProcess
  output(): string
  /** Resolves when the process has printed a line matching the pattern. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>
  exited(): Promise<number | null>
  kill(signal?: NodeJS.Signals): void
}

/** Builds dist/ as `npm start` does before it runs the service (benchmarks; tests build once). */
export function buildDist() {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' })
}

/**
 * Runs the CLI from dist/ exactly as `npm start` runs it (test/global-setup.ts builds it once per
 * run), or with `built: false` from the TypeScript sources through tsx.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  { built = true } = {},
): ServiceProcess {
  const entry = built
    ? [join(root, 'dist', 'src', 'cli.js')]
    : ['--import', 'tsx', join(root, 'src', 'cli.ts')]
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    output: () => text,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      await eventually(
        () => {
          if (child.exitCode !== null)
            throw new Error(`process exited (${child.exitCode}):\n${text}`)
          return pattern.test(text)
        },
        { timeoutMs, what: () => `${pattern}:\n${text}`, intervalMs: 50 },
      )
    },
    exited: () => exit,
    kill: (signal = 'SIGTERM') => {
      child.kill(signal)
    },
  }
}
