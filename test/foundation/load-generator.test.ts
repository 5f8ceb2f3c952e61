/**
 * The benchmark's load generator (bench/load-generator.ts) against a real HTTP server: readers
 * keep arriving at the set rate while the server stalls, and each one's wait counts from the
 * moment it was due — the figure `npm run bench -- mixed` checks its target against.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { generate, percentile } from '../../bench/load-generator.js'

let server: http.Server | undefined

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/**
 * Answers at once, except that for `stallMs` from the `stallAfter`th request on it holds every
 * request. The generator's warm-up sends ten requests per path first; they count too.
 */
async function startServer(stallAfter: number, stallMs: number) {
  let answered = 0
  let stallUntil = 0
  const held: (() => void)[] = []
  const arrivals: number[] = []
  server = http.createServer((req, res) => {
    const answer = () => {
      res.writeHead(req.url === '/broken' ? 500 : 200, { 'content-type': 'text/plain' })
      res.end('ok')
    }
    arrivals.push(performance.now())
    answered++
    if (answered === stallAfter) {
      stallUntil = performance.now() + stallMs
      setTimeout(() => held.splice(0).forEach((release) => release()), stallMs)
    }
    if (performance.now() < stallUntil) held.push(answer)
    else answer()
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { base: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, arrivals }
}

describe('load generator', () => {
  it('keeps the rate while the server stalls and charges the stall to every reader due in it', async () => {
    const { base, arrivals } = await startServer(20 + 30, 300)
    const round = await generate(
      { base, paths: ['/a', '/b'], rate: 100, seconds: 1 },
      new Promise(() => {}),
    )
    expect(round.failed).toBe(0)
    expect(round.total).toBeGreaterThanOrEqual(99)
    expect(round.total).toBeLessThanOrEqual(101)
    // The request that started the stall waited all of it, counted from when it was due.
    expect(round.max).toBeGreaterThanOrEqual(250)
    // Readers kept arriving during the stall instead of waiting for the held answers: about
    // 30 of them at 100/s. (A closed-loop generator sends none while its requests are held.)
    const first = arrivals[20 + 29]
    const during = arrivals.filter((t) => t > first && t < first + 300).length
    expect(during).toBeGreaterThanOrEqual(15)
  })

  it('counts error answers as failed and stops when told to', async () => {
    const { base } = await startServer(Infinity, 0)
    let stop: () => void = () => {}
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    setTimeout(stop, 500)
    const round = await generate(
      { base, paths: ['/ok', '/broken'], rate: 40, seconds: 60 },
      stopped,
    )
    expect(round.total).toBeGreaterThanOrEqual(15)
    expect(round.total).toBeLessThanOrEqual(25)
    expect(round.failed).toBe(Math.floor(round.total / 2))
  })

  it('reads percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(sorted, 0.5)).toBe(50)
    expect(percentile(sorted, 0.99)).toBe(99)
    expect(percentile([7], 0.99)).toBe(7)
    expect(percentile([], 0.99)).toBe(0)
  })
})
