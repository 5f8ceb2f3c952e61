/**
 * The authorization matrix: every operation of the OpenAPI document (the list is read from the
 * document itself, so a new endpoint without a row here fails) × admin, editor and contributor
 * tokens, a revoked token and no token. Each cell starts from fresh state; a refused cell must
 * answer 401/403 with the API's error shape and leave every table exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { createRepositories } from '../../src/db/repositories/index.js'
import { systemActor } from '../../src/core/auth/actor.js'
import { createStaffUser } from '../../src/core/auth/users.js'
import { newsroomInput, releaseInput, uploadForm } from '../helpers/api.js'
import { createSecurityHarness } from './harness.js'
import type { SecurityHarness } from './harness.js'

type Who = 'admin' | 'editor' | 'contributor' | 'revoked' | 'anonymous'
const WHO: Who[] = ['admin', 'editor', 'contributor', 'revoked', 'anonymous']

interface Row {
  /** "METHOD /path" exactly as in the OpenAPI document. */
  op: string
  /** What the row sets up, when one operation needs several rows (draft vs published). */
  on?: string
  /** Expected status for admin, editor and contributor tokens; revoked and anonymous get 401. */
  expected: [number, number, number]
  /** Creates what the call needs (as an admin, before the state is recorded). */
  prepare?: () => Promise<Record<string, string>>
  call: (
    token: string | undefined,
    ctx: Record<string, string>,
  ) => Promise<{ status: number; text: string }>
}

