import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, startApiHarness, uploadForm } from '../helpers/api.js'
import type { UserRole } from '../../src/core/types.js'
import type { ApiHarness } from '../helpers/api.js'

type Who = UserRole | 'anonymous'
const EVERYONE: Who[] = ['admin', 'editor', 'contributor', 'anonymous']

describe('who may do what through the API', () => {
  let h: ApiHarness
  let n = 0
  /** A fresh draft made by an admin, so each check starts from the same state. */
  const draft = async () =>
    (await h.api('POST', '/releases', releaseInput('kaupunki', ` ${++n}`))).body
  const published = async () => {
    const r = await draft()
    await h.api('POST', `/releases/${r.id}/publish`, {})
    return r
  }
  const scheduled = async () => {
    const r = await draft()
    const at = new Date(h.clock.now().getTime() + 3600_000).toISOString()
    await h.api('POST', `/releases/${r.id}/publish`, { at })
    return r
  }

  beforeAll(async () => {
    h = await startApiHarness('sqlite')
    await h.api('POST', '/newsrooms', newsroomInput())
  })
  afterAll(async () => {
    await h.close()
  })

  const matrix: {
    action: string
    expected: Record<Who, number>
    run: (who: Who) => Promise<number>
  }[] = [
    {
      action: 'create a newsroom',
      expected: { admin: 201, editor: 403, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('POST', '/newsrooms', newsroomInput(`nr-${++n}`), who)).status,
    },
    {
      action: 'change a newsroom',
      expected: { admin: 200, editor: 403, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('PATCH', '/newsrooms/kaupunki', { timezone: 'Europe/Helsinki' }, who)).status,
    },
    {
      action: 'list releases',
      expected: { admin: 200, editor: 200, contributor: 200, anonymous: 401 },
      run: async (who) => (await h.api('GET', '/releases', undefined, who)).status,
    },
    {
      action: 'create a draft',
      expected: { admin: 201, editor: 201, contributor: 201, anonymous: 401 },
      run: async (who) =>
        (await h.api('POST', '/releases', releaseInput('kaupunki', ` ${++n}`), who)).status,
    },
    {
      action: 'edit a draft',
      expected: { admin: 200, editor: 200, contributor: 200, anonymous: 401 },
      run: async (who) =>
        (await h.api('PATCH', `/releases/${(await draft()).id}`, { type: 'news' }, who)).status,
    },
    {
      action: 'attach a file to a draft',
      expected: { admin: 201, editor: 201, contributor: 201, anonymous: 401 },
      run: async (who) =>
        (
          await h.api(
            'POST',
            `/releases/${(await draft()).id}/attachments`,
            uploadForm(PNG_BYTES, 'k.png'),
            who,
          )
        ).status,
    },
    {
      action: 'delete a draft',
      expected: { admin: 204, editor: 204, contributor: 204, anonymous: 401 },
      run: async (who) =>
        (await h.api('DELETE', `/releases/${(await draft()).id}`, undefined, who)).status,
    },
    {
      action: 'publish now',
      expected: { admin: 200, editor: 200, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('POST', `/releases/${(await draft()).id}/publish`, {}, who)).status,
    },
    {
      action: 'schedule',
      expected: { admin: 200, editor: 200, contributor: 403, anonymous: 401 },
      run: async (who) => {
        const at = new Date(h.clock.now().getTime() + 3600_000).toISOString()
        return (await h.api('POST', `/releases/${(await draft()).id}/publish`, { at }, who)).status
      },
    },
    {
      action: 'edit a scheduled release',
      expected: { admin: 200, editor: 200, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('PATCH', `/releases/${(await scheduled()).id}`, { type: 'news' }, who)).status,
    },
    {
      action: 'unschedule',
      expected: { admin: 200, editor: 200, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('POST', `/releases/${(await scheduled()).id}/unschedule`, undefined, who))
          .status,
    },
    {
      action: 'delete a scheduled release',
      expected: { admin: 204, editor: 204, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('DELETE', `/releases/${(await scheduled()).id}`, undefined, who)).status,
    },
    {
      action: 'edit a published release',
      expected: { admin: 200, editor: 200, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('PATCH', `/releases/${(await published()).id}`, { type: 'news' }, who)).status,
    },
    {
      action: 'attach a file to a published release',
      expected: { admin: 201, editor: 201, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (
          await h.api(
            'POST',
            `/releases/${(await published()).id}/attachments`,
            uploadForm(PNG_BYTES, 'k.png'),
            who,
          )
        ).status,
    },
    {
      action: 'add a correction',
      expected: { admin: 201, editor: 201, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (
          await h.api(
            'POST',
            `/releases/${(await published()).id}/corrections`,
            { note: { fi: 'Korjaus' } },
            who,
          )
        ).status,
    },
    {
      action: 'withdraw',
      expected: { admin: 200, editor: 200, contributor: 403, anonymous: 401 },
      run: async (who) =>
        (await h.api('POST', `/releases/${(await published()).id}/withdraw`, {}, who)).status,
    },
  ]

  for (const { action, expected, run } of matrix) {
    it(`${action}: ${EVERYONE.map((who) => `${who} ${expected[who]}`).join(', ')}`, async () => {
      const got: Record<string, number> = {}
      for (const who of EVERYONE) got[who] = await run(who)
      expect(got).toEqual(expected)
    })
  }

  it('a refused action changes nothing and says what is missing', async () => {
    const r = await draft()
    const res = await h.api('POST', `/releases/${r.id}/publish`, {}, 'contributor')
    expect(res.body.error).toEqual({
      code: 'forbidden',
      message: 'Your role (contributor) does not allow this (release.publish)',
    })
    expect((await h.api('GET', `/releases/${r.id}`)).body.status).toBe('draft')
    const anonymous = await h.api('GET', '/releases', undefined, 'anonymous')
    expect(anonymous.body.error.code).toBe('unauthorized')
  })

  it('a revoked token is refused', async () => {
    await h.deps.database.db
      .updateTable('api_tokens')
      .set({ revoked_at: h.clock.now().toISOString() })
      .where('name', '=', 'editor')
      .execute()
    const res = await h.api('GET', '/releases', undefined, 'editor')
    expect(res.status).toBe(401)
    expect(res.body.error.message).toMatch(/revoked/)
  })
})
