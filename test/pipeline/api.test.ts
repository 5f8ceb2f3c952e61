import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRepositories } from '../../src/db/repositories/index.js'
import { createApp } from '../../src/app.js'
import { createApiToken } from '../../src/core/auth/users.js'
import { DB_KINDS } from '../helpers/env.js'
import { eventually } from '../helpers/wait.js'
import { addSubscriber, countByRecipient, startPipeline } from './fixtures.js'
import type { Pipeline } from './fixtures.js'

describe.each(DB_KINDS)('deliveries API and metrics (%s)', (kind) => {
  let pipeline: Pipeline
  let app: ReturnType<typeof createApp>
  let token: string
  let contributorToken: string
  let releaseId: number

  const call = (method: string, path: string, body?: unknown, bearer = token) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  beforeAll(async () => {
    pipeline = await startPipeline(kind)
    app = createApp(pipeline.container)
    const { db } = pipeline.container.database
    token = (await createApiToken(createRepositories(db), pipeline.clock, { name: 'test' })).token
    contributorToken = (
      await createApiToken(createRepositories(db), pipeline.clock, {
        name: 'writer',
        role: 'contributor',
      })
    ).token
    pipeline.smtp.respond = (rcpt) =>
      rcpt.startsWith('refused') ? { code: 550, message: '5.7.1 Rejected by policy' } : undefined

    const newsroom = await call('POST', '/api/v1/newsrooms', {
      slug: 'kaupunki',
      name: { fi: 'Kaupunki', sv: 'Staden' },
      languages: ['fi', 'sv'],
      timezone: 'Europe/Helsinki',
    })
    expect(newsroom.status).toBe(201)
    const { id: newsroomId } = (await newsroom.json()) as { id: number }
    for (const email of ['a@example.fi', 'b@example.fi', 'refused@example.fi'])
      await addSubscriber(pipeline, { email, newsroomIds: [newsroomId] })
    const release = await call('POST', '/api/v1/releases', {
      newsroom: 'kaupunki',
      type: 'news',
      versions: {
        fi: { title: 'Uusi uimahalli avataan', body: 'Halli avataan **maaliskuussa**.' },
      },
    })
    expect(release.status).toBe(201)
    releaseId = ((await release.json()) as { id: number }).id
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('a draft has no audience yet; cancel-sending on it is a conflict', async () => {
    const res = await call('GET', `/api/v1/releases/${releaseId}/deliveries`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      audience: 0,
      pending: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      suppressed: 0,
      cancelled: 0,
      firstSentAt: null,
      lastSentAt: null,
      done: false,
      mediaLists: [],
    })
    const cancel = await call('POST', `/api/v1/releases/${releaseId}/cancel-sending`)
    expect(cancel.status).toBe(409)
  })

  it('test-send delivers the real email to one address without touching subscribers', async () => {
    const res = await call('POST', `/api/v1/releases/${releaseId}/test-send`, {
      to: 'editor@example.fi',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      to: 'editor@example.fi',
      lang: 'fi',
      subject: 'Uusi uimahalli avataan',
      smtpResponse: expect.stringMatching(/^250/),
    })
    const [mail] = await pipeline.smtp.waitFor(1)
    expect(mail.to).toEqual(['editor@example.fi'])
    // The text part is plain text: no Markdown marks.
    expect(mail.parsed.text).toContain('Halli avataan maaliskuussa.')
    const rows = await pipeline.container.database.db
      .selectFrom('deliveries')
      .select('id')
      .execute()
    expect(rows).toHaveLength(0)

    const invalid = await call('POST', `/api/v1/releases/${releaseId}/test-send`, {
      to: 'not an address',
    })
    expect(invalid.status).toBe(422)
    expect(((await invalid.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      'to',
    )
    const refused = await call('POST', `/api/v1/releases/${releaseId}/test-send`, {
      to: 'refused-editor@example.fi',
    })
    expect(refused.status).toBe(502)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      '550 5.7.1',
    )
  })

  it('after publishing, progress reaches done with first and last send times; failures show the SMTP reply', async () => {
    const publish = await call('POST', `/api/v1/releases/${releaseId}/publish`, {})
    expect(publish.status).toBe(200)
    const progress = await eventually(
      async () => {
        const res = await call('GET', `/api/v1/releases/${releaseId}/deliveries`)
        const body = (await res.json()) as { done: boolean }
        return body.done ? body : undefined
      },
      { what: 'done' },
    )
    expect(progress).toMatchObject({ audience: 3, sent: 2, failed: 1, pending: 0, done: true })
    expect(progress).toHaveProperty('firstSentAt', expect.stringMatching(/^\d{4}-/))
    expect(countByRecipient(pipeline.smtp).get('a@example.fi')).toBe(1)

    const failures = await call('GET', `/api/v1/releases/${releaseId}/deliveries/failures`)
    expect(failures.status).toBe(200)
    const page = (await failures.json()) as { items: object[]; nextCursor: number | null }
    expect(page.nextCursor).toBeNull()
    expect(page.items).toEqual([
      expect.objectContaining({
        email: 'refused@example.fi',
        status: 'failed',
        attempts: 1,
        smtpResponse: expect.stringContaining('550 5.7.1 Rejected by policy'),
      }),
    ])

    const cancel = await call('POST', `/api/v1/releases/${releaseId}/cancel-sending`)
    expect(cancel.status).toBe(200)
    expect(await cancel.json()).toMatchObject({ sent: 2, cancelled: 0, done: true })
  })

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/releases/{id}/deliveries',
        '/releases/{id}/deliveries/failures',
        '/releases/{id}/cancel-sending',
        '/releases/{id}/test-send',
      ]),
    )
  })

  it('checks tokens and roles', async () => {
    const anonymous = await app.request(`/api/v1/releases/${releaseId}/deliveries`)
    expect(anonymous.status).toBe(401)
    const writer = await call(
      'GET',
      `/api/v1/releases/${releaseId}/deliveries/failures`,
      undefined,
      contributorToken,
    )
    expect(writer.status).toBe(403)
    const missing = await call('GET', '/api/v1/releases/99999/deliveries')
    expect(missing.status).toBe(404)
    const badKind = await call('GET', `/api/v1/releases/${releaseId}/deliveries?kind=nope`)
    expect(badKind.status).toBe(422)
  })

  it('/metrics counts sent and failed emails and shows queue depths', async () => {
    const res = await app.request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    expect(text).toMatch(/^tiedote_emails_sent_total\{kind="release"\} 2$/m)
    expect(text).toMatch(/^tiedote_emails_failed_total\{kind="release",outcome="failed"\} 1$/m)
    expect(text).toMatch(/^tiedote_queue_jobs\{queue="send",state="waiting"\} 0$/m)
    expect(text).toMatch(/^tiedote_publish_to_first_email_seconds_count 1$/m)
  })
})
