import { parse } from 'csv-parse/sync'
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/core/auth/users.js'
import { DB_KINDS } from '../helpers/env.js'
import { ORIGIN } from '../helpers/harness.js'
import { confirmPath, startHarness, subscriberRow } from './harness.js'
import type { Harness } from './harness.js'

/** API answers in tests: any shape, checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bodyOf = async (res: Response | Promise<Response>): Promise<any> => (await res).json()

describe.each(DB_KINDS)('staff API for subscribers (%s)', (kind) => {
  let h: Harness
  let token = ''
  let contributorToken = ''
  const api = (path: string, init: RequestInit = {}) =>
    h.app.request(`${ORIGIN}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    })
  const json = (path: string, method: string, body: unknown) =>
    api(path, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })

  beforeAll(async () => {
    h = await startHarness(kind)
    token = (
      await createApiToken(createRepositories(h.deps.database.db), h.clock, {
        name: 'desk',
        role: 'editor',
      })
    ).token
    contributorToken = (
      await createApiToken(createRepositories(h.deps.database.db), h.clock, {
        name: 'writer',
        role: 'contributor',
      })
    ).token
  })
  afterAll(async () => {
    await h.close()
  })

  it('adds a confirmed subscriber with consent, refuses one without, and a pending one gets mail', async () => {
    const created = await json('/subscribers', 'POST', {
      email: 'Uutiset@Example.fi',
      languages: ['sv', 'fi'],
      newsrooms: ['lansi-uusimaa'],
      types: ['press-release'],
      status: 'confirmed',
      consent: {
        source: 'Press event sign-up',
        text: 'Send me releases',
        at: '2025-09-29T14:48:00Z',
      },
    })
    expect(created.status).toBe(201)
    const body = await bodyOf(created)
    expect(body).toMatchObject({
      email: 'Uutiset@example.fi',
      status: 'confirmed',
      languages: ['sv', 'fi'],
      newsrooms: ['lansi-uusimaa'],
      confirmedAt: '2025-09-29T14:48:00.000Z',
    })
    expect(body.subscriptions[0].types).toEqual(['press-release'])

    const duplicate = await json('/subscribers', 'POST', {
      email: 'uutiset@EXAMPLE.fi',
      languages: ['fi'],
      newsrooms: ['lansi-uusimaa'],
    })
    expect(duplicate.status).toBe(409)

    const noConsent = await json('/subscribers', 'POST', {
      email: 'other@example.fi',
      languages: ['fi'],
      newsrooms: ['nope'],
      status: 'confirmed',
    })
    expect(noConsent.status).toBe(422)
    const problem = await bodyOf(noConsent)
    expect(Object.keys(problem.error.fields).sort()).toEqual(['consent', 'newsrooms'])

    const pending = await json('/subscribers', 'POST', {
      email: 'pending@example.fi',
      languages: ['en'],
      newsrooms: ['kaupunki'],
      status: 'pending',
    })
    expect(pending.status).toBe(201)
    const [mail] = await h.smtp.waitFor(1)
    expect(mail.to).toEqual(['pending@example.fi'])
    expect(mail.parsed.subject).toBe('Confirm your subscription: The City')
    expect(confirmPath(mail)).toMatch(/^\/subscriptions\/confirm\//)
  })

  it('lists with search, filters and counts; refuses roles without subscriber access', async () => {
    const res = await api('/subscribers?q=UUTISET&status=confirmed')
    expect(res.status).toBe(200)
    const page = await bodyOf(res)
    expect(page.items.map((s: { email: string }) => s.email)).toEqual(['Uutiset@example.fi'])
    expect(page.counts).toMatchObject({
      total: 2,
      byStatus: { pending: 1, confirmed: 1, unsubscribed: 0 },
      active: 1,
      byLanguage: { fi: 0, sv: 1, en: 0 },
    })
    const byLang = await bodyOf(api('/subscribers?lang=en'))
    expect(byLang.items.map((s: { email: string }) => s.email)).toEqual(['pending@example.fi'])
    const like = await bodyOf(api('/subscribers?q=%25'))
    expect(like.items).toEqual([])

    const denied = await h.app.request(`${ORIGIN}/api/v1/subscribers`, {
      headers: { authorization: `Bearer ${contributorToken}` },
    })
    expect(denied.status).toBe(403)
    expect((await h.app.request(`${ORIGIN}/api/v1/subscribers`)).status).toBe(401)
  })

  it('suppresses, checks and lifts by address, keeping addresses out of URLs', async () => {
    const added = await json('/suppressions', 'POST', {
      email: 'uutiset@example.fi',
      reason: 'complaint',
      detail: '550 5.7.1 <uutiset@example.fi> reported spam',
    })
    expect(added.status).toBe(201)
    const check = await (
      await json('/suppressions/check', 'POST', { email: 'UUTISET@example.fi' })
    ).json()
    expect(check).toMatchObject({ suppressed: true, reason: 'complaint' })
    const listed = await bodyOf(api('/suppressions'))
    expect(listed.items).toEqual([
      expect.objectContaining({
        email: 'Uutiset@example.fi',
        reason: 'complaint',
        detail: '550 5.7.1 <address> reported spam',
      }),
    ])
    expect((await subscriberRow(h, 'uutiset@example.fi'))!.suppressed_at).not.toBeNull()
    const lifted = await (
      await json('/suppressions/lift', 'POST', { email: 'uutiset@example.fi' })
    ).json()
    expect(lifted).toEqual({ lifted: true })
    expect((await subscriberRow(h, 'uutiset@example.fi'))!.suppressed_at).toBeNull()
    const bad = await json('/suppressions', 'POST', { email: 'not an address' })
    expect(bad.status).toBe(422)
  })

  it('imports CSV all or nothing with a report of row errors, and exports what imports back', async () => {
    const csv = [
      'email,languages,newsrooms,types,keywords,consent_source,consent_text,consented_at',
      'anna@example.fi,fi sv,lansi-uusimaa,,terveys,Messut 2025,Kyllä kiitos,2025-10-01T09:00:00Z',
      'bertil@example.se,sv,"lansi-uusimaa,kaupunki",press-release,,Mässan 2025,,2025-10-01T09:05:00Z',
      "=cmd|'/C'!A0@example.fi,en,kaupunki,,,Fair,,2025-10-01T09:10:00Z",
      'bad address,fi,lansi-uusimaa,,,x,,2025-10-01T09:00:00Z',
      'anna@EXAMPLE.fi,fi,lansi-uusimaa,,,x,,2025-10-01T09:00:00Z',
      'carl@example.fi,xx,nowhere,,,,,',
    ].join('\n')
    const importCsv = (text: string, query = '') =>
      api(`/subscribers/import${query}`, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'text/csv' },
      })

    const failed = await importCsv(csv)
    expect(failed.status).toBe(422)
    const { report } = await bodyOf(failed)
    expect(report.imported).toBe(false)
    expect(report.errors).toEqual([
      {
        line: 5,
        field: 'email',
        code: 'email.invalid',
        message: expect.stringContaining('name@example.fi'),
      },
      {
        line: 6,
        field: 'email',
        code: 'email.duplicate',
        message: 'The same address is on line 2',
      },
      {
        line: 7,
        field: 'newsrooms',
        code: 'newsrooms.unknown',
        message: 'No such newsroom: nowhere',
      },
      { line: 7, field: 'languages', code: 'languages.invalid', message: expect.any(String) },
      { line: 7, field: 'consent_source', code: 'consent.invalid', message: expect.any(String) },
      { line: 7, field: 'consented_at', code: 'consent.invalid', message: expect.any(String) },
    ])
    expect(await subscriberRow(h, 'anna@example.fi')).toBeUndefined()

    const good = csv.split('\n').slice(0, 4).join('\n')
    const dry = await importCsv(good, '?dryRun=true')
    expect(dry.status).toBe(200)
    expect(await bodyOf(dry)).toMatchObject({ dryRun: true, imported: false, created: 3, rows: 3 })
    expect(await subscriberRow(h, 'anna@example.fi')).toBeUndefined()

    const done = await importCsv(good)
    expect(await bodyOf(done)).toMatchObject({ imported: true, created: 3, skipped: 0 })
    const again = await importCsv(good)
    expect(await bodyOf(again)).toMatchObject({ imported: true, created: 0, skipped: 3 })

    const exported = await api('/subscribers/export.csv?status=confirmed')
    expect(exported.headers.get('content-type')).toContain('text/csv')
    const text = await exported.text()
    const rows = parse(text, { columns: true }) as Record<string, string>[]
    const anna = rows.find((r) => r.email === 'anna@example.fi')!
    expect(anna).toMatchObject({
      languages: 'fi sv',
      newsrooms: 'lansi-uusimaa',
      keywords: 'terveys',
      consent_source: 'Messut 2025',
      consent_text: 'Kyllä kiitos',
      consented_at: '2025-10-01T09:00:00.000Z',
      status: 'confirmed',
    })
    expect(rows.find((r) => r.email.includes('bertil'))!.newsrooms).toBe('kaupunki lansi-uusimaa')
    // A formula-like address is defused for spreadsheets…
    expect(rows.some((r) => r.email.startsWith("'=cmd"))).toBe(true)

    // …and the export imports into an empty installation unchanged.
    const other = await startHarness(kind, { workers: false })
    try {
      const otherToken = (
        await createApiToken(createRepositories(other.deps.database.db), other.clock, {
          name: 'x',
          role: 'admin',
        })
      ).token
      const res = await other.app.request(`${ORIGIN}/api/v1/subscribers/import`, {
        method: 'POST',
        body: text,
        headers: { authorization: `Bearer ${otherToken}`, 'content-type': 'text/csv' },
      })
      expect(res.status).toBe(200)
      expect((await bodyOf(res)).created).toBe(rows.length)
      const back = await other.app.request(
        `${ORIGIN}/api/v1/subscribers/export.csv?status=confirmed`,
        { headers: { authorization: `Bearer ${otherToken}` } },
      )
      const strip = (csvText: string) =>
        (parse(csvText, { columns: true }) as Record<string, string>[])
          .map(({ created_at: _c, ...rest }) => rest)
          .sort((a, b) => a.email.localeCompare(b.email))
      expect(strip(await back.text())).toEqual(strip(text))
      expect((await subscriberRow(other, "=cmd|'/c'!a0@example.fi"))?.email).toBe(
        "=cmd|'/C'!A0@example.fi",
      )
    } finally {
      await other.close()
    }
  })

  it('documents every subscriber endpoint in the OpenAPI contract', async () => {
    const doc = await bodyOf(h.app.request(`${ORIGIN}/api/v1/openapi.json`))
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/subscribers',
        '/subscribers/{id}',
        '/subscribers/import',
        '/subscribers/export.csv',
        '/subscribers/counts',
        '/suppressions',
        '/suppressions/lift',
        '/suppressions/check',
      ]),
    )
    expect(doc.paths['/subscribers/import'].post.requestBody.content).toHaveProperty('text/csv')
  })

  it('erases a subscriber on request', async () => {
    const row = (await subscriberRow(h, 'anna@example.fi'))!
    expect((await api(`/subscribers/${row.id}`)).status).toBe(200)
    expect((await api(`/subscribers/${row.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await subscriberRow(h, 'anna@example.fi')).toBeUndefined()
    expect((await api(`/subscribers/${row.id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await api('/subscribers/abc')).status).toBe(422)
  })
})
