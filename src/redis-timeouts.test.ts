import { describe, expect, it } from 'vitest'
import { RedisTimeoutError, createRedisGuard } from './redis-timeouts.js'

const never = () => new Promise<never>(() => {})

describe('the Redis guard', () => {
  it('waits once per outage: after a call without an answer, calls fail at once until the cool-off ends', async () => {
    let now = 0
    const guard = createRedisGuard({ timeoutMs: 20, coolOffMs: 1000, now: () => now })
    expect(await guard.run('ping', async () => 'PONG')).toBe('PONG')

    await expect(guard.run('add job', never)).rejects.toBeInstanceOf(RedisTimeoutError)
    let tried = false
    const refused = guard.run('rate limit', async () => {
      tried = true
      return 1
    })
    await expect(refused).rejects.toThrow(/no answer a moment ago/)
    expect(tried).toBe(false)

    now = 1001
    expect(await guard.run('ping', async () => 'PONG')).toBe('PONG')
  })

  it('passes errors through without counting them as silence', async () => {
    const guard = createRedisGuard({ timeoutMs: 20 })
    const refused = new Error("Stream isn't writeable and enableOfflineQueue options is false")
    await expect(guard.run('add job', () => Promise.reject(refused))).rejects.toBe(refused)
    expect(await guard.run('ping', async () => 'PONG')).toBe('PONG')
  })
})
