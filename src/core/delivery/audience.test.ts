import { describe, expect, it } from 'vitest'
import { chooseLanguage, filtersMatch } from './audience.js'

describe('one email per subscriber, in their language', () => {
  it('takes the first of the subscriber’s languages that the release has', () => {
    expect(chooseLanguage(['sv', 'fi'], ['fi', 'sv'])).toBe('sv')
    expect(chooseLanguage(['en', 'sv'], ['fi', 'sv'])).toBe('sv')
    expect(chooseLanguage(['fi'], ['fi', 'sv'])).toBe('fi')
  })
  it('falls back to the release’s first language', () => {
    expect(chooseLanguage(['en'], ['fi', 'sv'])).toBe('fi')
    expect(chooseLanguage([], ['sv'])).toBe('sv')
  })
})

describe('type and keyword filters', () => {
  const release = { type: 'press-release' as const, keywordSlugs: ['sote', 'strategia'] }
  it('no filter (null or empty) lets everything through', () => {
    expect(filtersMatch({ types: null, keywords: null }, release)).toBe(true)
    expect(filtersMatch({ types: '[]', keywords: '[]' }, release)).toBe(true)
  })
  it('a type filter must include the release type', () => {
    expect(filtersMatch({ types: '["press-release","news"]', keywords: null }, release)).toBe(true)
    expect(filtersMatch({ types: '["news"]', keywords: null }, release)).toBe(false)
  })
  it('a keyword filter needs one keyword in common', () => {
    expect(filtersMatch({ types: null, keywords: '["liikenne","sote"]' }, release)).toBe(true)
    expect(filtersMatch({ types: null, keywords: '["liikenne"]' }, release)).toBe(false)
    expect(filtersMatch({ types: '["press-release"]', keywords: '["liikenne"]' }, release)).toBe(
      false,
    )
  })
})
