/**
 * Strict input and stable addresses (issue #20): control characters in API query parameters are
 * refused naming the parameter; a newsroom cannot drop a language its releases are written in,
 * nor carry hundreds of social links; and when its slug changes, its old addresses (pages,
 * releases, feeds) lead to the new ones with 301 until another newsroom takes the slug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'

describe.each(DB_KINDS)('strict input and moved newsrooms (%s)', (kind) => {
  let h: ApiHarness
  let releasePath = ''

  beforeAll(async () => {
    h = await startApiHarness(kind, { start: '2026-03-02T08:00:00Z' })
    await h.api('POST', '/newsrooms', {
      slug: 'vanha-nimi',
      name: { fi: 'Kaupunki', sv: 'Staden' },
      languages: ['fi', 'sv'],
    })
    const release = await h.api('POST', '/releases', {
      newsroom: 'vanha-nimi',
      versions: { fi: { title: 'Kävelykatu avautuu' }, sv: { title: 'Gågatan öppnar' } },
    })
    await h.api('POST', `/releases/${release.body.id}/publish`, {})
    releasePath = release.body.versions.fi.path
  })
  afterAll(async () => {
    await h.close()
  })

  it('refuses control characters in API query parameters, naming them', async () => {
    for (const query of ['keyword=%00', 'q=a%00b', 'newsroom=vanha%00', 'cursor=%1b']) {
      const res = await h.api('GET', `/releases?${query}`)
      expect(res.status, query).toBe(422)
      expect(Object.keys(res.body.error.fields), query).toEqual([query.split('=')[0]])
    }
    expect((await h.api('GET', '/subscribers?q=%00')).status).toBe(422)
    expect((await h.api('GET', '/webhooks/1/deliveries?before=%00')).status).toBe(422)
    expect((await h.api('GET', '/webhooks/1/deliveries?limit=1e3')).status).toBe(422)
    expect((await h.api('GET', '/releases?q=k%C3%A4velykatu')).status).toBe(200)
  })

  it('keeps a language its releases are written in (409) and limits social links', async () => {
    const before = await h.api('GET', '/newsrooms/vanha-nimi')
    const drop = await h.api('PATCH', '/newsrooms/vanha-nimi', { languages: ['fi'] })
    expect(drop.status).toBe(409)
    expect(drop.body.error.message).toContain('1 release has a version in sv')
    const links = Array.from({ length: 21 }, (_, i) => ({
      label: `Linkki ${i}`,
      url: `https://example.fi/${i}`,
    }))
    const many = await h.api('PATCH', '/newsrooms/vanha-nimi', { socialLinks: links })
    expect(many.status).toBe(422)
    expect(Object.keys(many.body.error.fields)).toEqual(['socialLinks'])
    expect((await h.api('GET', '/newsrooms/vanha-nimi')).body).toEqual(before.body)
    const ok = await h.api('PATCH', '/newsrooms/vanha-nimi', { socialLinks: links.slice(0, 20) })
    expect(ok.status).toBe(200)
  })

  it('sends old addresses to the new slug with 301, until another newsroom takes it', async () => {
    const moved = await h.api('PATCH', '/newsrooms/vanha-nimi', { slug: 'uusi-nimi' })
    expect(moved.status).toBe(200)
    const newPath = releasePath.replace('/vanha-nimi/', '/uusi-nimi/')
    for (const [from, to] of [
      ['/fi/vanha-nimi', '/fi/uusi-nimi'],
      [releasePath, newPath],
      ['/sv/vanha-nimi/contacts', '/sv/uusi-nimi/contacts'],
      ['/feeds/vanha-nimi.rss?lang=sv', '/feeds/uusi-nimi.rss?lang=sv'],
      ['/fi/vanha-nimi?keyword=liikenne', '/fi/uusi-nimi?keyword=liikenne'],
    ]) {
      const res = await h.get(from)
      expect(res.status, from).toBe(301)
      expect(res.headers.get('location'), from).toBe(to)
    }
    expect((await h.get(newPath)).status).toBe(200)
    // Unknown addresses stay 404.
    expect((await h.get('/fi/ei-ollut-koskaan')).status).toBe(404)
    // Another newsroom takes the old slug: its own pages, no redirect.
    await h.api('POST', '/newsrooms', {
      slug: 'vanha-nimi',
      name: { fi: 'Toinen' },
      languages: ['fi'],
    })
    expect((await h.get('/fi/vanha-nimi')).status).toBe(200)
    expect((await h.get(releasePath)).status).toBe(404)
  })
})
