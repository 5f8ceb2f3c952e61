/**
 * A running Tiedote for subscription tests: a fresh installation with two newsrooms, the SMTP
 * sink and the real workers draining the email queue, on a manual clock.
 */
import { createKeywordTerm } from '../../src/core/keywords/terms.js'
import { SYSTEM } from '../helpers/actors.js'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import type { DbKind } from '../helpers/env.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { ORIGIN, startTestApp } from '../helpers/harness.js'
import type { App, TestApp } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp.js'

export interface Harness extends TestApp {
  smtp: TestSmtpServer
  subs: ReturnType<typeof subscriptionDeps>
}

export async function startHarness(
  kind: DbKind,
  options: { workers?: boolean } = {},
): Promise<Harness> {
  const smtp = await startSmtpServer()
  const base = await startTestApp(kind, {
    start: '2026-02-02T08:00:00Z',
    smtp,
    workers: options.workers !== false,
  })
  await seedNewsroom(base.content)
  await seedNewsroom(base.content, {
    slug: 'kaupunki',
    languages: ['fi', 'sv', 'en'],
    name: { fi: 'Kaupunki', sv: 'Staden', en: 'The City' },
  })
  // The topic subscribers of these tests follow: a keyword term of both newsrooms.
  for (const newsroom of ['lansi-uusimaa', 'kaupunki'])
    await createKeywordTerm(base.content, SYSTEM, newsroom, {
      slug: 'terveys',
      labels: { fi: 'terveys', sv: 'hälsa' },
    })
  return { ...base, smtp, subs: subscriptionDeps(base.deps) }
}

let ipCounter = 0
/** A fresh public client address per caller, so per-IP limits do not couple tests. */
export const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`

export function postForm(
  app: App,
  path: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) {
    for (const item of [value].flat()) body.append(key, item)
  }
  return app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      ...headers,
    },
  })
}

export function postJson(
  app: App,
  path: string,
  json: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: JSON.stringify(json),
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export const get = (app: App, path: string, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, { headers })

/** The confirmation link in a received email (text part), site-relative. */
export function confirmPath(mail: ReceivedMail): string {
  const match = /\/subscriptions\/confirm\/[A-Za-z0-9_-]{43}/.exec(mail.parsed.text ?? '')
  if (!match) throw new Error(`no confirmation link in: ${mail.parsed.text}`)
  return match[0]
}

export function managePath(text: string): string {
  const match = /\/subscriptions\/manage\/\d+\.[A-Za-z0-9_-]{32}/.exec(text)
  if (!match) throw new Error('no manage link')
  return match[0]
}

export async function subscriberRow(h: Harness, email: string) {
  return h.deps.database.db
    .selectFrom('subscribers')
    .selectAll()
    .where('email_normalized', '=', email.toLowerCase())
    .executeTakeFirst()
}
