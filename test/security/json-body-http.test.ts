/**
 * JSON bodies over a real connection, as clients send them: a body of declared length is read
 * straight from the socket (the Node adapter's fast path), one declared too long is refused
 * before it is read, and a chunked one is counted while it streams in. `app.request()` in the
 * other tests builds web Requests without a Content-Length, so only a served app shows this.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_BYTES } from '../../src/http/json-body.js'
import { newsroomInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'

interface Answer {
  status: number
  body: { error?: { message: string }; email?: string }
}

describe('JSON request bodies over HTTP', () => {
  let h: ApiHarness
  let served: ServedApp

  /** A POST to the API whose headers and body chunks are exactly the ones given. */
  function post(path: string, headers: Record<string, string>, chunks: (string | Buffer)[]) {
    return new Promise<Answer>((resolve, reject) => {
      const request = http.request(`${served.origin}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.tokens.admin}`, ...headers },
        // A connection of its own: the server closes one whose refused body it did not read.
        agent: false,
      })
      request.on('response', (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
      })
      // The server may answer and close before a refused body is all sent.
      request.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
      )
      for (const chunk of chunks) request.write(chunk)
      request.end()
    })
  }

  beforeAll(async () => {
    h = await startApiHarness('sqlite')
    expect((await h.api('POST', '/newsrooms', newsroomInput())).status).toBe(201)
    served = await serveApp(h.app)
  })
  afterAll(async () => {
    await served?.close()
    await h?.close()
  })

  it('reads a body of declared length', async () => {
    const body = JSON.stringify({
      email: 'pituus@example.fi',
      languages: ['fi'],
      newsrooms: ['kaupunki'],
    })
    const answer = await post(
      '/subscribers',
      { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      [body],
    )
    expect(answer).toMatchObject({ status: 201, body: { email: 'pituus@example.fi' } })
  })

  it('refuses a declared length over the limit before reading the body', async () => {
    const answer = await post(
      '/subscribers',
      { 'content-type': 'application/json', 'content-length': String(MAX_JSON_BYTES + 1) },
      ['{"email": "iso@example.fi"'],
    )
    expect(answer.status).toBe(413)
    expect(answer.body.error?.message).toMatch(/too large/)
  })

  it('counts a chunked body while it streams in, and refuses it past the limit', async () => {
    const piece = 'x'.repeat(512 * 1024)
    const answer = await post(
      '/subscribers',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      ['{"email": "', ...Array(10).fill(piece), '"}'],
    )
    expect(answer.status).toBe(413)
    const small = await post(
      '/subscribers',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      ['{"email": "paloina@example.fi", ', '"languages": ["sv"], "newsrooms": ["kaupunki"]}'],
    )
    expect(small).toMatchObject({ status: 201, body: { email: 'paloina@example.fi' } })
  })

  it('refuses bytes that are not UTF-8 in a body of declared length', async () => {
    const answer = await post(
      '/subscribers',
      { 'content-type': 'application/json', 'content-length': '3' },
      [Buffer.from([0xff, 0xfe, 0x7b])],
    )
    expect(answer.status).toBe(400)
  })
})
