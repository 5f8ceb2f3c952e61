import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentDeps } from '../../src/wiring/content.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { createSubscriber } from '../../src/core/subscription/staff.js'
import { DB_KINDS } from '../helpers/env.js'
import { ORIGIN, drainOutbox } from '../helpers/harness.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import {
  confirmPath,
  freshIp,
  get,
  managePath,
  postForm,
  startHarness,
  subscriberRow,
} from './harness.js'
import type { Harness } from './harness.js'

describe.each(DB_KINDS)('double opt-in through the real SMTP server (%s)', (kind) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(kind)
  })
  afterAll(async () => {
    await h.close()
  })

  async function publishTestRelease(title: string): Promise<number> {
    const content = contentDeps(h.deps)
    const release = await createRelease(content, admin, {
      newsroom: 'lansi-uusimaa',
      type: 'press-release',
      versions: { fi: { title, body: 'Teksti.' }, sv: { title: `${title} (sv)`, body: 'Text.' } },
    })
    await publishRelease(content, admin, release.id)
    return release.id
  }

  it('subscribe → mail in the chosen language → GET does nothing → POST confirms → manage → one-click unsubscribe', async () => {
    const ip = freshIp()
    const res = await postForm(
      h.app,
      '/subscribe',
      {
        email: 'Toimittaja@Example.FI',
        newsroom: 'lansi-uusimaa',
        lang: 'fi',
        languages: ['sv', 'fi'],
        source: '/fi/lansi-uusimaa/uusi-sairaala',
      },
      { 'x-forwarded-for': ip },
    )
    expect(res.status).toBe(202)
    const page = await res.text()
    expect(page).toContain('<html lang="fi">')
    expect(page).toContain('Tarkista sähköpostisi')

    const [mail] = await h.smtp.waitFor(1)
    expect(mail.to).toEqual(['Toimittaja@example.fi'])
    expect(mail.parsed.subject).toBe('Bekräfta din prenumeration: Västra Nylands välfärdsområde')
    expect(mail.parsed.html).toContain('<html lang="sv"')
    expect(mail.parsed.headers.get('content-language')).toBe('sv')
    const link = confirmPath(mail)
    expect(mail.parsed.html).toContain(`href="${ORIGIN}${link}"`)

    // Opening the link (or a mail scanner fetching it) only shows a button.
    const landing = await get(h.app, link)
    expect(landing.status).toBe(200)
    expect(landing.headers.get('cache-control')).toBe('no-store')
    const landingHtml = await landing.text()
    expect(landingHtml).toContain('<html lang="sv">')
    expect(landingHtml).toMatch(/<form method="post" action="\/subscriptions\/confirm\/[^"]+"/)
    expect(landingHtml).toContain('Toimittaja@example.fi')
    expect((await subscriberRow(h, 'toimittaja@example.fi'))!.status).toBe('pending')

    const confirmed = await postForm(h.app, link, {}, { 'x-forwarded-for': ip })
    expect(confirmed.status).toBe(200)
    const confirmedHtml = await confirmed.text()
    expect(confirmedHtml).toContain('Prenumerationen är bekräftad')
    const subscriber = (await subscriberRow(h, 'toimittaja@example.fi'))!
    expect(subscriber.status).toBe('confirmed')
    expect(subscriber.confirmed_at).toBe(h.clock.now().toISOString())

    const consents = await h.deps.database.db
      .selectFrom('consents')
      .selectAll()
      .where('subscriber_id', '=', subscriber.id)
      .orderBy('id')
      .execute()
    expect(consents.map((c) => c.action)).toEqual(['subscribe', 'confirm'])
    expect(consents[0].source).toBe('/fi/lansi-uusimaa/uusi-sairaala')
    expect(consents[0].text_version).toBe('2026-01')
    expect(consents[0].text).toContain('Tallennamme sähköpostiosoitteesi')
    expect(consents[0].ip_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(consents)).not.toContain(ip)

    // The manage page (linked from the confirmation page) changes the language order.
    const manage = managePath(confirmedHtml)
    const managePage = await get(h.app, manage)
    expect(managePage.status).toBe(200)
    const saved = await postForm(h.app, `${manage}?lang=en`, {
      languages: ['en', 'fi', ''],
      newsrooms: ['lansi-uusimaa', 'kaupunki'],
      types: ['press-release', 'invitation'],
    })
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Your choices have been saved.')
    const langs = await h.deps.database.db
      .selectFrom('subscriber_languages')
      .select('lang')
      .where('subscriber_id', '=', subscriber.id)
      .orderBy('position')
      .execute()
    expect(langs.map((l) => l.lang)).toEqual(['en', 'fi'])
    const subs = await h.deps.database.db
      .selectFrom('subscriptions')
      .select(['newsroom_id', 'types', 'keywords'])
      .where('subscriber_id', '=', subscriber.id)
      .execute()
    expect(subs).toHaveLength(2)
    expect(JSON.parse(subs[0].types!)).toEqual(['press-release', 'invitation'])
    expect(subs[0].keywords).toBeNull()

    // A release reaches the subscriber (first of en, fi that the release has: fi) and a
    // control subscriber; its List-Unsubscribe header carries the one-click link.
    await createSubscriber(h.subs, admin, {
      email: 'control@example.fi',
      languages: ['sv'],
      newsrooms: ['lansi-uusimaa'],
      status: 'confirmed',
      consent: { source: 'test', at: '2026-01-01T00:00:00Z' },
    })
    await publishTestRelease('Uusi sairaala avataan')
    const releaseMails = await h.smtp.waitFor(3)
    const toSubscriber = releaseMails.find(
      (m) => m.to[0] === 'Toimittaja@example.fi' && m !== mail,
    )!
    expect(toSubscriber.parsed.subject).toContain('Uusi sairaala avataan')
    expect(toSubscriber.parsed.headers.get('content-language')).toBe('fi')
    expect(toSubscriber.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
    const header = /^List-Unsubscribe: <([^>]+)>/m.exec(toSubscriber.raw)![1]
    expect(header.startsWith(`${ORIGIN}/unsubscribe/`)).toBe(true)
    const unsubscribePath = header.slice(ORIGIN.length)
    expect(unsubscribePath).toBe(
      `/unsubscribe/${signSubscriberToken(h.setup.config.secretKey, 'unsubscribe', subscriber)}`,
    )

    // RFC 8058 one-click: a bare POST from the mail provider, no Origin, no cookie.
    const oneClick = () =>
      h.app.request(`${ORIGIN}${unsubscribePath}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    const first = await oneClick()
    expect(first.status).toBe(200)
    expect(first.headers.get('location')).toBeNull()
    expect((await subscriberRow(h, 'toimittaja@example.fi'))!.status).toBe('unsubscribed')
    const again = await oneClick()
    expect(again.status).toBe(200)
    const unsubscribes = await h.deps.database.db
      .selectFrom('consents')
      .select('source')
      .where('subscriber_id', '=', subscriber.id)
      .where('action', '=', 'unsubscribe')
      .execute()
    expect(unsubscribes).toEqual([{ source: 'one-click' }])

    // No further mail: the next release reaches the control subscriber only.
    const second = await publishTestRelease('Toinen tiedote')
    await h.smtp.waitFor(4)
    const audience = await h.deps.database.db
      .selectFrom('deliveries')
      .select('subscriber_id')
      .where('release_id', '=', second)
      .execute()
    expect(audience).toHaveLength(1)
    expect(audience[0].subscriber_id).not.toBe(subscriber.id)
    await drainOutbox(h.deps)
    expect(h.smtp.messages.filter((m) => m.to[0] === 'Toimittaja@example.fi')).toHaveLength(2)
  })
})
