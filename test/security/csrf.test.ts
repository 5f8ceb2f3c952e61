/**
 * Cross-site request forgery. Every state-changing staff route is taken from the app's own
 * route table (so a new form cannot be forgotten) and sent by a signed-in administrator without
 * the form token, with a wrong one, with another user's, in a header and in a multipart body:
 * each is refused with 403 and the database stays exactly as it was. The public forms (confirm,
 * preferences, unsubscribe, delete) refuse posts from other sites; only the RFC 8058 one-click
 * unsubscribe is exempt, by design.
 */
import { signOptOutToken } from '../../src/core/media-lists/opt-out.js'
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/core/auth/users.js'
import { issueConfirmToken } from '../../src/core/subscription/confirm-tokens.js'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { adminStrings } from '../../src/views/i18n/admin/index.js'
import { createSession, hiddenField } from '../helpers/browserless.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, uploadForm } from '../helpers/api.js'
import { ORIGIN } from '../helpers/harness.js'
import { createSecurityHarness } from './harness.js'
import { STAFF_PASSWORD } from '../helpers/actors.js'
import type { StaffSession } from '../helpers/actors.js'
import type { SecurityHarness } from './harness.js'

const FIELDS = {
  'versions.fi.title': 'Väärennetty',
  email: 'hyokkaaja@example.org',
  role: 'admin',
  name: 'Hyökkääjä',
  reason: 'pakko',
  to: 'hyokkaaja@example.org',
}

