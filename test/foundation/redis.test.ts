import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureRedis } from '../../src/redis.js'

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

describe('Redis discovery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiedote-redis-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('uses REDIS_URL as given', async () => {
    const handle = await ensureRedis('redis://example.invalid:6380', dir)
    expect(handle.url).toBe('redis://example.invalid:6380')
  })

  it('starts a private redis-server with an append-only file when nothing listens, and stops it', async () => {
    const port = await freePort()
    const handle = await ensureRedis(undefined, dir, port)
    expect(handle.url).toBe(`redis://127.0.0.1:${port}`)
    const client = new Redis(handle.url)
    await client.set('k', 'v')
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes'])
    client.disconnect()
    expect(existsSync(join(dir, 'redis'))).toBe(true)

    await handle.stop()
    const probe = new Redis(handle.url, {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    })
    probe.on('error', () => {})
    await expect(probe.connect()).rejects.toThrow()
  })

  it('reuses a Redis that already listens', async () => {
    const handle = await ensureRedis(undefined, dir, 6379)
    expect(handle.url).toBe('redis://127.0.0.1:6379')
    await handle.stop() // not ours: must leave it running
    const client = new Redis(handle.url)
    expect(await client.ping()).toBe('PONG')
    client.disconnect()
  })
})
