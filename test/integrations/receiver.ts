/** A real HTTP server that records what it receives and answers as a test tells it. */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** Wall-clock time of arrival. */
  at: number
}

export interface Receiver {
  url: string
  received: Received[]
  /** The statuses of the next answers, in order; the last one repeats. */
  answers: number[]
  close(): Promise<void>
}

export async function startReceiver(answers: number[] = [204]): Promise<Receiver> {
  const received: Received[] = []
  const state = { answers }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      })
      const status = state.answers.length > 1 ? state.answers.shift()! : (state.answers[0] ?? 204)
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get answers() {
      return state.answers
    },
    set answers(value) {
      state.answers = value
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
