import { describe, expect, it } from 'vitest'
import { sendJobId } from './delivery.js'

describe('send job ids', () => {
  const batch = { releaseId: 42, kind: 'correction-7', fromDeliveryId: 100, toDeliveryId: 199 }
  it('are the same for the same batch, so adding it twice is a no-op', () => {
    expect(sendJobId(batch)).toBe('send-42-correction-7-100-199')
    expect(sendJobId({ ...batch })).toBe(sendJobId(batch))
  })
  it('are fresh per reconciler round, and never contain a colon', () => {
    expect(sendJobId({ ...batch, round: 9 })).toBe('send-42-correction-7-100-199-re-9')
    expect(sendJobId({ ...batch, kind: 'a:b' })).not.toContain(':')
  })
})
