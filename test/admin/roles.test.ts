import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelease } from '../../src/core/release/releases.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { createSession } from '../helpers/browserless.js'
import { SYSTEM } from '../helpers/actors.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

type Role = 'contributor' | 'editor' | 'admin'

describe('who may open which admin page', () => {
  let h: AdminHarness
  const sessions = {} as Record<Role | 'outsider', Session>
  let draftId = 0
  let publishedId = 0

  beforeAll(async () => {
    h = await createAdminHarness('sqlite')
    const other = await createNewsroom(h.content, SYSTEM, {
      slug: 'muu',
      languages: ['fi'],
      name: { fi: 'Muu uutishuone' },
    })
    sessions.contributor = await h.signIn('contributor')
    sessions.editor = await h.signIn('editor')
    sessions.admin = await h.signIn('admin')
    sessions.outsider = await h.signIn('editor', { newsroomIds: [other.id] })
    draftId = (
      await createRelease(h.content, SYSTEM, {
        newsroom: h.newsroomId,
        versions: { fi: { title: 'Luonnos' } },
      })
    ).id
    publishedId = (
      await createRelease(h.content, SYSTEM, {
        newsroom: h.newsroomId,
        versions: { fi: { title: 'Julkaistu' } },
      })
    ).id
    await publishRelease(h.content, SYSTEM, publishedId)
  })
  afterAll(() => h.close())

  it('matches the role matrix on every page', async () => {
    // [path, contributor, editor, admin, editor of another newsroom]
    const matrix: [string, number, number, number, number][] = [
      ['/admin', 200, 200, 200, 200],
      ['/admin/releases', 200, 200, 200, 200],
      ['/admin/releases/new', 200, 200, 200, 200],
      ['/admin/scheduled', 200, 200, 200, 200],
      [`/admin/releases/${draftId}`, 200, 200, 200, 403],
      [`/admin/releases/${publishedId}/delivery`, 200, 200, 200, 403],
      [`/admin/releases/${draftId}/publish`, 403, 200, 200, 403],
      [`/admin/releases/${publishedId}/withdraw`, 403, 200, 200, 403],
      [`/admin/releases/${publishedId}/cancel-sending`, 403, 200, 200, 403],
      [`/admin/releases/${draftId}/delete`, 200, 200, 200, 403],
      ['/admin/newsrooms', 403, 403, 200, 403],
      [`/admin/newsrooms/${h.newsroomId}`, 403, 403, 200, 403],
      ['/admin/subscribers', 403, 200, 200, 200],
      ['/admin/subscribers/export.csv', 403, 200, 200, 200],
      ['/admin/outbox', 403, 403, 200, 403],
      ['/admin/users', 403, 403, 200, 403],
      ['/admin/users/1', 403, 403, 200, 403],
      ['/admin/media', 200, 200, 200, 200],
      ['/admin/tokens', 403, 403, 200, 403],
      ['/admin/audit', 403, 403, 200, 403],
    ]
    const got: string[] = []
    const want: string[] = []
    for (const [path, ...expected] of matrix) {
      const roles = ['contributor', 'editor', 'admin', 'outsider'] as const
      for (const [i, role] of roles.entries()) {
        const res = await sessions[role].get(path)
        got.push(`${role} ${path} ${res.status}`)
        want.push(`${role} ${path} ${expected[i]}`)
      }
    }
    expect(got).toEqual(want)
  })

  it('lets an administrator disable a user, who is signed out at once, and enable them again', async () => {
    const user = await h.deps.database.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', sessions.contributor.email)
      .executeTakeFirstOrThrow()
    const form = await sessions.admin.get(`/admin/users/${user.id}`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain(user.email)
    const save = (disabled: boolean) =>
      sessions.admin.post(`/admin/users/${user.id}`, {
        _csrf: sessions.admin.csrf,
        role: 'contributor',
        newsrooms: String(h.newsroomId),
        ...(disabled ? { disabled: '1' } : {}),
      })
    expect((await save(true)).headers.get('location')).toBe('/admin/users?ok=userSaved')
    expect((await sessions.contributor.get('/admin')).headers.get('location')).toMatch(
      /^\/admin\/login/,
    )
    // The last active administrator keeps the rights: refused with the reason, 409.
    const admin = await h.deps.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', sessions.admin.email)
      .executeTakeFirstOrThrow()
    const self = await sessions.admin.post(`/admin/users/${admin.id}`, {
      _csrf: sessions.admin.csrf,
      role: 'editor',
    })
    expect(self.status).toBe(409)
    expect(await self.text()).toContain('Administrator rights cannot be taken from yourself')
    await save(false)
    sessions.contributor = await h.signIn('contributor')
    expect((await sessions.contributor.get('/admin')).status).toBe(200)
  })

  it('sends visitors without a session to the login page and refuses their posts', async () => {
    const guest = createSession(h.app)
    const page = await guest.get(`/admin/releases/${draftId}`)
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe(`/admin/login?next=%2Fadmin%2Freleases%2F${draftId}`)
    const post = await guest.post(`/admin/releases/${draftId}/publish`, { _csrf: 'x' })
    expect(post.status).toBe(401)
  })

  it('lets no one outside the newsroom act on its releases', async () => {
    const outsider = sessions.outsider
    for (const path of [
      `/admin/releases/${draftId}`,
      `/admin/releases/${draftId}/publish`,
      `/admin/releases/${draftId}/delete`,
      `/admin/releases/${publishedId}/withdraw`,
      `/admin/releases/${publishedId}/test-send`,
    ]) {
      const res = await outsider.post(path, { _csrf: outsider.csrf, 'title.fi': 'Kaapattu' })
      expect(res.status, path).toBe(403)
    }
    const create = await outsider.post('/admin/releases', {
      _csrf: outsider.csrf,
      newsroom: String(h.newsroomId),
      'title.fi': 'Väärään uutishuoneeseen',
    })
    expect(create.status).toBe(403)
  })
})
