import { describe, expect, it } from 'vitest'
import { edgeCacheKey, edgeConfigProblems, filesOrigin, isOriginOnlyPath } from './edge-rules.js'

describe('edge cache key', () => {
  it('drops tracking parameters and orders the rest, so shared links share one copy', () => {
    const key = (u: string) => edgeCacheKey(new URL(u), 7, false)
    const plain = key('https://news.example.fi/fi/lansi-uusimaa?type=news&keyword=strategia')
    expect(plain).toBe('https://news.example.fi/_v7/fi/lansi-uusimaa?keyword=strategia&type=news')
    expect(
      key(
        'https://news.example.fi/fi/lansi-uusimaa?utm_source=fb&keyword=strategia&fbclid=IwAR&type=news&gclid=x',
      ),
    ).toBe(plain)
    expect(key('https://news.example.fi/fi/?utm_campaign=syksy')).toBe(
      'https://news.example.fi/_v7/fi/',
    )
    // What changes a page stays in the key.
    expect(key('https://news.example.fi/fi/search?q=strategia')).toContain('?q=strategia')
    expect(edgeCacheKey(new URL('https://news.example.fi/feeds/a.rss'), 7, true)).toBe(
      'https://news.example.fi/_v7/_page/feeds/a.rss',
    )
  })
})

describe('edge configuration', () => {
  it('names a missing or short SECRET_KEY and a missing PUBLIC_URL, one line each', () => {
    expect(edgeConfigProblems({ SECRET_KEY: 'x'.repeat(32), PUBLIC_URL: 'https://n.fi' })).toEqual(
      [],
    )
    const problems = edgeConfigProblems({ SECRET_KEY: '', PUBLIC_URL: '' })
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^SECRET_KEY is not set .*wrangler secret put SECRET_KEY/)
    expect(problems[1]).toMatch(/^PUBLIC_URL is not set/)
  })

  it('fetches files only from an origin that is not the Worker itself', () => {
    const request = new URL('https://news.example.fi/files/ab.png/kuva.png')
    expect(filesOrigin(undefined, request)).toBeUndefined()
    expect(filesOrigin('https://news.example.fi', request)).toBeUndefined()
    expect(filesOrigin('not a url', request)).toBeUndefined()
    expect(filesOrigin('https://origin.news.example.fi/', request)).toBe(
      'https://origin.news.example.fi',
    )
  })

  it('sends uploaded files and personal links to the origin, never into the cache', () => {
    expect(isOriginOnlyPath('/files/abc/kuva.png')).toBe(true)
    expect(isOriginOnlyPath('/embargo/abc')).toBe(true)
    expect(isOriginOnlyPath('/embargo/abc/files/k/x.pdf')).toBe(true)
    expect(isOriginOnlyPath('/fi/uutiset/embargo')).toBe(false)
  })
})
