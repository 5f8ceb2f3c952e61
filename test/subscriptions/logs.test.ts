import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { Container } from '../../src/container.js'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { createSubscriber } from '../../src/core/subscription/staff.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import type { TestSetup } from '../helpers/env.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { ORIGIN } from '../helpers/harness.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { postForm } from './harness.js'

describe('request logs', () => {
  let testApp: TestApp
  let setup: TestSetup
  let deps: Container
  const lines: string[] = []

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    testApp = await startTestApp('sqlite', { realTime: true, log: pino({ level: 'info' }, sink) })
    ;({ setup, deps } = testApp)
  })
  afterAll(async () => {
    await testApp?.close()
  })

  it('never contain the tokens of confirm, manage or unsubscribe links, nor the address', async () => {
    await createNewsroom(contentDeps(deps), admin, {
      slug: 'kaupunki',
      languages: ['fi'],
      name: { fi: 'Kaupunki' },
    })
    const subscriber = await createSubscriber(subscriptionDeps(deps), admin, {
      email: 'lokit@example.fi',
      languages: ['fi'],
      newsrooms: ['kaupunki'],
      status: 'confirmed',
      consent: { source: 'test', at: '2026-01-01T00:00:00Z' },
    })
    const row = await deps.database.db
      .selectFrom('subscribers')
      .selectAll()
      .where('id', '=', subscriber.id)
      .executeTakeFirstOrThrow()
    const key = setup.config.secretKey
    const manage = signSubscriberToken(key, 'manage', row)
    const unsubscribe = signSubscriberToken(key, 'unsubscribe', row)
    const app = createApp(deps)
    await app.request(`${ORIGIN}/subscriptions/manage/${manage}`)
    await app.request(`${ORIGIN}/subscriptions/manage/${manage}/export.json`)
    await app.request(`${ORIGIN}/subscriptions/confirm/${'B'.repeat(43)}`)
    await postForm(app, `/unsubscribe/${unsubscribe}`, { 'List-Unsubscribe': 'One-Click' })
    await postForm(app, '/subscribe', { email: 'lokit@example.fi', newsroom: 'kaupunki' })

    const log = lines.join('')
    expect(log).toContain('"path":"/unsubscribe/[token]"')
    expect(log).toContain('"path":"/subscriptions/manage/[token]/export.json"')
    for (const secret of [manage, unsubscribe, 'B'.repeat(43), 'lokit@example.fi']) {
      expect(log).not.toContain(secret)
    }
  })
})
