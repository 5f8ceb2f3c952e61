/**
 * A newsroom's logo: set and removed by an administrator on the newsroom page or through the
 * API, shown beside the newsroom's name on its pages and as the image of its feeds, served
 * from /files, and never anything but a raster image.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/core/auth/users.js'
import { createRelease } from '../../src/core/release/releases.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { DB_KINDS } from '../helpers/env.js'
import { SYSTEM } from '../helpers/actors.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'
import { PNG } from '../helpers/fixtures.js'
import { simpleParser } from 'mailparser'
import { prepareReleaseEmail, renderRaw } from '../../src/mail/release-email.js'

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

describe.each(DB_KINDS)('newsroom logo (%s)', (kind) => {
  let h: AdminHarness
  let admin: Session
  let adminToken: string
  let editorToken: string

  const post = (session: Session, path: string, bytes: Buffer, name: string) => {
    const form = new FormData()
    form.set('_csrf', session.csrf)
    form.set('file', new File([new Uint8Array(bytes)], name))
    return h.app.request(`http://tiedote.test${path}`, {
      method: 'POST',
      body: form,
      headers: {
        cookie: [...session.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        origin: 'http://tiedote.test',
      },
    })
  }
  const api = async (method: string, path: string, token: string, body?: FormData) => {
    const res = await h.app.request(`http://tiedote.test/api/v1${path}`, {
      method,
      body,
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    })
    return { status: res.status, body: (await res.json()) as Record<string, never> }
  }
  const logoRow = () =>
    h.deps.database.db
      .selectFrom('newsrooms')
      .select('logo_attachment_id')
      .where('id', '=', h.newsroomId)
      .executeTakeFirstOrThrow()
  const keyOf = (path: string) => /\/files\/([^/]+)\//.exec(path)![1]
  const stored = (path: string) =>
    existsSync(join(h.setup.config.filesDir, keyOf(path).slice(0, 2), keyOf(path)))

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    admin = await h.signIn('admin')
    const { db } = h.deps.database
    adminToken = (
      await createApiToken(createRepositories(db), h.clock, { name: 'admin', role: 'admin' })
    ).token
    editorToken = (
      await createApiToken(createRepositories(db), h.clock, { name: 'editor', role: 'editor' })
    ).token
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: 'lansi-uusimaa',
      versions: { fi: { title: 'Terveysasema avautuu', lead: 'Uusi asema palvelee iltaisin.' } },
    })
    await publishRelease(h.content, SYSTEM, release.id)
    releaseId = release.id
  })
  afterAll(() => h.close())

  let firstPath = ''
  let releaseId = 0

  it('is uploaded on the newsroom page and shown on its public pages and feeds', async () => {
    const form = await (await admin.get(`/admin/newsrooms/${h.newsroomId}`)).text()
    expect(form).toContain('The newsroom has no logo.')

    const res = await post(admin, `/admin/newsrooms/${h.newsroomId}/logo`, PNG, 'tunnus.png')
    expect(res.status).toBe(303)
    const page = await (await admin.get(res.headers.get('location')!)).text()
    expect(page).toContain('Logo saved.')
    firstPath = /<img class="newsroom-logo" src="([^"]+)"/.exec(page)![1]
    expect(firstPath).toMatch(/^\/files\/[a-f0-9]{32}\.png\/tunnus\.png$/)

    const file = await h.app.request(`http://tiedote.test${firstPath}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')

    const newsroomPage = await (await h.app.request('http://tiedote.test/fi/lansi-uusimaa')).text()
    // In the banner, beside the newsroom's name, and as the favicon.
    expect(newsroomPage).toContain(`<img class="brand-logo" src="${firstPath}" alt=""`)
    expect(newsroomPage).toContain(`<link rel="icon" href="${firstPath}" type="image/png"`)
    const rss = await (await h.app.request('http://tiedote.test/feeds/lansi-uusimaa.rss')).text()
    expect(rss).toContain(`<url>http://tiedote.test${firstPath}</url>`)
    const atom = await (await h.app.request('http://tiedote.test/feeds/lansi-uusimaa.atom')).text()
    expect(atom).toContain(`<logo>http://tiedote.test${firstPath}</logo>`)
    const email = await prepareReleaseEmail(
      {
        repos: h.deps.repos,
        templates: h.deps.templates,
        publicUrl: h.setup.config.publicUrl,
        secretKey: h.setup.config.secretKey,
        mailFrom: h.setup.config.mailFrom,
      },
      releaseId,
      'release',
      'fi',
    )
    const html = String(
      (
        await simpleParser(
          renderRaw(email, {
            address: 'toimittaja@example.fi',
            messageId: '<logo@example.fi>',
            manageToken: 'm',
            unsubscribeToken: 'u',
          }),
        )
      ).html,
    )
    expect(html).toContain(`<img src="http://tiedote.test${firstPath}" alt=""`)
    const json = (await (
      await h.app.request('http://tiedote.test/feeds/lansi-uusimaa.json')
    ).json()) as { icon?: string }
    expect(json.icon).toBe(`http://tiedote.test${firstPath}`)
  })

  it('refuses SVG and empty files with a message, keeping the logo it has', async () => {
    const before = await logoRow()
    const svg = await post(admin, `/admin/newsrooms/${h.newsroomId}/logo`, SVG, 'tunnus.png')
    expect(svg.status).toBe(422)
    expect(await svg.text()).toContain('Use a PNG, JPEG, WebP, GIF or AVIF image (not SVG).')
    const empty = await post(
      admin,
      `/admin/newsrooms/${h.newsroomId}/logo`,
      Buffer.alloc(0),
      'x.png',
    )
    expect(empty.status).toBe(422)
    expect(await logoRow()).toEqual(before)
    expect(stored(firstPath)).toBe(true)
  })

  it('is replaced and removed through the API by administrators only, files and all', async () => {
    const form = new FormData()
    form.set('file', new File([new Uint8Array(PNG)], 'uusi.png'))
    expect((await api('PUT', '/newsrooms/lansi-uusimaa/logo', editorToken, form)).status).toBe(403)
    const replaced = await api('PUT', '/newsrooms/lansi-uusimaa/logo', adminToken, form)
    expect(replaced.status).toBe(200)
    const logo = replaced.body.logo as { path: string; url: string; mimeType: string }
    expect(logo).toMatchObject({ mimeType: 'image/png', url: `http://tiedote.test${logo.path}` })
    // The old file is gone with its row; the public address answers 404.
    expect(stored(firstPath)).toBe(false)
    expect((await h.app.request(`http://tiedote.test${firstPath}`)).status).toBe(404)
    expect(stored(logo.path)).toBe(true)

    const removed = await api('DELETE', '/newsrooms/lansi-uusimaa/logo', adminToken)
    expect(removed.status).toBe(200)
    expect(removed.body.logo).toBeNull()
    expect(stored(logo.path)).toBe(false)
    expect(await logoRow()).toEqual({ logo_attachment_id: null })
    const page = await (await h.app.request('http://tiedote.test/fi/lansi-uusimaa')).text()
    expect(page).not.toContain('brand-logo')

    const actions = await h.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', `newsroom:${h.newsroomId}`)
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'newsroom.create',
      'newsroom.logo',
      'newsroom.logo',
      'newsroom.logo-remove',
    ])
  })
})
