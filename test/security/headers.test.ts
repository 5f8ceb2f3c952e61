/**
 * Security headers on every HTML response: everything a reader reaches by crawling the public
 * side, everything a signed-in administrator reaches by crawling /admin, and the error pages
 * (400, 403, 404, 410, 422, 429, 500, 503). Each carries the Content-Security-Policy without
 * inline scripts, X-Frame-Options, nosniff, HSTS, a referrer policy, a permissions policy and
 * COOP — and contains nothing that policy would block (inline scripts, event handler
 * attributes, inline styles), so the pages work as they are under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createContainer } from '../../src/container.js'
import { SUBSCRIBE_PER_IP } from '../../src/routes/subscriptions/subscriptions.index.js'
import { createTestSetup } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, uploadForm } from '../helpers/api.js'
import { crawl } from './crawl.js'
import type { Crawled } from './crawl.js'
import { ORIGIN } from '../helpers/harness.js'
import { createSecurityHarness } from './harness.js'
import type { SecurityHarness } from './harness.js'

/** What every HTML page must carry, and what its policy must say. */
function htmlProblems(page: Crawled): string[] {
  const problems: string[] = []
  const header = (name: string) => page.headers.get(name) ?? ''
  const csp = header('content-security-policy')
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]) {
    if (!csp.includes(directive)) problems.push(`CSP lacks ${directive}`)
  }
  if (/unsafe-inline|unsafe-eval|\*/.test(csp)) problems.push(`CSP too loose: ${csp}`)
  if (header('x-frame-options') !== 'DENY') problems.push('X-Frame-Options')
  if (header('x-content-type-options') !== 'nosniff') problems.push('nosniff')
  if (!/^max-age=\d{7,}/.test(header('strict-transport-security'))) problems.push('HSTS')
  if (!['strict-origin-when-cross-origin', 'no-referrer'].includes(header('referrer-policy')))
    problems.push(`Referrer-Policy ${header('referrer-policy')}`)
  if (!header('permissions-policy').includes('camera=()')) problems.push('Permissions-Policy')
  if (header('cross-origin-opener-policy') !== 'same-origin') problems.push('COOP')
  if (!/^text\/html; charset=utf-8$/i.test(header('content-type'))) problems.push('charset')
  // The document itself: standards mode, a language, and nothing the policy would block.
  if (!/^<!DOCTYPE html><html lang="(fi|sv|en)"/.test(page.body))
    problems.push(`starts with ${page.body.slice(0, 40)}`)
  if ((page.body.match(/<!DOCTYPE/gi) ?? []).length !== 1) problems.push('doctype count')
  for (const script of page.body.match(/<script\b[^>]*>/g) ?? []) {
    if (!/\bsrc="\/[^/]/.test(script) && !/type="application\/ld\+json"/.test(script))
      problems.push(`inline script ${script}`)
  }
  const handler = /<[^>]+\son[a-z]+=/i.exec(page.body)
  if (handler) problems.push(`event handler attribute ${handler[0].slice(0, 60)}`)
  const style = /<[^>]+\sstyle=|<style\b/i.exec(page.body)
  if (style) problems.push(`inline style ${style[0].slice(0, 60)}`)
  // No internals on any page.
  if (/\bat [\w.<>]+ \(|node_modules|\/src\/|Error: /.test(page.body)) problems.push('stack trace')
  return problems
}

const isHtml = (page: Crawled) => (page.headers.get('content-type') ?? '').startsWith('text/html')

async function asCrawled(path: string, res: Response): Promise<Crawled> {
  const body = await res.text()
  return { path, status: res.status, headers: res.headers, body, whole: body }
}

describe('security headers on every HTML response', () => {
  let h: SecurityHarness
  const pages: Crawled[] = []

  beforeAll(async () => {
    h = await createSecurityHarness('sqlite')
    await h.api('POST', '/newsrooms', newsroomInput())
    const release = await h.api('POST', '/releases', releaseInput())
    await h.api('POST', `/releases/${release.body.id}/attachments`, uploadForm(PNG_BYTES, 'k.png'))
    await h.api(
      'POST',
      `/releases/${release.body.id}/attachments`,
      uploadForm(new TextEncoder().encode('aikataulu\n'), 'aikataulu.txt'),
    )
    await h.api('POST', `/releases/${release.body.id}/publish`, {})
    const gone = await h.api('POST', '/releases', releaseInput('kaupunki', ' (peruttu)'))
    await h.api('POST', `/releases/${gone.body.id}/publish`, {})
    await h.api('POST', `/releases/${gone.body.id}/withdraw`, { reason: 'Virhe.' })
    await h.api('POST', '/releases', releaseInput('kaupunki', ' (luonnos)'))
    const { manage, unsubscribe } = await h.confirmedSubscriber('lukija@example.fi')

    const fetchPath = (path: string, init?: RequestInit) => h.request(path, init)
    const publicSeeds = ['/', '/fi/', '/sv/', '/en/', '/fi/kaupunki', '/sitemap.xml', '/api/docs']
    publicSeeds.push(gone.body.versions.fi.path, `/subscriptions/manage/${manage}`)
    publicSeeds.push(`/unsubscribe/${unsubscribe}`, '/fi/kaupunki/subscribe', '/admin/login')
    publicSeeds.push(`/subscriptions/manage/${manage}/delete`, '/ei-ole', '/fi/kaupunki/ei-ole')
    publicSeeds.push('/fi/ei-ole', '/subscriptions/confirm/ei-kelpaa', '/unsubscribe/1.x')
    const notAdmin = (path: string) => !path.startsWith('/admin/') || path === '/admin/login'
    pages.push(...(await crawl(fetchPath, publicSeeds, { limit: 600, follow: notAdmin })))

    const admin = await h.signIn('admin')
    const adminGet = (path: string) => admin.get(path)
    const adminSeeds = ['/admin', '/admin/releases', `/admin/releases/${release.body.id}`]
    adminSeeds.push('/admin/ei-ole', `/admin/releases/999999`)
    const onlyAdmin = (path: string) =>
      path.startsWith('/admin') && !/logout|export\.csv|\/raw$|\.json$/.test(path)
    pages.push(...(await crawl(adminGet, adminSeeds, { limit: 400, follow: onlyAdmin })))
    const contributor = await h.signIn('contributor')
    pages.push(await asCrawled('/admin/users (contributor)', await contributor.get('/admin/users')))

    // Error pages that crawling does not reach.
    const form = (email: string, ip: string, origin = ORIGIN) =>
      h.request('/subscribe', {
        method: 'POST',
        body: new URLSearchParams({ email, newsroom: 'kaupunki', lang: 'fi', languages: 'fi' }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          'x-forwarded-for': ip,
        },
      })
    pages.push(await asCrawled('422 subscribe', await form('ei-osoite', '198.51.100.1')))
    pages.push(
      await asCrawled(
        '403 subscribe',
        await form('a@example.fi', '198.51.100.2', 'https://x.example'),
      ),
    )
    for (let i = 0; i < SUBSCRIBE_PER_IP.limit; i++) await form(`r${i}@example.fi`, '198.51.100.3')
    pages.push(await asCrawled('429 subscribe', await form('z@example.fi', '198.51.100.3')))

    // 500: a database without its tables; 503: a database that does not answer.
    for (const [name, env] of [
      ['500', {}],
      ['503', { DATABASE_URL: 'postgres://tiedote:x@127.0.0.1:1/none' }],
    ] as const) {
      const setup = await createTestSetup('sqlite', env)
      const broken = await createContainer(setup.config)
      try {
        const app = createApp(broken)
        for (const path of ['/fi/', '/fi/kaupunki', '/feeds/all.rss']) {
          pages.push(await asCrawled(`${name} ${path}`, await app.request(`${ORIGIN}${path}`)))
        }
      } finally {
        await broken.close().catch(() => {})
        await setup.cleanup()
      }
    }
  }, 60_000)
  afterAll(async () => {
    await h?.close()
  })

  it('reaches the pages, admin pages and error pages a user can meet', () => {
    const html = pages.filter(isHtml)
    const statuses = new Set(html.map((page) => page.status))
    for (const status of [200, 403, 404, 410, 422, 429, 500, 503])
      expect(statuses).toContain(status)
    expect(html.filter((p) => p.path.startsWith('/admin')).length).toBeGreaterThan(15)
    expect(html.length).toBeGreaterThan(60)
  })

  it('sends the full set of headers on every HTML response, and a page the policy allows', () => {
    const problems = pages
      .filter(isHtml)
      .flatMap((page) => htmlProblems(page).map((p) => `${page.path} (${page.status}): ${p}`))
    expect(problems).toEqual([])
  })

  it('keeps the stricter headers a route sets: no referrer on subscriber link pages', () => {
    const tokenPages = pages.filter(
      (page) =>
        /^\/(subscriptions\/manage|unsubscribe)\/\d+\./.test(page.path) && page.status === 200,
    )
    expect(tokenPages.length).toBeGreaterThanOrEqual(2)
    for (const page of tokenPages) {
      expect(page.headers.get('referrer-policy'), page.path).toBe('no-referrer')
      expect(page.headers.get('cache-control'), page.path).toBe('no-store')
    }
  })

  it('lets no browser or proxy keep a staff page: every admin page answers no-store', () => {
    const adminPages = pages.filter((page) => isHtml(page) && page.path.startsWith('/admin'))
    expect(adminPages.length).toBeGreaterThan(15)
    const kept = adminPages
      .filter((page) => page.headers.get('cache-control') !== 'no-store')
      .map((page) => `${page.path} (${page.status}): ${page.headers.get('cache-control')}`)
    expect(kept).toEqual([])
  })

  it('sends nosniff and a policy on every other response too (feeds, files, JSON, CSS, JS)', () => {
    const others = pages.filter((page) => !isHtml(page))
    expect(others.length).toBeGreaterThan(10)
    const problems = others.flatMap((page) => {
      const out: string[] = []
      if (page.headers.get('x-content-type-options') !== 'nosniff') out.push('nosniff')
      if (!/default-src '(self|none)'/.test(page.headers.get('content-security-policy') ?? ''))
        out.push('CSP')
      return out.map((p) => `${page.path} (${page.status}): ${p}`)
    })
    expect(problems).toEqual([])
  })
})
