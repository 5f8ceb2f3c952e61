import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createContainer } from '../../src/container.js'
import { subscribe } from '../../src/core/subscription/subscribe.js'
import { addSuppression, liftSuppression } from '../../src/core/subscription/suppressions.js'
import { SUBSCRIBE_PER_IP } from '../../src/routes/subscriptions/subscriptions.index.js'
import { DB_KINDS } from '../helpers/env.js'
import { ORIGIN, drainOutbox } from '../helpers/harness.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import {
  confirmPath,
  freshIp,
  get,
  postForm,
  postJson,
  startHarness,
  subscriberRow,
} from './harness.js'
import type { Harness } from './harness.js'

const form = (email: string, extra: Record<string, string | string[]> = {}) => ({
  email,
  newsroom: 'lansi-uusimaa',
  lang: 'fi',
  languages: 'fi',
  ...extra,
})

describe.each(DB_KINDS)('subscribe answers and abuse limits (%s)', (kind) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(kind)
  })
  afterAll(async () => {
    await h.close()
  })

  const subscribeAs = (email: string, extra: Record<string, string | string[]> = {}) =>
    postForm(h.app, '/subscribe', form(email, extra), { 'x-forwarded-for': freshIp() })
  const mailCount = async () => {
    await drainOutbox(h.deps)
    return h.smtp.messages.length
  }

  it('answers new, pending, confirmed and suppressed addresses identically', async () => {
    await addSuppression(h.subs, admin, { email: 'bounced@example.fi', reason: 'hard-bounce' })
    const fresh = await subscribeAs('status@example.fi')
    const [mail] = await h.smtp.waitFor(1)
    const pending = await subscribeAs('status@example.fi')
    await postForm(h.app, confirmPath(mail), {})
    expect((await subscriberRow(h, 'status@example.fi'))!.status).toBe('confirmed')
    const confirmed = await subscribeAs('status@example.fi')
    const suppressed = await subscribeAs('bounced@example.fi')
    const answers = await Promise.all(
      [fresh, pending, confirmed, suppressed].map(async (res) => ({
        status: res.status,
        body: await res.text(),
      })),
    )
    for (const answer of answers) expect(answer).toEqual(answers[0])
    expect(answers[0].status).toBe(202)

    const json = await Promise.all(
      ['json-new@example.fi', 'status@example.fi', 'bounced@example.fi'].map(async (email) => {
        const res = await postJson(
          h.app,
          '/subscribe',
          { email, newsrooms: ['lansi-uusimaa'], languages: ['sv'], lang: 'sv' },
          { 'x-forwarded-for': freshIp() },
        )
        return { status: res.status, body: await res.text() }
      }),
    )
    for (const answer of json) expect(answer).toEqual(json[0])
    expect(json[0].status).toBe(202)
    expect(JSON.parse(json[0].body).status).toBe('accepted')
  })

  it('re-sends to a pending address at most once per 10 minutes; a confirmed one gets its manage link', async () => {
    const before = await mailCount()
    await subscribeAs('slow@example.fi')
    expect(await mailCount()).toBe(before + 1)
    h.clock.advance(9 * 60_000)
    await subscribeAs('slow@example.fi')
    expect(await mailCount()).toBe(before + 1)
    h.clock.advance(2 * 60_000)
    await subscribeAs('slow@example.fi', { languages: 'sv' })
    expect(await mailCount()).toBe(before + 2)
    const resent = h.smtp.messages[before + 1]
    expect(resent.parsed.subject).toMatch(/^Bekräfta/)
    // Both links work until one is used; using one spends the other.
    const firstLink = confirmPath(h.smtp.messages[before])
    expect((await postForm(h.app, confirmPath(resent), {})).status).toBe(200)
    expect((await postForm(h.app, firstLink, {})).status).toBe(410)

    h.clock.advance(11 * 60_000)
    await subscribeAs('slow@example.fi')
    expect(await mailCount()).toBe(before + 3)
    const reminder = h.smtp.messages[before + 2]
    expect(reminder.parsed.subject).toBe('Du prenumererar redan: Västra Nylands välfärdsområde')
    expect(reminder.parsed.text).toMatch(/\/subscriptions\/manage\/\d+\./)
    expect(reminder.parsed.text).not.toContain('/subscriptions/confirm/')
    await subscribeAs('slow@example.fi')
    expect(await mailCount()).toBe(before + 3)
  })

  it('shows a clear 4xx page for expired, forged and reused confirmation links and changes nothing', async () => {
    const before = await mailCount()
    await subscribeAs('late@example.fi')
    await h.smtp.waitFor(before + 1)
    const link = confirmPath(h.smtp.messages[before])

    h.clock.advance(48 * 3600_000 + 1000)
    const expiredGet = await get(h.app, link, { 'accept-language': 'en' })
    expect(expiredGet.status).toBe(410)
    expect(await expiredGet.text()).toContain('This link has expired')
    const expiredPost = await postForm(h.app, `${link}?lang=fi`, {})
    expect(expiredPost.status).toBe(410)
    expect(await expiredPost.text()).toContain('Linkki on vanhentunut')
    expect((await subscriberRow(h, 'late@example.fi'))!.status).toBe('pending')

    const forged = `/subscriptions/confirm/${'A'.repeat(43)}`
    const forgedRes = await postForm(h.app, `${forged}?lang=sv`, {})
    expect(forgedRes.status).toBe(404)
    expect(await forgedRes.text()).toContain('Länken gäller inte')
    expect((await get(h.app, '/subscriptions/confirm/..%2F..%2Fetc')).status).toBe(404)
    expect((await get(h.app, '/unsubscribe/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await get(h.app, '/subscriptions/manage/not-a-token')).status).toBe(404)

    // A fresh link works once; the second POST finds it spent.
    h.clock.advance(11 * 60_000)
    await subscribeAs('late@example.fi')
    await h.smtp.waitFor(before + 2)
    const fresh = confirmPath(h.smtp.messages[before + 1])
    expect((await postForm(h.app, fresh, {})).status).toBe(200)
    const reused = await postForm(h.app, `${fresh}?lang=en`, {})
    expect(reused.status).toBe(410)
    expect(await reused.text()).toContain('already been used')
  })

  it('stores one subscriber and sends one email when the same new address arrives twice at once', async () => {
    const before = await mailCount()
    const request = {
      email: 'twice@example.fi',
      newsrooms: 'kaupunki',
      languages: ['en'],
      context: { source: '/en/kaupunki/subscribe' },
    }
    const outcomes = await Promise.all([subscribe(h.subs, request), subscribe(h.subs, request)])
    expect(outcomes.sort()).toEqual(['confirmation-queued', 'throttled'])
    expect(await mailCount()).toBe(before + 1)
    const rows = await h.deps.database.db
      .selectFrom('subscribers')
      .select('id')
      .where('email_normalized', '=', 'twice@example.fi')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('accepts a filled honeypot silently: same answer, nothing stored or sent', async () => {
    const before = await mailCount()
    const outboxBefore = await h.deps.database.db.selectFrom('outbox').select('id').execute()
    const res = await subscribeAs('bot@example.fi', { website: 'http://spam.example' })
    expect(res.status).toBe(202)
    expect(await res.text()).toContain('Tarkista sähköpostisi')
    expect(await subscriberRow(h, 'bot@example.fi')).toBeUndefined()
    const outboxAfter = await h.deps.database.db.selectFrom('outbox').select('id').execute()
    expect(outboxAfter.length).toBe(outboxBefore.length)
    expect(await mailCount()).toBe(before)
  })

  it('refuses hostile addresses with field messages in the page language, and accepts IDN domains', async () => {
    const injected = await subscribeAs('victim@example.fi\r\nBcc: everyone@example.org')
    expect(injected.status).toBe(422)
    const html = await injected.text()
    expect(html).toContain('<html lang="fi">')
    expect(html).toContain('Kirjoita osoite muodossa nimi@esimerkki.fi.')
    expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="subscribe-email-error/)
    expect(html).toContain('id="subscribe-email-error"')
    expect(html).toContain('href="#subscribe-email"')

    const overlong = await postJson(
      h.app,
      '/subscribe',
      { email: `${'a'.repeat(65)}@example.fi`, newsroom: 'lansi-uusimaa', lang: 'sv' },
      { 'x-forwarded-for': freshIp() },
    )
    expect(overlong.status).toBe(422)
    const problem = (await overlong.json()) as { error: { fields: Record<string, string> } }
    expect(problem.error.fields.email).toBe(
      'Adressen är för lång (högst 64 tecken före @ och 254 totalt).',
    )
    for (const email of [
      ['a@example.fi', 'b@example.fi'],
      'a@example.fi,b@example.fi',
      '<a@example.fi>',
    ]) {
      const res = await postJson(
        h.app,
        '/subscribe',
        { email, newsroom: 'lansi-uusimaa' },
        { 'x-forwarded-for': freshIp() },
      )
      expect(res.status).toBe(422)
    }
    const missing = await subscribeAs('ok@example.fi', { newsroom: 'nowhere', lang: 'en' })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('The chosen publisher does not exist.')
    const noSubscriber = await h.deps.database.db
      .selectFrom('subscribers')
      .select('email')
      .where('email', 'like', '%victim%')
      .execute()
    expect(noSubscriber).toEqual([])

    const before = await mailCount()
    expect((await subscribeAs('Toimitus@Äänekoski.FI')).status).toBe(202)
    await h.smtp.waitFor(before + 1)
    const mail = h.smtp.messages[before]
    // Stored and sent in punycode (smtp-server shows the envelope decoded to Unicode).
    expect((await subscriberRow(h, 'toimitus@xn--nekoski-4waa.fi'))!.email).toBe(
      'Toimitus@xn--nekoski-4waa.fi',
    )
    expect(mail.raw).toMatch(/^To: Toimitus@xn--nekoski-4waa\.fi\r?$/m)
    expect(mail.to).toEqual(['Toimitus@äänekoski.fi'])
    expect(mail.parsed.text).toContain('Toimitus@äänekoski.fi')
  })

  it('refuses form posts from other sites, but not JSON or the mail provider one-click', async () => {
    const evil = await postForm(h.app, '/subscribe', form('csrf@example.fi'), {
      origin: 'https://evil.example',
      'x-forwarded-for': freshIp(),
    })
    expect(evil.status).toBe(403)
    expect(await evil.text()).toContain('Lomake hylättiin')
    const noOrigin = await h.app.request(`${ORIGIN}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams(form('csrf@example.fi')),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(noOrigin.status).toBe(403)
    const sameSite = await postForm(h.app, '/subscribe', form('csrf@example.fi'), {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
      'x-forwarded-for': freshIp(),
    })
    expect(sameSite.status).toBe(202)
  })

  it('keeps suppressed addresses unmailed until staff lift the suppression', async () => {
    await addSuppression(h.subs, admin, { email: 'complainer@example.fi', reason: 'complaint' })
    const before = await mailCount()
    expect((await subscribeAs('complainer@example.fi')).status).toBe(202)
    expect(await mailCount()).toBe(before)
    expect(await subscriberRow(h, 'complainer@example.fi')).toBeUndefined()

    expect(await liftSuppression(h.subs, admin, 'Complainer@example.fi')).toBe(true)
    expect((await subscribeAs('complainer@example.fi')).status).toBe(202)
    expect(await mailCount()).toBe(before + 1)
    expect(h.smtp.messages[before].to).toEqual(['complainer@example.fi'])
  })

  it('limits subscribe requests per IP across two web processes, with Retry-After', async () => {
    const second = await createContainer(h.setup.config, { clock: h.clock })
    try {
      const apps = [h.app, createApp(second)]
      const ip = '203.0.113.77'
      for (let i = 0; i < SUBSCRIBE_PER_IP.limit; i++) {
        const res = await postForm(apps[i % 2], '/subscribe', form(`rl${i}@example.fi`), {
          'x-forwarded-for': `10.0.0.1, ${ip}`,
        })
        expect(res.status, `request ${i + 1}`).toBe(202)
      }
      const blocked = await postForm(
        apps[1],
        '/subscribe',
        form('rl-last@example.fi', { lang: 'en' }),
        {
          'x-forwarded-for': ip,
        },
      )
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await blocked.text()).toContain('Too many attempts')
      expect(await subscriberRow(h, 'rl-last@example.fi')).toBeUndefined()

      const json = await postJson(
        apps[0],
        '/subscribe',
        { email: 'rl-json@example.fi', newsroom: 'lansi-uusimaa' },
        { 'x-forwarded-for': ip },
      )
      expect(json.status).toBe(429)
      expect(((await json.json()) as { error: { code: string } }).error.code).toBe('rate_limited')

      // Per address: many networks asking for one address are limited too.
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const res = await postForm(apps[i % 2], '/subscribe', form('target@example.fi'), {
          'x-forwarded-for': freshIp(),
        })
        statuses.push(res.status)
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
    } finally {
      await second.close()
    }
  })
})
