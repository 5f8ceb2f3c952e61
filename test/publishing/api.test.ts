import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_UPLOAD_BYTES } from '../../src/core/files/uploads.js'
import { DB_KINDS } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, startApiHarness, uploadForm } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'

describe.each(DB_KINDS)('publishing API on %s', (kind) => {
  let h: ApiHarness
  const countReleases = async () =>
    Number(
      (
        await h.deps.database.db
          .selectFrom('releases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    h = await startApiHarness(kind, { start: new Date('2026-03-02T08:00:00Z') })
  })
  afterAll(async () => {
    await h.close()
  })

  it('creates, reads and changes a newsroom', async () => {
    const created = await h.api('POST', '/newsrooms', newsroomInput())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      slug: 'kaupunki',
      languages: ['fi', 'sv'],
      timezone: 'Europe/Helsinki',
      name: { fi: 'Esimerkkikaupunki', sv: 'Exempelstaden' },
      urls: { fi: 'http://tiedote.test/fi/kaupunki', sv: 'http://tiedote.test/sv/kaupunki' },
    })

    const again = await h.api('POST', '/newsrooms', newsroomInput())
    expect(again.status).toBe(409)
    expect(again.body.error.fields).toHaveProperty('slug')

    const bad = await h.api('POST', '/newsrooms', {
      ...newsroomInput('toinen'),
      languages: ['fi', 'de'],
      timezone: 'Mars/Olympus',
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.code).toBe('validation_failed')
    expect(bad.body.error.fields['languages.1']).toMatch(/Unknown language "de"/)
    expect(bad.body.error.fields.timezone).toMatch(/IANA/)

    const reserved = await h.api('POST', '/newsrooms', { ...newsroomInput('feeds') })
    expect(reserved.status).toBe(422)
    expect(reserved.body.error.fields.slug).toMatch(/reserved/)
    // Addresses the app serves itself: a newsroom may not shadow them.
    for (const slug of ['sitemap', 'search'])
      expect((await h.api('POST', '/newsrooms', { ...newsroomInput(slug) })).status, slug).toBe(422)

    const patched = await h.api('PATCH', '/newsrooms/kaupunki', {
      boilerplate: { sv: 'Exempelstaden är en påhittad kommun.' },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.boilerplate).toEqual({
      fi: 'Esimerkkikaupunki on kuvitteellinen kunta testejä varten.',
      sv: 'Exempelstaden är en påhittad kommun.',
    })

    const list = await h.api('GET', '/newsrooms')
    expect(list.body.items.map((n: { slug: string }) => n.slug)).toEqual(['kaupunki'])
    expect((await h.api('GET', '/newsrooms/kaupunki')).body.slug).toBe('kaupunki')
    expect((await h.api('GET', '/newsrooms/ei-ole')).status).toBe(404)

    expect((await h.api('POST', '/newsrooms', newsroomInput('tilapainen'))).status).toBe(201)
    expect((await h.api('DELETE', '/newsrooms/tilapainen', undefined, 'editor')).status).toBe(403)
    expect((await h.api('DELETE', '/newsrooms/tilapainen')).status).toBe(204)
    expect((await h.api('GET', '/newsrooms/tilapainen')).status).toBe(404)
  })

  let releaseId = 0

  it('creates a bilingual draft with Unicode-safe slugs and absolute URLs', async () => {
    const res = await h.api('POST', '/releases', releaseInput())
    expect(res.status).toBe(201)
    releaseId = res.body.id
    expect(res.headers.get('location')).toBe(`/api/v1/releases/${releaseId}`)
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      status: 'draft',
      type: 'press-release',
      newsroom: { slug: 'kaupunki' },
      languages: ['fi', 'sv'],
      publishAt: null,
      keywords: [
        { slug: 'liikenne', label: 'Liikenne' },
        { slug: 'paatokset', label: 'Päätökset' },
      ],
      versions: {
        fi: {
          slug: 'kavelykatu-avautuu-kevaalla',
          url: 'http://tiedote.test/fi/kaupunki/kavelykatu-avautuu-kevaalla',
        },
        sv: {
          slug: 'gagatan-oppnar-pa-varen',
          url: 'http://tiedote.test/sv/kaupunki/gagatan-oppnar-pa-varen',
        },
      },
    })
    expect(res.body.versions.fi.bodyHtml).toContain('<strong>kävelykadusta</strong>')
    expect(res.body.versions.fi.bodyHtml).toContain('<h2>Aikataulu</h2>')
    expect(res.body.contacts[0]).toMatchObject({
      name: 'Maija Meikäläinen',
      title: { fi: 'viestintäpäällikkö', sv: 'kommunikationschef' },
    })
    const read = await h.api('GET', `/releases/${releaseId}`)
    expect(read.body.versions.sv.title).toBe('Gågatan öppnar på våren')
  })

  it('answers malformed input with 422 field errors and writes nothing', async () => {
    const before = await countReleases()
    const noTitle = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { fi: { lead: 'Ingressi ilman otsikkoa' } },
    })
    expect(noTitle.status).toBe(422)
    expect(noTitle.body.error).toMatchObject({
      code: 'validation_failed',
      fields: { 'versions.fi.title': 'Give a title' },
    })

    const blankTitle = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { fi: { title: '   ' } },
    })
    expect(blankTitle.status).toBe(422)
    expect(blankTitle.body.error.fields['versions.fi.title']).toBe('Give a title')

    const unknownLang = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { de: { title: 'Hallo' }, en: { title: 'Hello' } },
    })
    expect(unknownLang.status).toBe(422)
    expect(unknownLang.body.error.fields['versions.de']).toMatch(/Unknown language "de"/)
    expect(unknownLang.body.error.fields['versions.en']).toMatch(/does not publish in "en"/)

    const badType = await h.api('POST', '/releases', { ...releaseInput(), type: 'memo' })
    expect(badType.status).toBe(422)
    expect(badType.body.error.fields.type).toMatch(/press-release, news/)

    const noNewsroom = await h.api('POST', '/releases', { ...releaseInput('ei-ole') })
    expect(noNewsroom.status).toBe(422)
    expect(noNewsroom.body.error.fields.newsroom).toMatch(/No newsroom/)

    const badContact = await h.api('POST', '/releases', {
      ...releaseInput(),
      contacts: [{ name: 'X', email: 'not-an-address' }],
    })
    expect(badContact.status).toBe(422)
    expect(badContact.body.error.fields['contacts.0.email']).toMatch(/valid email/)

    const clash = await h.api('POST', '/releases', {
      ...releaseInput(),
      versions: { fi: { title: 'Toinen', slug: 'kavelykatu-avautuu-kevaalla' } },
    })
    expect(clash.status).toBe(409)
    expect(clash.body.error.fields['versions.fi.slug']).toMatch(/already used/)

    const reserved = await h.api('POST', '/releases', {
      ...releaseInput(),
      versions: { fi: { title: 'Tilaa', slug: 'subscribe' } },
    })
    expect(reserved.status).toBe(422)
    expect(reserved.body.error.fields['versions.fi.slug']).toMatch(/reserved/)

    const notJson = await h.app.request('http://tiedote.test/api/v1/releases', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'application/json' },
      body: '{"newsroom": ',
    })
    expect(notJson.status).toBe(400)
    const notJsonBody = (await notJson.json()) as { error: { message: string } }
    expect(notJsonBody.error.message).toMatch(/JSON/i)

    const typo = await h.api('POST', '/releases', {
      ...releaseInput(),
      versions: { fi: { title: 'Otsikko', ingressi: 'Väärä kenttä' } },
      keywrods: ['sote'],
    })
    expect(typo.status).toBe(422)
    expect(Object.keys(typo.body.error.fields).sort()).toEqual(['keywrods', 'versions.fi.ingressi'])
    expect(typo.body.error.message).toMatch(/Unknown field/)

    expect(await countReleases()).toBe(before)
  })

  it('refuses unknown fields instead of ignoring them: a typo never publishes at once', async () => {
    const created = await h.api('POST', '/releases', releaseInput())
    const id = created.body.id as number
    const at = new Date('2026-03-09T08:00:00Z').toISOString()
    const publish = await h.api('POST', `/releases/${id}/publish`, { publishAt: at })
    expect(publish.status).toBe(422)
    expect(publish.body.error.fields).toEqual({
      publishAt: 'Unknown field; check its name in the API reference',
    })
    const patch = await h.api('PATCH', `/releases/${id}`, { titel: 'x' })
    expect(patch.status).toBe(422)
    expect(patch.body.error.fields).toHaveProperty('titel')
    const newsroom = await h.api('PATCH', '/newsrooms/kaupunki', { nmae: { fi: 'x' } })
    expect(newsroom.status).toBe(422)
    // An empty change answers with the resource and writes no audit entry.
    const audited = async () =>
      (await h.deps.database.db.selectFrom('audit_log').select('id').execute()).length
    const before = await audited()
    expect((await h.api('PATCH', `/releases/${id}`, {})).status).toBe(200)
    expect((await h.api('PATCH', '/newsrooms/kaupunki', {})).status).toBe(200)
    expect(await audited()).toBe(before)
    const after = await h.api('GET', `/releases/${id}`)
    expect(after.body).toMatchObject({ status: 'draft', publishedAt: null })
    expect(after.body.versions.fi.title).toBe(created.body.versions.fi.title)
    expect((await h.api('DELETE', `/releases/${id}`)).status).toBe(204)
  })

  it('gives a title that would clash with a page a free slug', async () => {
    const res = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: { fi: { title: 'Subscribe' }, sv: { title: 'Feeds' } },
    })
    expect(res.status).toBe(201)
    expect(res.body.versions.fi.slug).toBe('subscribe-2')
    expect(res.body.versions.sv.slug).toBe('feeds-2')
    expect((await h.api('DELETE', `/releases/${res.body.id}`)).status).toBe(204)
  })

  it('renders Markdown without any script, raw HTML or javascript: links', async () => {
    const res = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: {
        fi: {
          title: 'Skriptikoe',
          body:
            'Alku <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n' +
            '[klikkaa](javascript:alert(3)) ja [oikea linkki](https://example.fi)\n\n' +
            '<iframe src="https://evil.example"></iframe>',
        },
      },
    })
    expect(res.status).toBe(201)
    const html: string = res.body.versions.fi.bodyHtml
    // Whatever was typed is shown as text at most; no element or link can run anything.
    expect(html).not.toMatch(/<script|<img|<iframe|href="javascript:/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain(
      '<a href="https://example.fi" rel="noopener noreferrer">oikea linkki</a>',
    )
    expect((await h.api('DELETE', `/releases/${res.body.id}`)).status).toBe(204)
  })

  it('edits a draft: the slug follows a new title until the release is published', async () => {
    const res = await h.api('PATCH', `/releases/${releaseId}`, {
      versions: { fi: { title: 'Kävelykatu avautuu jo maaliskuussa', lead: 'Uusi ingressi.' } },
      keywords: ['Liikenne', 'Keskusta'],
    })
    expect(res.status).toBe(200)
    expect(res.body.versions.fi).toMatchObject({
      slug: 'kavelykatu-avautuu-jo-maaliskuussa',
      lead: 'Uusi ingressi.',
    })
    expect(res.body.versions.sv.slug).toBe('gagatan-oppnar-pa-varen')
    expect(res.body.keywords.map((k: { slug: string }) => k.slug)).toEqual(['liikenne', 'keskusta'])

    const invalid = await h.api('PATCH', `/releases/${releaseId}`, {
      versions: { fi: { title: '' } },
    })
    expect(invalid.status).toBe(422)
    expect(invalid.body.error.fields['versions.fi.title']).toBe('Give a title')
  })

  it('schedules, reschedules and unschedules a release', async () => {
    const now = h.clock.now().getTime()
    const inAnHour = new Date(now + 3600_000).toISOString()
    const scheduled = await h.api('POST', `/releases/${releaseId}/publish`, { at: inAnHour })
    expect(scheduled.status).toBe(200)
    expect(scheduled.body).toEqual({
      id: releaseId,
      status: 'scheduled',
      publishAt: inAnHour,
      publishedAt: null,
    })

    const later = new Date(now + 2 * 3600_000).toISOString()
    const rescheduled = await h.api('POST', `/releases/${releaseId}/publish`, {
      at: '2026-03-02T12:00:00+02:00',
    })
    expect(rescheduled.body).toMatchObject({ status: 'scheduled', publishAt: later })
    const open = await h.deps.database.db
      .selectFrom('outbox')
      .select(['due_at'])
      .where('kind', '=', 'release.publish')
      .where('done_at', 'is', null)
      .where('payload', '=', JSON.stringify({ releaseId }))
      .execute()
    expect(open).toEqual([{ due_at: later }])

    const past = await h.api('POST', `/releases/${releaseId}/publish`, {
      at: '2026-03-01T08:00:00Z',
    })
    expect(past.status).toBe(422)
    expect(past.body.error.fields.at).toMatch(/in the past/)
    const garbled = await h.api('POST', `/releases/${releaseId}/publish`, { at: 'huomenna' })
    expect(garbled.status).toBe(422)
    expect(garbled.body.error.fields.at).toMatch(/ISO 8601/)

    const unscheduled = await h.api('POST', `/releases/${releaseId}/unschedule`)
    expect(unscheduled.status).toBe(200)
    expect(unscheduled.body).toMatchObject({ status: 'draft', publishAt: null })
    expect((await h.api('POST', `/releases/${releaseId}/unschedule`)).status).toBe(409)
    const stillOpen = await h.deps.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'release.publish')
      .where('done_at', 'is', null)
      .where('payload', '=', JSON.stringify({ releaseId }))
      .execute()
    expect(stillOpen).toEqual([])
  })

  it('publishes now, and keeps the public URL when the title changes', async () => {
    const res = await h.api('POST', `/releases/${releaseId}/publish`, {})
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'published',
      publishAt: h.clock.now().toISOString(),
      publishedAt: h.clock.now().toISOString(),
    })
    expect((await h.api('POST', `/releases/${releaseId}/publish`, {})).status).toBe(409)
    expect((await h.api('DELETE', `/releases/${releaseId}`)).status).toBe(409)

    // Published: the URL stays stable when the title changes.
    const edited = await h.api('PATCH', `/releases/${releaseId}`, {
      versions: { fi: { title: 'Kävelykatu avautuu maaliskuussa – päivitetty' } },
    })
    expect(edited.body.versions.fi.slug).toBe('kavelykatu-avautuu-jo-maaliskuussa')
  })

  it('uploads images and files with the type decided from the bytes', async () => {
    const image = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(
        PNG_BYTES,
        'katu.jpg',
        {
          'caption.fi': 'Kävelykatu keväällä',
          'caption.sv': 'Gågatan på våren',
          'alt.fi': 'Ihmisiä kävelemässä kadulla',
          'alt.sv': 'Människor som promenerar på gatan',
          credit: 'Kuva: Kaupunki',
        },
        'text/plain',
      ),
    )
    expect(image.status).toBe(201)
    expect(image.body).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      filename: 'katu.png',
      size: PNG_BYTES.length,
      caption: { fi: 'Kävelykatu keväällä', sv: 'Gågatan på våren' },
      alt: { fi: 'Ihmisiä kävelemässä kadulla' },
      credit: 'Kuva: Kaupunki',
    })
    expect(image.body.url).toMatch(/^http:\/\/tiedote\.test\/files\/[a-f0-9]{32}\.png\/katu\.png$/)

    const text = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(new TextEncoder().encode('Aikataulu\nhuhtikuu\n'), 'aikataulu.pdf'),
    )
    expect(text.status).toBe(201)
    expect(text.body).toMatchObject({
      kind: 'file',
      mimeType: 'text/plain',
      filename: 'aikataulu.txt',
    })

    const svg = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(
        new TextEncoder().encode(
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        'logo.svg',
        {},
        'image/svg+xml',
      ),
    )
    expect(svg.status).toBe(422)
    expect(svg.body.error.fields.file).toMatch(/not accepted/)

    const empty = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(new Uint8Array(), 'tyhja.txt'),
    )
    expect(empty.status).toBe(422)
    expect(empty.body.error.fields.file).toMatch(/empty/)

    const form = new FormData()
    form.set('caption.fi', 'Ei tiedostoa')
    const missing = await h.api('POST', `/releases/${releaseId}/attachments`, form)
    expect(missing.status).toBe(422)
    expect(missing.body.error.fields.file).toMatch(/Attach the file/)

    const huge = await h.api(
      'POST',
      `/releases/${releaseId}/attachments`,
      uploadForm(new Uint8Array(MAX_UPLOAD_BYTES + 1), 'iso.bin'),
    )
    expect(huge.status).toBe(413)
    expect(huge.body.error.message).toMatch(/too large: at most 20 MB/)

    const release = await h.api('GET', `/releases/${releaseId}`)
    expect(release.body.attachments).toHaveLength(2)
    const key = /files\/([a-f0-9]{32}\.txt)\//.exec(text.body.path)![1]
    const onDisk = join(h.setup.config.filesDir, key.slice(0, 2), key)
    expect(existsSync(onDisk)).toBe(true)
    const removed = await h.api('DELETE', `/releases/${releaseId}/attachments/${text.body.id}`)
    expect(removed.status).toBe(204)
    expect(existsSync(onDisk)).toBe(false)
    expect((await h.get(text.body.path)).status).toBe(404)
    expect(
      (await h.api('DELETE', `/releases/${releaseId}/attachments/${text.body.id}`)).status,
    ).toBe(404)
  })

  it('adds dated corrections to a published release', async () => {
    h.clock.advance(3600_000)
    const res = await h.api('POST', `/releases/${releaseId}/corrections`, {
      note: { fi: 'Avajaispäivä korjattu: 15.4.', sv: 'Öppningsdagen rättad: 15.4.' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ note: { fi: 'Avajaispäivä korjattu: 15.4.' }, notify: false })
    const bad = await h.api('POST', `/releases/${releaseId}/corrections`, { note: { de: 'x' } })
    expect(bad.status).toBe(422)
    expect(bad.body.error.fields['note.de']).toMatch(/Unknown language/)
    const release = await h.api('GET', `/releases/${releaseId}`)
    expect(release.body.corrections).toEqual([res.body])
  })

  it('withdraws a published release with a reason', async () => {
    const draft = await h.api('POST', '/releases', releaseInput('kaupunki', ' 2'))
    expect((await h.api('POST', `/releases/${draft.body.id}/withdraw`, {})).status).toBe(409)
    expect(
      (await h.api('POST', `/releases/${draft.body.id}/corrections`, { note: { fi: 'x' } })).status,
    ).toBe(409)

    const res = await h.api('POST', `/releases/${releaseId}/withdraw`, {
      reason: 'Tiedote julkaistiin vahingossa.',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: releaseId, status: 'withdrawn' })
    const release = await h.api('GET', `/releases/${releaseId}`)
    expect(release.body).toMatchObject({ withdrawnReason: 'Tiedote julkaistiin vahingossa.' })
    expect((await h.api('PATCH', `/releases/${releaseId}`, { type: 'news' })).status).toBe(409)
  })

  it('lists releases with filters and cursor pagination', async () => {
    const all = await h.api('GET', '/releases?newsroom=kaupunki')
    const ids = all.body.items.map((r: { id: number }) => r.id)
    expect(ids.length).toBe(2)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)

    const seen: number[] = []
    let cursor: string | null = null
    do {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const page = await h.api('GET', `/releases?newsroom=kaupunki&limit=1${q}`)
      expect(page.body.items).toHaveLength(1)
      seen.push(page.body.items[0].id)
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(ids)

    const drafts = await h.api('GET', '/releases?status=draft')
    expect(drafts.body.items.every((r: { status: string }) => r.status === 'draft')).toBe(true)
    const withdrawn = await h.api('GET', '/releases?status=withdrawn')
    expect(withdrawn.body.items.map((r: { id: number }) => r.id)).toEqual([releaseId])

    const bad = await h.api('GET', '/releases?status=archived&limit=500')
    expect(bad.status).toBe(422)
    expect(bad.body.error.fields).toHaveProperty('status')
    expect(bad.body.error.fields).toHaveProperty('limit')
    expect((await h.api('GET', '/releases?cursor=bm9wZQ')).status).toBe(422)
    expect((await h.api('GET', '/releases/999999')).status).toBe(404)
    expect((await h.api('GET', '/releases/abc')).status).toBe(422)
  })

  it('keeps a newsroom that has releases', async () => {
    const res = await h.api('DELETE', '/newsrooms/kaupunki')
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/has releases/)
  })

  it('deletes a draft with its files', async () => {
    const draft = await h.api('POST', '/releases', releaseInput('kaupunki', ' 3'))
    const file = await h.api(
      'POST',
      `/releases/${draft.body.id}/attachments`,
      uploadForm(PNG_BYTES, 'kuva.png'),
    )
    const key = /files\/([a-f0-9]{32}\.png)\//.exec(file.body.path)![1]
    const onDisk = join(h.setup.config.filesDir, key.slice(0, 2), key)
    expect(existsSync(onDisk)).toBe(true)
    expect((await h.api('DELETE', `/releases/${draft.body.id}`)).status).toBe(204)
    expect((await h.api('GET', `/releases/${draft.body.id}`)).status).toBe(404)
    expect(existsSync(onDisk)).toBe(false)
  })

  it('describes every endpoint in the OpenAPI document', async () => {
    const res = await h.api('GET', '/openapi.json', undefined, 'anonymous')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    const paths = Object.keys(res.body.paths)
    for (const path of [
      '/newsrooms',
      '/newsrooms/{slug}',
      '/releases',
      '/releases/{id}',
      '/releases/{id}/publish',
      '/releases/{id}/unschedule',
      '/releases/{id}/withdraw',
      '/releases/{id}/corrections',
      '/releases/{id}/attachments',
      '/releases/{id}/attachments/{attachmentId}',
    ])
      expect(paths).toContain(path)
    expect(res.body.paths['/releases'].post.requestBody.content['application/json']).toBeDefined()
    expect(
      res.body.paths['/releases/{id}/attachments'].post.requestBody.content['multipart/form-data']
        .schema,
    ).toBeDefined()

    const docs = await h.get('/api/docs')
    expect(docs.status).toBe(200)
    const html = await docs.text()
    expect(html).toContain('<code>POST /releases/{id}/publish</code>')
    expect(html).toContain('href="/api/v1/openapi.json"')
    expect(html).not.toMatch(/<script|https?:\/\/cdn/i)
  })
})
