import { describe, expect, it } from 'vitest'
import { countdown, utcToZoned, zonedToUtc } from '../../src/views/admin/zoned-time.js'
import { formatDateTime } from '../../src/views/format-time.js'

const HKI = 'Europe/Helsinki'

describe('newsroom wall-clock time', () => {
  it('converts a Helsinki winter and summer time to UTC', () => {
    expect(zonedToUtc('2026-01-15', '09:00', HKI)).toEqual({
      ok: true,
      at: new Date('2026-01-15T07:00:00Z'),
    })
    expect(zonedToUtc('2026-07-01', '09:00', HKI)).toEqual({
      ok: true,
      at: new Date('2026-07-01T06:00:00Z'),
    })
  })

  it('refuses a time skipped when clocks move forward, and takes the first of a repeated hour', () => {
    // 29 March 2026: 03:00 EET becomes 04:00 EEST.
    expect(zonedToUtc('2026-03-29', '03:30', HKI)).toEqual({ ok: false, reason: 'nonexistent' })
    expect(zonedToUtc('2026-03-29', '04:00', HKI)).toEqual({
      ok: true,
      at: new Date('2026-03-29T01:00:00Z'),
    })
    // 25 October 2026: 04:00 EEST becomes 03:00 EET, so 03:30 happens twice.
    expect(zonedToUtc('2026-10-25', '03:30', HKI)).toEqual({
      ok: true,
      at: new Date('2026-10-25T00:30:00Z'),
    })
  })

  it('works in other zones and refuses impossible dates', () => {
    expect(zonedToUtc('2026-03-08', '02:30', 'America/New_York').ok).toBe(false)
    expect(zonedToUtc('2026-06-01', '12:00', 'America/New_York')).toEqual({
      ok: true,
      at: new Date('2026-06-01T16:00:00Z'),
    })
    expect(zonedToUtc('2026-02-30', '12:00', HKI)).toEqual({ ok: false, reason: 'invalid' })
    expect(zonedToUtc('2026-02-10', '24:00', HKI)).toEqual({ ok: false, reason: 'invalid' })
    expect(zonedToUtc('tomorrow', '12:00', HKI)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('round-trips through the form fields and formats like 29.9.2025 17:48 EEST', () => {
    const at = new Date('2025-09-29T14:48:33Z')
    expect(utcToZoned(at, HKI)).toEqual({ date: '2025-09-29', time: '17:48' })
    expect(formatDateTime(at, HKI)).toBe('29.9.2025 17:48 EEST')
    expect(formatDateTime('2026-01-05T08:03:00Z', HKI)).toBe('5.1.2026 10:03 EET')
  })

  it('counts down in the staff member’s language', () => {
    const now = new Date('2026-01-10T10:00:00Z')
    expect(countdown('2026-01-10T12:15:00Z', now, 'fi')).toBe('2 t 15 min kuluttua')
    expect(countdown('2026-01-12T13:00:00Z', now, 'sv')).toBe('om 2 d 3 h')
    expect(countdown('2026-01-10T10:00:20Z', now, 'en')).toBe('in 1 min')
    expect(countdown('2026-01-10T09:30:00Z', now, 'en')).toBe('30 min ago')
  })
})
