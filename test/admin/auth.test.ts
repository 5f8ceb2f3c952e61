import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRepositories } from '../../src/db/repositories/index.js'
import { createApp } from '../../src/app.js'
import { createManualClock } from '../../src/clock.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import { createUser } from '../../src/core/auth/users.js'
import { createSession, hiddenField } from '../helpers/browserless.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'

describe('staff sign-in', () => {
  let setup: TestSetup
  let deps: Container
  let app: ReturnType<typeof createApp>
  const clock = createManualClock(new Date('2026-01-10T10:00:00Z'))

  beforeAll(async () => {
    setup = await createTestSetup('sqlite')
    deps = await createContainer(setup.config, { clock })
    await deps.database.migrate()
    app = createApp(deps)
    await createUser(createRepositories(deps.database.db), clock, {
      email: 'admin@example.fi',
      role: 'admin',
      password: 'correct horse battery',
      locale: 'en',
    })
    await createUser(createRepositories(deps.database.db), clock, {
      email: 'writer@example.fi',
      role: 'contributor',
      password: 'writer password 1',
      locale: 'sv',
    })
    const temp = await createUser(createRepositories(deps.database.db), clock, {
      email: 'new@example.fi',
      role: 'editor',
      locale: 'fi',
    })
    tempPassword = temp.password
  })
  afterAll(async () => {
    await deps.close()
    await setup.cleanup()
  })
  let tempPassword = ''

  async function signIn(email: string, password: string) {
    const session = createSession(app)
    const login = await session.get('/admin/login')
    const csrf = hiddenField(await login.text(), '_csrf')
    const res = await session.post('/admin/login', { _csrf: csrf, email, password, next: '/admin' })
    return { session, res }
  }

  it('sends visitors without a session to the login page', async () => {
    const res = await app.request('/admin/users')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fusers')
  })

  it('refuses a wrong password, and a login without the form token', async () => {
    const { res } = await signIn('admin@example.fi', 'wrong password')
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('Sähköposti tai salasana on väärin.')

    const session = createSession(app)
    await session.get('/admin/login')
    const noToken = await session.post('/admin/login', {
      email: 'admin@example.fi',
      password: 'correct horse battery',
    })
    expect(noToken.status).toBe(403)
  })

  it('signs in with an HttpOnly, SameSite=Lax session cookie and requires CSRF on every form', async () => {
    const { session, res } = await signIn('admin@example.fi', 'correct horse battery')
    expect(res.status).toBe(303)
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('tiedote_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)

    const tokens = await session.get('/admin/tokens')
    expect(tokens.status).toBe(200)
    const csrf = hiddenField(await tokens.text(), '_csrf')

    const forged = await session.post('/admin/tokens', { name: 'no csrf' })
    expect(forged.status).toBe(403)
    const created = await session.post('/admin/tokens', {
      _csrf: csrf,
      name: 'newsdesk',
      role: 'editor',
    })
    expect(created.status).toBe(201)
    expect(await created.text()).toMatch(/tdt_[A-Za-z0-9_-]{40,}/)
  })

  it('makes a user with a one-time password choose a new one first', async () => {
    const { session, res } = await signIn('new@example.fi', tempPassword)
    expect(res.headers.get('location')).toBe('/admin/password')
    const home = await session.get('/admin')
    expect(home.headers.get('location')).toBe('/admin/password')
    const page = await session.get('/admin/password')
    const csrf = hiddenField(await page.text(), '_csrf')
    const short = await session.post('/admin/password', {
      _csrf: csrf,
      current: tempPassword,
      next: 'short',
    })
    expect(short.status).toBe(422)
    expect(await short.text()).toContain('vähintään 12 merkkiä')
    const ok = await session.post('/admin/password', {
      _csrf: csrf,
      current: tempPassword,
      next: 'a much longer passphrase',
    })
    // A forced change lands on the dashboard, saying it is done.
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/admin?ok=passwordChanged')
    const dashboard = await session.get('/admin?ok=passwordChanged')
    expect(dashboard.status).toBe(200)
  })

  it('lets a user change their own name and email, with their password', async () => {
    const { session } = await signIn('writer@example.fi', 'writer password 1')
    const csrf = hiddenField(await (await session.get('/admin/password')).text(), '_csrf')
    const wrong = await session.post('/admin/account/profile', {
      _csrf: csrf,
      name: 'Kirsi Kirjoittaja',
      email: 'kirsi@example.fi',
      password: 'not the password',
    })
    expect(wrong.status).toBe(422)
    const taken = await session.post('/admin/account/profile', {
      _csrf: csrf,
      name: 'Kirsi Kirjoittaja',
      email: 'admin@example.fi',
      password: 'writer password 1',
    })
    expect(taken.status).toBe(422)
    const ok = await session.post('/admin/account/profile', {
      _csrf: csrf,
      name: 'Kirsi Kirjoittaja',
      email: 'Kirsi@Example.fi',
      password: 'writer password 1',
    })
    expect(ok.status).toBe(303)
    const row = await deps.database.db
      .selectFrom('users')
      .select(['name', 'email'])
      .where('email', '=', 'kirsi@example.fi')
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('Kirsi Kirjoittaja')
    // Back as it was, for the tests below.
    await session.post('/admin/account/profile', {
      _csrf: csrf,
      name: '',
      email: 'writer@example.fi',
      password: 'writer password 1',
    })
  })

  it('never locks the owner out: wrong passwords from elsewhere leave the right one working', async () => {
    for (let i = 0; i < 8; i++) {
      const { res } = await signIn('writer@example.fi', `wrong ${i}`)
      expect(res.status).toBe(401)
    }
    const { res } = await signIn('writer@example.fi', 'writer password 1')
    expect(res.status).toBe(303)
  })

  it('lets a one-time password expire after 24 hours, with the same answer as a wrong one', async () => {
    const repos = createRepositories(deps.database.db)
    const late = await createUser(repos, clock, {
      email: 'late@example.fi',
      role: 'editor',
      locale: 'en',
    })
    clock.advance(24 * 3600_000 + 60_000)
    const expired = await signIn('late@example.fi', late.password)
    expect(expired.res.status).toBe(401)
    const wrong = await signIn('late@example.fi', 'not the password')
    expect(wrong.res.status).toBe(401)
    // The same page but for the form's fresh token.
    const page = async (res: Response) => (await res.text()).replace(/value="[^"]*"/g, '')
    expect(await page(expired.res)).toBe(await page(wrong.res))
  })

  it('limits guesses at the current password when changing it', async () => {
    const { session } = await signIn('admin@example.fi', 'correct horse battery')
    const csrf = hiddenField(await (await session.get('/admin/password')).text(), '_csrf')
    const change = (current: string) =>
      session.post('/admin/password', { _csrf: csrf, current, next: 'another long passphrase' })
    for (let i = 0; i < 5; i++) expect((await change(`guess ${i}`)).status).toBe(422)
    const limited = await change('correct horse battery')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('enforces roles on the server: a contributor cannot manage users or tokens', async () => {
    const { session } = await signIn('writer@example.fi', 'writer password 1')
    expect((await session.get('/admin/users')).status).toBe(403)
    expect((await session.get('/admin/tokens')).status).toBe(403)
    const home = await session.get('/admin')
    const csrf = hiddenField(await home.text(), '_csrf')
    expect((await session.post('/admin/tokens', { _csrf: csrf, name: 'sneaky' })).status).toBe(403)
  })

  it('signs out with a POST', async () => {
    const { session } = await signIn('admin@example.fi', 'correct horse battery')
    const home = await session.get('/admin')
    const csrf = hiddenField(await home.text(), '_csrf')
    const out = await session.post('/admin/logout', { _csrf: csrf })
    expect(out.status).toBe(303)
    expect((await session.get('/admin')).status).toBe(303)
  })

  it('lets each user choose the language of the staff pages', async () => {
    const { session } = await signIn('writer@example.fi', 'writer password 1')
    const account = await (await session.get('/admin/password')).text()
    const csrf = hiddenField(account, '_csrf')
    expect(account).toContain('action="/admin/account/language"')

    // Without the CSRF token: refused, nothing changes.
    expect((await session.post('/admin/account/language', { locale: 'sv' })).status).toBe(403)
    // Not a language of the interface: 422, nothing changes.
    const bad = await session.post('/admin/account/language', { _csrf: csrf, locale: 'de' })
    expect(bad.status).toBe(422)
    const before = await deps.database.db
      .selectFrom('users')
      .select('locale')
      .where('email', '=', 'writer@example.fi')
      .executeTakeFirstOrThrow()

    const saved = await session.post('/admin/account/language', { _csrf: csrf, locale: 'sv' })
    expect(saved.status).toBe(303)
    const next = await session.get(saved.headers.get('location')!)
    const html = await next.text()
    expect(html).toContain('<html lang="sv"')
    expect(html).toContain('Språket har bytts.')
    expect(html).toContain('Mitt konto')
    const after = await deps.database.db
      .selectFrom('users')
      .select('locale')
      .where('email', '=', 'writer@example.fi')
      .executeTakeFirstOrThrow()
    expect([before.locale, after.locale]).toEqual([before.locale, 'sv'])
    // And back, for the other tests of this file.
    await session.post('/admin/account/language', { _csrf: csrf, locale: before.locale })
  })
})
