import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedPath } from '../../src/feeds/urls.js'
import { DB_KINDS } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, startApiHarness, uploadForm } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'

/** The text a reader sees: tags removed, entities for quotes and ampersands decoded. */
const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')

const attr = (html: string, pattern: RegExp) => pattern.exec(html)?.[1]

describe.each(DB_KINDS)('public pages on %s', (kind) => {
  let h: ApiHarness
  let fi = ''
  let sv = ''
  let releaseId = 0
  let imagePath = ''
  let filePath = ''

  beforeAll(async () => {
    // 29.9.2025 17:48 in Helsinki (summer time).
    h = await startApiHarness(kind, { start: new Date('2025-09-29T14:48:33Z') })
    await h.api('POST', '/newsrooms', {
      ...newsroomInput(),
      website: 'https://www.example.fi',
      socialLinks: [{ label: 'LinkedIn', url: 'https://www.linkedin.com/company/example' }],
    })
    const created = await h.api('POST', '/releases', releaseInput())
    releaseId = created.body.id
    fi = created.body.versions.fi.path
    sv = created.body.versions.sv.path
    const image = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(PNG_BYTES, 'Kävelykatu.png', {
        'caption.fi': 'Kävelykatu keväällä',
        'caption.sv': 'Gågatan på våren',
        'alt.fi': 'Ihmisiä kävelemässä kadulla',
        'alt.sv': 'Människor som promenerar på gatan',
        credit: 'Matti Kuvaaja',
      }),
    )
    imagePath = image.body.path
    const file = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(new TextEncoder().encode('Aikataulu: huhtikuu\n'), 'aikataulu.txt', {
        'caption.fi': 'Aikataulu',
      }),
    )
    filePath = file.body.path
    expect((await h.api('POST', `/releases/${releaseId}/publish`, {})).status).toBe(200)
  })
  afterAll(async () => {
    await h.close()
  })

  it('sends / to the reader’s language', async () => {
    const sv = await h.get('/', { 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.5' })
    expect(sv.status).toBe(302)
    expect(sv.headers.get('location')).toBe('/sv/')
    expect(sv.headers.get('vary')).toMatch(/Accept-Language/)
    expect(
      (await h.get('/', { 'accept-language': 'en-US,en;q=0.8' })).headers.get('location'),
    ).toBe('/en/')
    expect((await h.get('/', { 'accept-language': 'de-DE' })).headers.get('location')).toBe('/fi/')
    expect((await h.get('/sv')).headers.get('location')).toBe('/sv/')
    const slash = await h.get(`${fi}/`)
    expect(slash.status).toBe(301)
    expect(slash.headers.get('location')).toBe(fi)
    expect((await h.get('/fi/kaupunki/')).headers.get('location')).toBe('/fi/kaupunki')
  })

  it('front page lists the latest releases in the page language', async () => {
    const res = await h.get('/fi/')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="fi">')
    expect(visibleText(html)).toContain('29.9.2025 17:48:33 EEST | Tiedote | Esimerkkikaupunki')
    expect(html).toContain(`<a href="${fi}">Kävelykatu avautuu keväällä</a>`)
    expect(html).not.toContain('Gågatan')
    expect(html).toContain(`href="${feedPath('rss', { lang: 'fi' })}"`)

    const svHtml = await (await h.get('/sv/')).text()
    expect(visibleText(svHtml)).toContain('29.9.2025 17:48:33 EEST | Pressmeddelande')
    expect(svHtml).toContain(`<a href="${sv}">Gågatan öppnar på våren</a>`)

    const en = await (await h.get('/en/')).text()
    expect(visibleText(en)).toContain('There is nothing published in this language yet.')
    expect(en).toMatch(/<a href="\/fi\/" lang="fi" hreflang="fi">Suomi<\/a>/)
  })

  it('newsroom page: boilerplate, filters, feeds and autodiscovery', async () => {
    const news = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      type: 'news',
      keywords: ['Kulttuuri'],
      versions: { fi: { title: 'Kirjasto laajentaa aukioloaikoja' } },
    })
    await h.api('POST', `/releases/${news.body.id}/publish`, {})

    const res = await h.get('/fi/kaupunki')
    expect(res.status).toBe(200)
    const html = await res.text()
    const text = visibleText(html)
    expect(text).toContain('Esimerkkikaupunki on kuvitteellinen kunta testejä varten.')
    expect(text).toContain('Kirjasto laajentaa aukioloaikoja')
    expect(text).toContain('Kävelykatu avautuu keväällä')
    for (const [format, mime] of [
      ['rss', 'application/rss+xml'],
      ['atom', 'application/atom+xml'],
      ['json', 'application/feed+json'],
    ] as const) {
      const href = feedPath(format, { newsroom: 'kaupunki', lang: 'fi' }).replace(/&/g, '&amp;')
      expect(html).toContain(`<link rel="alternate" type="${mime}" href="${href}"`)
      const typed = feedPath(format, { newsroom: 'kaupunki', lang: 'fi', type: 'invitation' })
      expect(html).toContain(`href="${typed.replace(/&/g, '&amp;')}"`)
    }
    expect(html).toContain('<label for="filter-type">Julkaisun tyyppi</label>')
    expect(html).toContain('action="/subscribe"')

    const onlyNews = visibleText(await (await h.get('/fi/kaupunki?type=news')).text())
    expect(onlyNews).toContain('Kirjasto laajentaa aukioloaikoja')
    expect(onlyNews).not.toContain('Kävelykatu avautuu keväällä')
    const byKeyword = visibleText(await (await h.get('/fi/kaupunki?keyword=liikenne')).text())
    expect(byKeyword).toContain('Kävelykatu avautuu keväällä')
    expect(byKeyword).not.toContain('Kirjasto laajentaa aukioloaikoja')
    const none = visibleText(await (await h.get('/fi/kaupunki?keyword=ei-ole')).text())
    expect(none).toContain('Rajauksella ei löytynyt julkaisuja.')

    const svText = visibleText(await (await h.get('/sv/kaupunki')).text())
    expect(svText).toContain('Exempelstaden är en fiktiv kommun för tester.')
    expect(svText).not.toContain('Kirjasto')
    // A language the newsroom does not publish in leads to its default language.
    const en = await h.get('/en/kaupunki')
    expect(en.status).toBe(302)
    expect(en.headers.get('location')).toBe('/fi/kaupunki')
  })

  it('paginates a newsroom page with a cursor', async () => {
    await h.api('POST', '/newsrooms', { ...newsroomInput('arkisto') })
    for (let i = 1; i <= 22; i++) {
      h.clock.advance(60_000)
      const r = await h.api('POST', '/releases', {
        newsroom: 'arkisto',
        versions: { fi: { title: `Arkistotiedote numero ${i}` } },
      })
      await h.api('POST', `/releases/${r.body.id}/publish`, {})
    }
    const first = await (await h.get('/fi/arkisto')).text()
    expect(visibleText(first)).toContain('Arkistotiedote numero 22')
    expect(visibleText(first)).not.toContain('Arkistotiedote numero 2 ')
    const next = attr(first, /<a href="([^"]+)" rel="next">/)!.replace(/&amp;/g, '&')
    expect(next).toMatch(/^\/fi\/arkisto\?cursor=/)
    const second = visibleText(await (await h.get(next)).text())
    expect(second).toContain('Arkistotiedote numero 2 ')
    expect(second).toContain('Arkistotiedote numero 1 ')
    expect(second).not.toContain('Arkistotiedote numero 3 ')
  })

  it('release page: dateline in the newsroom zone, content, contacts, files and metadata', async () => {
    const res = await h.get(fi)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-language')).toBe('fi')
    const html = await res.text()
    const text = visibleText(html)
    expect(html).toContain('<html lang="fi">')
    expect(text).toContain('29.9.2025 17:48:33 EEST | Tiedote')
    expect(html).toContain('<time datetime="2025-09-29T14:48:33.000Z">')
    expect(html).toMatch(/<h1[^>]*>Kävelykatu avautuu keväällä<\/h1>/)
    expect(text).toContain('Keskustan kävelykatu avataan huhtikuussa.')
    expect(html).toContain('<strong>kävelykadusta</strong>')
    expect(html).toContain('<a href="/fi/kaupunki?keyword=liikenne">Liikenne</a>')
    expect(text).toContain('Maija Meikäläinen viestintäpäällikkö')
    expect(html).toContain('<a href="tel:+358401234567">+358 40 123 4567</a>')
    // The lead image at the top, from its web sizes; the original is a download link.
    expect(html).toMatch(
      /<figure class="lead-image"><img src="\/files\/[^"]+-1\.png" srcset="[^"]+ 1w"[^>]* alt="Ihmisiä kävelemässä kadulla"/,
    )
    expect(html).toContain(`<a href="${imagePath}" download="Kävelykatu.png">alkuperäinen (PNG`)
    expect(text).toContain('Kävelykatu keväällä (Kuva: Matti Kuvaaja)')
    expect(html).toContain(`<a href="${filePath}">Aikataulu</a>`)
    expect(text).toContain('(TXT, 20 t)')
    expect(text).toContain('Tietoa julkaisijasta Esimerkkikaupunki')
    // A recognisable icon, hidden from screen readers; the label names the link.
    expect(html).toMatch(
      /<a href="https:\/\/www.linkedin.com\/company\/example"><svg class="icon"[^>]*aria-hidden="true"[\s\S]*?<\/svg><span>LinkedIn<\/span><\/a>/,
    )
    expect(html).toContain('<label for="subscribe-email-kaupunki">Sähköpostiosoite</label>')
    expect(text).toContain('Lisää julkaisijalta Esimerkkikaupunki')
    expect(text).toContain('Kirjasto laajentaa aukioloaikoja')

    // Other language version, canonical and hreflang.
    const canonical = `http://tiedote.test${fi}`
    expect(html).toContain(`<link rel="canonical" href="${canonical}"/>`)
    expect(html).toContain(`<link rel="alternate" hreflang="fi" href="${canonical}"/>`)
    expect(html).toContain(`<link rel="alternate" hreflang="sv" href="http://tiedote.test${sv}"/>`)
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${canonical}"/>`)
    expect(html).toContain(`<a href="${sv}" hreflang="sv" lang="sv">Gågatan öppnar på våren</a>`)

    // Open Graph and JSON-LD.
    expect(html).toContain('<meta property="og:type" content="article"/>')
    expect(html).toContain('<meta property="og:locale" content="fi_FI"/>')
    expect(html).toContain('<meta property="og:locale:alternate" content="sv_FI"/>')
    // Social cards and search engines get the lead image's largest web size, absolute.
    const ogImage = attr(html, /<meta property="og:image" content="([^"]+)"/)!
    expect(ogImage).toMatch(/^http:\/\/tiedote\.test\/files\/[^/]+\/K%C3%A4velykatu-1\.png$/)
    expect(html).toContain(`<meta name="twitter:image" content="${ogImage}"/>`)
    expect(html).toContain('<meta property="og:image:width" content="1"/>')
    const ld = JSON.parse(
      attr(html, /<script type="application\/ld\+json">([\s\S]*?)<\/script>/)!,
    ) as Record<string, unknown>
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Kävelykatu avautuu keväällä',
      inLanguage: 'fi',
      datePublished: '2025-09-29T14:48:33.000Z',
      url: canonical,
      publisher: { '@type': 'Organization', name: 'Esimerkkikaupunki' },
      keywords: ['Liikenne', 'Päätökset'],
      image: [
        {
          '@type': 'ImageObject',
          url: ogImage,
          creditText: 'Matti Kuvaaja',
          caption: 'Kävelykatu keväällä',
        },
      ],
    })

    const svHtml = await (await h.get(sv)).text()
    expect(svHtml).toContain('<html lang="sv">')
    expect(visibleText(svHtml)).toContain('29.9.2025 17:48:33 EEST | Pressmeddelande')
    expect(visibleText(svHtml)).toContain('Kontaktpersoner')
    expect(svHtml).toContain('alt="Människor som promenerar på gatan"')
    expect(svHtml).toContain(`<link rel="canonical" href="http://tiedote.test${sv}"/>`)
  })

  it('shows winter time after the clocks change', async () => {
    h.clock.set('2025-11-03T08:05:00Z')
    const r = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      type: 'invitation',
      versions: {
        fi: { title: 'Kutsu joulunavaukseen' },
        sv: { title: 'Inbjudan till julöppningen' },
      },
    })
    await h.api('POST', `/releases/${r.body.id}/publish`, {})
    expect(visibleText(await (await h.get(r.body.versions.fi.path)).text())).toContain(
      '3.11.2025 10:05:00 EET | Kutsu',
    )
    expect(visibleText(await (await h.get(r.body.versions.sv.path)).text())).toContain(
      '3.11.2025 10:05:00 EET | Inbjudan',
    )
  })

  it('a slug from another language redirects to the right version', async () => {
    const fiSlug = fi.split('/').pop()!
    const res = await h.get(`/sv/kaupunki/${fiSlug}`)
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(sv)

    const only = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { fi: { title: 'Vain suomeksi' } },
    })
    await h.api('POST', `/releases/${only.body.id}/publish`, {})
    const toFi = await h.get('/sv/kaupunki/vain-suomeksi')
    expect(toFi.status).toBe(301)
    expect(toFi.headers.get('location')).toBe('/fi/kaupunki/vain-suomeksi')
  })

  it('unknown, draft and scheduled releases are the same 404, in the page language', async () => {
    const unknown = await h.get('/sv/kaupunki/finns-inte')
    expect(unknown.status).toBe(404)
    const unknownHtml = await unknown.text()
    expect(unknownHtml).toContain('<html lang="sv">')
    expect(visibleText(unknownHtml)).toContain('Publiceringen hittades inte')

    const draft = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { sv: { title: 'Hemligt utkast', slug: 'hemligt' } },
    })
    const scheduled = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { sv: { title: 'Kommer snart', slug: 'kommer-snart' } },
    })
    await h.api('POST', `/releases/${scheduled.body.id}/publish`, {
      at: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
    })
    for (const path of ['/sv/kaupunki/hemligt', '/sv/kaupunki/kommer-snart']) {
      const res = await h.get(path)
      expect(res.status).toBe(404)
      expect(await res.text()).toBe(unknownHtml)
    }
    // …and their slugs do not redirect from another language either.
    expect((await h.get('/fi/kaupunki/kommer-snart')).status).toBe(404)
    expect(draft.status).toBe(201)

    const noNewsroom = await h.get('/fi/ei-ole/jotain')
    expect(noNewsroom.status).toBe(404)
    expect(visibleText(await noNewsroom.text())).toContain('Sivua ei löytynyt')
    const enPage = await h.get('/en/nowhere')
    expect(enPage.status).toBe(404)
    expect(visibleText(await enPage.text())).toContain('Page not found')
  })

  it('serves attachments of published releases only, safely', async () => {
    const image = await h.get(imagePath)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(image.headers.get('content-disposition')).toBe(
      `inline; filename="Kavelykatu.png"; filename*=UTF-8''K%C3%A4velykatu.png`,
    )
    expect(image.headers.get('cache-control')).toBe('public, max-age=3600')
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG_BYTES)
    const etag = image.headers.get('etag')!
    expect((await h.get(imagePath, { 'if-none-match': etag })).status).toBe(304)

    const file = await h.get(filePath)
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="aikataulu.txt"/)

    const renamed = await h.get(imagePath.replace(/[^/]+$/, 'other.png'))
    expect(renamed.status).toBe(301)
    expect(renamed.headers.get('location')).toBe(imagePath)

    const draft = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { fi: { title: 'Luonnos kuvalla' } },
    })
    const hidden = await h.api(
      'POST',
      `/releases/${draft.body.id}/attachments`,
      uploadForm(PNG_BYTES, 'salainen.png'),
    )
    expect((await h.get(hidden.body.path)).status).toBe(404)
    expect((await h.get('/files/0123456789abcdef0123456789abcdef.png/x.png')).status).toBe(404)
    expect((await h.get('/files/..%2F..%2Fetc%2Fpasswd/x')).status).toBe(404)
  })

  it('never lets a script from Markdown reach the page', async () => {
    const r = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: {
        fi: {
          title: 'Otsikko <script>alert(1)</script>',
          lead: '<img src=x onerror=alert(2)>',
          body: '<script>alert(3)</script>\n\n[x](javascript:alert(4))',
        },
      },
    })
    await h.api('POST', `/releases/${r.body.id}/publish`, {})
    const html = await (await h.get(r.body.versions.fi.path)).text()
    expect(html).not.toMatch(/<script>alert|<img src="?x|href="javascript:/)
    expect(html).toContain('Otsikko &lt;script&gt;alert(1)&lt;/script&gt;')
    const ld = attr(html, /<script type="application\/ld\+json">([\s\S]*?)<\/script>/)!
    expect(ld).not.toContain('</script')
    expect((JSON.parse(ld) as { headline: string }).headline).toBe(
      'Otsikko <script>alert(1)</script>',
    )
  })

  it('a withdrawn release answers 410 with a notice in the page language', async () => {
    h.clock.set('2025-11-05T12:00:00Z')
    await h.api('POST', `/releases/${releaseId}/withdraw`, { reason: 'Päivämäärä oli väärä.' })
    const res = await h.get(fi)
    expect(res.status).toBe(410)
    const text = visibleText(await res.text())
    expect(text).toContain('Julkaisu on poistettu')
    expect(text).toContain('Julkaisija poisti tämän julkaisun 5.11.2025.')
    expect(text).toContain('Päivämäärä oli väärä.')
    const svRes = await h.get(sv)
    expect(svRes.status).toBe(410)
    expect(visibleText(await svRes.text())).toContain('Publiceringen har tagits bort')
    expect(visibleText(await (await h.get('/fi/kaupunki')).text())).not.toContain(
      'Kävelykatu avautuu keväällä',
    )
    expect((await h.get(imagePath)).status).toBe(404)
  })
})
