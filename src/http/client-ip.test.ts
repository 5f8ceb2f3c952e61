import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../env.js'
import { clientIp } from './client-ip.js'

/** Asks a real Hono app who the client is, as the Node adapter would hand over the socket. */
async function seen(trustProxy: string[], peer: string | undefined, forwarded?: string) {
  const app = new Hono().get('/', (c) => c.text(clientIp(c, trustProxy)))
  const res = await app.request(
    '/',
    { headers: forwarded ? { 'x-forwarded-for': forwarded } : {} },
    { incoming: { socket: { remoteAddress: peer } } },
  )
  return res.text()
}

describe('the client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    expect(await seen([], '10.0.0.5', '198.51.100.1')).toBe('10.0.0.5')
    expect(await seen([], '127.0.0.1', '198.51.100.1, 203.0.113.9')).toBe('127.0.0.1')
  })

  it('is the right-most address that is not a trusted proxy', async () => {
    expect(await seen(['loopback'], '127.0.0.1', 'made-up, 203.0.113.7')).toBe('203.0.113.7')
    expect(await seen(['10.0.0.0/8'], '10.0.0.2', '198.51.100.1, 10.0.0.3')).toBe('198.51.100.1')
    // A client's own additions further left are never taken.
    expect(await seen(['loopback'], '127.0.0.1', '192.0.2.1, 203.0.113.7')).toBe('203.0.113.7')
  })

  it('ignores the header when the peer is not a trusted proxy', async () => {
    expect(await seen(['loopback'], '198.51.100.9', '192.0.2.1')).toBe('198.51.100.9')
  })

  it('is the proxy itself when the whole chain is trusted', async () => {
    expect(await seen(['loopback', '10.0.0.0/8'], '127.0.0.1', '10.1.1.1')).toBe('10.1.1.1')
  })
})

describe('TRUST_PROXY', () => {
  const base = { SECRET_KEY: 'x'.repeat(64), DATA_DIR: '/nonexistent-not-used' }

  it('is off by default and reads a comma-separated list', () => {
    expect(loadConfig({ ...base }).trustProxy).toEqual([])
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toEqual([])
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ])
  })

  it('stops start-up with one line naming a bad entry', () => {
    try {
      loadConfig({ ...base, TRUST_PROXY: 'loopback, proxy.example' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^TRUST_PROXY="loopback, proxy.example": invalid IP address/),
      ])
    }
  })
})
