/**
 * What the benchmarks send to and store in: an SMTP sink in the benchmark's own process, and a
 * schema of its own on the test PostgreSQL.
 */
import { SMTPServer } from 'smtp-server'
import { createTestDatabase } from '../test/helpers/env.js'

export interface Sink {
  url: string
  count: number
  /** Distinct recipients (envelope) since the last reset: below `count` means duplicates. */
  distinct: number
  firstAt: number
  lastAt: number
  reset(): void
  close(): Promise<void>
}

/** Accepts everything and counts; no parsing, so the sink costs both sides the same. */
export async function startSink(): Promise<Sink> {
  const state = {
    count: 0,
    firstAt: 0,
    lastAt: 0,
    recipients: new Set<string>(),
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      for (const to of session.envelope.rcptTo) state.recipients.add(to.address)
      stream.on('data', () => {})
      stream.on('end', () => {
        const now = performance.now()
        if (state.count === 0) state.firstAt = now
        state.count++
        state.lastAt = now
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const addr = server.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    url: `smtp://127.0.0.1:${port}`,
    get count() {
      return state.count
    },
    get distinct() {
      return state.recipients.size
    },
    get firstAt() {
      return state.firstAt
    },
    get lastAt() {
      return state.lastAt
    },
    reset() {
      state.count = 0
      state.firstAt = 0
      state.lastAt = 0
      state.recipients = new Set()
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A schema of its own on the test PostgreSQL, or undefined when none answers. */
export async function postgresSchema(): Promise<
  { url: string; drop(): Promise<void> } | undefined
> {
  return createTestDatabase('postgres', '').catch(() => undefined)
}