describe('authorization matrix: every API operation × every role', () => {
  let h: SecurityHarness
  let n = 0
  const consent = { source: 'test', text: 'Tilaan', at: '2026-01-01T00:00:00Z' }

  beforeAll(async () => {
    h = await createSecurityHarness('sqlite', { start: new Date('2026-03-02T08:00:00Z') })
    await h.api('POST', '/newsrooms', newsroomInput())
  })
  afterAll(async () => {
    await h?.close()
  })

  const draft = async () => {
    const res = await h.api('POST', '/releases', releaseInput('kaupunki', ` ${++n}`))
    return String(res.body.id)
  }
  const published = async () => {
    const id = await draft()
    await h.api('POST', `/releases/${id}/publish`, {})
    return id
  }
  const scheduled = async () => {
    const id = await draft()
    const at = new Date(h.clock.now().getTime() + 86_400_000).toISOString()
    await h.api('POST', `/releases/${id}/publish`, { at })
    return id
  }
  const withAttachment = async (id: string) => {
    const res = await h.api('POST', `/releases/${id}/attachments`, uploadForm(PNG_BYTES, 'k.png'))
    return { id, attachment: String(res.body.id) }
  }
  const subscriber = async () => {
    const email = `tilaaja${++n}@example.fi`
    const res = await h.api('POST', '/subscribers', {
      email,
      languages: ['fi'],
      newsrooms: ['kaupunki'],
      status: 'confirmed',
      consent,
    })
    return { id: String(res.body.id), email }
  }
  const contact = async () => {
    const res = await h.api('POST', '/newsrooms/kaupunki/contacts', { name: `Yhteys ${++n}` })
    return String(res.body.id)
  }
  const mediaList = async () => {
    const res = await h.api('POST', '/newsrooms/kaupunki/media-lists', { name: `Lista ${++n}` })
    return String(res.body.id)
  }
  const mediaListWithContact = async () => {
    const id = await mediaList()
    const res = await h.api('POST', `/media-lists/${id}/contacts`, {
      email: `toimittaja${++n}@example.fi`,
    })
    return { id, contactId: String(res.body.id), email: res.body.email as string }
  }
  const embargoed = async () => {
    const id = await draft()
    const list = await mediaListWithContact()
    const until = new Date(h.clock.now().getTime() + 86_400_000).toISOString()
    await h.api('POST', `/releases/${id}/embargo`, { until, mediaLists: [Number(list.id)] })
    return { id, email: list.email, until }
  }
  const staffUser = async () => {
    const user = await createStaffUser(
      createRepositories(h.deps.database.db),
      h.clock,
      systemActor('cli'),
      { email: `henkilo${++n}@example.fi`, role: 'editor' },
    )
    return String(user.id)
  }
  const mediaItem = async () => {
    const res = await h.api('POST', '/newsrooms/kaupunki/media', {
      url: `https://vimeo.com/${100000 + ++n}`,
    })
    return String(res.body.id)
  }
  const term = async () => {
    const res = await h.api('POST', '/newsrooms/kaupunki/keywords', {
      labels: { fi: `termi ${++n}` },
    })
    return String(res.body.slug)
  }
  const csv = () =>
    `email,languages,newsrooms,consent_source,consented_at\ntuonti${++n}@example.fi,fi,kaupunki,Messut,2026-01-01T00:00:00Z\n`

  const webhook = async () => {
    const res = await h.api('POST', '/webhooks', {
      url: `https://93.184.216.34/hooks/${++n}`,
      events: ['release.published'],
    })
    return String(res.body.id)
  }

  const rows: Row[] = [
    {
      op: 'POST /newsrooms',
      expected: [201, 403, 403],
      call: (t) => h.apiWith(t, 'POST', '/newsrooms', newsroomInput(`nr-${++n}`)),
    },
    {
      op: 'GET /newsrooms',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/newsrooms'),
    },
    {
      op: 'GET /newsrooms/{slug}',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/newsrooms/kaupunki'),
    },
    {
      op: 'PATCH /newsrooms/{slug}',
      expected: [200, 403, 403],
      call: (t) => h.apiWith(t, 'PATCH', '/newsrooms/kaupunki', { timezone: 'Europe/Stockholm' }),
    },
    {
      op: 'DELETE /newsrooms/{slug}',
      expected: [204, 403, 403],
      prepare: async () => {
        const slug = `tyhja-${++n}`
        await h.api('POST', '/newsrooms', newsroomInput(slug))
        return { slug }
      },
      call: (t, c) => h.apiWith(t, 'DELETE', `/newsrooms/${c.slug}`),
    },
    {
      op: 'POST /releases',
      expected: [201, 201, 201],
      call: (t) => h.apiWith(t, 'POST', '/releases', releaseInput('kaupunki', ` ${++n}`)),
    },
    {
      op: 'GET /releases',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/releases'),
    },
    {
      op: 'GET /releases/{id}',
      expected: [200, 200, 200],
      prepare: async () => ({ id: await draft() }),
      call: (t, c) => h.apiWith(t, 'GET', `/releases/${c.id}`),
    },
    {
      op: 'PATCH /releases/{id}',
      on: 'draft',
      expected: [200, 200, 200],
      prepare: async () => ({ id: await draft() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/releases/${c.id}`, { type: 'news' }),
    },
    {
      op: 'PATCH /releases/{id}',
      on: 'published',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/releases/${c.id}`, { type: 'news' }),
    },
    {
      op: 'DELETE /releases/{id}',
      on: 'draft',
      expected: [204, 204, 204],
      prepare: async () => ({ id: await draft() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/releases/${c.id}`),
    },
    {
      op: 'DELETE /releases/{id}',
      on: 'scheduled',
      expected: [204, 204, 403],
      prepare: async () => ({ id: await scheduled() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/releases/${c.id}`),
    },
    {
      op: 'POST /releases/{id}/publish',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await draft() }),
      call: (t, c) => h.apiWith(t, 'POST', `/releases/${c.id}/publish`, {}),
    },
    {
      op: 'POST /releases/{id}/unschedule',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await scheduled() }),
      call: (t, c) => h.apiWith(t, 'POST', `/releases/${c.id}/unschedule`),
    },
    {
      op: 'POST /releases/{id}/withdraw',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) => h.apiWith(t, 'POST', `/releases/${c.id}/withdraw`, { reason: 'Virhe' }),
    },
    {
      op: 'POST /releases/{id}/corrections',
      expected: [201, 201, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/releases/${c.id}/corrections`, { note: { fi: 'Korjaus' } }),
    },
    {
      op: 'POST /releases/{id}/attachments',
      on: 'draft',
      expected: [201, 201, 201],
      prepare: async () => ({ id: await draft() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/releases/${c.id}/attachments`, uploadForm(PNG_BYTES, 'k.png')),
    },
    {
      op: 'POST /releases/{id}/attachments',
      on: 'published',
      expected: [201, 201, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/releases/${c.id}/attachments`, uploadForm(PNG_BYTES, 'k.png')),
    },
    {
      op: 'DELETE /releases/{id}/attachments/{attachmentId}',
      on: 'draft',
      expected: [204, 204, 204],
      prepare: async () => withAttachment(await draft()),
      call: (t, c) => h.apiWith(t, 'DELETE', `/releases/${c.id}/attachments/${c.attachment}`),
    },
    {
      op: 'DELETE /releases/{id}/attachments/{attachmentId}',
      on: 'published',
      expected: [204, 204, 403],
      prepare: async () => {
        const ctx = await withAttachment(await draft())
        await h.api('POST', `/releases/${ctx.id}/publish`, {})
        return ctx
      },
      call: (t, c) => h.apiWith(t, 'DELETE', `/releases/${c.id}/attachments/${c.attachment}`),
    },
    {
      op: 'POST /subscribers',
      expected: [201, 201, 403],
      call: (t) =>
        h.apiWith(t, 'POST', '/subscribers', {
          email: `uusi${++n}@example.fi`,
          languages: ['fi'],
          newsrooms: ['kaupunki'],
          status: 'confirmed',
          consent,
        }),
    },
    {
      op: 'GET /subscribers',
      expected: [200, 200, 403],
      prepare: async () => subscriber(),
      call: (t) => h.apiWith(t, 'GET', '/subscribers'),
    },
    {
      op: 'GET /subscribers/export.csv',
      expected: [200, 200, 403],
      call: (t) => h.apiWith(t, 'GET', '/subscribers/export.csv'),
    },
    {
      op: 'POST /subscribers/import',
      expected: [200, 200, 403],
      call: (t) =>
        h.apiWith(t, 'POST', '/subscribers/import?newsroom=kaupunki', csv(), {
          'content-type': 'text/csv',
        }),
    },
    {
      op: 'GET /subscribers/counts',
      expected: [200, 200, 403],
      call: (t) => h.apiWith(t, 'GET', '/subscribers/counts'),
    },
    {
      op: 'GET /subscribers/{id}',
      expected: [200, 200, 403],
      prepare: subscriber,
      call: (t, c) => h.apiWith(t, 'GET', `/subscribers/${c.id}`),
    },
    {
      op: 'DELETE /subscribers/{id}',
      expected: [204, 204, 403],
      prepare: subscriber,
      call: (t, c) => h.apiWith(t, 'DELETE', `/subscribers/${c.id}`),
    },
    {
      op: 'GET /suppressions',
      expected: [200, 200, 403],
      call: (t) => h.apiWith(t, 'GET', '/suppressions'),
    },
    {
      op: 'POST /suppressions',
      expected: [201, 201, 403],
      call: (t) =>
        h.apiWith(t, 'POST', '/suppressions', {
          email: `estetty${++n}@example.fi`,
          reason: 'manual',
        }),
    },
    {
      op: 'POST /suppressions/lift',
      expected: [200, 200, 403],
      prepare: async () => {
        const email = `nosto${++n}@example.fi`
        await h.api('POST', '/suppressions', { email, reason: 'manual' })
        return { email }
      },
      call: (t, c) => h.apiWith(t, 'POST', '/suppressions/lift', { email: c.email }),
    },
    {
      op: 'POST /suppressions/check',
      expected: [200, 200, 403],
      call: (t) => h.apiWith(t, 'POST', '/suppressions/check', { email: 'kuka@example.fi' }),
    },
    {
      op: 'GET /releases/{id}/deliveries',
      expected: [200, 200, 200],
      prepare: async () => ({ id: await published() }),
      call: (t, c) => h.apiWith(t, 'GET', `/releases/${c.id}/deliveries`),
    },
    {
      op: 'GET /releases/{id}/deliveries/failures',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) => h.apiWith(t, 'GET', `/releases/${c.id}/deliveries/failures`),
    },
    {
      op: 'POST /releases/{id}/cancel-sending',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) => h.apiWith(t, 'POST', `/releases/${c.id}/cancel-sending`),
    },
    {
      op: 'POST /releases/{id}/test-send',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await published() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/releases/${c.id}/test-send`, { to: 'testi@example.fi' }),
    },
    {
      op: 'PUT /newsrooms/{slug}/logo',
      expected: [200, 403, 403],
      call: (t) =>
        h.apiWith(t, 'PUT', '/newsrooms/kaupunki/logo', uploadForm(PNG_BYTES, 'logo.png')),
    },
    {
      op: 'DELETE /newsrooms/{slug}/logo',
      expected: [200, 403, 403],
      call: (t) => h.apiWith(t, 'DELETE', '/newsrooms/kaupunki/logo'),
    },
    {
      op: 'GET /newsrooms/{slug}/keywords',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/newsrooms/kaupunki/keywords'),
    },
    {
      op: 'POST /newsrooms/{slug}/keywords',
      expected: [201, 201, 403],
      call: (t) =>
        h.apiWith(t, 'POST', '/newsrooms/kaupunki/keywords', {
          labels: { fi: `aihe ${++n}`, sv: `ämne ${n}` },
        }),
    },
    {
      op: 'PATCH /newsrooms/{slug}/keywords/{keyword}',
      expected: [200, 200, 403],
      prepare: async () => ({ slug: await term() }),
      call: (t, c) =>
        h.apiWith(t, 'PATCH', `/newsrooms/kaupunki/keywords/${c.slug}`, {
          labels: { sv: `nytt ämne ${++n}` },
        }),
    },
    {
      op: 'DELETE /newsrooms/{slug}/keywords/{keyword}',
      expected: [204, 204, 403],
      prepare: async () => ({ slug: await term() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/newsrooms/kaupunki/keywords/${c.slug}`),
    },
    {
      op: 'POST /newsrooms/{slug}/keywords/{keyword}/merge',
      expected: [200, 200, 403],
      prepare: async () => ({ from: await term(), into: await term() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/newsrooms/kaupunki/keywords/${c.from}/merge`, { into: c.into }),
    },
    {
      op: 'GET /newsrooms/{slug}/contacts',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/newsrooms/kaupunki/contacts'),
    },
    {
      op: 'POST /newsrooms/{slug}/contacts',
      expected: [201, 201, 403],
      call: (t) => h.apiWith(t, 'POST', '/newsrooms/kaupunki/contacts', { name: `Henkilö ${++n}` }),
    },
    {
      op: 'GET /contacts/{id}',
      expected: [200, 200, 200],
      prepare: async () => ({ id: await contact() }),
      call: (t, c) => h.apiWith(t, 'GET', `/contacts/${c.id}`),
    },
    {
      op: 'PATCH /contacts/{id}',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await contact() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/contacts/${c.id}`, { position: ++n }),
    },
    {
      op: 'DELETE /contacts/{id}',
      expected: [204, 204, 403],
      prepare: async () => ({ id: await contact() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/contacts/${c.id}`),
    },
    {
      op: 'PUT /contacts/{id}/photo',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await contact() }),
      call: (t, c) =>
        h.apiWith(t, 'PUT', `/contacts/${c.id}/photo`, uploadForm(PNG_BYTES, 'kasvot.png')),
    },
    {
      op: 'DELETE /contacts/{id}/photo',
      expected: [200, 200, 403],
      prepare: async () => {
        const id = await contact()
        await h.api('PUT', `/contacts/${id}/photo`, uploadForm(PNG_BYTES, 'kasvot.png'))
        return { id }
      },
      call: (t, c) => h.apiWith(t, 'DELETE', `/contacts/${c.id}/photo`),
    },
    {
      op: 'GET /newsrooms/{slug}/media-lists',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/newsrooms/kaupunki/media-lists'),
    },
    {
      op: 'POST /newsrooms/{slug}/media-lists',
      expected: [201, 201, 403],
      call: (t) => h.apiWith(t, 'POST', '/newsrooms/kaupunki/media-lists', { name: `L ${++n}` }),
    },
    {
      op: 'GET /media-lists/{id}',
      expected: [200, 200, 200],
      prepare: async () => ({ id: await mediaList() }),
      call: (t, c) => h.apiWith(t, 'GET', `/media-lists/${c.id}`),
    },
    {
      op: 'PATCH /media-lists/{id}',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await mediaList() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/media-lists/${c.id}`, { name: `Uusi ${++n}` }),
    },
    {
      op: 'DELETE /media-lists/{id}',
      expected: [204, 204, 403],
      prepare: async () => ({ id: await mediaList() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/media-lists/${c.id}`),
    },
    {
      op: 'POST /media-lists/{id}/contacts',
      expected: [201, 201, 403],
      prepare: async () => ({ id: await mediaList() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/media-lists/${c.id}/contacts`, { email: `t${++n}@example.fi` }),
    },
    {
      op: 'DELETE /media-lists/{id}/contacts/{contactId}',
      expected: [204, 204, 403],
      prepare: async () => mediaListWithContact(),
      call: (t, c) => h.apiWith(t, 'DELETE', `/media-lists/${c.id}/contacts/${c.contactId}`),
    },
    {
      op: 'POST /media-lists/{id}/import',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await mediaList() }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/media-lists/${c.id}/import`, `email\ntuotu${++n}@example.fi\n`),
    },
    {
      op: 'POST /releases/{id}/embargo',
      expected: [201, 201, 403],
      prepare: async () => ({ id: await draft(), list: (await mediaListWithContact()).id }),
      call: (t, c) =>
        h.apiWith(t, 'POST', `/releases/${c.id}/embargo`, {
          until: new Date(h.clock.now().getTime() + 86_400_000).toISOString(),
          mediaLists: [Number(c.list)],
        }),
    },
    {
      op: 'GET /releases/{id}/embargo',
      expected: [200, 200, 200],
      prepare: embargoed,
      call: (t, c) => h.apiWith(t, 'GET', `/releases/${c.id}/embargo`),
    },
    {
      op: 'PATCH /releases/{id}/embargo',
      expected: [200, 200, 403],
      prepare: embargoed,
      call: (t, c) =>
        h.apiWith(t, 'PATCH', `/releases/${c.id}/embargo`, {
          until: new Date(Date.parse(c.until) + 3600_000).toISOString(),
        }),
    },
    {
      op: 'POST /releases/{id}/embargo/revoke',
      expected: [200, 200, 403],
      prepare: embargoed,
      call: (t, c) => h.apiWith(t, 'POST', `/releases/${c.id}/embargo/revoke`, { email: c.email }),
    },
    {
      op: 'GET /newsrooms/{slug}/media',
      expected: [200, 200, 200],
      call: (t) => h.apiWith(t, 'GET', '/newsrooms/kaupunki/media'),
    },
    {
      op: 'POST /newsrooms/{slug}/media',
      expected: [201, 201, 403],
      call: (t) =>
        h.apiWith(t, 'POST', '/newsrooms/kaupunki/media', uploadForm(PNG_BYTES, `kuva${++n}.png`)),
    },
    {
      op: 'GET /media/{id}',
      expected: [200, 200, 200],
      prepare: async () => ({ id: await mediaItem() }),
      call: (t, c) => h.apiWith(t, 'GET', `/media/${c.id}`),
    },
    {
      op: 'PATCH /media/{id}',
      expected: [200, 200, 403],
      prepare: async () => ({ id: await mediaItem() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/media/${c.id}`, { credit: `Kuvaaja ${++n}` }),
    },
    {
      op: 'DELETE /media/{id}',
      expected: [204, 204, 403],
      prepare: async () => ({ id: await mediaItem() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/media/${c.id}`),
    },
    {
      op: 'GET /users',
      expected: [200, 403, 403],
      call: (t) => h.apiWith(t, 'GET', '/users'),
    },
    {
      op: 'PATCH /users/{id}',
      expected: [200, 403, 403],
      prepare: async () => ({ id: await staffUser() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/users/${c.id}`, { role: 'contributor' }),
    },
    {
      op: 'POST /users/{id}/password-reset',
      expected: [200, 403, 403],
      prepare: async () => ({ id: await staffUser() }),
      call: (t, c) => h.apiWith(t, 'POST', `/users/${c.id}/password-reset`),
    },
    {
      op: 'GET /audit',
      expected: [200, 403, 403],
      call: (t) => h.apiWith(t, 'GET', '/audit'),
    },
    {
      op: 'GET /webhooks',
      expected: [200, 403, 403],
      call: (t) => h.apiWith(t, 'GET', '/webhooks'),
    },
    {
      op: 'POST /webhooks',
      expected: [201, 403, 403],
      call: (t) =>
        h.apiWith(t, 'POST', '/webhooks', {
          url: `https://93.184.216.34/hooks/${++n}`,
          events: ['release.published'],
        }),
    },
    {
      op: 'GET /webhooks/{id}',
      expected: [200, 403, 403],
      prepare: async () => ({ id: await webhook() }),
      call: (t, c) => h.apiWith(t, 'GET', `/webhooks/${c.id}`),
    },
    {
      op: 'PATCH /webhooks/{id}',
      expected: [200, 403, 403],
      prepare: async () => ({ id: await webhook() }),
      call: (t, c) => h.apiWith(t, 'PATCH', `/webhooks/${c.id}`, { description: `Hook ${++n}` }),
    },
    {
      op: 'DELETE /webhooks/{id}',
      expected: [204, 403, 403],
      prepare: async () => ({ id: await webhook() }),
      call: (t, c) => h.apiWith(t, 'DELETE', `/webhooks/${c.id}`),
    },
    {
      op: 'POST /webhooks/{id}/rotate',
      expected: [200, 403, 403],
      prepare: async () => ({ id: await webhook() }),
      call: (t, c) => h.apiWith(t, 'POST', `/webhooks/${c.id}/rotate`),
    },
    {
      op: 'GET /webhooks/{id}/deliveries',
      expected: [200, 403, 403],
      prepare: async () => ({ id: await webhook() }),
      call: (t, c) => h.apiWith(t, 'GET', `/webhooks/${c.id}/deliveries`),
    },
  ]

  it('has a row for every operation in the OpenAPI document', async () => {
    const doc = (await (await h.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect([...new Set(rows.map((r) => r.op))].sort()).toEqual(documented.sort())
  })

  for (const row of rows) {
    const name = `${row.op}${row.on ? ` (${row.on})` : ''}`
    it(`${name}: admin ${row.expected[0]}, editor ${row.expected[1]}, contributor ${row.expected[2]}, revoked 401, anonymous 401`, async () => {
      const got: Record<string, number> = {}
      const want: Record<string, number> = {}
      for (const [i, who] of WHO.entries()) {
        const ctx = (await row.prepare?.()) ?? {}
        const token =
          who === 'revoked' ? h.revokedToken : who === 'anonymous' ? undefined : h.tokens[who]
        const expected = i < 3 ? row.expected[i] : 401
        const before = expected === 401 || expected === 403 ? await h.snapshot() : ''
        const res = await row.call(token, ctx)
        got[who] = res.status
        want[who] = expected
        if (before) {
          const error = JSON.parse(res.text).error
          expect(error.code, `${who} ${name}`).toBe(expected === 401 ? 'unauthorized' : 'forbidden')
          expect(error.message.length).toBeGreaterThan(10)
          expect(await h.snapshot(), `${who} ${name} changed data`).toBe(before)
        }
      }
      expect(got).toEqual(want)
    })
  }
})

describe('test send: the admin page and the API give a role the same answer', () => {
  let h: SecurityHarness
  let newsroomId = 0
  let releaseId = ''

  beforeAll(async () => {
    h = await createSecurityHarness('sqlite', { start: new Date('2026-03-02T08:00:00Z') })
    newsroomId = (await h.api('POST', '/newsrooms', newsroomInput())).body.id
    const res = await h.api('POST', '/releases', releaseInput('kaupunki', ' testi'))
    releaseId = String(res.body.id)
    await h.api('POST', `/releases/${releaseId}/publish`, {})
  })
  afterAll(async () => {
    await h?.close()
  })

  for (const [role, expected] of [
    ['editor', 200],
    ['contributor', 403],
  ] as const) {
    it(`${role} of the newsroom: ${expected} from both`, async () => {
      const staff = await h.signIn(role, { newsroomIds: [newsroomId] })
      const admin = await staff.post(`/admin/releases/${releaseId}/test-send`, {
        _csrf: staff.csrf,
        lang: 'fi',
      })
      const api = await h.apiWith(h.tokens[role], 'POST', `/releases/${releaseId}/test-send`, {
        to: staff.email,
        lang: 'fi',
      })
      // The staff page answers a sent test with a redirect to the message (POST/redirect/GET).
      expect({ admin: admin.status, api: api.status }).toEqual({
        admin: expected === 200 ? 303 : expected,
        api: expected,
      })
    })
  }
})
