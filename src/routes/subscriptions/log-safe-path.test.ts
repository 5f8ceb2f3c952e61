import { describe, expect, it } from 'vitest'
import { logSafePath } from './subscriptions.index.js'

describe('logSafePath', () => {
  it('hides the secret part of subscriber links and leaves other paths alone', () => {
    expect(logSafePath('/unsubscribe/12.abcdefghijklmnopqrstuvwxyz012345')).toBe(
      '/unsubscribe/[token]',
    )
    expect(logSafePath('/subscriptions/manage/3.x/export.json')).toBe(
      '/subscriptions/manage/[token]/export.json',
    )
    expect(logSafePath('/subscriptions/confirm/' + 'A'.repeat(43))).toBe(
      '/subscriptions/confirm/[token]',
    )
    expect(logSafePath('/fi/lansi-uusimaa/subscribe')).toBe('/fi/lansi-uusimaa/subscribe')
  })
})
