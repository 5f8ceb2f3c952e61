import { describe, expect, it } from 'vitest'
import { lastDigestMoment, previousDigestMoment } from './periods.js'

const zone = 'Europe/Helsinki'
const at = (iso: string) => new Date(iso)

describe('digest moments in the newsroom’s zone', () => {
  it('daily at 07:00 local, on either side of the clock changes', () => {
    // Winter (UTC+2): 07:00 is 05:00Z.
    expect(lastDigestMoment(at('2026-03-10T05:00:00Z'), zone, 'daily').toISOString()).toBe(
      '2026-03-10T05:00:00.000Z',
    )
    expect(lastDigestMoment(at('2026-03-10T04:59:59Z'), zone, 'daily').toISOString()).toBe(
      '2026-03-09T05:00:00.000Z',
    )
    // Summer (UTC+3) from Sunday 29 March 2026: 07:00 is 04:00Z.
    expect(lastDigestMoment(at('2026-03-29T04:30:00Z'), zone, 'daily').toISOString()).toBe(
      '2026-03-29T04:00:00.000Z',
    )
    expect(previousDigestMoment(at('2026-03-29T04:00:00Z'), zone, 'daily').toISOString()).toBe(
      '2026-03-28T05:00:00.000Z',
    )
    // Back to winter on 25 October 2026.
    expect(lastDigestMoment(at('2026-10-25T05:00:00Z'), zone, 'daily').toISOString()).toBe(
      '2026-10-25T05:00:00.000Z',
    )
  })

  it('weekly on Monday 07:00 local', () => {
    // Wednesday 11 March 2026 → Monday 9 March 07:00 EET.
    expect(lastDigestMoment(at('2026-03-11T12:00:00Z'), zone, 'weekly').toISOString()).toBe(
      '2026-03-09T05:00:00.000Z',
    )
    // Monday 06:59 local is still last week's.
    expect(lastDigestMoment(at('2026-03-09T04:59:00Z'), zone, 'weekly').toISOString()).toBe(
      '2026-03-02T05:00:00.000Z',
    )
    expect(previousDigestMoment(at('2026-03-30T04:00:00Z'), zone, 'weekly').toISOString()).toBe(
      '2026-03-23T05:00:00.000Z',
    )
  })
})