describe('CSRF: every state-changing staff form, and the public forms', () => {
  let h: SecurityHarness
  let admin: StaffSession
  let editor: StaffSession
  const params: Record<string, string> = {}
  let adminPosts: string[] = []

  beforeAll(async () => {
    h = await createSecurityHarness('sqlite')
    const newsroom = await h.api('POST', '/newsrooms', newsroomInput())
    const release = await h.api('POST', '/releases', releaseInput())
    const file = await h.api(
      'POST',
      `/releases/${release.body.id}/attachments`,
      uploadForm(PNG_BYTES, 'k.png'),
    )
    const token = await createApiToken(createRepositories(h.deps.database.db), h.clock, {
      name: 'kohde',
    })
    Object.assign(params, {
      id: String(release.body.id),
      attachmentId: String(file.body.id),
      newsroomId: String(newsroom.body.id),
      tokenId: String(token.id),
    })
    admin = await h.signIn('admin')
    editor = await h.signIn('editor', { newsroomIds: [newsroom.body.id] })
    adminPosts = [
      ...new Set(
        h.app.routes
          .filter((r) => r.method === 'POST' && r.path.startsWith('/admin/'))
          .map((r) => r.path),
      ),
    ]
  })
  afterAll(async () => {
    await h?.close()
  })

  const concrete = (path: string) =>
    path
      .replace(/^\/admin\/newsrooms\/:id/, `/admin/newsrooms/${params.newsroomId}`)
      .replace(/^\/admin\/tokens\/:id/, `/admin/tokens/${params.tokenId}`)
      .replace(':attachmentId', params.attachmentId)
      .replace(':id', params.id)

  it('finds the staff forms in the route table', () => {
    // Sign-in and sign-out, password, users, tokens, newsrooms, releases, deliveries, subscribers.
    expect(adminPosts.length).toBeGreaterThanOrEqual(20)
    for (const path of ['/admin/login', '/admin/logout', '/admin/releases/:id/publish'])
      expect(adminPosts).toContain(path)
  })

  it('refuses every staff POST without a valid form token, changing nothing', async () => {
    const refusal = adminStrings.en.csrfFailed
    const results: string[] = []
    const before = await h.snapshot()
    for (const template of adminPosts.filter((p) => p !== '/admin/login')) {
      const path = concrete(template)
      const attempts: [string, () => Promise<Response>][] = [
        ['no token', () => admin.post(path, FIELDS)],
        ['wrong token', () => admin.post(path, { ...FIELDS, _csrf: 'x'.repeat(43) })],
        ['empty token', () => admin.post(path, { ...FIELDS, _csrf: '' })],
        ["another user's token", () => admin.post(path, { ...FIELDS, _csrf: editor.csrf })],
        ['two tokens', () => admin.post(path, { ...FIELDS, _csrf: ['bad', admin.csrf] })],
        ['wrong header', () => admin.post(path, FIELDS, { 'x-csrf-token': editor.csrf })],
        [
          'multipart',
          () => {
            const form = uploadForm(PNG_BYTES, 'k.png', { ...FIELDS, _csrf: editor.csrf })
            return h.request(path, {
              method: 'POST',
              body: form,
              headers: { cookie: `tiedote_session=${admin.jar.get('tiedote_session')}` },
            })
          },
        ],
        [
          'JSON with the token in the body',
          () =>
            h.request(path, {
              method: 'POST',
              body: JSON.stringify({ ...FIELDS, _csrf: admin.csrf }),
              headers: {
                'content-type': 'application/json',
                cookie: `tiedote_session=${admin.jar.get('tiedote_session')}`,
              },
            }),
        ],
      ]
      for (const [how, send] of attempts) {
        const res = await send()
        const body = await res.text()
        const ok = res.status === 403 && body.includes(refusal)
        results.push(`${template} ${how}: ${ok ? 'refused' : `${res.status} ${body.slice(0, 80)}`}`)
      }
      // Without a session at all: 401, also nothing changes.
      const guest = await createSession(h.app, ORIGIN).post(path, { ...FIELDS, _csrf: admin.csrf })
      results.push(`${template} no session: ${guest.status === 401 ? 'refused' : guest.status}`)
    }
    expect(results.filter((line) => !line.endsWith('refused'))).toEqual([])
    expect(results.length).toBeGreaterThanOrEqual(19 * 9)
    expect(await h.snapshot()).toBe(before)
    // The session still works: the refusals were CSRF checks, not a broken sign-in.
    expect((await admin.get('/admin/releases')).status).toBe(200)
  })

  it('refuses the sign-in form without its own token, creating no session', async () => {
    const before = await h.snapshot()
    const guest = createSession(h.app, ORIGIN)
    const page = await guest.get('/admin/login')
    const token = hiddenField(await page.text(), '_csrf')
    const credentials = { email: admin.email, password: STAFF_PASSWORD }
    for (const form of [credentials, { ...credentials, _csrf: 'x'.repeat(43) }]) {
      expect((await guest.post('/admin/login', form)).status).toBe(403)
    }
    // The right token, but without the cookie it belongs to (posted from another site).
    const forged = await createSession(h.app, ORIGIN).post('/admin/login', {
      ...credentials,
      _csrf: token,
    })
    expect(forged.status).toBe(403)
    expect(forged.headers.get('set-cookie') ?? '').not.toContain('tiedote_session=')
    expect(await h.snapshot()).toBe(before)
  })

  it('refuses cross-site posts to every public form; one-click unsubscribe is exempt', async () => {
    const add = async (email: string, status: 'pending' | 'confirmed') => {
      const created = await h.api('POST', '/subscribers', {
        email,
        languages: ['fi'],
        newsrooms: ['kaupunki'],
        status,
        consent: { source: 'test', text: 'Tilaan', at: h.clock.now().toISOString() },
      })
      return h.deps.database.db
        .selectFrom('subscribers')
        .select(['id', 'token_secret'])
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow()
    }
    const row = await add('lukija@example.fi', 'confirmed')
    const pending = await add('odottaa@example.fi', 'pending')
    const confirm = await issueConfirmToken(
      createRepositories(h.deps.database.db),
      h.clock,
      pending.id,
    )
    const manage = signSubscriberToken(h.setup.config.secretKey, 'manage', row)
    const unsubscribe = signSubscriberToken(h.setup.config.secretKey, 'unsubscribe', row)
    // A journalist on a media list, for the opt-out link of their emails.
    const list = await h.api('POST', '/newsrooms/kaupunki/media-lists', { name: 'Toimittajat' })
    const journalist = await h.api('POST', `/media-lists/${list.body.id}/contacts`, {
      email: 'toimittaja@example.fi',
      name: 'Toimittaja',
      outlet: 'Lehti',
      language: 'fi',
    })
    const optOut = signOptOutToken(h.setup.config.secretKey, {
      kind: 'c',
      id: journalist.body.id,
      emailNormalized: 'toimittaja@example.fi',
    })
    const publicPosts = [
      ...new Set(
        h.app.routes
          .filter((r) => r.method === 'POST' && !/^\/(admin|api)\//.test(r.path))
          .map((r) => r.path),
      ),
    ]
    expect(publicPosts.length).toBeGreaterThanOrEqual(7)
    const before = await h.snapshot()
    const outcomes: string[] = []
    for (const template of publicPosts) {
      const path = template
        .replace('/subscriptions/confirm/:token', `/subscriptions/confirm/${confirm}`)
        .replace('/unsubscribe/:token', `/unsubscribe/${unsubscribe}`)
        .replace('/media-optout/:token', `/media-optout/${optOut}`)
        .replace(':token', manage)
      const form = new URLSearchParams({ email: 'toinen@example.fi', newsroom: 'kaupunki' })
      const crossSite: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/' },
      ]
      for (const headers of crossSite) {
        const res = await h.request(path, {
          method: 'POST',
          body: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        })
        outcomes.push(`${template} ${JSON.stringify(headers)}: ${res.status}`)
      }
    }
    expect(outcomes.filter((line) => !line.endsWith(': 403'))).toEqual([])
    expect(await h.snapshot()).toBe(before)
    // The mail provider's one-click POST carries no Origin, cookie or token, and acts.
    const oneClick = await h.request(`/unsubscribe/${unsubscribe}`, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(oneClick.status).toBe(200)
    // Only the one-click unsubscribe acted; everything else is as it was.
    const after = await h.deps.database.db
      .selectFrom('subscribers')
      .select(['status', 'email'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({ status: 'unsubscribed', email: 'lukija@example.fi' })
    const stillValid = await h.request(`/subscriptions/confirm/${confirm}`)
    expect(stillValid.status).toBe(200)
  })
})
