import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, zoneAbbreviation } from './format-time.js'

const HKI = 'Europe/Helsinki'

describe('format-time', () => {
  it('shows the wall clock of the newsroom’s zone with its abbreviation', () => {
    expect(formatDateTime('2025-09-29T14:48:00Z', HKI)).toBe('29.9.2025 17:48 EEST')
    expect(formatDateTime(new Date('2026-01-05T08:03:00Z'), HKI)).toBe('5.1.2026 10:03 EET')
    expect(formatDateTime('2026-01-05T22:03:00Z', HKI)).toBe('6.1.2026 00:03 EET')
  })

  it('gives the day in the zone, which may differ from the day in UTC', () => {
    expect(formatDate('2025-12-31T22:30:00Z', HKI)).toBe('1.1.2026')
    expect(formatDate('2025-12-31T22:30:00Z', 'America/New_York')).toBe('31.12.2025')
  })

  it('names zones by their common abbreviation, or by the offset where there is none', () => {
    expect(zoneAbbreviation('2026-07-01T12:00:00Z', 'America/New_York')).toBe('EDT')
    expect(zoneAbbreviation('2026-01-01T12:00:00Z', 'Europe/Stockholm')).toBe('CET')
    expect(zoneAbbreviation('2026-01-01T12:00:00Z', 'Asia/Kolkata')).toBe('UTC+5:30')
  })
})
