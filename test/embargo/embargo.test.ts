/**
 * Media lists and embargoes end to end, on SQLite and PostgreSQL with real Redis, workers and an
 * SMTP sink: three journalists get distinct personal links under embargo, each link shows the
 * release privately and counts its opens, nothing is public before the time, and at the time
 * the release publishes, subscribers get it and the links lead to the public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedPath } from '../../src/feeds/urls.js'
import { DB_KINDS } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, startApiHarness, uploadForm } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { staffSignIn } from '../helpers/actors.js'

const consent = { source: 'test', text: 'Tilaan tiedotteet', at: '2026-01-01T00:00:00Z' }
const JOURNALISTS = [
  {
    email: 'aino@lehti.example.fi',
    name: 'Aino Toimittaja',
    outlet: 'Länsi-Lehti',
    language: 'fi',
  },
  { email: 'Bo@Tidning.example.fi', name: 'Bo Redaktör', outlet: 'Västra Nyland', language: 'sv' },
  {
    email: 'cara@news.example.com',
    name: 'Cara Reporter',
    outlet: 'Helsinki Times',
    language: 'en',
  },
]

const linkOf = (mail: ReceivedMail) => {
  const match = /\/embargo\/([A-Za-z0-9_-]{43})/.exec(String(mail.parsed.text))
  if (!match) throw new Error(`no personal link in ${mail.parsed.subject}`)
  return `/embargo/${match[1]}`
}

describe.each(DB_KINDS)('media lists and embargo (%s)', (kind) => {
  let h: ApiHarness
  let smtp: TestSmtpServer
  let n = 0

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startApiHarness(kind, { smtp, workers: true })
    await h.api('POST', '/newsrooms', newsroomInput())
    await h.api('POST', '/newsrooms', newsroomInput('naapuri'))
  })
  afterAll(async () => {
    await h?.close()
  })

  async function listWith(name: string, people: typeof JOURNALISTS, newsroom = 'kaupunki') {
    const list = await h.api('POST', `/newsrooms/${newsroom}/media-lists`, { name })
    expect(list.status).toBe(201)
    for (const person of people)
      expect((await h.api('POST', `/media-lists/${list.body.id}/contacts`, person)).status).toBe(
        201,
      )
    return list.body.id as number
  }

  async function draft() {
    const res = await h.api('POST', '/releases', releaseInput('kaupunki', ` ${++n}`))
    expect(res.status).toBe(201)
    return res.body
  }

  /** Every table an embargo writes to, counted; and the release's status. */
  async function footprint(releaseId: number) {
    const db = h.deps.database.db
    const count = async (table: 'embargoes' | 'embargo_recipients' | 'outbox' | 'media_contacts') =>
      Number(
        (await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      )
    return {
      embargoes: await count('embargoes'),
      recipients: await count('embargo_recipients'),
      outbox: await count('outbox'),
      contacts: await count('media_contacts'),
      status: (await h.api('GET', `/releases/${releaseId}`)).body.status,
    }
  }

  it('three journalists get distinct personal links; nothing is public before the time; then it is', async () => {
    await h.api('POST', '/subscribers', {
      email: 'tilaaja@example.fi',
      languages: ['fi'],
      newsrooms: ['kaupunki'],
      status: 'confirmed',
      consent,
    })
    const listId = await listWith('Maakuntalehdet', JOURNALISTS)
    const lists = await h.api('GET', '/newsrooms/kaupunki/media-lists', undefined, 'contributor')
    expect(lists.body.items).toEqual([
      expect.objectContaining({ id: listId, name: 'Maakuntalehdet', contacts: 3 }),
    ])
    const release = await draft()
    const image = await h.api(
      'POST',
      `/releases/${release.id}/attachments`,
      uploadForm(PNG_BYTES, 'salainen.png', { 'alt.fi': 'Kuva' }),
    )
    expect(image.status).toBe(201)

    const until = new Date(h.clock.now().getTime() + 20_000)
    const sent = await h.api('POST', `/releases/${release.id}/embargo`, {
      until: until.toISOString(),
      mediaLists: [listId],
      note: 'Tiedotustilaisuus klo 10.',
    })
    expect(sent.status).toBe(201)
    expect(sent.body.until).toBe(until.toISOString())
    expect(sent.body.recipients.map((r: { email: string }) => r.email).sort()).toEqual([
      'Bo@tidning.example.fi',
      'aino@lehti.example.fi',
      'cara@news.example.com',
    ])
    expect((await h.api('GET', `/releases/${release.id}`)).body.status).toBe('scheduled')

    const mails = await smtp.waitFor(3)
    const byTo = new Map(mails.map((m) => [m.to[0].toLowerCase(), m]))
    const fi = byTo.get('aino@lehti.example.fi')!
    const sv = byTo.get('bo@tidning.example.fi')!
    const en = byTo.get('cara@news.example.com')!
    expect(fi.parsed.subject).toMatch(
      /^EMBARGO \d+\.\d+\.\d{4} \d+[.:]\d+ EE[SD]?T asti: Kävelykatu/,
    )
    expect(sv.parsed.subject).toMatch(/^EMBARGO till .+: Gågatan/)
    // The release has no English version: the newsroom's first language.
    expect(en.parsed.subject).toMatch(/^EMBARGO .+ asti: Kävelykatu/)
    expect(fi.parsed.text).toContain('Kaupunginhallitus päätti')
    expect(fi.parsed.text).toContain('Tiedotustilaisuus klo 10.')
    expect(fi.parsed.text).not.toContain('/unsubscribe/')
    const links = [fi, sv, en].map(linkOf)
    expect(new Set(links).size).toBe(3)
    // The release's files are linked through the personal link, never the public /files/ route.
    expect(String(fi.parsed.html)).not.toMatch(/tiedote\.test\/files\//)

    // One link opened: the banner and private headers; the status shows exactly that one open.
    const page = await h.get(links[0])
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    expect(page.headers.get('x-robots-tag')).toBe('noindex')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await page.text()
    expect(html).toContain('EMBARGO')
    expect(html).toContain(release.versions.fi.title)
    expect(html).not.toContain('rel="canonical"')
    const status = await eventually(async () => {
      const res = await h.api('GET', `/releases/${release.id}/embargo`, undefined, 'contributor')
      return res.body.recipients.every((r: { sentAt: string | null }) => r.sentAt) ? res : undefined
    })
    const opened = status.body.recipients.filter((r: { opens: number }) => r.opens > 0)
    expect(opened).toEqual([
      expect.objectContaining({
        email: 'aino@lehti.example.fi',
        opens: 1,
        openedAt: expect.any(String),
      }),
    ])

    // Its image through the personal link only.
    const filePath = image.body.path as string
    expect((await h.get(filePath)).status).toBe(404)
    const personalFile = await h.get(`${links[0]}${filePath}`)
    expect(personalFile.status).toBe(200)
    expect(personalFile.headers.get('cache-control')).toBe('private, no-store')

    // A tampered or unknown token: 404, nothing recorded.
    const tampered = links[1].slice(0, -1) + (links[1].endsWith('A') ? 'B' : 'A')
    expect((await h.get(tampered)).status).toBe(404)
    expect((await h.get(`${tampered}${filePath}`)).status).toBe(404)
    expect((await h.get('/embargo/nonsense')).status).toBe(404)
    const after = await h.api('GET', `/releases/${release.id}/embargo`)
    expect(after.body.recipients.reduce((s: number, r: { opens: number }) => s + r.opens, 0)).toBe(
      1,
    )

    // No public route has it before its time.
    const title = release.versions.fi.title as string
    for (const path of [
      '/fi/',
      '/fi/kaupunki',
      '/sv/kaupunki',
      release.versions.fi.path,
      release.versions.sv.path,
      feedPath('rss', { newsroom: 'kaupunki', lang: 'fi' }),
      feedPath('json', { newsroom: 'kaupunki', lang: 'fi' }),
      '/sitemap.xml',
      `/fi/search?q=${encodeURIComponent('Kävelykatu')}`,
    ]) {
      const res = await h.get(path)
      const body = await res.text()
      expect(body.includes(title) || body.includes(release.versions.fi.path), path).toBe(false)
    }

    // The time comes: the scheduled publish job runs, the release is public, subscribers get it.
    h.clock.advance(20_000)
    for (const job of await h.deps.queues.publish.getDelayed())
      if (job.data.releaseId === release.id) await job.promote()
    await eventually(async () => (await h.get(release.versions.fi.path)).status === 200, {
      what: 'the release to be public',
    })
    const all = await smtp.waitFor(4)
    expect(all.filter((m) => m.to.includes('tilaaja@example.fi'))).toHaveLength(1)
    const redirect = await h.get(links[1])
    expect(redirect.status).toBe(308)
    expect(redirect.headers.get('location')).toBe(release.versions.sv.path)
    expect(redirect.headers.get('cache-control')).toBe('private, no-store')
  })

  it('revoking one recipient kills their link only; moving earlier needs confirmation', async () => {
    const listId = await listWith('Radio', [JOURNALISTS[0]])
    const release = await draft()
    const until = new Date(h.clock.now().getTime() + 3600_000)
    const sent = await h.api('POST', `/releases/${release.id}/embargo`, {
      until: until.toISOString(),
      mediaLists: [listId],
      contacts: ['yksittainen@example.fi'],
    })
    expect(sent.status).toBe(201)
    expect(sent.body.recipients).toHaveLength(2)
    const mails = await eventually(async () => {
      const mine = smtp.messages.filter((m) =>
        m.parsed.subject?.includes(release.versions.fi.title),
      )
      return mine.length === 2 ? mine : undefined
    })
    const [first, second] = mails.map(linkOf)
    const revoked = await h.api('POST', `/releases/${release.id}/embargo/revoke`, {
      email: mails[0].to[0],
    })
    expect(revoked.status).toBe(200)
    expect((await h.get(first)).status).toBe(404)
    expect((await h.get(second)).status).toBe(200)

    const earlier = new Date(until.getTime() - 600_000).toISOString()
    const refused = await h.api('PATCH', `/releases/${release.id}/embargo`, { until: earlier })
    expect(refused.status).toBe(409)
    const moved = await h.api('PATCH', `/releases/${release.id}/embargo`, {
      until: earlier,
      confirmEarlier: true,
    })
    expect(moved.status).toBe(200)
    expect(moved.body.until).toBe(earlier)
    expect((await h.api('GET', `/releases/${release.id}`)).body.publishAt).toBe(earlier)

    expect((await h.api('POST', `/releases/${release.id}/embargo/revoke`, {})).status).toBe(200)
    expect((await h.get(second)).status).toBe(404)
  })

  it('bad input gets a clear 4xx and writes nothing', async () => {
    const release = await draft()
    const listId = await listWith('Aikakauslehdet', [JOURNALISTS[2]])
    const otherList = await listWith('Naapurin lista', [JOURNALISTS[1]], 'naapuri')
    const before = await footprint(release.id)
    const future = new Date(h.clock.now().getTime() + 3600_000).toISOString()
    const cases: [object, number, string][] = [
      [
        { until: new Date(h.clock.now().getTime() - 60_000).toISOString(), mediaLists: [listId] },
        422,
        'until',
      ],
      [{ until: 'huomenna', mediaLists: [listId] }, 422, 'until'],
      [{ until: future, mediaLists: [999_999] }, 422, 'mediaLists.0'],
      [{ until: future, mediaLists: [otherList] }, 422, 'mediaLists.0'],
      [{ until: future, mediaLists: [listId], contacts: ['ei osoite', 'a@b'] }, 422, 'contacts.0'],
      [{ until: future }, 422, 'mediaLists'],
    ]
    for (const [body, status, field] of cases) {
      const res = await h.api('POST', `/releases/${release.id}/embargo`, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty([field])
    }
    const badContact = await h.api('POST', `/media-lists/${listId}/contacts`, { email: 'x@@y' })
    expect(badContact.status).toBe(422)
    expect(
      (await h.api('POST', '/newsrooms/kaupunki/media-lists', { name: 'Aikakauslehdet' })).status,
    ).toBe(409)

    const big = `email,name\n${Array.from({ length: 100_000 }, (_, i) => `t${i}@example.fi,T ${i}`).join('\n')}\n`
    const tooMany = await h.api('POST', `/media-lists/${listId}/import`, big)
    expect(tooMany.status).toBe(413)
    const malformed = await h.api(
      'POST',
      `/media-lists/${listId}/import`,
      'email,name,language\nhyva@example.fi,Hyvä,fi\nhuono@,Huono,fi\nkolmas@example.fi,Kolmas,de\n',
    )
    expect(malformed.status).toBe(422)
    expect(malformed.body.report.errors.map((e: { line: number }) => e.line)).toEqual([3, 4])
    expect(await footprint(release.id)).toEqual(before)

    const ok = await h.api(
      'POST',
      `/media-lists/${listId}/import`,
      'email,name,outlet,language\nUusi@Example.fi,Uusi Toimittaja,Lehti,sv\n',
    )
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ rows: 1, added: 1, imported: true })
    const list = await h.api('GET', `/media-lists/${listId}`)
    expect(list.body.members.map((m: { email: string }) => m.email)).toContain('Uusi@example.fi')
  })

  it('staff pages: a list, a journalist, and the embargo dialog with its recipient count', async () => {
    const newsroom = (await h.api('GET', '/newsrooms/kaupunki')).body
    const editor = await staffSignIn(h.app, h.deps, { newsroomIds: [newsroom.id] })('editor')
    const created = await editor.post(`/admin/media-lists?newsroom=${newsroom.id}`, {
      _csrf: editor.csrf,
      name: 'Toimitukset',
    })
    expect(created.status).toBe(303)
    const lists = (await h.api('GET', '/newsrooms/kaupunki/media-lists')).body.items
    const list = lists.find((l: { name: string }) => l.name === 'Toimitukset')
    const added = await editor.post(`/admin/media-lists/${list.id}/contacts`, {
      _csrf: editor.csrf,
      email: 'desk@paper.example.com',
      name: 'News Desk',
      outlet: 'Paper',
      language: 'fi',
    })
    expect(added.status).toBe(303)
    const badAddress = await editor.post(`/admin/media-lists/${list.id}/contacts`, {
      _csrf: editor.csrf,
      email: 'not an address',
    })
    expect(badAddress.status).toBe(422)
    expect(await (await editor.get(`/admin/media-lists/${list.id}`)).text()).toContain(
      'desk@paper.example.com',
    )

    const release = await draft()
    const form = {
      _csrf: editor.csrf,
      date: new Date(h.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10),
      time: '09:00',
      lists: String(list.id),
      contacts: '',
      note: '',
    }
    const review = await editor.post(`/admin/releases/${release.id}/embargo`, {
      ...form,
      step: 'review',
    })
    expect(review.status).toBe(200)
    expect(await review.text()).toContain('The release goes now to 1 recipient')
    expect((await h.api('GET', `/releases/${release.id}`)).body.status).toBe('draft')
    const sent = await editor.post(`/admin/releases/${release.id}/embargo`, {
      ...form,
      step: 'send',
    })
    expect(sent.status).toBe(303)
    const status = await editor.get(`/admin/releases/${release.id}/embargo`)
    expect(await status.text()).toContain('desk@paper.example.com')
    expect((await h.api('GET', `/releases/${release.id}`)).body.status).toBe('scheduled')
  })
})
