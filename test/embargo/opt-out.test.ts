/**
 * Journalists can opt out: the release a media list gets at publication and an embargo email
 * both carry the journalist's own opt-out link (footer and RFC 8058 List-Unsubscribe); the link
 * confirms in their language, one click from the mail provider does it, and afterwards later
 * distributions and embargoes skip them until an editor explicitly resumes sending. Also the
 * staff page's "move the end of the embargo" (earlier than announced takes a second step).
 * On SQLite and PostgreSQL with real Redis, workers and an SMTP sink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/env.js'
import { newsroomInput, releaseInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { ORIGIN } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { staffSignIn } from '../helpers/actors.js'

const AINO = { email: 'aino@lehti.example.fi', name: 'Aino', outlet: 'Lehti', language: 'fi' }
const BO = { email: 'bo@tidning.example.fi', name: 'Bo', outlet: 'Tidning', language: 'sv' }

const header = (mail: ReceivedMail, name: string) => {
  // Unfolded: a long header continues on lines that start with white space.
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ')
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head)
  return match?.[1].trim()
}

/** The opt-out link of an email, site-relative, from its List-Unsubscribe header. */
const optOutLinkOf = (mail: ReceivedMail) => {
  const match = /^<http:\/\/tiedote\.test(\/media-optout\/[ce]\d+\.[A-Za-z0-9_-]{32})>$/.exec(
    header(mail, 'List-Unsubscribe') ?? '',
  )
  if (!match) throw new Error(`no opt-out link in ${header(mail, 'List-Unsubscribe')}`)
  return match[1]
}

