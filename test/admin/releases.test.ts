import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelease, getRelease } from '../../src/core/release/releases.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { DB_KINDS } from '../helpers/env.js'
import { hiddenField } from '../helpers/browserless.js'
import { SYSTEM } from '../helpers/actors.js'
import { createAdminHarness } from './admin-harness.js'
import { PNG } from '../helpers/fixtures.js'
import type { AdminHarness, Session } from './admin-harness.js'

const releaseForm = (csrf: string, extra: Record<string, string | string[]> = {}) => ({
  _csrf: csrf,
  type: 'press-release',
  keywords: 'terveys, Raasepori',
  'title.fi': 'Uusi terveysasema avataan Raaseporissa',
  'lead.fi': 'Palvelut siirtyvät uusiin tiloihin.',
  'body.fi': 'Ensimmäinen kappale.\n\n## Aikataulu\n\nAsema avataan **maaliskuussa**.',
  'title.sv': 'Ny hälsostation öppnas i Raseborg',
  'lead.sv': 'Tjänsterna flyttar till nya lokaler.',
  'body.sv': 'Första stycket.',
  contact_name: 'Maija Meikäläinen',
  'contact_title.fi': 'Viestintäpäällikkö',
  'contact_title.sv': 'Kommunikationschef',
  contact_phone: '+358 40 123 4567',
  contact_email: 'maija@example.fi',
  notify: '1',
  action: 'save',
  ...extra,
})

