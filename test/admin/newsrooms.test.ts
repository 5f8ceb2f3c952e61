import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelease } from '../../src/core/release/releases.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { getNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { DB_KINDS } from '../helpers/env.js'
import { SYSTEM } from '../helpers/actors.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

describe.each(DB_KINDS)('newsrooms, release list and dashboard (%s)', (kind) => {
  let h: AdminHarness
  let admin: Session
  let editor: Session

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    admin = await h.signIn('admin')
    editor = await h.signIn('editor', { locale: 'fi' })
  })
  afterAll(() => h.close())

  it('lets an administrator create and edit a newsroom, in the administrator’s language', async () => {
    const form = await admin.get('/admin/newsrooms/new')
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Publishing languages')

    const created = await admin.post('/admin/newsrooms', {
      _csrf: admin.csrf,
      slug: 'raasepori',
      languages: ['fi', 'sv'],
      default_lang: 'sv',
      timezone: 'Europe/Helsinki',
      'name.fi': 'Raaseporin kaupunki',
      'name.sv': 'Raseborgs stad',
      'boilerplate.sv': 'Raseborg är en tvåspråkig stad.',
      'name.en': 'ignored: English is not offered',
      social_label: ['LinkedIn', ''],
      social_url: ['https://www.linkedin.com/company/raseborg', ''],
    })
    expect(created.status).toBe(303)
    expect(created.headers.get('location')).toBe('/admin/newsrooms?ok=newsroomCreated')
    const list = await (await admin.get('/admin/newsrooms?ok=newsroomCreated')).text()
    expect(list).toContain('Newsroom created.')
    expect(list).toContain('raasepori')

    const newsroom = await getNewsroom(h.deps.repos, 'raasepori')
    expect(newsroom.languages).toEqual(['sv', 'fi'])
    expect(newsroom.name).toEqual({ fi: 'Raaseporin kaupunki', sv: 'Raseborgs stad' })
    expect(newsroom.socialLinks).toEqual([
      { label: 'LinkedIn', url: 'https://www.linkedin.com/company/raseborg' },
    ])

    const edit = await admin.post(`/admin/newsrooms/${newsroom.id}`, {
      _csrf: admin.csrf,
      slug: 'raasepori',
      languages: ['fi', 'sv', 'en'],
      default_lang: 'fi',
      timezone: 'Europe/Stockholm',
      'name.fi': 'Raaseporin kaupunki',
      'name.sv': 'Raseborgs stad',
      'name.en': 'City of Raseborg',
    })
    expect(edit.status).toBe(303)
    const after = await getNewsroom(h.deps.repos, newsroom.id)
    expect(after.languages).toEqual(['fi', 'sv', 'en'])
    expect(after.timezone).toBe('Europe/Stockholm')
    expect(after.name.en).toBe('City of Raseborg')
  })

  it('shows what to fix when the newsroom form is wrong, keeping what was typed', async () => {
    const res = await admin.post('/admin/newsrooms', {
      _csrf: admin.csrf,
      slug: 'Bad Slug!',
      languages: ['fi'],
      default_lang: 'fi',
      timezone: 'Mars/Olympus',
      'name.fi': '',
      'boilerplate.fi': 'Kept text',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Fix the marked fields.')
    expect(html).toContain('Lower-case letters a–z')
    expect(html).toContain('In IANA form')
    expect(html).toContain('Kept text')
    expect(html).toMatch(/id="nr-name-fi"[^>]*aria-invalid="true"/)

    const taken = await admin.post('/admin/newsrooms', {
      _csrf: admin.csrf,
      slug: 'lansi-uusimaa',
      languages: ['fi'],
      default_lang: 'fi',
      timezone: 'Europe/Helsinki',
      'name.fi': 'Toinen',
    })
    expect(taken.status).toBe(409)
    expect(await taken.text()).toContain('Another newsroom already uses this address name.')
  })

  it('tells a taken address name from an invalid or reserved one, in the staff member’s language', async () => {
    const swedish = await h.signIn('admin', { locale: 'sv' })
    const post = (slug: string) =>
      swedish.post('/admin/newsrooms', {
        _csrf: swedish.csrf,
        slug,
        languages: ['fi'],
        default_lang: 'fi',
        timezone: 'Europe/Helsinki',
        'name.fi': 'Toinen uutishuone',
      })
    // The message under the address-name field (the hint above it is always there).
    const slugError = async (response: Response) =>
      /<p class="field-error" id="nr-slug-error">([^<]*)<\/p>/.exec(await response.text())?.[1]

    const taken = await post('lansi-uusimaa')
    expect(taken.status).toBe(409)
    expect(await slugError(taken)).toBe('Kortnamnet används redan av ett annat nyhetsrum.')

    const invalid = await post('Huono Osoite')
    expect(invalid.status).toBe(422)
    expect(await slugError(invalid)).toBe(
      'Små bokstäver a–z, siffror och bindestreck, t.ex. stadens-nyheter.',
    )

    const reserved = await post('admin')
    expect(reserved.status).toBe(422)
    expect(await slugError(reserved)).toBe('Kortnamnet är reserverat; välj ett annat.')
  })

  it('keeps editors out of newsroom management and refuses forms without the CSRF token', async () => {
    expect((await editor.get('/admin/newsrooms')).status).toBe(403)
    expect((await editor.get(`/admin/newsrooms/${h.newsroomId}`)).status).toBe(403)
    const post = await editor.post(`/admin/newsrooms/${h.newsroomId}`, {
      _csrf: editor.csrf,
      slug: 'hijack',
      languages: ['fi'],
      default_lang: 'fi',
    })
    expect(post.status).toBe(403)
    expect(await post.text()).toContain('Sinulla ei ole oikeutta')

    const noToken = await admin.post(`/admin/newsrooms/${h.newsroomId}`, {
      slug: 'hijack',
      languages: ['fi'],
      default_lang: 'fi',
      timezone: 'Europe/Helsinki',
      'name.fi': 'X',
    })
    expect(noToken.status).toBe(403)
    expect((await getNewsroom(h.deps.repos, h.newsroomId)).slug).toBe('lansi-uusimaa')
  })

  it('lists releases with a status filter and shows scheduled ones with a countdown', async () => {
    const draft = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Luonnos ilman ruotsia' } },
    })
    const scheduled = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: { fi: { title: 'Ajastettu tiedote' }, sv: { title: 'Schemalagt meddelande' } },
    })
    await publishRelease(h.content, SYSTEM, scheduled.id, {
      at: new Date('2026-01-10T12:15:00Z'),
    })

    const all = await (await editor.get('/admin/releases')).text()
    expect(all).toContain('Luonnos ilman ruotsia')
    expect(all).toContain('Ajastettu tiedote')
    expect(all).toContain('Kieliversio puuttuu: ruotsi')

    const drafts = await (await editor.get('/admin/releases?status=draft')).text()
    expect(drafts).toContain('Luonnos ilman ruotsia')
    expect(drafts).not.toContain('Ajastettu tiedote')

    const home = await (await editor.get('/admin')).text()
    expect(home).toContain('Ajastetut tiedotteet')
    expect(home).toContain('10.1.2026 14:15 EET')
    expect(home).toContain('2 t 15 min kuluttua')

    const overview = await (await editor.get('/admin/scheduled')).text()
    expect(overview).toContain(`/admin/releases/${scheduled.id}`)
    expect(overview).not.toContain(`/admin/releases/${draft.id}"`)
  })

  it('shows an editor only the releases of their own newsrooms', async () => {
    const other = await h.signIn('editor', { newsroomIds: [] })
    const html = await (await other.get('/admin/releases')).text()
    expect(html).not.toContain('Ajastettu tiedote')
    expect(html).toContain('No releases yet.')
  })
})
