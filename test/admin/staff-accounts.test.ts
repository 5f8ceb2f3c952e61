/**
 * Administrators manage staff accounts (API here; the admin pages and the command line call the
 * same core): change a role or newsrooms, disable and enable, reset a password to a one-time
 * one. Every change is audited, ends the sessions it should, and never leaves the installation
 * without an active administrator; bad input is refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../src/core/auth/sessions.js'
import { createStaffUser, updateStaffUser } from '../../src/core/auth/users.js'
import { systemActor } from '../../src/core/auth/actor.js'
import { ConflictError } from '../../src/core/errors.js'
import { createRepositories } from '../../src/db/repositories/index.js'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'

describe.each(DB_KINDS)('staff accounts (%s)', (kind) => {
  let h: ApiHarness
  let newsroomId = 0
  const repos = () => createRepositories(h.deps.database.db)

  beforeAll(async () => {
    h = await startApiHarness(kind, { start: '2026-03-02T08:00:00Z' })
    const newsroom = await h.api('POST', '/newsrooms', {
      slug: 'lansi-uusimaa',
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue' },
      languages: ['fi'],
    })
    newsroomId = newsroom.body.id
  })
  afterAll(async () => {
    await h.close()
  })

  const person = (email: string, role = 'editor', password = 'a long enough password 1') =>
    createStaffUser(repos(), h.clock, systemActor('cli'), { email, role, password })
  const sessionsOf = async (userId: number) =>
    (
      await h.deps.database.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', userId)
        .execute()
    ).length
  const audit = async (subject: string) =>
    h.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('subject', '=', subject)
      .orderBy('id')
      .execute()

  it('changes role and newsrooms; the user’s sessions end so the new rights apply', async () => {
    const user = await person('kirjoittaja@example.fi')
    await signIn(repos(), h.clock, user.email, 'a long enough password 1')
    expect(await sessionsOf(user.id)).toBe(1)
    const res = await h.api('PATCH', `/users/${user.id}`, {
      role: 'contributor',
      newsroomIds: [newsroomId],
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      email: 'kirjoittaja@example.fi',
      role: 'contributor',
      newsroomIds: [newsroomId],
      disabled: false,
    })
    expect(await sessionsOf(user.id)).toBe(0)
    const entries = await audit(`user:${user.id}`)
    expect(entries.map((e) => e.action)).toContain('user.update')
    expect(JSON.parse(String(entries.at(-1)!.details))).toMatchObject({
      role: { from: 'editor', to: 'contributor' },
      newsroomIds: [newsroomId],
    })
    const listed = await h.api('GET', '/users')
    expect(listed.body.items.map((u: { email: string }) => u.email)).toContain(
      'kirjoittaja@example.fi',
    )
    expect(JSON.stringify(listed.body)).not.toContain('password')
  })

  it('disables and enables an account: a disabled one cannot sign in and is signed out', async () => {
    const user = await person('lahtija@example.fi')
    await signIn(repos(), h.clock, user.email, 'a long enough password 1')
    const off = await h.api('PATCH', `/users/${user.id}`, { disabled: true })
    expect(off.body.disabled).toBe(true)
    expect(await sessionsOf(user.id)).toBe(0)
    expect((await signIn(repos(), h.clock, user.email, 'a long enough password 1')).ok).toBe(false)
    const on = await h.api('PATCH', `/users/${user.id}`, { disabled: false })
    expect(on.body.disabled).toBe(false)
    expect((await signIn(repos(), h.clock, user.email, 'a long enough password 1')).ok).toBe(true)
  })

  it('resets a password to a one-time one: the old one stops working, sessions end', async () => {
    const user = await person('unohtaja@example.fi')
    await signIn(repos(), h.clock, user.email, 'a long enough password 1')
    const reset = await h.api('POST', `/users/${user.id}/password-reset`)
    expect(reset.status).toBe(200)
    expect(reset.headers.get('cache-control')).toBe('no-store')
    expect(reset.body).toMatchObject({ id: user.id, email: 'unohtaja@example.fi' })
    expect(reset.body.password.length).toBeGreaterThanOrEqual(12)
    expect(await sessionsOf(user.id)).toBe(0)
    expect((await signIn(repos(), h.clock, user.email, 'a long enough password 1')).ok).toBe(false)
    const fresh = await signIn(repos(), h.clock, user.email, reset.body.password)
    expect(fresh.ok && fresh.user.must_change_password).toBe(1)
    // The one-time password works for 24 hours only.
    const again = await h.api('POST', `/users/${user.id}/password-reset`)
    h.clock.advance(24 * 3600_000 + 1000)
    expect((await signIn(repos(), h.clock, user.email, again.body.password)).ok).toBe(false)
    expect((await audit(`user:${user.id}`)).map((e) => e.action)).toContain('user.password-reset')
  })

  it('keeps an active administrator: not oneself, not the last one (409)', async () => {
    const admin = await person('paakayttaja@example.fi', 'admin')
    const self = {
      kind: 'user' as const,
      id: admin.id,
      role: 'admin' as const,
      newsroomIds: 'all' as const,
      label: 'user',
    }
    await expect(
      updateStaffUser(repos(), h.clock, self, admin.id, { role: 'editor' }),
    ).rejects.toBeInstanceOf(ConflictError)
    const last = await h.api('PATCH', `/users/${admin.id}`, { disabled: true })
    expect(last.status).toBe(409)
    expect(last.body.error.code).toBe('conflict')
    // With a second administrator, the first may go.
    await person('toinen-paakayttaja@example.fi', 'admin')
    expect((await h.api('PATCH', `/users/${admin.id}`, { disabled: true })).status).toBe(200)
  })

  it('refuses bad changes with 422 or 404 and writes nothing', async () => {
    const user = await person('ennallaan@example.fi')
    const before = await audit(`user:${user.id}`)
    for (const [body, field] of [
      [{ role: 'boss' }, 'role'],
      [{ newsroomIds: [newsroomId + 999] }, 'newsroomIds'],
      [{ newsroomIds: 'kaikki' }, 'newsroomIds'],
      [{ disabled: 'yes' }, 'disabled'],
      [{ rooli: 'admin' }, 'rooli'],
    ] as const) {
      const res = await h.api('PATCH', `/users/${user.id}`, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body)).toContain(field)
    }
    expect((await h.api('PATCH', '/users/999999', { role: 'editor' })).status).toBe(404)
    expect(await audit(`user:${user.id}`)).toEqual(before)
    const row = await h.deps.database.db
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ role: 'editor', disabled_at: null })
  })
})
