/**
 * Daily and weekly digests, with the real workers, Redis and an SMTP sink, on a manual clock:
 * subscribers choose a frequency (API, CSV import, preference centre); digest subscribers get no
 * email per release; at 07:00 in the newsroom's zone exactly one daily digest goes out with all
 * of the day's releases, and running the planner again, a flushed Redis or a worker that died
 * mid-digest neither loses nor repeats it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planDigests, runDigests } from '../../src/core/digest/digests.js'
import { deliveryDeps } from '../../src/wiring/delivery.js'
import { digestDeps } from '../../src/wiring/digest.js'
import { apiRequest, newsroomInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS, deletePrefixKeys } from '../helpers/env.js'
import { untilIdle } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { freshIp, get, postForm } from '../subscriptions/harness.js'

const consent = { source: 'press list 2026', at: '2026-03-01T10:00:00Z' }

describe.each(DB_KINDS)('digests (%s)', (kind) => {
  let h: ApiHarness
  let smtp: TestSmtpServer
  const digestsOf = async (email: string) =>
    h.deps.database.db
      .selectFrom('digests')
      .innerJoin('subscribers', 'subscribers.id', 'digests.subscriber_id')
      .selectAll('digests')
      .where('subscribers.email', '=', email)
      .orderBy('digests.id')
      .execute()
  const subscriberRow = (email: string) =>
    h.deps.database.db
      .selectFrom('subscribers')
      .selectAll()
      .where('email_normalized', '=', email)
      .executeTakeFirst()
  const mailsTo = (address: string): ReceivedMail[] =>
    smtp.messages.filter((m) => m.to.includes(address))
  const subscribe = (email: string, frequency?: string, languages = ['fi']) =>
    h.api('POST', '/subscribers', {
      email,
      languages,
      newsrooms: ['kaupunki'],
      status: 'confirmed',
      consent,
      ...(frequency === undefined ? {} : { frequency }),
    })
  const publish = async (title: string, at: string) => {
    h.clock.set(at)
    const created = await h.api('POST', '/releases', {
      newsroom: 'kaupunki',
      versions: {
        fi: { title, lead: `${title}: ingressi.` },
        sv: { title: `${title} (sv)`, lead: `${title}: ingress.` },
      },
    })
    expect(created.status).toBe(201)
    expect((await h.api('POST', `/releases/${created.body.id}/publish`, {})).status).toBe(200)
    return created.body.id as number
  }
  const digestDepsOf = () => digestDeps(h.deps, deliveryDeps(h.deps))

  beforeAll(async () => {
    smtp = await startSmtpServer()
    // Monday 2 March 2026, 10:00 in Helsinki (UTC+2).
    h = await startApiHarness(kind, { smtp, workers: true, start: '2026-03-02T08:00:00Z' })
    expect((await h.api('POST', '/newsrooms', newsroomInput())).status).toBe(201)
  })
  afterAll(async () => {
    await h.close()
  })

  it('takes the frequency from the API and CSV import, and refuses a typo writing nothing', async () => {
    expect((await subscribe('paiva@example.fi', 'daily', ['sv', 'fi'])).status).toBe(201)
    const weekly = await subscribe('viikko@example.fi', 'weekly')
    expect(weekly.status).toBe(201)
    expect(weekly.body.frequency).toBe('weekly')
    const immediate = await subscribe('heti@example.fi')
    expect(immediate.body.frequency).toBe('immediate')

    const count = async () =>
      (await h.deps.database.db.selectFrom('subscribers').select('id').execute()).length
    const before = await count()
    const typo = await subscribe('kirjoitusvirhe@example.fi', 'dialy')
    expect(typo.status).toBe(422)
    expect(typo.body.error.fields.frequency).toMatch(/immediate, daily or weekly/)
    const csv = (frequency: string) =>
      [
        'email,languages,newsrooms,consent_source,consented_at,frequency',
        `csv@example.fi,fi,kaupunki,Messut 2026,2026-03-01T09:00:00Z,${frequency}`,
      ].join('\n')
    const importCsv = (text: string) =>
      apiRequest(h.app, h.tokens.admin, 'POST', '/subscribers/import', text, {
        'content-type': 'text/csv',
      })
    expect((await importCsv(csv('joka viikko'))).status).toBe(422)
    expect(await count()).toBe(before)
    expect((await importCsv(csv('weekly'))).status).toBe(200)
    const list = await h.api('GET', '/subscribers?q=csv@example.fi')
    expect(list.body.items[0].frequency).toBe('weekly')
  })

  it('takes the frequency from the subscribe form and the preference centre', async () => {
    const form = (frequency: string) =>
      postForm(
        h.app,
        '/subscribe',
        {
          email: 'lomake@example.fi',
          newsroom: 'kaupunki',
          lang: 'fi',
          languages: 'fi',
          frequency,
        },
        { 'x-forwarded-for': freshIp() },
      )
    const typo = await form('kerran')
    expect(typo.status).toBe(422)
    expect(await typo.text()).toContain('Valitse, kuinka usein haluat viestejä.')
    expect(await subscriberRow('lomake@example.fi')).toBeUndefined()
    expect((await form('weekly')).status).toBe(202)
    const row = (await subscriberRow('lomake@example.fi'))!
    expect(row.frequency).toBe('weekly')
    const manage = `/subscriptions/manage/${signSubscriberToken(h.deps.config.secretKey, 'manage', row)}`
    expect(await (await get(h.app, manage)).text()).toMatch(/value="weekly" checked/)
    const saved = await postForm(h.app, manage, {
      languages: 'fi',
      newsrooms: 'kaupunki',
      frequency: 'daily',
    })
    expect(saved.status).toBeLessThan(400)
    expect((await subscriberRow('lomake@example.fi'))!.frequency).toBe('daily')
    // A refused frequency shows the kept one again, not the form's default.
    const refused = await postForm(h.app, manage, {
      languages: 'fi',
      newsrooms: 'kaupunki',
      frequency: 'kerran',
    })
    expect(refused.status).toBe(422)
    const page = await refused.text()
    expect(page).toMatch(/value="daily" checked/)
    expect(page).not.toMatch(/value="immediate" checked/)
    expect((await subscriberRow('lomake@example.fi'))!.frequency).toBe('daily')
    // Not confirmed: it takes no part in what follows.
  })

  it('sends exactly one daily digest at 07:00 with all of the day’s releases, none per release', async () => {
    // Tuesday 3 March: two releases; the immediate subscriber gets each at once.
    await publish('Kävelykatu avautuu', '2026-03-03T09:00:00Z')
    await publish('Kirjasto laajenee', '2026-03-03T14:00:00Z')
    await untilIdle(h.deps)
    await eventually(() => mailsTo('heti@example.fi').length === 2, { what: 'release emails' })
    expect(mailsTo('paiva@example.fi')).toHaveLength(0)
    expect(mailsTo('viikko@example.fi')).toHaveLength(0)

    // Wednesday 07:00 in Helsinki (05:00 UTC): the worker's maintenance loop sends the digest.
    h.clock.set('2026-03-04T05:00:00Z')
    await eventually(() => mailsTo('paiva@example.fi').length === 1, {
      what: 'the daily digest',
      timeoutMs: 20_000,
    })
    const [digest] = mailsTo('paiva@example.fi')
    // Swedish first: the subscriber's first language the releases have.
    // Named by its day; had the worker's loop not run while the clock stood on Tuesday, the
    // period starts where the last one ended (Monday 07:00) and names both days.
    expect(digest.parsed.subject).toMatch(
      /^Exempelstaden: dagens meddelanden (?:3\.3\.2026|2\.3\.2026–3\.3\.2026)$/,
    )
    expect(digest.parsed.text).toContain('Kävelykatu avautuu (sv)')
    expect(digest.parsed.text).toContain('Kirjasto laajenee (sv)')
    expect(String(digest.parsed.html)).toContain('Kirjasto laajenee (sv)')
    expect(digest.raw).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n')
    expect(digest.raw).toMatch(
      /\r\nList-Unsubscribe: <http:\/\/tiedote\.test\/unsubscribe\/[^>]+>\r\n/,
    )

    // Planning and sending again (another worker, a rerun) adds and sends nothing.
    expect(await runDigests(digestDepsOf())).toEqual({ planned: 0, sent: 0, failed: 0 })
    const ledger = await digestsOf('paiva@example.fi')
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({
      status: 'sent',
      frequency: 'daily',
      // Tuesday 07:00, or Monday 07:00 when the loop did not run while the clock was on Tuesday.
      period_start: expect.stringMatching(/^2026-03-0[23]T05:00:00\.000Z$/),
      period_end: '2026-03-04T05:00:00.000Z',
      lang: 'sv',
    })
    expect(JSON.parse(ledger[0].release_ids)).toHaveLength(2)
    expect(mailsTo('paiva@example.fi')).toHaveLength(1)
    // The weekly subscriber waits for Monday.
    expect(await digestsOf('viikko@example.fi')).toHaveLength(0)
  })

  it('loses nothing and repeats nothing when Redis is flushed and a worker dies mid-digest', async () => {
    await h.stopWorkers()
    await publish('Uimahalli avataan', '2026-03-04T06:00:00Z')
    // Thursday 07:00: a worker plans the digest, claims it and dies before sending.
    h.clock.set('2026-03-05T05:00:00Z')
    const deps = digestDepsOf()
    expect(await planDigests(deps)).toBe(1)
    const lease = deps.policy.leaseMs
    const claimed = await h.deps.repos.digests.claim(
      10,
      h.clock.now(),
      new Date(h.clock.now().getTime() + lease),
    )
    expect(claimed).toHaveLength(1)
    await deletePrefixKeys(h.deps.redis, h.deps.config.redisPrefix)

    // A new worker starts; once the dead one's lease has lapsed, it sends the digest.
    h.startWorkers()
    h.clock.advance(lease + 1000)
    await eventually(async () => (await digestsOf('paiva@example.fi'))[1]?.status === 'sent', {
      what: 'the digest sent again',
      timeoutMs: 20_000,
    })
    const mails = mailsTo('paiva@example.fi')
    expect(mails).toHaveLength(2)
    expect(mails[1].parsed.text).toContain('Uimahalli avataan (sv)')
    expect(mails[1].parsed.text).not.toContain('Kirjasto laajenee')
    // One row per period, ever; its message id lets mail clients show a resend once.
    const ledger = await digestsOf('paiva@example.fi')
    expect(ledger).toHaveLength(2)
    expect(ledger[1].attempts).toBe(2)
    expect(mails[1].parsed.messageId).toBe(ledger[1].message_id)
  })
})
