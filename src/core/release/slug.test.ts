import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidSlug, makeSlug } from './slug.js'

describe('makeSlug', () => {
  it('turns Finnish and Swedish letters into their plain vowels', () => {
    expect(makeSlug('Västra Nylands välfärdsområde')).toBe('vastra-nylands-valfardsomrade')
    expect(makeSlug('Hyvinvointialueen strategia 2026–2029: Äänestys ÖISIN')).toBe(
      'hyvinvointialueen-strategia-2026-2029-aanestys-oisin',
    )
  })

  it('always gives a valid slug or an empty string, for any title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (title) => {
        const slug = makeSlug(title)
        expect(slug === '' || isValidSlug(slug)).toBe(true)
      }),
    )
  })
})
