/**
 * Child processes for the benchmarks: the service (from the build in dist/, as `npm start` runs
 * it) and the benchmarks' own helpers (TypeScript, through tsx). BENCH_NODE_FLAGS adds
 * Node/V8 flags to every child (e.g. `--trace-gc`).
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export type BenchChild = ReturnType<typeof spawnChild>

/** Node/V8 flags for the benchmarks' server processes, from BENCH_NODE_FLAGS. */
export const benchNodeFlags = () => process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []

/**
 * CPU time (user and system, all threads) a process has used so far, in microseconds, from
 * /proc: for the server's cost per request, which the load generator's share of the machine
 * does not change. Undefined where there is no /proc.
 */
export function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return undefined
  }
}

/** `args[0]` ending in .ts runs through tsx; anything else (dist/src/cli.js) runs as is. */
export function spawnChild(args: string[], env: Record<string, string>, quiet = false) {
  const viaTsx = args[0].endsWith('.ts')
  const child = spawn(
    process.execPath,
    [...benchNodeFlags(), ...(viaTsx ? ['--import', 'tsx'] : []), ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', quiet ? 'ignore' : 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    exited,
    output: () => output,
    async waitFor(pattern: RegExp, timeoutMs = 60_000) {
      const started = Date.now()
      while (!pattern.test(output)) {
        if (child.exitCode !== null) throw new Error(`child exited:\n${output}`)
        if (Date.now() - started > timeoutMs) throw new Error(`timed out:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
  }
}

/** The service's command line as `npm start` runs it (call buildDist first). */
export const SERVE = ['dist/src/cli.js', 'serve']
