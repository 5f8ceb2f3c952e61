/**
 * Rate limits a user can run into: sign-in per client address, per (account, address) and per
 * account from everywhere, which the owner's own browser (its device cookie) passes — no account
 * lock a stranger could set off — and subscribing per address — each answers 429 with Retry-After and a message in
 * the page language, and nothing is written while limited.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { mailboxKey } from '../../src/core/subscription/email-address.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/core/auth/users.js'
import {
  DEVICE_COOKIE,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_ACCOUNT_ADDRESS,
  LOGIN_PER_IP,
} from '../../src/routes/admin/auth.routes.js'
import { SUBSCRIBE_PER_IP } from '../../src/routes/subscriptions/subscriptions.index.js'
import { adminStrings } from '../../src/views/i18n/admin/index.js'
import { createSession, hiddenField } from '../helpers/browserless.js'
import { newsroomInput } from '../helpers/api.js'
import { ORIGIN } from '../helpers/harness.js'
import { createSecurityHarness } from './harness.js'
import type { SecurityHarness } from './harness.js'

describe('rate limits on sign-in and subscribing', () => {
  let h: SecurityHarness
  const password = 'the right password 1'

  beforeAll(async () => {
    h = await createSecurityHarness('sqlite')
    await h.api('POST', '/newsrooms', newsroomInput())
    await createUser(createRepositories(h.deps.database.db), h.clock, {
      email: 'toimittaja@example.fi',
      role: 'editor',
      password,
      locale: 'fi',
    })
  })
  afterAll(async () => {
    await h?.close()
  })

  async function attempt(email: string, secret: string, ip: string) {
    const session = createSession(h.app, ORIGIN)
    const page = await session.get('/admin/login?lang=en')
    return session.post(
      '/admin/login',
      { _csrf: hiddenField(await page.text(), '_csrf'), email, password: secret, lang: 'en' },
      { 'x-forwarded-for': ip },
    )
  }

  it('limits sign-in attempts per address across accounts: 429 with Retry-After, even for the right password', async () => {
    const ip = '203.0.113.10'
    // Password spraying: one guess each on many accounts never trips a per-account lockout.
    for (let i = 0; i < LOGIN_PER_IP.limit; i++) {
      const res = await attempt(`kayttaja${i}@example.fi`, 'Kesa2026!', ip)
      expect(res.status, `attempt ${i + 1}`).toBe(401)
    }
    const sessionsBefore = await h.deps.database.db.selectFrom('sessions').select('id').execute()
    const limited = await attempt('toimittaja@example.fi', password, ip)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.text()).toContain(adminStrings.en.rateLimited)
    expect(limited.headers.get('set-cookie') ?? '').not.toContain('tiedote_session=')
    const sessionsAfter = await h.deps.database.db.selectFrom('sessions').select('id').execute()
    expect(sessionsAfter).toEqual(sessionsBefore)

    // Someone else, from another address, signs in as usual.
    expect((await attempt('toimittaja@example.fi', password, '203.0.113.11')).status).toBe(303)
  })

  it('limits guesses at one account from one address; its owner elsewhere and unknown names look the same', async () => {
    const guesses = (email: string, ip: string) =>
      Promise.all(
        Array.from({ length: LOGIN_PER_ACCOUNT_ADDRESS.limit }, (_, i) =>
          attempt(email, `arvaus ${i}`, ip),
        ),
      )
    const known = await guesses('toimittaja@example.fi', '192.0.2.50')
    const unknown = await guesses('ei-ole@example.fi', '192.0.2.51')
    // Same status and the same words for an existing and a made-up account: nothing to learn.
    expect(known.map((r) => r.status)).toEqual(unknown.map((r) => r.status))
    expect(new Set(known.map((r) => r.status))).toEqual(new Set([401]))
    const knownText = await (await attempt('toimittaja@example.fi', 'x', '192.0.2.50')).text()
    const unknownText = await (await attempt('ei-ole@example.fi', 'x', '192.0.2.51')).text()
    expect(knownText).toContain(adminStrings.en.rateLimited)
    expect(unknownText).toContain(adminStrings.en.rateLimited)
    // The right password from the guessing address waits too; from the owner's own it works.
    expect((await attempt('toimittaja@example.fi', password, '192.0.2.50')).status).toBe(429)
    expect((await attempt('toimittaja@example.fi', password, '192.0.2.99')).status).toBe(303)
  })

  it('limits guesses spread over many addresses per account, but not its owner’s own browser', async () => {
    await createUser(createRepositories(h.deps.database.db), h.clock, {
      email: 'viestinta@example.fi',
      role: 'editor',
      password,
      locale: 'fi',
    })
    // The owner signed in from this browser before: it keeps the device cookie.
    const owner = createSession(h.app, ORIGIN)
    const signIn = async () => {
      const page = await owner.get('/admin/login?lang=en')
      return owner.post(
        '/admin/login',
        { _csrf: hiddenField(await page.text(), '_csrf'), email: 'viestinta@example.fi', password },
        { 'x-forwarded-for': '198.51.100.7' },
      )
    }
    expect((await signIn()).status).toBe(303)
    expect(owner.jar.get(DEVICE_COOKIE)).toBeTruthy()

    // A botnet: one guess from each of many addresses, never near the per-address limits. With
    // the owner's first sign-in (from a browser without the cookie yet) they fill the limit.
    const addresses = Array.from(
      { length: LOGIN_PER_ACCOUNT.limit - 1 },
      (_, i) => `198.18.0.${i + 1}`,
    )
    for (let from = 0; from < addresses.length; from += 10) {
      const tries = await Promise.all(
        addresses
          .slice(from, from + 10)
          .map((ip) => attempt('VIESTINTA@example.fi ', `arvaus ${ip}`, ip)),
      )
      expect(new Set(tries.map((r) => r.status))).toEqual(new Set([401]))
    }
    // The next guess, even with the right password, waits — from any new address.
    const limited = await attempt('viestinta@example.fi', password, '198.18.99.1')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // The owner's browser is not held up; a forged device cookie is no help to the others.
    expect((await signIn()).status).toBe(303)
    const forger = createSession(h.app, ORIGIN)
    forger.jar.set(DEVICE_COOKIE, 'x'.repeat(43))
    const page = await forger.get('/admin/login?lang=en')
    const forged = await forger.post(
      '/admin/login',
      { _csrf: hiddenField(await page.text(), '_csrf'), email: 'viestinta@example.fi', password },
      { 'x-forwarded-for': '198.18.99.2' },
    )
    expect(forged.status).toBe(429)
  })

  it('limits subscribe requests per address with 429 and Retry-After, as a page and as JSON', async () => {
    const ip = '203.0.113.20'
    const send = (email: string, json: boolean) =>
      h.request('/subscribe', {
        method: 'POST',
        body: json
          ? JSON.stringify({ email, newsroom: 'kaupunki', lang: 'sv' })
          : new URLSearchParams({ email, newsroom: 'kaupunki', lang: 'sv', languages: 'sv' }),
        headers: {
          'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'x-forwarded-for': ip,
        },
      })
    for (let i = 0; i < SUBSCRIBE_PER_IP.limit; i++) {
      expect((await send(`tilaaja${i}@example.fi`, i % 2 === 0)).status).toBe(202)
    }
    const before = await h.snapshot()
    const page = await send('myohassa@example.fi', false)
    expect(page.status).toBe(429)
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('<html lang="sv">')
    const json = await send('myohassa@example.fi', true)
    expect(json.status).toBe(429)
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0)
    const problem = (await json.json()) as { error: { code: string; retryAfterSeconds: number } }
    expect(problem.error.code).toBe('rate_limited')
    expect(problem.error.retryAfterSeconds).toBeGreaterThan(0)
    expect(await h.snapshot()).toBe(before)
  })

  it('counts aliases of one mailbox together: eight +tags and dotted forms get five confirmations', async () => {
    const aliases = [
      'mail.bomb+1@gmail.com',
      'mailbomb+2@gmail.com',
      'm.a.i.l.b.o.m.b@gmail.com',
      'mailbomb+3@googlemail.com',
      'Mail.Bomb+4@gmail.com',
      'mailbomb+5@gmail.com',
      'mailbomb+6@gmail.com',
      'mailbomb+7@gmail.com',
    ]
    const statuses: number[] = []
    for (const [i, email] of aliases.entries()) {
      const res = await h.request('/subscribe', {
        method: 'POST',
        body: new URLSearchParams({ email, newsroom: 'kaupunki', lang: 'fi', languages: 'fi' }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'x-forwarded-for': `203.0.113.${100 + i}`,
        },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429])
    const rows = await h.deps.database.db
      .selectFrom('subscribers')
      .select('email_normalized')
      .execute()
    const ofMailbox = rows.filter((r) => mailboxKey(r.email_normalized) === 'mailbomb@gmail.com')
    expect(ofMailbox).toHaveLength(5)
  })
})
