import { describe, expect, it } from 'vitest'
import { signSubscriberToken, subscriberIdOf, verifySubscriberToken } from './links.js'

const key = 'k'.repeat(64)
const subject = { id: 42, token_secret: 'abc' }

describe('subscriber link tokens', () => {
  it('verify for their own purpose and subscriber only', () => {
    const token = signSubscriberToken(key, 'unsubscribe', subject)
    expect(subscriberIdOf(token)).toBe(42)
    expect(verifySubscriberToken(key, 'unsubscribe', token, subject)).toBe(true)
    expect(verifySubscriberToken(key, 'manage', token, subject)).toBe(false)
    expect(
      verifySubscriberToken(key, 'unsubscribe', token, { id: 42, token_secret: 'rotated' }),
    ).toBe(false)
    expect(verifySubscriberToken('other'.repeat(10), 'unsubscribe', token, subject)).toBe(false)
  })

  it('reject malformed tokens', () => {
    expect(subscriberIdOf('42')).toBeUndefined()
    expect(subscriberIdOf('../../etc/passwd')).toBeUndefined()
  })
})
