/**
 * Embargo and schedule leaks: releases in draft, scheduled, unscheduled and withdrawn states sit
 * next to published ones; a reader without credentials crawls every public address — front and
 * newsroom pages with every filter and page, release addresses guessed from the secret slugs in
 * every language, every feed variant, the sitemap, robots.txt, the attachments' addresses, the
 * subscription pages and every GET endpoint of the OpenAPI document — and follows every
 * same-origin link found. Nothing of the non-public releases may appear in any status line,
 * header or body: not their titles, slugs, leads, keywords, contacts, file names or storage keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { embargoToken } from '../../src/core/embargo/links.js'
import { optOutPath } from '../../src/core/media-lists/opt-out.js'
import { DB_KINDS } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { eventually } from '../helpers/wait.js'
import { uploadForm } from '../helpers/api.js'
import { crawl } from './crawl.js'
import type { Crawled } from './crawl.js'
import { createSecurityHarness, createdRelease } from './harness.js'
import type { CreatedRelease, SecurityHarness } from './harness.js'

/** Every text of a non-public release contains this; no public text does. */
const SECRET = 'kxqzwj'
const TYPES = ['press-release', 'news', 'invitation', 'article'] as const
const LANGS = ['fi', 'sv', 'en'] as const
const FORMATS = ['rss', 'atom', 'json'] as const
const PUBLISHED_COUNT = 23 // more than one page (20) of a newsroom page

const secretInput = (newsroom: string, state: string, langs: readonly string[]) => ({
  newsroom,
  type: TYPES[state.length % TYPES.length],
  keywords: [`Avainsana ${SECRET}${state}kw`, 'Julkinen'],
  contacts: [
    {
      name: `Yhteys ${SECRET}${state}contact`,
      title: `Tiedottaja ${SECRET}${state}`,
      email: `${SECRET}${state}@example.fi`,
    },
  ],
  versions: Object.fromEntries(
    langs.map((lang) => [
      lang,
      {
        title: `Salainen ${state} ${SECRET}${state}${lang}`,
        lead: `Ingressi ${SECRET}${state}lead`,
        body: `Teksti ${SECRET}${state}body ja [linkki](https://example.org/${SECRET}${state})`,
      },
    ]),
  ),
})

