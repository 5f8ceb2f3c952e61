/**
 * Invitations as iCalendar, through the API and the public side: an invitation's event is shown
 * on its page in the newsroom's zone, its `.ics` (page download, email attachment, calendar feed)
 * parses with a well-kept iCalendar parser (ical.js) and gives the same instants on either side
 * of a daylight-saving change (Europe/Helsinki, last Sunday of March), the UID stays, SEQUENCE
 * grows with edits and a withdrawal cancels the event. Bad input writes nothing.
 */
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newsroomInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'
import { untilIdle } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'

interface ParsedEvent {
  uid: string
  summary: string
  start: Date
  end: Date
  startZone: string
  startLocal: string
  sequence: number
  status: string
  location: string
}

/** Parses an iCalendar text with ical.js, its VTIMEZONEs registered, into plain events. */
function parseCalendar(text: string): { events: ParsedEvent[]; zones: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const zones = calendar.getAllSubcomponents('vtimezone').map((vtimezone) => {
    const zone = new ICAL.Timezone(vtimezone)
    ICAL.TimezoneService.register(zone, zone.tzid)
    return zone.tzid
  })
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent)
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startZone: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? ''),
      startLocal: event.startDate.toString(),
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue('status') ?? ''),
      location: event.location,
    }
  })
  return { events, zones }
}

const consent = { source: 'press list 2026', at: '2026-03-01T10:00:00Z' }

