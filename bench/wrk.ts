/**
 * `wrk` (Debian's package: `apt-get install wrk`) as the load generator where it is installed.
 * Written in C, it spends a small fraction of the CPU per request that a load generator in
 * JavaScript spends (autocannon, or `fetch` in a loop), which matters on a machine with few
 * cores: there the load generator shares the CPU with the server it measures.
 */
import { spawn, spawnSync } from 'node:child_process'

export const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }
const BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }

export interface WrkReport {
  rps: number
  /** Milliseconds. */
  p99: number
  total: number
  /** Bytes read per response, headers included. */
  bytes: number
  /** Socket errors, timeouts and answers with a status of 400 or more. */
  errors: number
}

/** The figures of a `wrk --latency` report. */
export function parseWrk(report: string): WrkReport {
  const match = (re: RegExp) => {
    const m = re.exec(report)
    if (!m) throw new Error(`unexpected wrk report:\n${report}`)
    return m
  }
  const p99 = match(/^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m)
  const done = match(/^\s+(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read$/m)
  const total = Number(done[1])
  const errors = [
    ...report.matchAll(/(?:connect|read|write|timeout) (\d+)|Non-2xx or 3xx responses: (\d+)/g),
  ].reduce((sum, m) => sum + Number(m[1] ?? m[2]), 0)
  return {
    rps: Number(match(/^Requests\/sec:\s+([\d.]+)$/m)[1]),
    p99: Number(p99[1]) * UNITS[p99[2]],
    total,
    bytes: (Number(done[2]) * BYTES[done[3]]) / Math.max(total, 1),
    errors,
  }
}

/** One `wrk` run (one thread), resolved with its parsed report. */
export async function runWrk(options: {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** A Lua script (`wrk -s`), e.g. one that makes each request's body. */
  script?: string
}): Promise<WrkReport> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency']
  for (const [name, value] of Object.entries(options.headers ?? {}))
    args.push('-H', `${name}: ${value}`)
  if (options.script) args.push('-s', options.script)
  const child = spawn('wrk', [...args, options.url], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  await new Promise((resolve) => child.once('exit', resolve))
  return parseWrk(out)
}
