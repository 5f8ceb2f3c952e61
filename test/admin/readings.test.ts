/**
 * Reading figures count on the server without tracking: release page reads and feed fetches
 * are summed per day, crawlers are left out, and nothing about the reader is stored or set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createRelease } from '../../src/core/release/releases.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { isBot } from '../../src/core/readings/counter.js'
import { SYSTEM } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import type { DbKind } from '../helpers/env.js'
import { ORIGIN } from '../helpers/harness.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36'
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

async function columnsOf(h: AdminHarness, kind: DbKind, table: string): Promise<string[]> {
  const db = h.deps.database.db
  const rows =
    kind === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
  return rows.rows.map((r) => r.name).sort()
}

describe('who counts as a reader', () => {
  it('leaves out crawlers, previews, tools and requests without a user agent', () => {
    expect(isBot(BROWSER)).toBe(false)
    expect(isBot(CRAWLER)).toBe(true)
    expect(isBot('facebookexternalhit/1.1')).toBe(true)
    expect(isBot('curl/8.5.0')).toBe(true)
    expect(isBot(undefined)).toBe(true)
  })
})

describe.each(DB_KINDS)('reading figures (%s)', (kind) => {
  let h: AdminHarness
  let editor: Session
  let releaseId = 0

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    editor = await h.signIn('editor', { locale: 'fi' })
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      notify: false,
      versions: {
        fi: { title: 'Uusi terveysasema', body: 'Teksti.' },
        sv: { title: 'Ny hälsostation', body: 'Text.' },
      },
    })
    releaseId = release.id
    await publishRelease(h.content, SYSTEM, release.id)
  })
  afterAll(() => h.close())

  it('counts page reads and feed fetches as sums, storing and setting nothing personal', async () => {
    const read = (path: string, ua: string) =>
      h.app.request(`${ORIGIN}${path}`, {
        headers: { 'user-agent': ua, 'x-forwarded-for': '203.0.113.9' },
      })
    // Rendered once, then answered from the page cache: both count.
    for (const ua of [BROWSER, BROWSER, CRAWLER]) {
      const res = await read('/fi/lansi-uusimaa/uusi-terveysasema', ua)
      expect(res.status).toBe(200)
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    expect((await read('/sv/lansi-uusimaa/ny-halsostation', BROWSER)).status).toBe(200)
    // Not a release: not counted.
    expect((await read('/fi/lansi-uusimaa/ei-ole', BROWSER)).status).toBe(404)
    for (let i = 0; i < 2; i++) {
      const feed = await read(
        '/feeds/lansi-uusimaa.rss',
        'FreshRSS/1.24 (Linux; https://freshrss.org)',
      )
      expect(feed.status).toBe(200)
      expect(feed.headers.get('set-cookie')).toBeNull()
    }
    await h.deps.readings.flush()

    // Only sums: no address, cookie, user agent or anything else about a reader.
    expect(await columnsOf(h, kind, 'release_page_views')).toEqual(['day', 'release_id', 'views'])
    expect(await columnsOf(h, kind, 'feed_fetches')).toEqual(['day', 'feed', 'fetches'])
    const views = await h.deps.database.db.selectFrom('release_page_views').selectAll().execute()
    expect(views).toEqual([{ release_id: releaseId, day: '2026-01-10', views: 3 }])
    const fetches = await h.deps.database.db.selectFrom('feed_fetches').selectAll().execute()
    expect(fetches).toEqual([{ feed: '/feeds/lansi-uusimaa.rss', day: '2026-01-10', fetches: 2 }])

    // A second batch adds to the day's sum.
    await read('/fi/lansi-uusimaa/uusi-terveysasema', BROWSER)
    await h.deps.readings.flush()
    const [row] = await h.deps.database.db.selectFrom('release_page_views').selectAll().execute()
    expect(row.views).toBe(4)
  })

  it('shows the figures on the dashboard and on the release’s delivery page', async () => {
    const home = await (await editor.get('/admin')).text()
    expect(home).toMatch(/data-figure="views">4</)
    expect(home).toMatch(new RegExp(`data-views="${releaseId}">4<`))
    expect(home).toContain('/feeds/lansi-uusimaa.rss')
    expect(home).toMatch(/data-figure="releases-this-month">1</)
    const delivery = await (await editor.get(`/admin/releases/${releaseId}/delivery`)).text()
    expect(delivery).toContain('4 lukukertaa yhteensä')
  })
})

describe('releases list search and filters', () => {
  let h: AdminHarness
  beforeAll(async () => {
    h = await createAdminHarness('sqlite')
    for (const [title, type] of [
      ['Uusi terveysasema avataan', 'press-release'],
      ['Kutsu strategiatilaisuuteen', 'invitation'],
    ] as const) {
      const r = await createRelease(h.content, SYSTEM, {
        newsroom: h.newsroomId,
        type,
        notify: false,
        keywords: ['terveys'],
        versions: { fi: { title, body: 'Teksti.' } },
      })
      await publishRelease(h.content, SYSTEM, r.id)
    }
  })
  afterAll(() => h.close())

  it('finds releases by text, type and keyword', async () => {
    const editor = await h.signIn('editor', { locale: 'fi' })
    const list = async (query: string) => {
      const res = await editor.get(`/admin/releases?${query}`)
      expect(res.status).toBe(200)
      return res.text()
    }
    const byText = await list('q=terveysasema')
    expect(byText).toContain('Uusi terveysasema avataan')
    expect(byText).not.toContain('Kutsu strategiatilaisuuteen')
    const byType = await list('type=invitation')
    expect(byType).toContain('Kutsu strategiatilaisuuteen')
    expect(byType).not.toContain('Uusi terveysasema avataan')
    expect(await list('keyword=terveys&type=press-release')).toContain('Uusi terveysasema avataan')
  })
})