/** Subscribers of the newsroom: who the confirmation should (and should not) count. */
async function addSubscribers(h: AdminHarness) {
  const db = h.deps.database.db
  const now = h.clock.now().toISOString()
  const rows: [string, 'confirmed' | 'pending', string | null, string | null][] = [
    ['a@example.fi', 'confirmed', null, null],
    ['b@example.fi', 'confirmed', null, '["press-release"]'],
    ['c@example.fi', 'pending', null, null],
    ['d@example.fi', 'confirmed', now, null], // suppressed
    ['e@example.fi', 'confirmed', null, '["invitation"]'], // other types only
  ]
  for (const [email, status, suppressed, types] of rows) {
    const s = await db
      .insertInto('subscribers')
      .values({
        email,
        email_normalized: email,
        status,
        token_secret: 'x',
        suppressed_at: suppressed,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('subscriptions')
      .values({
        subscriber_id: s.id,
        newsroom_id: h.newsroomId,
        types,
        keywords: null,
        created_at: now,
      })
      .execute()
    await db
      .insertInto('subscriber_languages')
      .values({ subscriber_id: s.id, lang: 'fi', position: 0 })
      .execute()
  }
}

async function upload(
  h: AdminHarness,
  session: Session,
  releaseId: number,
  bytes: Buffer,
  name: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData()
  form.set('_csrf', session.csrf)
  form.set('file', new File([new Uint8Array(bytes)], name))
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return h.app.request(`http://tiedote.test/admin/releases/${releaseId}/attachments`, {
    method: 'POST',
    body: form,
    headers: {
      cookie: [...session.jar].map(([k, v]) => `${k}=${v}`).join('; '),
      origin: 'http://tiedote.test',
    },
  })
}

describe.each(DB_KINDS)('release editor (%s)', (kind) => {
  let h: AdminHarness
  let editor: Session
  let contributor: Session

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    editor = await h.signIn('editor')
    contributor = await h.signIn('contributor', { locale: 'sv' })
    await addSubscribers(h)
  })
  afterAll(() => h.close())

  it('creates a bilingual release with keywords and a new contact, then shows it for editing', async () => {
    const page = await editor.get('/admin/releases/new')
    const html = await page.text()
    expect(html).toContain('Language version: Finnish')
    expect(html).toContain('Language version: Swedish')
    expect(html).toContain('Time zone: Europe/Helsinki')

    const res = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf),
      newsroom: String(h.newsroomId),
    })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(/^\/admin\/releases\/\d+\?ok=saved$/)
    const id = Number(/releases\/(\d+)/.exec(location)![1])

    const view = await getRelease(h.content, SYSTEM, id)
    expect(view.status).toBe('draft')
    expect(view.languages).toEqual(['fi', 'sv'])
    expect(view.versions.fi!.slug).toBe('uusi-terveysasema-avataan-raaseporissa')
    expect(view.versions.sv!.slug).toBe('ny-halsostation-oppnas-i-raseborg')
    expect(view.keywords.map((k) => k.label)).toEqual(['terveys', 'Raasepori'])
    expect(view.contacts).toMatchObject([
      {
        name: 'Maija Meikäläinen',
        title: { fi: 'Viestintäpäällikkö', sv: 'Kommunikationschef' },
        phone: '+358 40 123 4567',
      },
    ])

    const edit = await (await editor.get(location)).text()
    expect(edit).toContain('Saved.')
    expect(edit).toContain('/fi/lansi-uusimaa/uusi-terveysasema-avataan-raaseporissa')
    // The contact is now offered in the picker, already chosen.
    expect(edit).toMatch(/name="contact" value="\d+" checked=""/)
    // The live preview frame holds the real page rendered on the server.
    expect(edit).toMatch(
      /<iframe[^>]*sandbox="allow-same-origin"[^>]*srcdoc="[^"]*Uusi terveysasema/,
    )
  })

  it('warns when a newsroom language version is missing and keeps typed text on errors', async () => {
    const res = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf, {
        'title.sv': '',
        'lead.sv': 'Ingress utan rubrik',
        'body.sv': '',
      }),
      newsroom: String(h.newsroomId),
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Fix the marked fields.')
    expect(html).toContain('Write a title.')
    expect(html).toMatch(/id="title-sv"[^>]*aria-invalid="true"/)
    expect(html).toContain('Ingress utan rubrik')

    const onlyFinnish = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf, { 'title.sv': '', 'lead.sv': '', 'body.sv': '' }),
      newsroom: String(h.newsroomId),
    })
    expect(onlyFinnish.status).toBe(303)
    const page = await (await editor.get(onlyFinnish.headers.get('location')!)).text()
    expect(page).toContain('this release has no version:')
    expect(page).toContain('Swedish (missing)')
  })

  it('says what is wrong with an address or a title: taken, malformed or too long', async () => {
    await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Varattu osoite', slug: 'varattu-osoite' } },
    })
    const send = (extra: Record<string, string>) =>
      editor.post('/admin/releases', {
        ...releaseForm(editor.csrf, extra),
        newsroom: String(h.newsroomId),
      })
    const TAKEN = 'Another release already uses this address in this language; choose another.'
    const MALFORMED =
      'Use only lower-case letters a–z, digits and single hyphens (at most 80 characters).'
    const TOO_LONG = 'The text is too long.'

    const taken = await send({ 'slug.fi': 'varattu-osoite' })
    expect(taken.status).toBe(409)
    const takenPage = await taken.text()
    expect(takenPage).toContain(TAKEN)
    expect(takenPage).not.toContain(MALFORMED)
    // The field keeps what was typed and is marked invalid (attribute order is the renderer's).
    const slugInput = /<input id="slug-fi"[^>]*>/.exec(takenPage)?.[0] ?? ''
    expect(slugInput).toContain('value="varattu-osoite"')
    expect(slugInput).toContain('aria-invalid="true"')

    const malformed = await send({ 'slug.fi': 'Ei kelpaa!' })
    expect(malformed.status).toBe(422)
    const malformedPage = await malformed.text()
    expect(malformedPage).toContain(MALFORMED)
    expect(malformedPage).not.toContain(TAKEN)
    expect(malformedPage).toMatch(/id="slug-fi"[^>]*aria-invalid="true"/)

    const long = await send({ 'title.fi': 'Otsikko '.repeat(40) })
    expect(long.status).toBe(422)
    const longPage = await long.text()
    expect(longPage).toContain(TOO_LONG)
    expect(longPage).not.toContain('Write a title.')
    expect(longPage).not.toContain(TAKEN)
    expect(longPage).not.toContain(MALFORMED)
    expect(longPage).toMatch(/id="title-fi"[^>]*aria-invalid="true"/)
  })

  it('renders a preview from unsaved text, sanitising the Markdown', async () => {
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Esikatseltava' } },
    })
    const form = releaseForm(editor.csrf, {
      'title.fi': 'Muutettu otsikko',
      'body.fi': 'Teksti <script>alert(1)</script> ja [linkki](javascript:alert(1))',
      preview_lang: 'fi',
    })
    const fragment = await editor.post(`/admin/releases/${release.id}/preview`, form, {
      'x-preview': 'document',
    })
    expect(fragment.status).toBe(200)
    const doc = await fragment.text()
    expect(doc.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(doc).toContain('<h1 id="release-title">Muutettu otsikko</h1>')
    expect(doc).not.toContain('<script>alert')
    expect(doc).not.toContain('href="javascript:')

    const page = await editor.post(`/admin/releases/${release.id}/preview`, form)
    const html = await page.text()
    expect(html).toContain('Preview – not published.')
    expect(html).toMatch(/<iframe[^>]*srcdoc="[^"]*Muutettu otsikko/)
    // Nothing was saved.
    expect((await getRelease(h.content, SYSTEM, release.id)).versions.fi!.title).toBe(
      'Esikatseltava',
    )
  })

  it('schedules in the newsroom’s time zone after a confirmation that counts subscribers', async () => {
    const created = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf, {
        'title.fi': 'Ajastettava tiedote',
        'title.sv': 'Schemalagt meddelande',
        action: 'schedule',
        schedule_date: '2026-03-30',
        schedule_time: '09:00',
      }),
      newsroom: String(h.newsroomId),
    })
    expect(created.status).toBe(303)
    const confirmUrl = created.headers.get('location')!
    // 30.3.2026 09:00 EEST (after the change to summer time) is 06:00 UTC.
    expect(confirmUrl).toMatch(/\/publish\?at=2026-03-30T06%3A00%3A00.000Z$/)
    const id = Number(/releases\/(\d+)/.exec(confirmUrl)![1])

    const confirm = await (await editor.get(confirmUrl)).text()
    expect(confirm).toContain('30.3.2026 09:00 EEST')
    expect(confirm).toContain('The email goes to 2 confirmed subscribers.')
    expect((await getRelease(h.content, SYSTEM, id)).status).toBe('draft')

    const done = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      at: hiddenField(confirm, 'at'),
    })
    expect(done.status).toBe(303)
    const view = await getRelease(h.content, SYSTEM, id)
    expect(view.status).toBe('scheduled')
    expect(view.publishAt).toBe('2026-03-30T06:00:00.000Z')
    const editorPage = await (await editor.get(done.headers.get('location')!)).text()
    expect(editorPage).toContain('The release is scheduled: 30.3.2026 09:00 EEST.')
    expect(await (await editor.get('/admin/scheduled')).text()).toContain('Ajastettava tiedote')

    const unscheduled = await editor.post(`/admin/releases/${id}/unschedule`, {
      _csrf: editor.csrf,
    })
    expect(unscheduled.status).toBe(303)
    expect((await getRelease(h.content, SYSTEM, id)).status).toBe('draft')
  })

  it('refuses a time that does not exist when the clocks go forward, or one in the past', async () => {
    const gap = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf, {
        action: 'schedule',
        schedule_date: '2026-03-29',
        schedule_time: '03:30',
      }),
      newsroom: String(h.newsroomId),
    })
    expect(gap.status).toBe(422)
    expect(await gap.text()).toContain('That time does not exist on that day in Europe/Helsinki')

    const past = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf, {
        action: 'schedule',
        schedule_date: '2026-01-09',
        schedule_time: '12:00',
      }),
      newsroom: String(h.newsroomId),
    })
    expect(past.status).toBe(422)
    expect(await past.text()).toContain('That time has passed.')
  })

  it('publishes now after the confirmation and opens the delivery dashboard', async () => {
    const created = await editor.post('/admin/releases', {
      ...releaseForm(editor.csrf, { 'title.fi': 'Heti julki', action: 'publish' }),
      newsroom: String(h.newsroomId),
    })
    const confirmUrl = created.headers.get('location')!
    expect(confirmUrl).toMatch(/\/admin\/releases\/\d+\/publish$/)
    const confirm = await (await editor.get(confirmUrl)).text()
    expect(confirm).toContain('The release is published as soon as you confirm.')
    expect(confirm).toContain('The email goes to 2 confirmed subscribers.')
    const id = Number(/releases\/(\d+)/.exec(confirmUrl)![1])

    const done = await editor.post(`/admin/releases/${id}/publish`, { _csrf: editor.csrf })
    expect(done.headers.get('location')).toBe(`/admin/releases/${id}/delivery?ok=publishedNow`)
    expect((await getRelease(h.content, SYSTEM, id)).status).toBe('published')
    const dashboard = await (await editor.get(done.headers.get('location')!)).text()
    expect(dashboard).toContain('The release has been published.')
    expect(dashboard).toContain('Delivery progress')

    const json = (await (await editor.get(`/admin/releases/${id}/delivery.json`)).json()) as {
      audience: number
      done: boolean
    }
    expect(json).toMatchObject({ done: false })

    // Editing after publication keeps the address and adds a dated correction.
    const edit = await editor.post(`/admin/releases/${id}`, {
      ...releaseForm(editor.csrf, { 'title.fi': 'Heti julki (päivitetty)' }),
    })
    expect(edit.status).toBe(303)
    const view = await getRelease(h.content, SYSTEM, id)
    expect(view.versions.fi!.title).toBe('Heti julki (päivitetty)')
    expect(view.versions.fi!.slug).toBe('heti-julki')
    const correction = await editor.post(`/admin/releases/${id}/corrections`, {
      _csrf: editor.csrf,
      'note.fi': 'Otsikkoa tarkennettu.',
    })
    expect(correction.status).toBe(303)
    const page = await (await editor.get(correction.headers.get('location')!)).text()
    expect(page).toContain('Correction added.')
    expect(page).toContain('Otsikkoa tarkennettu.')

    // A correction that emails subscribers asks first, with the recipient count; nothing is
    // written until the confirmation is posted.
    const ask = await editor.post(`/admin/releases/${id}/corrections`, {
      _csrf: editor.csrf,
      'note.fi': 'Päivämäärä korjattu <b>14.3.</b>',
      notify: '1',
    })
    expect(ask.status).toBe(200)
    const askPage = await ask.text()
    expect(askPage).toContain('Confirm the correction and its notice')
    expect(askPage).toContain('The email goes to 2 confirmed subscribers.')
    expect(askPage).toContain('Päivämäärä korjattu &lt;b&gt;14.3.&lt;/b&gt;')
    expect((await getRelease(h.content, SYSTEM, id)).corrections).toHaveLength(1)
    const sent = await editor.post(`/admin/releases/${id}/corrections`, {
      _csrf: editor.csrf,
      'note.fi': 'Päivämäärä korjattu <b>14.3.</b>',
      notify: '1',
      confirm: '1',
    })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe(
      `/admin/releases/${id}?ok=correctionAdded#corrections-h`,
    )
    const corrected = await getRelease(h.content, SYSTEM, id)
    expect(corrected.corrections).toHaveLength(2)
    // Without the CSRF token the confirmation is refused and nothing is written.
    const forged = await editor.post(`/admin/releases/${id}/corrections`, {
      'note.fi': 'Väärennös',
      notify: '1',
      confirm: '1',
    })
    expect(forged.status).toBe(403)
    expect((await getRelease(h.content, SYSTEM, id)).corrections).toHaveLength(2)

    const withdraw = await editor.post(`/admin/releases/${id}/withdraw`, {
      _csrf: editor.csrf,
      reason: 'Virheellinen tieto',
    })
    expect(withdraw.status).toBe(303)
    expect((await getRelease(h.content, SYSTEM, id)).status).toBe('withdrawn')
  })

  it('lets a contributor draft but never publish, schedule, withdraw or edit a published release', async () => {
    const page = await (await contributor.get('/admin/releases/new')).text()
    expect(page).toContain('Som medarbetare kan du skriva och spara utkast.')
    expect(page).not.toContain('value="publish"')

    const draft = await contributor.post('/admin/releases', {
      ...releaseForm(contributor.csrf, { 'title.fi': 'Avustajan luonnos' }),
      newsroom: String(h.newsroomId),
    })
    expect(draft.status).toBe(303)
    const id = Number(/releases\/(\d+)/.exec(draft.headers.get('location')!)![1])

    const tryPublish = await contributor.post(`/admin/releases/${id}`, {
      ...releaseForm(contributor.csrf, { action: 'publish' }),
    })
    expect(tryPublish.status).toBe(403)
    expect(await tryPublish.text()).toContain('Du har inte behörighet')
    expect((await contributor.get(`/admin/releases/${id}/publish`)).status).toBe(403)
    expect(
      (await contributor.post(`/admin/releases/${id}/publish`, { _csrf: contributor.csrf })).status,
    ).toBe(403)
    const schedule = await contributor.post(`/admin/releases/${id}/publish`, {
      _csrf: contributor.csrf,
      at: '2026-02-01T10:00:00.000Z',
    })
    expect(schedule.status).toBe(403)
    expect((await getRelease(h.content, SYSTEM, id)).status).toBe('draft')

    const published = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Julkaistu' } },
    })
    await publishRelease(h.content, SYSTEM, published.id)
    const editPublished = await contributor.post(`/admin/releases/${published.id}`, {
      ...releaseForm(contributor.csrf, { 'title.fi': 'Kaapattu' }),
    })
    expect(editPublished.status).toBe(403)
    expect(
      (
        await contributor.post(`/admin/releases/${published.id}/withdraw`, {
          _csrf: contributor.csrf,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await contributor.post(`/admin/releases/${published.id}/cancel-sending`, {
          _csrf: contributor.csrf,
        })
      ).status,
    ).toBe(403)
    expect((await getRelease(h.content, SYSTEM, published.id)).versions.fi!.title).toBe('Julkaistu')
  })

  it('refuses every release form without the CSRF token', async () => {
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Suojattu' } },
    })
    const form = releaseForm('', { 'title.fi': 'Muutettu ilman tarkistetta' })
    delete (form as Record<string, unknown>)._csrf
    for (const path of [
      `/admin/releases/${release.id}`,
      `/admin/releases/${release.id}/publish`,
      `/admin/releases/${release.id}/delete`,
      '/admin/releases',
    ]) {
      const res = await editor.post(path, { ...form, newsroom: String(h.newsroomId) })
      expect(res.status, path).toBe(403)
    }
    const wrong = await editor.post(`/admin/releases/${release.id}`, { ...form, _csrf: 'forged' })
    expect(wrong.status).toBe(403)
    expect((await getRelease(h.content, SYSTEM, release.id)).versions.fi!.title).toBe('Suojattu')
    expect((await getRelease(h.content, SYSTEM, release.id)).status).toBe('draft')
  })

  it('uploads an image with alt text, serves it to staff and refuses markup', async () => {
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Kuvallinen' }, sv: { title: 'Med bild' } },
    })
    const res = await upload(h, editor, release.id, PNG, 'asema.png', {
      'alt.fi': 'Terveysaseman julkisivu',
      'alt.sv': 'Hälsostationens fasad',
      'caption.fi': 'Uusi asema',
      credit: 'Kuva: Kaupunki',
    })
    expect(res.status).toBe(303)
    const view = await getRelease(h.content, SYSTEM, release.id)
    expect(view.attachments).toMatchObject([
      { kind: 'image', alt: { fi: 'Terveysaseman julkisivu', sv: 'Hälsostationens fasad' } },
    ])
    const page = await (await editor.get(`/admin/releases/${release.id}?ok=uploaded`)).text()
    expect(page).toContain('File added.')
    expect(page).toContain('alt="Terveysaseman julkisivu"')
    const file = await editor.get(
      `/admin/releases/${release.id}/attachments/${view.attachments[0].id}/file`,
    )
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')

    const svg = await upload(
      h,
      editor,
      release.id,
      Buffer.from('<svg onload="x()"></svg>'),
      'x.svg',
    )
    expect(svg.status).toBe(422)
    expect(await svg.text()).toContain('This file type is not accepted.')

    const removed = await editor.post(
      `/admin/releases/${release.id}/attachments/${view.attachments[0].id}/remove`,
      { _csrf: editor.csrf },
    )
    expect(removed.status).toBe(303)
    expect((await getRelease(h.content, SYSTEM, release.id)).attachments).toEqual([])
  })

  it("answers the editor's script in JSON: a new release becomes a draft, its files change in place", async () => {
    const json = { accept: 'application/json' }
    // Nothing typed: refused in the staff member's language, nothing written.
    const before = (await h.deps.database.db.selectFrom('releases').select('id').execute()).length
    const refused = await editor.post(
      '/admin/releases',
      { _csrf: editor.csrf, newsroom: String(h.newsroomId), action: 'save' },
      json,
    )
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({
      message:
        'First write a title in at least one language: the release is saved as a draft before files are added.',
    })
    expect((await h.deps.database.db.selectFrom('releases').select('id').execute()).length).toBe(
      before,
    )

    const created = await editor.post(
      '/admin/releases',
      { _csrf: editor.csrf, newsroom: String(h.newsroomId), action: 'save', 'title.fi': 'Luonnos' },
      json,
    )
    expect(created.status).toBe(201)
    const { id, path } = (await created.json()) as { id: number; path: string }
    expect(path).toBe(`/admin/releases/${id}`)
    expect((await getRelease(h.content, SYSTEM, id)).status).toBe('draft')

    const form = new FormData()
    form.set('_csrf', editor.csrf)
    form.set('file', new File([new Uint8Array(PNG)], 'kuva.png'))
    const uploaded = await h.app.request(`http://tiedote.test${path}/attachments`, {
      method: 'POST',
      body: form,
      headers: {
        accept: 'application/json',
        cookie: [...editor.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        origin: 'http://tiedote.test',
      },
    })
    expect(uploaded.status).toBe(201)
    const list = (await uploaded.json()) as { html: string; message: string }
    expect(list.message).toBe('File added.')
    expect(list.html).toContain('kuva.png')
    expect(list.html).not.toContain('<html')
    const [attachment] = (await getRelease(h.content, SYSTEM, id)).attachments

    const described = await editor.post(
      `${path}/attachments/${attachment.id}`,
      { _csrf: editor.csrf, 'alt.fi': 'Kuvaus <b>', 'caption.fi': '', credit: 'Kuvaaja' },
      json,
    )
    expect(described.status).toBe(200)
    expect(((await described.json()) as { html: string }).html).toContain('alt="Kuvaus &lt;b&gt;"')
    expect((await getRelease(h.content, SYSTEM, id)).attachments).toMatchObject([
      { alt: { fi: 'Kuvaus <b>' }, caption: {}, credit: 'Kuvaaja' },
    ])
    const tooLong = await editor.post(
      `${path}/attachments/${attachment.id}`,
      { _csrf: editor.csrf, credit: 'x'.repeat(201) },
      json,
    )
    expect(tooLong.status).toBe(422)
    expect((await getRelease(h.content, SYSTEM, id)).attachments[0].credit).toBe('Kuvaaja')

    // Removing without script goes through a confirmation page first.
    const confirm = await editor.get(`${path}/attachments/${attachment.id}/remove`)
    expect(await confirm.text()).toContain('Remove the file kuva.png from the release?')
    const removed = await editor.post(
      `${path}/attachments/${attachment.id}/remove`,
      { _csrf: editor.csrf },
      json,
    )
    expect(removed.status).toBe(200)
    expect(await removed.json()).toMatchObject({ message: 'Attachment removed.' })
    expect((await getRelease(h.content, SYSTEM, id)).attachments).toEqual([])
    expect((await editor.get(`${path}/attachments/${attachment.id}/remove`)).status).toBe(404)
  })

  it('deletes a draft after a confirmation step', async () => {
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Poistettava' } },
    })
    const confirm = await editor.get(`/admin/releases/${release.id}/delete`)
    expect(await confirm.text()).toContain('The draft and its attachments are deleted for good.')
    const res = await editor.post(`/admin/releases/${release.id}/delete`, { _csrf: editor.csrf })
    expect(res.headers.get('location')).toBe('/admin/releases?ok=deleted')
    expect((await editor.get(`/admin/releases/${release.id}`)).status).toBe(404)
  })
})
