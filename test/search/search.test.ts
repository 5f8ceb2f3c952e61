/**
 * Full-text search on SQLite and PostgreSQL: inflected Finnish and Swedish forms find each
 * other, each language finds its own versions, and drafts, scheduled and withdrawn releases are
 * never found; query syntax characters are words like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchReleases } from '../../src/core/search/search.js'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'

describe.each(DB_KINDS)('search (%s)', (kind) => {
  let h: ApiHarness
  const search = (q: string, lang: 'fi' | 'sv' = 'fi') =>
    searchReleases(h.deps.repos, { q, lang }, (n) => n.slug)
  const titles = async (q: string, lang: 'fi' | 'sv' = 'fi') =>
    (await search(q, lang)).items.map((item) => item.title).sort()

  beforeAll(async () => {
    h = await startApiHarness(kind, { start: '2026-03-02T08:00:00Z' })
    await h.api('POST', '/newsrooms', {
      slug: 'lansi-uusimaa',
      name: { fi: 'Länsi-Uusimaa', sv: 'Västra Nyland' },
      languages: ['fi', 'sv'],
    })
    const release = async (
      versions: Record<string, { title: string; body: string }>,
      state: 'published' | 'draft' | 'scheduled' | 'withdrawn' = 'published',
    ) => {
      const created = await h.api('POST', '/releases', { newsroom: 'lansi-uusimaa', versions })
      const id = created.body.id
      if (state === 'published' || state === 'withdrawn')
        await h.api('POST', `/releases/${id}/publish`)
      if (state === 'scheduled')
        await h.api('POST', `/releases/${id}/publish`, { at: '2026-04-01T09:00:00Z' })
      if (state === 'withdrawn') await h.api('POST', `/releases/${id}/withdraw`, { reason: 'x' })
    }
    await release({
      fi: {
        title: 'Valtuusto hyväksyi',
        body: 'Aluevaltuusto hyväksyi strategian vuosille 2026–2029.',
      },
      sv: {
        title: 'Fullmäktige godkände',
        body: 'Styrelsen ändrade ledningsstrukturen i välfärdsområdet.',
      },
    })
    await release({ fi: { title: 'Muutoslupaukset', body: 'Tavoitteet johdetaan strategiasta.' } })
    await release({ fi: { title: 'Luonnos', body: 'Luonnos strategian toimeenpanosta.' } }, 'draft')
    await release(
      { fi: { title: 'Ajastettu', body: 'Ajastettu strategian esittely.' } },
      'scheduled',
    )
    await release({ fi: { title: 'Peruttu', body: 'Peruttu strategian tiedote.' } }, 'withdrawn')
  })
  afterAll(async () => {
    await h.close()
  })

  it('finds inflected forms: strategiaa finds strategian and strategiasta', async () => {
    expect(await titles('strategiaa')).toEqual(['Muutoslupaukset', 'Valtuusto hyväksyi'])
    expect(await titles('strategia')).toEqual(['Muutoslupaukset', 'Valtuusto hyväksyi'])
    expect(await titles('STRATEGIAN')).toEqual(['Muutoslupaukset', 'Valtuusto hyväksyi'])
  })

  it('finds Swedish forms in Swedish versions only', async () => {
    expect(await titles('ledningsstruktur', 'sv')).toEqual(['Fullmäktige godkände'])
    expect(await titles('ledningsstruktur', 'fi')).toEqual([])
    expect(await titles('strategiaa', 'sv')).toEqual([])
  })

  it('never finds drafts, scheduled or withdrawn releases', async () => {
    for (const q of ['luonnos', 'ajastettu', 'peruttu', 'toimeenpanosta'])
      expect(await titles(q), q).toEqual([])
  })

  it('requires every word and marks the matches in a snippet', async () => {
    expect(await titles('strategian aluevaltuusto')).toEqual(['Valtuusto hyväksyi'])
    const [hit] = (await search('strategiaa vuosille')).items
    expect(hit.snippet.filter((part) => part.mark).map((part) => part.text)).toEqual([
      'strategian',
      'vuosille',
    ])
    expect(hit.path).toMatch(/^\/fi\/lansi-uusimaa\//)
  })

  it('treats query syntax as words and refuses nothing a reader may type', async () => {
    for (const q of [
      '"strategia',
      'strategia*',
      '-strategia',
      'NEAR(strategia)',
      "'); drop",
      ':*&|!',
      '',
    ])
      expect((await search(q)).items.length, q).toBeLessThanOrEqual(2)
    expect(await titles('strategia*')).toEqual(['Muutoslupaukset', 'Valtuusto hyväksyi'])
  })

  it('answers on a page in the reader’s language, marking the words, within a newsroom if asked', async () => {
    const page = await h.get('/fi/search?q=strategiaa')
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    const html = await page.text()
    expect(html).toContain('<mark>strategian</mark>')
    expect(html).toContain('<mark>strategiasta</mark>')
    expect(html).not.toContain('Luonnos')
    const sv = await (await h.get('/sv/search?q=ledningsstruktur&newsroom=lansi-uusimaa')).text()
    expect(sv).toContain('<mark>ledningsstrukturen</mark>')
    expect(sv).toContain('name="newsroom" value="lansi-uusimaa" checked')
    const none = await (await h.get('/sv/search?q=%3Cscript%3Exyz')).text()
    expect(none).toContain('Sökningen ”&lt;script&gt;xyz” gav inga publiceringar.')
    expect(none).not.toContain('<script>xyz')
    const newsroom = await (await h.get('/fi/lansi-uusimaa')).text()
    expect(newsroom).toMatch(/<form[^>]*role="search"[^>]*action="\/fi\/search"/)
  })

  it('is in the API as GET /releases?q=, best first, published only', async () => {
    const res = await h.api('GET', '/releases?q=strategiaa&lang=fi')
    expect(res.status).toBe(200)
    expect(
      res.body.items
        .map((r: { versions: { fi: { title: string } } }) => r.versions.fi.title)
        .sort(),
    ).toEqual(['Muutoslupaukset', 'Valtuusto hyväksyi'])
    expect(res.body.nextCursor).toBeNull()
    const sv = await h.api('GET', '/releases?q=ledningsstruktur&lang=sv&newsroom=lansi-uusimaa')
    expect(sv.body.items).toHaveLength(1)
  })

  it('limits searches per client address with 429 and Retry-After', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 61; i++)
      statuses.push(
        (await h.get('/fi/search?q=strategia', { 'x-forwarded-for': '203.0.113.77' })).status,
      )
    expect(statuses.filter((s) => s === 200)).toHaveLength(60)
    const limited = await h.get('/fi/search?q=strategia', { 'x-forwarded-for': '203.0.113.77' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(
      (await h.get('/fi/search?q=strategia', { 'x-forwarded-for': '203.0.113.78' })).status,
    ).toBe(200)
  })
})
