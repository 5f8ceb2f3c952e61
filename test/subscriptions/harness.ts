/**
 * A running Tiedote for subscription tests: real database (SQLite or PostgreSQL), real Redis,
 * the real SMTP test server and a real worker draining the email queue, with a manual clock.
 */
import { createApp } from '../../src/app.js'
import { createManualClock } from '../../src/clock.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import { startWorkers } from '../../workers/index.js'
import type { Workers } from '../../workers/index.js'
import { createTestSetup } from '../helpers/env.js'
import type { DbKind, TestSetup } from '../helpers/env.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp.js'

export const ORIGIN = 'http://tiedote.test'
export const admin: Actor = {
  kind: 'token',
  id: 0,
  role: 'admin',
  newsroomIds: 'all',
  label: 'test',
}

export interface Harness {
  setup: TestSetup
  deps: Container
  app: ReturnType<typeof createApp>
  smtp: TestSmtpServer
  clock: ReturnType<typeof createManualClock>
  workers: Workers | undefined
  subs: ReturnType<typeof subscriptionDeps>
  close(): Promise<void>
}

export async function startHarness(
  kind: DbKind,
  options: { workers?: boolean } = {},
): Promise<Harness> {
  const smtp = await startSmtpServer()
  const setup = await createTestSetup(kind, { SMTP_URL: smtp.url })
  const clock = createManualClock(new Date('2026-02-02T08:00:00Z'))
  const deps = await createContainer(setup.config, { clock })
  await deps.database.migrate()
  const content = contentDeps(deps)
  await createNewsroom(content, admin, {
    slug: 'lansi-uusimaa',
    languages: ['fi', 'sv'],
    name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
  })
  await createNewsroom(content, admin, {
    slug: 'kaupunki',
    languages: ['fi', 'sv', 'en'],
    name: { fi: 'Kaupunki', sv: 'Staden', en: 'The City' },
  })
  const workers = options.workers === false ? undefined : startWorkers(deps)
  return {
    setup,
    deps,
    app: createApp(deps),
    smtp,
    clock,
    workers,
    subs: subscriptionDeps(deps),
    async close() {
      await workers?.close()
      await deps.close()
      await smtp.close()
      await setup.cleanup()
    },
  }
}

let ipCounter = 0
/** A fresh public client address per caller, so per-IP limits do not couple tests. */
export const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`

type App = Harness['app']

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

/** Waits until every email outbox row is done (the worker sent or dropped each message). */
export async function drainOutbox(h: Harness, timeoutMs = 15_000) {
  const started = Date.now()
  for (;;) {
    const open = await h.deps.database.db
      .selectFrom('outbox')
      .select('id')
      .where('done_at', 'is', null)
      .execute()
    if (open.length === 0) return
    if (Date.now() - started > timeoutMs) throw new Error(`${open.length} outbox rows still open`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
