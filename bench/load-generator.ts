/**
 * An open-loop load generator at a constant rate, for the mixed-load benchmark: readers arrive
 * one after another at even intervals whatever the server is doing, and each request's latency
 * counts from the moment it was due, not from when it could be sent. So a server that stalls
 * for 100 ms is charged for every reader who arrived during the stall — as readers would feel
 * it — and nothing else (the correction for coordinated omission, as wrk2 makes it).
 *
 * Why not autocannon's `overallRate`: it lets each connection send its share of a second's
 * requests back to back as soon as the second starts and then waits for the next one, so the
 * load arrives in bursts (200 requests at once at 200 req/s) and measures queueing behind the
 * burst; and its correction for coordinated omission is given the interval in the wrong unit
 * (`ceil(1 / rate)` = 1 ms), so every slow answer adds one made-up sample per millisecond of
 * its latency.
 *
 * Runs as a child process of its own with no application code loaded, so that its own garbage
 * collection stays small: `node --import tsx bench/load-generator.ts '<json options>'`. Prints
 * `ready`, starts on SIGUSR1, stops after `seconds` or on SIGUSR2, then prints one JSON line.
 */
import http from 'node:http'

export interface LoadOptions {
  base: string
  paths: string[]
  /** Requests per second, spread evenly over the paths in turn. */
  rate: number
  seconds: number
}

export interface LoadRound {
  rps: number
  p50: number
  p99: number
  max: number
  total: number
  failed: number
}

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil(fraction * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1]
}

export function summarize(latencies: number[], failed: number, seconds: number): LoadRound {
  const sorted = Float64Array.from(latencies).sort()
  const list = Array.from(sorted)
  return {
    rps: (latencies.length + failed) / Math.max(seconds, 1e-9),
    p50: percentile(list, 0.5),
    p99: percentile(list, 0.99),
    max: list.at(-1) ?? 0,
    total: latencies.length + failed,
    failed,
  }
}

/** Sends `rate` requests per second until `stop` resolves or `seconds` have passed. */
export async function generate(
  options: LoadOptions,
  stop: Promise<unknown>,
  /** Called after the warm-up; the measurement starts when it resolves. */
  ready?: () => Promise<unknown>,
): Promise<LoadRound> {
  const url = new URL(options.base)
  // Enough sockets that a slow answer never holds back the next reader.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const get = (path: string, onEnd: (ok: boolean) => void) => {
    const req = http.get(
      { agent, host: url.hostname, port: url.port, path, headers: { 'accept-encoding': 'gzip' } },
      (res) => {
        res.on('data', () => {})
        res.on('end', () => onEnd(res.statusCode !== undefined && res.statusCode < 400))
        res.on('error', () => onEnd(false))
      },
    )
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')))
    req.on('error', () => onEnd(false))
  }
  const interval = 1000 / options.rate
  const latencies: number[] = []
  let failed = 0
  let inFlight = 0
  let sent = 0
  let stopped = false

  // Warm-up, not counted: compiles this generator's hot code and opens a few connections, so
  // the first second measures the server and not the generator starting.
  for (let i = 0; i < 10; i++) {
    await Promise.all(
      options.paths.map((path) => new Promise<boolean>((resolve) => get(path, resolve))),
    )
  }
  await ready?.()
  const request = (path: string, due: number) => {
    inFlight++
    get(path, (ok) => {
      inFlight--
      if (ok) latencies.push(performance.now() - due)
      else failed++
    })
  }

  const started = performance.now()
  await new Promise<void>((resolve) => {
    void stop.then(() => (stopped = true))
    const tick = () => {
      const now = performance.now()
      const elapsed = now - started
      if (stopped || elapsed >= options.seconds * 1000) return resolve()
      // Every request that has come due since the last tick, each with its own due time.
      while (sent * interval <= elapsed) {
        request(options.paths[sent % options.paths.length], started + sent * interval)
        sent++
      }
      setTimeout(tick, Math.max(0, started + sent * interval - performance.now()))
    }
    tick()
  })
  const seconds = (performance.now() - started) / 1000
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10))
  agent.destroy()
  return summarize(latencies, failed, seconds)
}

async function main(json: string) {
  const options = JSON.parse(json) as LoadOptions
  const go = new Promise((resolve) => process.once('SIGUSR1', resolve))
  const stop = new Promise((resolve) => process.once('SIGUSR2', resolve))
  const round = await generate(options, stop, async () => {
    // Kept alive until told to go.
    const idle = setInterval(() => {}, 1000)
    process.stdout.write('ready\n')
    await go
    clearInterval(idle)
  })
  process.stdout.write(`${JSON.stringify(round)}\n`)
  process.exit(0)
}

if (process.argv[1]?.endsWith('load-generator.ts')) await main(process.argv[2])