describe.each(DB_KINDS)('journalists opt out of media lists (%s)', (kind) => {
  let h: ApiHarness
  let smtp: TestSmtpServer
  let n = 0

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startApiHarness(kind, { smtp, workers: true })
    await h.api('POST', '/newsrooms', newsroomInput())
  })
  afterAll(async () => {
    await h?.close()
  })

  async function release() {
    const res = await h.api('POST', '/releases', releaseInput('kaupunki', ` ${++n}`))
    expect(res.status).toBe(201)
    return res.body.id as number
  }

  async function distribute(listId: number) {
    const id = await release()
    const res = await h.api('POST', `/releases/${id}/publish`, { mediaLists: [listId] })
    expect(res.status).toBe(200)
    return eventually(async () => {
      const progress = await h.api('GET', `/releases/${id}/deliveries`)
      return progress.body.done ? progress.body : undefined
    })
  }

  let editor: Awaited<ReturnType<ReturnType<typeof staffSignIn>>> | undefined
  async function signedInEditor() {
    const newsroom = (await h.api('GET', '/newsrooms/kaupunki')).body
    editor ??= await staffSignIn(h.app, h.deps, { newsroomIds: [newsroom.id] })('editor')
    return editor
  }

  const to = (address: string) =>
    smtp.messages.filter((m) => m.to.some((t) => t.toLowerCase() === address))

  it('gives each journalist a working opt-out link, and later sends skip them', async () => {
    const list = await h.api('POST', '/newsrooms/kaupunki/media-lists', { name: 'Lehdet' })
    const listId = list.body.id as number
    for (const person of [AINO, BO])
      expect((await h.api('POST', `/media-lists/${listId}/contacts`, person)).status).toBe(201)

    // Distribution at publication: each journalist's email says why and carries their link.
    const first = await distribute(listId)
    expect(first).toMatchObject({ sent: 2, failed: 0 })
    const [mail] = to(AINO.email)
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    const link = optOutLinkOf(mail)
    expect(link).not.toBe(optOutLinkOf(to(BO.email)[0]))
    const text = String(mail.parsed.text)
    expect(text).toContain('olet julkaisijan')
    expect(text).toContain('medialistalla')
    expect(text).toContain(`http://tiedote.test${link}`)
    expect(String(mail.parsed.html)).toContain(`http://tiedote.test${link}`)
    expect(text).not.toMatch(/\/unsubscribe\/|\/subscriptions\/manage\//)
    expect(String(to(BO.email)[0].parsed.text)).toContain('medielistan')

    // The link's page: in her language, a button, private; a mail scanner's GET changes nothing.
    const page = await h.get(link)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await page.text()
    expect(html).toContain('lang="fi"')
    expect(html).toContain('En halua enää tiedotteita')
    expect(html).toContain('aino@lehti.example.fi')
    expect((await h.get(`${link}?lang=sv`)).status).toBe(200)

    // A tampered token and a cross-site form post do nothing.
    const tampered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A')
    expect((await h.get(tampered)).status).toBe(404)
    const crossSite = await h.app.request(`${ORIGIN}${link}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://evil.example',
      },
      body: '',
    })
    expect(crossSite.status).toBe(403)
    let members = (await h.api('GET', `/media-lists/${listId}`)).body.members
    expect(members.every((m: { optedOutAt: string | null }) => m.optedOutAt === null)).toBe(true)

    // One click from the mail provider: no Origin, no cookie; the signed link is the authority.
    const oneClick = await h.app.request(`${ORIGIN}${link}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    expect(await oneClick.text()).toContain('Et saa enää tiedotteita')
    // Again: still fine, nothing changes.
    expect((await h.get(link)).status).toBe(200)

    members = (await h.api('GET', `/media-lists/${listId}`)).body.members
    const aino = members.find((m: { email: string }) => m.email === AINO.email)
    expect(aino.optedOutAt).toEqual(expect.any(String))
    const audit = await h.api('GET', '/audit?limit=20')
    expect(audit.status).toBe(200)
    expect(
      audit.body.items.filter((e: { action: string }) => e.action === 'media-list.opt-out'),
    ).toEqual([
      expect.objectContaining({
        actor: 'system:media-optout',
        details: { contact: aino.id, source: 'one-click' },
      }),
    ])

    // The next distribution skips her; Bo gets it.
    const second = await distribute(listId)
    expect(second).toMatchObject({ audience: 1, sent: 1 })
    expect(to(AINO.email)).toHaveLength(1)
    expect(to(BO.email)).toHaveLength(2)

    // Adding her again (by hand) does not start sending again.
    const again = await h.api('POST', `/media-lists/${listId}/contacts`, AINO)
    expect(again.status).toBe(201)
    expect(again.body.optedOutAt).toEqual(expect.any(String))

    // An embargo skips her too, whether named by list or by address; Bo's carries his link.
    const embargoed = await release()
    const sent = await h.api('POST', `/releases/${embargoed}/embargo`, {
      until: new Date(h.clock.now().getTime() + 3_600_000).toISOString(),
      mediaLists: [listId],
      contacts: ['Aino@Lehti.example.fi'],
    })
    expect(sent.status).toBe(201)
    expect(sent.body.recipients.map((r: { email: string }) => r.email)).toEqual([BO.email])
    const [embargoMail] = (await smtp.waitFor(4)).filter((m) =>
      String(m.parsed.subject).startsWith('EMBARGO'),
    )
    expect(embargoMail.to).toEqual([BO.email])
    expect(header(embargoMail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    const embargoLink = optOutLinkOf(embargoMail)
    expect(embargoLink).toMatch(/^\/media-optout\/e\d+\./)
    expect(String(embargoMail.parsed.text)).toContain(`http://tiedote.test${embargoLink}`)

    // Bo opts out through the page's button (a same-origin form post).
    const button = await h.app.request(`${ORIGIN}${embargoLink}?lang=sv`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: '',
    })
    expect(button.status).toBe(200)
    expect(await button.text()).toContain('Du får inga fler pressmeddelanden')
    members = (await h.api('GET', `/media-lists/${listId}`)).body.members
    expect(members.every((m: { optedOutAt: string | null }) => m.optedOutAt !== null)).toBe(true)
    expect(to(AINO.email)).toHaveLength(1)

    // Staff see who opted out; resuming takes an explicit, confirmed step, and is audited.
    const editor = await signedInEditor()
    const listPage = await (await editor.get(`/admin/media-lists/${listId}`)).text()
    expect(listPage).toContain('Resume sending')
    const resume = `/admin/media-lists/${listId}/contacts/${aino.id}/resume`
    const unconfirmed = await editor.post(resume, { _csrf: editor.csrf })
    expect(unconfirmed.status).toBe(422)
    expect(await unconfirmed.text()).toContain('Tick the box to confirm')
    const confirmed = await editor.post(resume, { _csrf: editor.csrf, confirm: '1' })
    expect(confirmed.status).toBe(303)
    members = (await h.api('GET', `/media-lists/${listId}`)).body.members
    expect(members.find((m: { email: string }) => m.email === AINO.email).optedOutAt).toBeNull()
    const entries = (await h.api('GET', '/audit?limit=20')).body.items
    expect(entries.map((e: { action: string }) => e.action)).toContain('media-list.resume-contact')
    const third = await distribute(listId)
    expect(third).toMatchObject({ audience: 1, sent: 1 })
    expect(to(AINO.email)).toHaveLength(2)
  })

  it('staff move the end of an embargo; earlier takes a second step naming both times', async () => {
    const editor = await signedInEditor()
    const id = await release()
    const until = new Date(h.clock.now().getTime() + 3 * 86_400_000)
    until.setUTCHours(7, 0, 0, 0)
    const sent = await h.api('POST', `/releases/${id}/embargo`, {
      until: until.toISOString(),
      contacts: ['desk@paper.example.com'],
    })
    expect(sent.status).toBe(201)
    const page = await (await editor.get(`/admin/releases/${id}/embargo`)).text()
    expect(page).toContain(`action="/admin/releases/${id}/embargo/move"`)
    // Later: moved at once (PRG).
    const later = new Date(until.getTime() + 86_400_000)
    const day = (d: Date) => d.toISOString().slice(0, 10)
    const moved = await editor.post(`/admin/releases/${id}/embargo/move`, {
      _csrf: editor.csrf,
      date: day(later),
      time: '10:00',
    })
    expect(moved.status).toBe(303)
    expect(moved.headers.get('location')).toContain('ok=embargoMoved')
    const after = (await h.api('GET', `/releases/${id}/embargo`)).body.until as string
    expect(after > until.toISOString()).toBe(true)
    // Earlier: a confirmation page naming the old and the new end; nothing moves yet.
    const earlier = { _csrf: editor.csrf, date: day(until), time: '09:30' }
    const step = await editor.post(`/admin/releases/${id}/embargo/move`, earlier)
    expect(step.status).toBe(200)
    const html = await step.text()
    expect(html).toContain('name="confirmEarlier"')
    expect(html).toMatch(/were told the embargo ends [^<]*10[.:]00[^<]*to [^<]*9[.:]30/)
    expect((await h.api('GET', `/releases/${id}/embargo`)).body.until).toBe(after)
    const confirmed = await editor.post(`/admin/releases/${id}/embargo/move`, {
      ...earlier,
      confirmEarlier: '1',
    })
    expect(confirmed.status).toBe(303)
    const final = (await h.api('GET', `/releases/${id}/embargo`)).body.until as string
    expect(final < after).toBe(true)
    expect((await h.api('GET', `/releases/${id}`)).body.publishAt).toBe(final)
    // A date that is no date: 422, nothing moves.
    const bad = await editor.post(`/admin/releases/${id}/embargo/move`, {
      _csrf: editor.csrf,
      date: 'huomenna',
      time: '09:00',
    })
    expect(bad.status).toBe(422)
    expect((await h.api('GET', `/releases/${id}/embargo`)).body.until).toBe(final)
  })
})
