/**
 * Media lists chosen at publication, from the staff side, on SQLite and PostgreSQL with real
 * Redis, workers and an SMTP sink: the publish confirmation offers the newsroom's lists, counts
 * the recipients one per address (a journalist who also subscribes, or is on two of the lists,
 * counts once), recounts without JavaScript, refuses a list of another newsroom or a release that
 * is not emailed without writing anything, keeps a scheduled release's lists, and publishing sends
 * each address one email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/env.js'
import { newsroomInput, releaseInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { staffSignIn } from '../helpers/actors.js'
import type { StaffSession } from '../helpers/actors.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'

const consent = { source: 'test', text: 'Tilaan tiedotteet', at: '2026-01-01T00:00:00Z' }

/** The checkboxes of the lists on a confirmation page: id → ticked. */
const listBoxes = (html: string) =>
  new Map(
    [...html.matchAll(/<input type="checkbox" name="list" value="(\d+)"( checked="")?/g)].map(
      (m) => [Number(m[1]), m[2] !== undefined],
    ),
  )

describe.each(DB_KINDS)('media lists chosen when publishing from the admin (%s)', (kind) => {
  let h: ApiHarness
  let smtp: TestSmtpServer
  let editor: StaffSession
  let dailies: number
  let radio: number
  let elsewhere: number
  let n = 0

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startApiHarness(kind, { smtp, workers: true })
    const newsroom = (await h.api('POST', '/newsrooms', newsroomInput())).body
    await h.api('POST', '/newsrooms', newsroomInput('naapuri'))
    for (const email of ['both@example.fi', 'tilaaja@example.fi'])
      await h.api('POST', '/subscribers', {
        email,
        languages: ['fi'],
        newsrooms: ['kaupunki'],
        status: 'confirmed',
        consent,
      })
    const list = async (name: string, emails: string[], newsroom = 'kaupunki') => {
      const created = await h.api('POST', `/newsrooms/${newsroom}/media-lists`, { name })
      for (const email of emails)
        await h.api('POST', `/media-lists/${created.body.id}/contacts`, { email, name: email })
      return created.body.id as number
    }
    dailies = await list('Päivälehdet', ['Both@Example.fi', 'a1@lehti.fi', 'x@kaksi.fi'])
    radio = await list('Radio', ['b1@radio.fi', 'X@Kaksi.fi'])
    elsewhere = await list('Naapurin lista', ['n1@naapuri.fi'], 'naapuri')
    editor = await staffSignIn(h.app, h.deps, { newsroomIds: [newsroom.id] })('editor')
  })
  afterAll(async () => {
    await h?.close()
  })

  async function draft(extra: object = {}) {
    const res = await h.api('POST', '/releases', {
      ...releaseInput('kaupunki', ` ${++n}`),
      ...extra,
    })
    expect(res.status).toBe(201)
    return res.body.id as number
  }

  const distributionOf = (releaseId: number) => h.deps.repos.mediaLists.distributionOf(releaseId)

  it('offers the lists, counts one email per address and recounts without JavaScript', async () => {
    const id = await draft()
    const first = await editor.get(`/admin/releases/${id}/publish`)
    expect(first.status).toBe(200)
    const page = await first.text()
    expect(page).toContain('Send also to media lists')
    expect(page).toContain('Päivälehdet (3 journalists)')
    expect(page).toContain('Radio (2 journalists)')
    expect(page).not.toContain('Naapurin lista')
    expect(listBoxes(page)).toEqual(
      new Map([
        [dailies, false],
        [radio, false],
      ]),
    )
    expect(page).toContain('The email goes to 2 confirmed subscribers.')

    // "Update the recipient count" posts the ticked lists and shows the page again with them.
    const recount = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      listsShown: '1',
      list: [String(dailies), String(radio)],
      intent: 'count',
    })
    expect(recount.status).toBe(303)
    const location = recount.headers.get('location')!
    expect(location).toMatch(/#audience$/)
    const counted = await (await editor.get(location.replace(/#.*$/, ''))).text()
    // 2 subscribers + a1, x@kaksi (on both lists) and b1; both@ is emailed as a subscriber.
    expect(counted).toContain(
      'The email goes to 5 recipients, 3 journalists of them from media lists.',
    )
    expect(listBoxes(counted)).toEqual(
      new Map([
        [dailies, true],
        [radio, true],
      ]),
    )
    expect(await distributionOf(id)).toEqual([])

    // Publishing with them: each address gets one email, and the delivery page names the lists.
    const before = smtp.messages.length
    const published = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      listsShown: '1',
      list: [String(dailies), String(radio)],
      intent: 'publish',
    })
    expect(published.status).toBe(303)
    expect(published.headers.get('location')).toBe(`/admin/releases/${id}/delivery?ok=publishedNow`)
    await smtp.waitFor(before + 5)
    const delivery = await eventually(
      async () => {
        const res = await h.api('GET', `/releases/${id}/deliveries`)
        return res.body.done ? res.body : undefined
      },
      { what: 'delivery done' },
    )
    expect(delivery).toMatchObject({ audience: 5, sent: 5, failed: 0 })
    const recipients = smtp.accepted.slice(before).map((address) => address.toLowerCase())
    expect(recipients.sort()).toEqual([
      'a1@lehti.fi',
      'b1@radio.fi',
      'both@example.fi',
      'tilaaja@example.fi',
      'x@kaksi.fi',
    ])
    const deliveryPage = await (await editor.get(`/admin/releases/${id}/delivery`)).text()
    expect(deliveryPage).toContain('Päivälehdet')
    expect(deliveryPage).toContain('Radio')
  })

  it('refuses a list of another newsroom, or lists for a release that is not emailed, and writes nothing', async () => {
    const id = await draft()
    const outboxBefore = await h.deps.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const foreign = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      listsShown: '1',
      list: [String(dailies), String(elsewhere)],
      intent: 'publish',
    })
    expect(foreign.status).toBe(422)
    const page = await foreign.text()
    expect(page).toContain('Choose media lists of this newsroom.')
    expect(page).not.toContain('Naapurin lista')
    // A made-up id in the address is refused the same way.
    const guessed = await editor.get(`/admin/releases/${id}/publish?lists=chosen&list=999999`)
    expect(guessed.status).toBe(422)

    const silent = await draft({ notify: false })
    const notEmailed = await editor.post(`/admin/releases/${silent}/publish`, {
      _csrf: editor.csrf,
      listsShown: '1',
      list: String(dailies),
      intent: 'publish',
    })
    expect(notEmailed.status).toBe(422)
    expect(await notEmailed.text()).toContain(
      'The release is not emailed, so it cannot be sent to media lists.',
    )
    // The page of a release that is not emailed offers no lists, only says why.
    const offered = await (await editor.get(`/admin/releases/${silent}/publish`)).text()
    expect(listBoxes(offered).size).toBe(0)
    expect(offered).toContain('Media lists get the release only when it is emailed.')

    for (const release of [id, silent]) {
      expect((await h.api('GET', `/releases/${release}`)).body.status).toBe('draft')
      expect(await distributionOf(release)).toEqual([])
    }
    const outboxAfter = await h.deps.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n))
  })

  it('schedules with the chosen lists and shows them ticked when the schedule is confirmed again', async () => {
    const id = await draft()
    const at = new Date(h.clock.now().getTime() + 3 * 86_400_000).toISOString()
    const scheduled = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      at,
      listsShown: '1',
      list: String(radio),
      intent: 'publish',
    })
    expect(scheduled.status).toBe(303)
    expect((await h.api('GET', `/releases/${id}`)).body.status).toBe('scheduled')
    expect(await distributionOf(id)).toEqual([radio])
    const again = await (
      await editor.get(`/admin/releases/${id}/publish?at=${encodeURIComponent(at)}`)
    ).text()
    expect(listBoxes(again)).toEqual(
      new Map([
        [dailies, false],
        [radio, true],
      ]),
    )
    // 2 subscribers + b1 and x@kaksi.
    expect(again).toContain(
      'The email goes to 4 recipients, 2 journalists of them from media lists.',
    )
  })
})
