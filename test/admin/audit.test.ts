/**
 * The audit log: staff actions through the API and the admin pages are recorded with who did
 * them, in the transaction of the change (a refused change leaves no entry), and administrators
 * read them at /admin/audit.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/core/auth/users.js'
import { createRelease } from '../../src/core/release/releases.js'
import { completePublication, publishRelease } from '../../src/core/release/publishing.js'
import { STAFF_PASSWORD, SYSTEM } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

interface AuditPage {
  items: { action: string; actor: string; actorName: string | null; subject: string }[]
  nextCursor: number | null
  error: { message: string }
}

describe.each(DB_KINDS)('audit log (%s)', (kind) => {
  let h: AdminHarness
  let admin: Session
  let token: { token: string; id: number }

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await h.app.request(`http://tiedote.test/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }

  const entries = () =>
    h.deps.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject', 'details'])
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    admin = await h.signIn('admin')
    token = await createApiToken(createRepositories(h.deps.database.db), h.clock, {
      name: 'Julkaisujärjestelmä',
      role: 'editor',
    })
  })
  afterAll(() => h.close())

  let releaseId = 0

  it('records API actions by their token, and nothing for a refused one', async () => {
    const created = await api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      versions: { fi: { title: 'Uusi terveysasema avataan Lohjalle' } },
    })
    expect(created.status).toBe(201)
    releaseId = created.body.id
    expect((await api('POST', `/releases/${releaseId}/publish`, {})).status).toBe(200)
    expect(
      (await api('POST', `/releases/${releaseId}/withdraw`, { reason: 'Väärä <b>päivä</b>' }))
        .status,
    ).toBe(200)
    const before = await entries()
    // Refused: a withdrawn release cannot be published again. No entry.
    expect((await api('POST', `/releases/${releaseId}/publish`, {})).status).toBe(409)
    // Refused by validation: nothing written, nothing recorded.
    expect(
      (await api('POST', '/releases', { newsroom: 'lansi-uusimaa', versions: {} })).status,
    ).toBe(422)
    const after = await entries()
    expect(after).toEqual(before)

    const mine = after.filter((e) => e.subject === `release:${releaseId}`)
    expect(mine.map((e) => e.action)).toEqual([
      'release.create',
      'release.publish',
      'release.withdraw',
    ])
    expect(new Set(mine.map((e) => e.actor))).toEqual(new Set([`token:${token.id}`]))
    expect(JSON.parse(mine[2].details)).toEqual({ reason: 'Väärä <b>päivä</b>' })
  })

  it('records admin-page actions by the signed-in user', async () => {
    const res = await admin.post('/admin/tokens', {
      _csrf: admin.csrf,
      name: 'Verkkosivujen integraatio',
      role: 'contributor',
    })
    expect(res.status).toBe(201)
    const exported = await admin.get('/admin/subscribers/export.csv')
    expect(exported.status).toBe(200)
    const all = await entries()
    const created = all.find((e) => e.action === 'token.create')!
    expect(created.actor).toMatch(/^user:\d+$/)
    expect(JSON.parse(created.details)).toEqual({
      name: 'Verkkosivujen integraatio',
      role: 'contributor',
    })
    // Personal data leaving the system is on record too.
    expect(all.find((e) => e.action === 'subscriber.export')).toMatchObject({
      actor: created.actor,
      subject: 'subscribers:all',
    })
  })

  it('records sign-ins, wrong passwords for real accounts and password changes', async () => {
    const editor = await h.signIn('editor')
    const { id } = await h.deps.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', editor.email)
      .executeTakeFirstOrThrow()
    const guest = await h.app.request('http://tiedote.test/admin/login')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await guest.text())![1]
    const cookie = guest.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const tryPassword = (email: string) =>
      h.app.request('http://tiedote.test/admin/login', {
        method: 'POST',
        headers: {
          cookie,
          origin: 'http://tiedote.test',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: csrf, email, password: 'väärä salasana' }),
      })
    await tryPassword(editor.email)
    await tryPassword('ei-ole@example.fi')
    const changed = await editor.post('/admin/password', {
      _csrf: editor.csrf,
      current: STAFF_PASSWORD,
      next: 'an even longer new password',
    })
    expect(changed.status).toBe(303)
    const mine = (await entries()).filter((e) => e.subject === `user:${id}`)
    expect(mine.map((e) => [e.actor, e.action])).toEqual([
      [`user:${id}`, 'user.sign-in'],
      [`user:${id}`, 'user.sign-in-failed'],
      [`user:${id}`, 'user.password'],
    ])
    expect(JSON.parse(mine[1].details)).toEqual({ failures: 1 })
    // Nothing typed for an unknown address is kept.
    expect(JSON.stringify(await entries())).not.toContain('ei-ole@example.fi')
  })

  it('shows administrators the log, newest first, escaped, filtered by subject', async () => {
    const res = await admin.get('/admin/audit')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Audit log')
    expect(html).toContain('API token “Julkaisujärjestelmä”')
    expect(html).toContain(admin.email)
    expect(html).toContain('Withdrawn')
    expect(html).toContain('Väärä &lt;b&gt;päivä&lt;/b&gt;')
    expect(html).not.toContain('<b>päivä</b>')
    expect(html.indexOf('Subscribers exported')).toBeLessThan(html.indexOf('Release created'))

    const only = await (await admin.get(`/admin/audit?subject=release:${releaseId}`)).text()
    expect(only).toContain(`Only: release:${releaseId}`)
    expect(only).not.toContain('API token created')
    expect(only).toContain(`href="/admin/releases/${releaseId}"`)

    const byToken = await (await admin.get(`/admin/audit?actor=token:${token.id}`)).text()
    expect(byToken).toContain('Published')
    expect(byToken).not.toContain('Subscribers exported')
  })

  it('is readable through the API with an administrator’s token, page by page', async () => {
    const adminToken = await createApiToken(createRepositories(h.deps.database.db), h.clock, {
      name: 'SIEM',
      role: 'admin',
    })
    const read = async (query: string) => {
      const res = await h.app.request(`http://tiedote.test/api/v1/audit${query}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${adminToken.token}` },
      })
      return { status: res.status, body: (await res.json()) as AuditPage }
    }
    const first = await read(`?subject=release:${releaseId}&limit=2`)
    expect(first.status).toBe(200)
    expect(first.body.items.map((e) => e.action)).toEqual(['release.withdraw', 'release.publish'])
    expect(first.body.items[0]).toMatchObject({
      actor: `token:${token.id}`,
      actorName: 'Julkaisujärjestelmä',
      subject: `release:${releaseId}`,
      details: { reason: 'Väärä <b>päivä</b>' },
    })
    const second = await read(
      `?subject=release:${releaseId}&limit=2&before=${first.body.nextCursor}`,
    )
    expect(second.body.items.map((e) => e.action)).toEqual(['release.create'])
    expect(second.body.nextCursor).toBeNull()
    const bad = await read('?actor=root')
    expect(bad.status).toBe(422)
    expect(bad.body.error.message).toContain('user:id or token:id')
    expect((await api('GET', '/audit')).status).toBe(403)
  })

  it('answers a bad filter with 422 and keeps other roles out', async () => {
    const bad = await admin.get('/admin/audit?subject=%3Cscript%3E')
    expect(bad.status).toBe(422)
    const text = await bad.text()
    expect(text).toContain('Give the subject as kind:id')
    expect(text).not.toContain('<script>')
    expect((await admin.get('/admin/audit?before=abc')).status).toBe(422)
    // The service's own entries (the demo newsroom's seeding) filter like anyone's.
    expect((await admin.get('/admin/audit?actor=system:demo-seed')).status).toBe(200)
    const editor = await h.signIn('editor')
    expect((await editor.get('/admin/audit')).status).toBe(403)
    expect(await (await editor.get('/admin')).text()).not.toContain('href="/admin/audit"')
    expect(await (await admin.get('/admin')).text()).toContain('href="/admin/audit"')
  })

  it('records a staff user added on the admin page once, and nothing for a refused one', async () => {
    const add = (session: Session, email: string) =>
      session.post('/admin/users', {
        _csrf: session.csrf,
        email,
        name: 'Uusi Toimittaja',
        role: 'editor',
        locale: 'fi',
        newsrooms: String(h.newsroomId),
      })
    expect((await add(admin, 'Uusi.Toimittaja@example.fi')).status).toBe(201)
    const before = await entries()
    expect((await add(admin, 'uusi.toimittaja@example.fi')).status).toBe(409)
    expect((await add(admin, 'ei-osoite')).status).toBe(422)
    const editor = await h.signIn('editor')
    const afterSignIn = await entries()
    expect((await add(editor, 'toinen@example.fi')).status).toBe(403)
    expect(await entries()).toEqual(afterSignIn)
    expect(afterSignIn.slice(0, before.length)).toEqual(before)

    const { id } = await h.deps.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'uusi.toimittaja@example.fi')
      .executeTakeFirstOrThrow()
    const created = before.filter((e) => e.action === 'user.create')
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      actor: expect.stringMatching(/^user:\d+$/),
      subject: `user:${id}`,
    })
    expect(JSON.parse(created[0].details)).toEqual({ role: 'editor', newsroomIds: [h.newsroomId] })
  })
})

describe('audit log in sentences', () => {
  let h: AdminHarness

  beforeAll(async () => {
    h = await createAdminHarness('sqlite')
  })
  afterAll(() => h.close())

  it('names subjects, says details in words and records the scheduler as the system', async () => {
    const admin = await h.signIn('admin', { locale: 'fi' })
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      notify: false,
      versions: { fi: { title: 'Ajastettu tiedote', body: 'Teksti.' } },
    })
    await publishRelease(h.content, SYSTEM, release.id, { at: new Date('2026-01-10T12:00:00Z') })
    const row = await h.deps.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'release.publish')
      .where('done_at', 'is', null)
      .executeTakeFirstOrThrow()
    h.clock.advance(2 * 3600_000)
    await completePublication(h.content, { releaseId: release.id, outboxId: row.id })

    const html = await (await admin.get('/admin/audit')).text()
    expect(html).toContain('Järjestelmä (ajastus)')
    expect(html).toContain(`<a href="/admin/releases/${release.id}">Tiedote: Ajastettu tiedote</a>`)
    expect(html).toContain('Ajastettu julkaistavaksi 10.1.2026 14:00 EET.')
    expect(html).not.toContain(`>release:${release.id}<`)
    expect(html).not.toContain('{&quot;')
  })
})