describe.each(DB_KINDS)('invitations as iCalendar (%s)', (kind) => {
  let h: ApiHarness
  let smtp: TestSmtpServer
  let springId = 0
  let springPath = ''
  let overnightId = 0

  const invitation = (title: string, event: object | null, type = 'invitation') => ({
    newsroom: 'kaupunki',
    type,
    versions: {
      fi: { title, lead: 'Tervetuloa tiedotustilaisuuteen.' },
      sv: { title: `${title} (sv)`, lead: 'Välkommen till presskonferensen.' },
    },
    ...(event === null ? {} : { event }),
  })
  const countReleases = async () =>
    (await h.deps.database.db.selectFrom('releases').select('id').execute()).length

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startApiHarness(kind, { smtp, workers: true, start: '2026-03-02T08:00:00Z' })
    expect((await h.api('POST', '/newsrooms', newsroomInput())).status).toBe(201)
    expect(
      (
        await h.api('POST', '/subscribers', {
          email: 'toimittaja@example.fi',
          languages: ['fi'],
          newsrooms: ['kaupunki'],
          status: 'confirmed',
          consent,
        })
      ).status,
    ).toBe(201)
  })
  afterAll(async () => {
    await h.close()
  })

  it('refuses an event without start, a bad link or an event on another type, writing nothing', async () => {
    const before = await countReleases()
    for (const [body, field] of [
      [invitation('Ei alkua', { end: '2026-03-29T12:00:00+03:00' }), 'event.start'],
      [invitation('Huono aika', { start: '29.3.2026 klo 10' }), 'event.start'],
      [
        invitation('Loppu ennen alkua', {
          start: '2026-03-29T10:00:00+03:00',
          end: '2026-03-29T09:00:00+03:00',
        }),
        'event.end',
      ],
      [
        invitation('Tiedostolinkki', {
          start: '2026-03-29T10:00:00+03:00',
          url: 'file:///etc/passwd',
        }),
        'event.url',
      ],
      [invitation('Tiedote', { start: '2026-03-29T10:00:00+03:00' }, 'press-release'), 'event'],
    ] as const) {
      const res = await h.api('POST', '/releases', body)
      expect(res.status, field).toBe(422)
      expect(res.body.error.code).toBe('validation_failed')
      expect(Object.keys(res.body.error.fields), field).toContain(field)
    }
    expect(await countReleases()).toBe(before)
  })

  it('shows the event in the newsroom’s zone and offers an .ics that imports right across the spring change', async () => {
    // Helsinki moves from EET (+2) to EEST (+3) at 03:00 on Sunday 29 March 2026.
    const spring = await h.api(
      'POST',
      '/releases',
      invitation('Kutsu kevätinfoon', {
        start: '2026-03-29T10:00:00+03:00',
        end: '2026-03-29T12:00:00+03:00',
        location: 'Kaupungintalo, Esimerkkikatu 1',
        url: 'https://stream.example.fi/kevat',
      }),
    )
    expect(spring.status).toBe(201)
    springId = spring.body.id
    expect(spring.body.event).toMatchObject({
      start: '2026-03-29T07:00:00.000Z',
      end: '2026-03-29T09:00:00.000Z',
      location: 'Kaupungintalo, Esimerkkikatu 1',
      url: 'https://stream.example.fi/kevat',
      sequence: 0,
    })
    // An event across the change: it starts in winter time and ends in summer time.
    const overnight = await h.api(
      'POST',
      '/releases',
      invitation('Kutsu yöajoon', {
        start: '2026-03-28T22:00:00+02:00',
        end: '2026-03-29T06:00:00+03:00',
        location: 'Varikko',
      }),
    )
    expect(overnight.status).toBe(201)
    overnightId = overnight.body.id
    for (const id of [springId, overnightId])
      expect((await h.api('POST', `/releases/${id}/publish`, {})).status).toBe(200)

    springPath = spring.body.versions.fi.path
    const page = await (await h.get(springPath)).text()
    expect(page).toContain('29.3.2026 10:00–12:00 EEST')
    expect(page).toContain('Kaupungintalo, Esimerkkikatu 1')
    expect(page).toContain(`href="${springPath}/event.ics"`)
    const svPage = await (await h.get(spring.body.versions.sv.path)).text()
    expect(svPage).toContain('Lägg till i kalendern (.ics)')

    const ics = await h.get(`${springPath}/event.ics`)
    expect(ics.status).toBe(200)
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const { events, zones } = parseCalendar(await ics.text())
    expect(zones).toEqual(['Europe/Helsinki'])
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      uid: `release-${springId}@tiedote.test`,
      summary: 'Kutsu kevätinfoon',
      startZone: 'Europe/Helsinki',
      startLocal: '2026-03-29T10:00:00',
      sequence: 0,
      status: 'CONFIRMED',
      location: 'Kaupungintalo, Esimerkkikatu 1',
    })
    expect(events[0].start.toISOString()).toBe('2026-03-29T07:00:00.000Z')
    expect(events[0].end.toISOString()).toBe('2026-03-29T09:00:00.000Z')

    const feed = parseCalendar(await (await h.get('/feeds/kaupunki.ics')).text())
    const night = feed.events.find((e) => e.uid === `release-${overnightId}@tiedote.test`)!
    expect(night.startLocal).toBe('2026-03-28T22:00:00')
    expect(night.start.toISOString()).toBe('2026-03-28T20:00:00.000Z')
    expect(night.end.toISOString()).toBe('2026-03-29T03:00:00.000Z')
    expect(feed.events.map((e) => e.summary)).toEqual(['Kutsu yöajoon', 'Kutsu kevätinfoon'])
    const svFeed = parseCalendar(await (await h.get('/feeds/all.ics?lang=sv')).text())
    expect(svFeed.events.map((e) => e.summary)).toContain('Kutsu kevätinfoon (sv)')
    expect((await h.get('/feeds/ei-ole.ics')).status).toBe(404)
  })

  it('attaches the .ics to the invitation email', async () => {
    await untilIdle(h.deps)
    const mails = await smtp.waitFor(2)
    const mail = mails.find((m) => m.parsed.subject?.includes('Kutsu kevätinfoon'))!
    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar')!
    expect(attachment.filename).toBe('invitation.ics')
    const { events } = parseCalendar(attachment.content.toString('utf8'))
    expect(events[0].uid).toBe(`release-${springId}@tiedote.test`)
    expect(events[0].start.toISOString()).toBe('2026-03-29T07:00:00.000Z')
    // The text and HTML alternatives are still there beside it.
    expect(mail.parsed.text).toContain('Kutsu kevätinfoon')
    expect(String(mail.parsed.html)).toContain('Kutsu kevätinfoon')
  })

  it('keeps the UID, raises SEQUENCE on edits and cancels a withdrawn invitation', async () => {
    const moved = await h.api('PATCH', `/releases/${springId}`, {
      event: { start: '2026-10-25T10:00:00+02:00', end: '2026-10-25T11:00:00+02:00' },
    })
    expect(moved.status).toBe(200)
    expect(moved.body.event.sequence).toBe(1)
    // Autumn: Helsinki is back on EET (+2) from 04:00 on Sunday 25 October 2026.
    let feed = parseCalendar(await (await h.get('/feeds/kaupunki.ics')).text())
    let event = feed.events.find((e) => e.uid === `release-${springId}@tiedote.test`)!
    expect(event.sequence).toBe(1)
    expect(event.startLocal).toBe('2026-10-25T10:00:00')
    expect(event.start.toISOString()).toBe('2026-10-25T08:00:00.000Z')

    const retitled = await h.api('PATCH', `/releases/${springId}`, {
      versions: { fi: { title: 'Kutsu syysinfoon' } },
    })
    expect(retitled.body.event.sequence).toBe(2)

    expect((await h.api('POST', `/releases/${springId}/withdraw`, {})).status).toBe(200)
    feed = parseCalendar(await (await h.get('/feeds/kaupunki.ics')).text())
    event = feed.events.find((e) => e.uid === `release-${springId}@tiedote.test`)!
    expect(event.status).toBe('CANCELLED')
    expect(event.sequence).toBe(3)
    const cancelled = parseCalendar(await (await h.get(`${springPath}/event.ics`)).text())
    expect(cancelled.events[0].status).toBe('CANCELLED')
  })
})