describe.each(DB_KINDS)('nothing of unpublished releases reaches a reader (%s)', (kind) => {
  let h: SecurityHarness
  const secrets: (CreatedRelease & { state: string; newsroom: string })[] = []
  /** Storage keys and /files/ paths of the secret releases' attachments. */
  const secretFiles: string[] = []
  const secretKeywords: string[] = []
  let publicFile = ''
  let publicRelease: CreatedRelease
  let crawled: Crawled[] = []
  let manageToken = ''
  /** The personal link of the embargoed release's one recipient. */
  let personalLink = ''
  /** The embargo recipient's opt-out page: it must show nothing of the release either. */
  let optOutLink = ''
  let unsubscribeToken = ''

  const publishedInput = (n: number) => ({
    newsroom: 'uutiset',
    type: TYPES[n % TYPES.length],
    keywords: ['Julkinen', n % 2 ? 'Liikenne' : 'Kulttuuri'],
    versions: {
      fi: { title: `Julkinen tiedote ${n}`, lead: 'Julkinen ingressi.', body: 'Julkinen teksti.' },
      sv: { title: `Offentligt meddelande ${n}`, lead: 'Offentlig ingress.' },
      en: { title: `Public release ${n}`, lead: 'Public lead.' },
    },
  })

  async function addSecret(state: string, newsroom = 'uutiset', langs: readonly string[] = LANGS) {
    const created = await h.api('POST', '/releases', secretInput(newsroom, state, langs))
    expect(created.status).toBe(201)
    const release = { ...createdRelease(created.body), state, newsroom }
    for (const kw of created.body.keywords as { slug: string }[])
      if (kw.slug.includes(SECRET)) secretKeywords.push(kw.slug)
    let image = ''
    for (const [bytes, name] of [
      [PNG_BYTES, `${SECRET}${state}-kuva.png`],
      [new TextEncoder().encode(`liite ${SECRET}${state}\n`), `${SECRET}${state}-liite.txt`],
    ] as const) {
      const file = await h.api(
        'POST',
        `/releases/${release.id}/attachments`,
        uploadForm(bytes, name, { 'caption.fi': `Kuvateksti ${SECRET}${state}` }),
      )
      expect(file.status).toBe(201)
      secretFiles.push(file.body.path, (file.body.path as string).split('/')[2])
      if (file.body.kind === 'image') image = file.body.path as string
      // An image's web sizes are files of their own: none may show either.
      for (const r of file.body.renditions as { path: string }[])
        secretFiles.push(r.path, r.path.split('/')[2]!)
    }
    // The image in the body too: its addresses must not show before publication either.
    const input = secretInput(newsroom, state, langs)
    const withImage = await h.api('PATCH', `/releases/${release.id}`, {
      versions: Object.fromEntries(
        Object.entries(input.versions).map(([lang, v]) => [
          lang,
          { ...v, body: `${v.body}\n\n![Kuva ${SECRET}${state}](${image})` },
        ]),
      ),
    })
    expect(withImage.status).toBe(200)
    expect(withImage.body.versions.fi.bodyHtml).toContain('<img ')
    secrets.push(release)
    return release
  }

  beforeAll(async () => {
    h = await createSecurityHarness(kind, { start: new Date('2026-03-02T08:00:00Z') })
    expect(
      (
        await h.api('POST', '/newsrooms', {
          slug: 'uutiset',
          name: { fi: 'Uutiskaupunki', sv: 'Nyhetsstaden', en: 'News City' },
          languages: ['fi', 'sv', 'en'],
          timezone: 'Europe/Helsinki',
        })
      ).status,
    ).toBe(201)
    await h.api('POST', '/newsrooms', {
      slug: 'toinen',
      name: { fi: 'Toinen julkaisija' },
      languages: ['fi'],
    })

    await addSecret('draft')
    await addSecret('other', 'toinen', ['fi'])
    // Published while readers fetch feeds and pages (filling every cache), then withdrawn.
    const withdrawn = await addSecret('withdrawn')
    expect((await h.api('POST', `/releases/${withdrawn.id}/publish`, {})).status).toBe(200)

    for (let n = 1; n <= PUBLISHED_COUNT; n++) {
      h.clock.advance(3600_000)
      const created = await h.api('POST', '/releases', publishedInput(n))
      expect(created.status).toBe(201)
      if (n === 1) {
        publicRelease = createdRelease(created.body)
        const file = await h.api(
          'POST',
          `/releases/${created.body.id}/attachments`,
          uploadForm(PNG_BYTES, 'julkinen.png', { 'alt.fi': 'Julkinen kuva' }),
        )
        publicFile = file.body.path
      }
      expect((await h.api('POST', `/releases/${created.body.id}/publish`, {})).status).toBe(200)
      if (n === 10) {
        const scheduled = await addSecret('scheduled')
        const at = new Date(h.clock.now().getTime() + 2 * 86_400_000).toISOString()
        expect((await h.api('POST', `/releases/${scheduled.id}/publish`, { at })).status).toBe(200)
        const unscheduled = await addSecret('unscheduled')
        await h.api('POST', `/releases/${unscheduled.id}/publish`, { at })
        expect((await h.api('POST', `/releases/${unscheduled.id}/unschedule`)).status).toBe(200)
        const embargoed = await addSecret('embargoed')
        const list = await h.api('POST', '/newsrooms/uutiset/media-lists', { name: 'Lehdet' })
        await h.api('POST', `/media-lists/${list.body.id}/contacts`, {
          email: 'toimittaja@example.fi',
        })
        const sent = await h.api('POST', `/releases/${embargoed.id}/embargo`, {
          until: at,
          mediaLists: [list.body.id],
        })
        expect(sent.status).toBe(201)
        const recipient = await h.deps.database.db
          .selectFrom('embargo_recipients')
          .select(['id', 'release_id', 'token_salt', 'email_normalized'])
          .where('release_id', '=', embargoed.id)
          .executeTakeFirstOrThrow()
        personalLink = `/embargo/${embargoToken(h.setup.config.secretKey, recipient.release_id, recipient.token_salt)}`
        optOutLink = optOutPath(h.setup.config.secretKey, {
          kind: 'e',
          id: recipient.id,
          emailNormalized: recipient.email_normalized,
        })
      }
    }

    const warm = ['/feeds/all.rss', '/feeds/uutiset.atom?lang=sv', '/sitemap.xml', '/fi/uutiset']
    for (const path of warm)
      expect(await (await h.get(path)).text()).toContain(`${SECRET}withdrawn`)
    h.clock.advance(3600_000)
    const reason = 'Julkaistu vahingossa.'
    expect((await h.api('POST', `/releases/${withdrawn.id}/withdraw`, { reason })).status).toBe(200)
    // The feed cache learns of the change by a Redis message; wait for it, never for time.
    await eventually(async () => !(await (await h.get(warm[0])).text()).includes(SECRET))

    const subscriber = await h.api('POST', '/subscribers', {
      email: 'lukija@example.fi',
      languages: ['fi', 'sv'],
      newsrooms: ['uutiset', 'toinen'],
      status: 'confirmed',
      consent: { source: 'test', text: 'Tilaan tiedotteet.', at: h.clock.now().toISOString() },
    })
    expect(subscriber.status).toBe(201)
    const row = await h.deps.database.db
      .selectFrom('subscribers')
      .select(['id', 'token_secret'])
      .where('id', '=', subscriber.body.id)
      .executeTakeFirstOrThrow()
    manageToken = signSubscriberToken(h.setup.config.secretKey, 'manage', row)
    unsubscribeToken = signSubscriberToken(h.setup.config.secretKey, 'unsubscribe', row)

    crawled = await crawl((path, init) => h.request(path, init), await seeds(), { limit: 3000 })
  }, 120_000)
  afterAll(async () => {
    await h?.close()
  })

  async function seeds(): Promise<string[]> {
    const list = ['/', '/fi', '/fi/', '/sv/', '/en/', '/sitemap.xml', '/robots.txt']
    list.push('/healthz', '/metrics', '/api/docs', '/api/v1/openapi.json', '/assets/site.css')
    const keywords = ['julkinen', 'liikenne', 'kulttuuri', ...secretKeywords]
    for (const newsroom of ['uutiset', 'toinen']) {
      for (const lang of LANGS) {
        const page = `/${lang}/${newsroom}`
        list.push(page, `${page}/`, `${page}/subscribe`)
        for (const type of TYPES) list.push(`${page}?type=${type}`)
        for (const keyword of keywords) list.push(`${page}?keyword=${keyword}`)
        list.push(`${page}?type=news&keyword=julkinen`)
        // The newsroom's side pages, and search asked for the secret words themselves.
        list.push(`${page}/media`, `${page}/media?page=2`, `${page}/contacts`)
        list.push(`/${lang}/search?q=${SECRET}`, `/${lang}/search?q=Salainen&newsroom=${newsroom}`)
      }
    }
    for (const lang of LANGS) list.push(`/${lang}/feeds`)
    // Calendar feeds of invitations (some secret releases are invitations).
    list.push(
      '/feeds/all.ics',
      '/feeds/uutiset.ics',
      '/feeds/toinen.ics',
      '/feeds/uutiset.ics?lang=sv',
    )
    for (const feed of ['uutiset', 'toinen', 'all']) {
      for (const format of FORMATS) {
        const path = `/feeds/${feed}.${format}`
        list.push(path, `${path}?limit=200`, `${path}?lang=sv&type=news&keyword=julkinen`)
        for (const lang of LANGS) list.push(`${path}?lang=${lang}`)
        for (const type of TYPES) list.push(`${path}?type=${type}`)
        for (const keyword of keywords) list.push(`${path}?keyword=${keyword}`)
      }
    }
    list.push(publicFile)
    for (const path of secretFiles.filter((p) => p.startsWith('/files/'))) {
      list.push(path, path.replace(/[^/]+$/, 'toinen-nimi.png'))
    }
    for (const token of [manageToken]) {
      const base = `/subscriptions/manage/${token}`
      list.push(base, `${base}?lang=sv`, `${base}/export.json`, `${base}/unsubscribe`)
      list.push(`${base}/delete`)
    }
    list.push(`/unsubscribe/${unsubscribeToken}`)
    // A journalist's opt-out page (GET only: crawling must not opt them out) and tampered ones.
    list.push(
      optOutLink,
      `${optOutLink}?lang=sv`,
      `${optOutLink.slice(0, -1)}A`,
      '/media-optout/c1.x',
    )
    // Personal links guessed or tampered with, and the secret files through them.
    const tampered = `${personalLink.slice(0, -1)}${personalLink.endsWith('A') ? 'B' : 'A'}`
    list.push(tampered, '/embargo/', `/embargo/${'A'.repeat(43)}`, `${tampered}?lang=sv`)
    for (const path of secretFiles.filter((p) => p.startsWith('/files/')))
      list.push(`${tampered}${path}`, `/embargo/x${path}`)
    // Release addresses guessed from every secret slug, in every language and newsroom.
    for (const secret of secrets) {
      for (const slug of secret.slugs) {
        for (const lang of LANGS) {
          for (const newsroom of ['uutiset', 'toinen']) list.push(`/${lang}/${newsroom}/${slug}`)
        }
      }
    }
    return list
  }

  /**
   * A secret slug or keyword in the requested address is the reader's own guess: it may come
   * back as it was sent (a feed's self link, a canonical address) without being a leak.
   */
  const withoutOwnGuesses = (page: Crawled) => {
    let text = page.whole.toLowerCase()
    const guesses = [...secrets.flatMap((s) => s.slugs), ...secretKeywords]
    for (const guess of guesses) if (page.path.includes(guess)) text = text.split(guess).join('')
    // Search shows the words asked for; the bare word is not any release's text (theirs go on).
    if (page.path.includes(`q=${SECRET}`))
      text = text.replace(new RegExp(`${SECRET}(?![a-z0-9])`, 'g'), '')
    return text
  }

  it('crawls every public address and finds the published releases, pages and files', () => {
    const paths = crawled.map((page) => page.path)
    expect(crawled.length).toBeGreaterThan(400)
    // The crawl reached what a reader reaches: a release, its file, the second page of a newsroom.
    expect(paths).toContain(publicRelease.paths[0])
    expect(paths.some((p) => /^\/fi\/uutiset\?.*cursor=/.test(p))).toBe(true)
    expect(crawled.find((page) => page.path === publicFile)?.status).toBe(200)
    const published = crawled.filter((page) => page.body.includes('Julkinen tiedote 23'))
    expect(published.length).toBeGreaterThan(20)
    for (const page of crawled) expect(page.status, page.path).toBeLessThan(500)
  })

  it('never shows a title, slug, text, keyword, contact or file of an unpublished release', () => {
    const markers = [SECRET, ...secretFiles]
    const leaks: string[] = []
    for (const page of crawled) {
      const searched = withoutOwnGuesses(page)
      for (const marker of markers) {
        const at = searched.indexOf(marker.toLowerCase())
        if (at >= 0)
          leaks.push(`${page.path} (${page.status}): …${searched.slice(at - 60, at + 40)}…`)
      }
    }
    expect(leaks).toEqual([])
  })

  it('answers a guessed secret address exactly like an unknown one (a withdrawn one with 410)', async () => {
    const withoutIds = (page: Crawled) => page.whole.replace(/x-request-id: .*/g, '')
    for (const secret of secrets) {
      for (const slug of secret.slugs) {
        for (const lang of LANGS) {
          for (const newsroom of ['uutiset', 'toinen']) {
            const page = crawled.find((p) => p.path === `/${lang}/${newsroom}/${slug}`)!
            // Every address a withdrawn release had is 410, without pointing to the others.
            if (secret.state === 'withdrawn' && newsroom === 'uutiset') {
              expect(page.status).toBe(410)
              continue
            }
            const unknown = await h.get(`/${lang}/${newsroom}/ei-tallaista-tiedotetta`)
            const expected = `${unknown.status}\n${[...unknown.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await unknown.text()}`
            expect(withoutIds(page), page.path).toBe(expected.replace(/x-request-id: .*/g, ''))
          }
        }
      }
    }
  })

  it('shows an embargoed release only through its personal link, which leads nowhere that leaks', async () => {
    const page = await h.get(personalLink)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    expect(await page.clone().text()).toContain(`${SECRET}embargoed`)
    // The body's image is shown through the personal link, like the release's other files.
    const bodyImage = /<div class="release-body">[\s\S]*?<img src="([^"]+)"/.exec(
      await page.clone().text(),
    )
    expect(bodyImage?.[1]).toMatch(/^\/embargo\/[^/]+\/files\//)
    expect((await h.get(bodyImage![1].replace(/&amp;/g, '&'))).status).toBe(200)
    // Everything the personal page links outside its own addresses is public and clean.
    const links = [...(await page.text()).matchAll(/(?:href|src)="(\/[^"]*)"/g)]
      .map((m) => m[1].replace(/&amp;/g, '&'))
      .filter((path) => !path.startsWith('/embargo/'))
    expect(links.length).toBeGreaterThan(3)
    for (const path of new Set(links)) {
      const res = await h.get(path)
      const visited = { path, whole: await res.text() } as Crawled
      expect(withoutOwnGuesses(visited), path).not.toContain(SECRET)
    }
    // The tampered links crawled earlier answered 404.
    for (const visited of crawled.filter((p) => p.path.startsWith('/embargo/')))
      expect(visited.status, visited.path).toBe(404)
  })

  it('serves no attachment of an unpublished release', () => {
    const files = crawled.filter((page) => secretFiles.includes(page.path))
    expect(files.length).toBeGreaterThanOrEqual(10)
    for (const file of files) expect(file.status, file.path).toBe(404)
  })

  it('answers every GET endpoint of the OpenAPI document with 401 and no data without a valid token', async () => {
    const doc = JSON.parse(crawled.find((p) => p.path === '/api/v1/openapi.json')!.body) as {
      paths: Record<string, Record<string, unknown>>
    }
    const gets = Object.keys(doc.paths).filter((path) => doc.paths[path].get)
    expect(gets.length).toBeGreaterThanOrEqual(10)
    const ids = [...secrets.map((s) => String(s.id)), String(publicRelease.id)]
    const credentials: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${h.revokedToken}` },
      { authorization: 'Bearer tdt_not_a_token' },
      { authorization: h.tokens.admin }, // no scheme
      { authorization: `Basic ${h.tokens.admin}` },
      { cookie: `token=${h.tokens.admin}` },
    ]
    let checked = 0
    for (const template of gets) {
      const concrete = template.includes('{id}')
        ? ids.map((id) => template.replace('{id}', id))
        : [template.replace('{slug}', 'uutiset')]
      for (const path of concrete) {
        for (const headers of credentials) {
          for (const query of ['', `?token=${h.tokens.admin}&access_token=${h.tokens.admin}`]) {
            const res = await h.request(`/api/v1${path}${query}`, { headers })
            const text = await res.text()
            expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401)
            expect(JSON.parse(text).error.code).toBe('unauthorized')
            expect(text.toLowerCase()).not.toContain(SECRET)
            expect(text).not.toContain('lukija@example.fi')
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
