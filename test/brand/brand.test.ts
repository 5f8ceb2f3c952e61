/**
 * The publisher's brand: accent colour (contrast-checked), Reply-To and From name on real
 * emails, the newsroom in the banner, share links, the dateline's seconds, "More from the
 * publisher" in every language and SITE_NAME.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { createRoleTokens, staffSignIn, SYSTEM } from '../helpers/actors.js'
import type { SignIn } from '../helpers/actors.js'
import { apiRequest } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { contentDeps } from '../../src/wiring/content.js'
import { ORIGIN, startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'

const PUBLISHED_AT = '2025-09-29T14:48:33.000Z'

describe.each(DB_KINDS)('newsroom brand (%s)', (kind) => {
  let smtp: TestSmtpServer
  let h: TestApp
  let token: string
  let signIn: SignIn
  let releaseId = 0
  let fiPath = ''

  /** API answers as a client reads them: untyped JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Answer = { status: number; body: any }
  const api = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await apiRequest(h.app, token, method, path, body)
    return { status: res.status, body: await res.json() }
  }
  const page = async (path: string) => (await h.app.request(`${ORIGIN}${path}`)).text()

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startTestApp(kind, { start: PUBLISHED_AT, smtp, workers: true })
    token = (await createRoleTokens(h.deps)).admin
    const newsroom = await seedNewsroom(h.content, { accentColor: '#00577d' })
    signIn = staffSignIn(h.app, h.deps, { newsroomIds: [newsroom.id] })
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: newsroom.id,
      versions: {
        fi: { title: 'Strategia & palvelut: "uudistus"', body: 'Teksti.' },
        sv: { title: 'Strategin och tjänsterna', body: 'Text.' },
      },
    })
    await publishRelease(h.content, SYSTEM, release.id)
    releaseId = release.id
    const swedishOnly = await createRelease(h.content, SYSTEM, {
      newsroom: newsroom.id,
      versions: { sv: { title: 'Ändringar i ledningsstrukturen', body: 'Text.' } },
    })
    await publishRelease(h.content, SYSTEM, swedishOnly.id)
    fiPath = (await api('GET', `/releases/${release.id}`)).body.versions.fi.path
  })
  afterAll(() => h.close())

  it('refuses an accent colour below WCAG AA contrast through the API, writing nothing', async () => {
    const before = await getNewsroom(h.deps.repos, 'lansi-uusimaa')
    const light = await api('PATCH', '/newsrooms/lansi-uusimaa', { accentColor: '#f2a900' })
    expect(light.status).toBe(422)
    expect(light.body.error.fields.accentColor).toMatch(/contrast .*4\.5:1/)
    const invalid = await api('PATCH', '/newsrooms/lansi-uusimaa', { accentColor: 'blue' })
    expect(invalid.status).toBe(422)
    expect(invalid.body.error.fields.accentColor).toMatch(/#rrggbb/)
    const created = await api('POST', '/newsrooms', {
      slug: 'vaalea',
      name: { fi: 'Vaalea' },
      languages: ['fi'],
      accentColor: '#ffff00',
    })
    expect(created.status).toBe(422)
    expect((await api('GET', '/newsrooms/vaalea')).status).toBe(404)
    const after = await getNewsroom(h.deps.repos, 'lansi-uusimaa')
    expect(after.accentColor).toBe('#00577d')
    expect(after.updatedAt).toBe(before.updatedAt)
  })

  it('accepts a dark enough colour and serves it as the newsroom’s stylesheet', async () => {
    const ok = await api('PATCH', '/newsrooms/lansi-uusimaa', { accentColor: '#7A1F5C' })
    expect(ok.status).toBe(200)
    expect(ok.body.accentColor).toBe('#7a1f5c')
    const html = await page('/fi/lansi-uusimaa')
    expect(html).toContain(
      '<link rel="stylesheet" href="/assets/newsroom/lansi-uusimaa.css?v=7a1f5c"',
    )
    expect(html).not.toMatch(/style="/)
    const css = await h.app.request(`${ORIGIN}/assets/newsroom/lansi-uusimaa.css?v=7a1f5c`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toContain('text/css')
    expect(css.headers.get('cache-control')).toContain('max-age=')
    expect(await css.text()).toContain('--accent:#7a1f5c')
    expect((await h.app.request(`${ORIGIN}/assets/newsroom/nobody.css`)).status).toBe(404)
  })

  it('refuses a light colour in the admin form in the staff language, and accepts a dark one', async () => {
    const admin = await signIn('admin', { locale: 'fi' })
    const newsroom = await getNewsroom(h.deps.repos, 'lansi-uusimaa')
    const form = {
      _csrf: admin.csrf,
      slug: 'lansi-uusimaa',
      languages: ['fi', 'sv'],
      default_lang: 'fi',
      timezone: 'Europe/Helsinki',
      'name.fi': 'Länsi-Uudenmaan hyvinvointialue',
      'name.sv': 'Västra Nylands välfärdsområde',
      accent_color: '#9ab',
      reply_to: 'viestinta@example.fi',
    }
    const refused = await admin.post(`/admin/newsrooms/${newsroom.id}`, form)
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Väri on liian vaalea')
    expect((await getNewsroom(h.deps.repos, newsroom.id)).replyTo).toBeNull()

    const badReply = await admin.post(`/admin/newsrooms/${newsroom.id}`, {
      ...form,
      accent_color: '#00577d',
      reply_to: 'not an address',
    })
    expect(badReply.status).toBe(422)
    expect(await badReply.text()).toContain('Anna sähköpostiosoite')

    const saved = await admin.post(`/admin/newsrooms/${newsroom.id}`, {
      ...form,
      accent_color: '#00577d',
    })
    expect(saved.status).toBe(303)
    const after = await getNewsroom(h.deps.repos, newsroom.id)
    expect(after.accentColor).toBe('#00577d')
    expect(after.replyTo).toBe('viestinta@example.fi')
  })

  it('sends email From the newsroom’s name with its Reply-To', async () => {
    await api('PATCH', '/newsrooms/lansi-uusimaa', { replyTo: 'press@example.fi' })
    const editor = await signIn('editor')
    const sent = await editor.post(`/admin/releases/${releaseId}/test-send`, {
      _csrf: editor.csrf,
      lang: 'sv',
    })
    expect(sent.status).toBe(303)
    const [mail] = await smtp.waitFor(1)
    expect(mail.parsed.from?.value[0]).toMatchObject({
      name: 'Västra Nylands välfärdsområde',
      address: 'no-reply@localhost',
    })
    expect(mail.parsed.replyTo?.value[0].address).toBe('press@example.fi')
  })

  it('sends the subscription confirmation From the newsroom with its Reply-To', async () => {
    const res = await h.app.request(`${ORIGIN}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({
        email: 'reader@example.fi',
        newsroom: 'lansi-uusimaa',
        lang: 'fi',
        languages: 'fi',
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    })
    expect(res.status).toBeLessThan(400)
    const mails = await smtp.waitFor(2)
    const confirmation = mails[1]
    expect(confirmation.to).toEqual(['reader@example.fi'])
    expect(confirmation.parsed.from?.value[0]).toMatchObject({
      name: 'Länsi-Uudenmaan hyvinvointialue',
      address: 'no-reply@localhost',
    })
    expect(confirmation.parsed.replyTo?.value[0].address).toBe('press@example.fi')
    // The message's own banner names the newsroom too, not the product.
    expect(confirmation.parsed.html).toContain('Länsi-Uudenmaan hyvinvointialue')
    expect(confirmation.parsed.html).not.toContain('Tiedote<')
  })

  it('shows the newsroom in the banner, the dateline with seconds and encoded share links', async () => {
    const html = await page(fiPath)
    const banner = /<header[\s\S]*?<\/header>/.exec(html)![0]
    expect(banner).toContain('Länsi-Uudenmaan hyvinvointialue')
    expect(banner).not.toContain('Tiedote')
    expect(html).toContain('29.9.2025 17:48:33 EEST')
    const url = encodeURIComponent(`${ORIGIN}${fiPath}`)
    const title = encodeURIComponent('Strategia & palvelut: "uudistus"')
    expect(html).toContain(`href="https://x.com/intent/post?url=${url}&amp;text=${title}"`)
    expect(html).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${url}"`)
    expect(html).toContain(`href="https://www.linkedin.com/sharing/share-offsite/?url=${url}"`)
    expect(html).toContain(`href="https://wa.me/?text=${title}%20${url}"`)
    expect(html).toContain(`href="mailto:?subject=${title}&amp;body=${title}%0A%0A${url}"`)
    expect(html).toContain('Jaa palvelussa LinkedIn')
    expect(html).toContain('Linkki tähän tiedotteeseen')
    expect(html).toMatch(/target="_blank" rel="noopener noreferrer"/)
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/)
  })

  it('lists the newsroom’s releases in its other languages under “More from”', async () => {
    const html = await page(fiPath)
    const more = html.slice(html.indexOf('id="more-heading"'))
    expect(more).toMatch(
      /<h3 lang="sv"><a href="[^"]+" hreflang="sv">Ändringar i ledningsstrukturen/,
    )
    expect(more).toContain('<p class="other-lang">Svenska</p>')
  })

  it('names the installation neutrally by default, never with the product name', async () => {
    const fi = await page('/fi/')
    expect(fi).toContain('<a class="brand" href="/fi/">Uutishuone</a>')
    expect(fi).not.toContain('Tiedote<')
    const sv = await page('/sv/')
    expect(sv).toContain('Nyhetsrum')
    expect(await page('/en/')).toContain('<a class="brand" href="/en/">Newsroom</a>')
  })
})

describe('SITE_NAME', () => {
  let h: TestApp
  beforeAll(async () => {
    h = await startTestApp('sqlite', { env: { SITE_NAME: 'Kaupungin uutishuone' } })
  })
  afterAll(() => h.close())

  it('names the installation on the front page and in the footer', async () => {
    const html = await (await h.app.request(`${ORIGIN}/sv/`)).text()
    expect(html).toContain('<a class="brand" href="/sv/">Kaupungin uutishuone</a>')
    expect(/<footer[\s\S]*<\/footer>/.exec(html)![0]).toContain('Kaupungin uutishuone')
    expect(html).not.toContain('Nyhetsrum')
  })

  it('names it on the subscription pages too: subscribe, the link pages and their errors', async () => {
    await seedNewsroom(contentDeps(h.deps))
    const unknown = `1.${'a'.repeat(32)}`
    for (const [path, status] of [
      ['/fi/lansi-uusimaa/subscribe', 200],
      ['/sv/lansi-uusimaa/subscribe', 200],
      [`/subscriptions/confirm/${unknown}`, 404],
      [`/subscriptions/manage/${unknown}`, 404],
      [`/unsubscribe/${unknown}`, 404],
    ] as const) {
      const res = await h.app.request(`${ORIGIN}${path}`)
      expect(res.status, path).toBe(status)
      const html = await res.text()
      expect(/<footer[\s\S]*<\/footer>/.exec(html)?.[0], path).toContain('Kaupungin uutishuone')
      expect(html, path).not.toMatch(/>(Uutishuone|Nyhetsrum)</)
    }
  })
})
