import { describe, expect, it } from 'vitest'
import { formatCount, plural } from './plural.js'

const confirmed = {
  fi: { one: 'vahvistettu tilaaja', other: 'vahvistettua tilaajaa' },
  sv: { one: 'bekräftad prenumerant', other: 'bekräftade prenumeranter' },
  en: { one: 'confirmed subscriber', other: 'confirmed subscribers' },
}

describe('plural', () => {
  it('agrees with one and with many in each language', () => {
    expect(plural('fi', 1, confirmed.fi)).toBe('1 vahvistettu tilaaja')
    expect(plural('fi', 2, confirmed.fi)).toBe('2 vahvistettua tilaajaa')
    expect(plural('sv', 1, confirmed.sv)).toBe('1 bekräftad prenumerant')
    expect(plural('sv', 2, confirmed.sv)).toBe('2 bekräftade prenumeranter')
    expect(plural('en', 1, confirmed.en)).toBe('1 confirmed subscriber')
    expect(plural('en', 2, confirmed.en)).toBe('2 confirmed subscribers')
  })

  it('treats zero as plural', () => {
    expect(plural('en', 0, confirmed.en)).toBe('0 confirmed subscribers')
    expect(plural('sv', 0, confirmed.sv)).toBe('0 bekräftade prenumeranter')
  })

  it('writes large numbers as each language does', () => {
    // Finnish and Swedish group thousands with a (narrow) no-break space, English with a comma.
    expect(formatCount('fi', 12345)).toMatch(/^12\s345$/u)
    expect(formatCount('sv', 12345)).toMatch(/^12\s345$/u)
    expect(formatCount('en', 12345)).toBe('12,345')
    expect(plural('en', 1000, confirmed.en)).toBe('1,000 confirmed subscribers')
  })
})
