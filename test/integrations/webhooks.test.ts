/**
 * Signed webhooks end to end on both databases, with a real receiving HTTP server: a release's
 * publication reaches it signed by the Standard Webhooks algorithm (checked with the
 * specification's reference library), a 500 is retried with the same webhook-id, the deliveries
 * log shows both attempts; rotation signs with both secrets; bad addresses and events are
 * refused with nothing written; a hook failing for five days is disabled.
 */
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { deliverWebhookMessage } from '../../src/core/webhooks/delivery.js'
import { queueWebhookEvent } from '../../src/core/webhooks/events.js'
import { OutboundRefusedError } from '../../src/core/webhooks/ports.js'
import { createOutboundHttp, isPublicAddress } from '../../src/http/outbound.js'
import { deliveryDeps } from '../../src/wiring/delivery.js'
import { webhookDeps } from '../../src/wiring/webhooks.js'
import { createProcessors } from '../../workers/index.js'
import { apiRequest, newsroomInput, releaseInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'
import { eventually } from '../helpers/wait.js'
import { ORIGIN } from '../helpers/harness.js'
import { unsubscribe } from '../../src/core/subscription/manage.js'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import { startReceiver } from './receiver.js'
import type { Receiver } from './receiver.js'

const DAY = 24 * 3600_000

describe('the outbound address guard', () => {
  it('tells public addresses from private, loopback and link-local ones, v4 and v6', () => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      expect(isPublicAddress(address), address).toBe(true)
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      'not an address',
    ])
      expect(isPublicAddress(address), address).toBe(false)
  })

  it('refuses at call time a name that resolves to a loopback address', async () => {
    const receiver = await startReceiver()
    try {
      const http = createOutboundHttp({ allowPrivate: false })
      const port = new URL(receiver.url).port
      await expect(http.post(`http://localhost:${port}/`, '{}', {}, 2000)).rejects.toBeInstanceOf(
        OutboundRefusedError,
      )
      await expect(http.post(`http://[::1]:${port}/`, '{}', {}, 2000)).rejects.toBeInstanceOf(
        OutboundRefusedError,
      )
      expect(receiver.received).toHaveLength(0)
    } finally {
      await receiver.close()
    }
  })
})

describe.each(DB_KINDS)('webhooks (%s)', (kind) => {
  let h: ApiHarness
  let receiver: Receiver

  beforeAll(async () => {
    receiver = await startReceiver()
    h = await startApiHarness(kind, { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } })
    // The first retry comes after 200 ms here instead of 5 s; the schedule is otherwise real.
    const hooks = webhookDeps(h.deps, { policy: { retryDelaysMs: [200] } })
    h.startWorkers(createProcessors(h.deps, deliveryDeps(h.deps), hooks))
    expect((await h.api('POST', '/newsrooms', newsroomInput())).status).toBe(201)
  })
  afterAll(async () => {
    await h?.close()
    await receiver?.close()
  })

  it('calls the hook signed within seconds of publishing, retries a 500 with the same id, and logs both', async () => {
    const created = await h.api('POST', '/webhooks', {
      url: `${receiver.url}/hooks/tiedote`,
      events: ['release.published', 'release.withdrawn'],
      description: 'Newsdesk',
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('no-store')
    const { id, secret } = created.body as { id: number; secret: string }
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24)
    // The secret is shown once: reading the hook again does not give it.
    expect((await h.api('GET', `/webhooks/${id}`)).body.secret).toBeUndefined()

    receiver.answers = [500, 204]
    const release = await h.api('POST', '/releases', releaseInput())
    const publishedAt = Date.now()
    expect((await h.api('POST', `/releases/${release.body.id}/publish`, {})).status).toBe(200)

    await eventually(() => receiver.received.length >= 2, { what: 'the call and its retry' })
    const [first, retry] = receiver.received
    console.info(
      `webhook: first call ${first.at - publishedAt} ms after publishing, retry ${retry.at - first.at} ms later`,
    )
    expect(first.path).toBe('/hooks/tiedote')
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(retry.body).toBe(first.body)
    const verifier = new Webhook(secret)
    for (const call of [first, retry]) {
      const payload = verifier.verify(call.body, {
        'webhook-id': String(call.headers['webhook-id']),
        'webhook-timestamp': String(call.headers['webhook-timestamp']),
        'webhook-signature': String(call.headers['webhook-signature']),
      }) as { type: string; timestamp: string; data: Record<string, unknown> }
      expect(payload.type).toBe('release.published')
      expect(payload.data).toMatchObject({
        id: release.body.id,
        newsroom: 'kaupunki',
        type: 'press-release',
        keywords: ['liikenne', 'paatokset'],
        versions: {
          fi: {
            title: 'Kävelykatu avautuu keväällä',
            lead: 'Keskustan kävelykatu avataan huhtikuussa.',
            url: expect.stringMatching(/^http:\/\/tiedote\.test\/fi\/kaupunki\//),
          },
          sv: { title: 'Gågatan öppnar på våren' },
        },
      })
    }
    // A tampered body does not verify.
    expect(() =>
      verifier.verify(first.body.replace('kaupunki', 'kaupunkI'), {
        'webhook-id': String(first.headers['webhook-id']),
        'webhook-timestamp': String(first.headers['webhook-timestamp']),
        'webhook-signature': String(first.headers['webhook-signature']),
      }),
    ).toThrow()

    const log = await eventually(async () => {
      const res = await h.api('GET', `/webhooks/${id}/deliveries`)
      return res.body.items.length >= 2 ? res.body : undefined
    })
    expect(log.items.map((d: { statusCode: number }) => d.statusCode)).toEqual([204, 500])
    expect(log.items[1]).toMatchObject({
      attempt: 1,
      event: 'release.published',
      error: 'HTTP 500',
      messageId: first.headers['webhook-id'],
    })
    expect(log.items[0]).toMatchObject({ attempt: 2, error: null })
    expect(log.items[0].durationMs).toBeGreaterThanOrEqual(0)
    expect((await h.api('GET', `/webhooks/${id}`)).body.failingSince).toBeNull()

    // After a rotation both secrets sign for a day; an event it does not take sends nothing.
    const rotated = await h.api('POST', `/webhooks/${id}/rotate`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(secret)
    expect(rotated.body.previousSecretUntil).toBeTruthy()
    await h.api('PATCH', `/releases/${release.body.id}`, { notify: false })
    expect((await h.api('POST', `/releases/${release.body.id}/withdraw`, {})).status).toBe(200)
    await eventually(() => receiver.received.length >= 3, { what: 'the withdrawal call' })
    const withdrawal = receiver.received[2]
    expect(JSON.parse(withdrawal.body).type).toBe('release.withdrawn')
    const headers = {
      'webhook-id': String(withdrawal.headers['webhook-id']),
      'webhook-timestamp': String(withdrawal.headers['webhook-timestamp']),
      'webhook-signature': String(withdrawal.headers['webhook-signature']),
    }
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2)
    expect(() => new Webhook(secret).verify(withdrawal.body, headers)).not.toThrow()
    expect(() => new Webhook(rotated.body.secret).verify(withdrawal.body, headers)).not.toThrow()
    expect(receiver.received).toHaveLength(3)

    expect((await h.api('DELETE', `/webhooks/${id}`)).status).toBe(204)
    expect((await h.api('GET', `/webhooks/${id}`)).status).toBe(404)
  })

  it('refuses bad addresses and events with a clear 422 and writes nothing', async () => {
    const before = (await h.api('GET', '/webhooks')).body.items.length
    const cases: [unknown, string][] = [
      [{ url: 'file:///etc/passwd', events: ['release.published'] }, 'url'],
      [{ url: 'ftp://example.fi/x', events: ['release.published'] }, 'url'],
      [{ url: 'not a url', events: ['release.published'] }, 'url'],
      [{ url: 'https://example.fi/x', events: ['release.publishd'] }, 'events.0'],
      [{ url: 'https://example.fi/x', events: [] }, 'events'],
      [{ url: 'https://example.fi/x', events: ['release.published'], colour: 'red' }, 'colour'],
    ]
    for (const [body, field] of cases) {
      const res = await h.api('POST', '/webhooks', body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field)
    }
    // Without WEBHOOK_ALLOW_PRIVATE, private, loopback and link-local addresses are refused.
    const strict = createApp({
      ...h.deps,
      config: { ...h.deps.config, webhookAllowPrivate: false },
    })
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[fe80::1]/hook',
    ]) {
      const res = await apiRequest(strict, h.tokens.admin, 'POST', '/webhooks', {
        url,
        events: ['release.published'],
      })
      expect(res.status, url).toBe(422)
      const body = (await res.json()) as { error: { fields: Record<string, string> } }
      expect(body.error.fields.url, url).toMatch(/private, loopback or link-local/)
    }
    expect((await h.api('GET', '/webhooks')).body.items).toHaveLength(before)
    // Editors and contributors may not manage webhooks.
    expect((await h.api('GET', '/webhooks', undefined, 'editor')).status).toBe(403)
  })

  it('tells subscriber events, with the address only to hooks marked to receive it', async () => {
    const plain = await startReceiver()
    const personal = await startReceiver()
    try {
      const events = ['subscriber.unsubscribed']
      await h.api('POST', '/webhooks', { url: plain.url, events })
      await h.api('POST', '/webhooks', { url: personal.url, events, includeAddresses: true })
      const created = await h.api('POST', '/subscribers', {
        email: 'lukija@example.fi',
        languages: ['fi'],
        newsrooms: ['kaupunki'],
        status: 'confirmed',
        consent: { source: 'test', text: 'Tilaan', at: '2026-01-01T00:00:00Z' },
      })
      expect(created.status).toBe(201)
      await unsubscribe(subscriptionDeps(h.deps), created.body.id, { source: 'test' })
      await eventually(() => plain.received.length > 0 && personal.received.length > 0, {
        what: 'both hooks called',
      })
      const withoutAddress = JSON.parse(plain.received[0].body)
      expect(withoutAddress).toMatchObject({
        type: 'subscriber.unsubscribed',
        data: { id: created.body.id, newsrooms: ['kaupunki'], languages: ['fi'] },
      })
      expect(plain.received[0].body).not.toContain('lukija@example.fi')
      expect(JSON.parse(personal.received[0].body).data.email).toBe('lukija@example.fi')
    } finally {
      await plain.close()
      await personal.close()
    }
  })

  it('announces subscribers confirmed by staff or by a CSV import, one event each', async () => {
    const receiver = await startReceiver()
    try {
      await h.api('POST', '/webhooks', {
        url: receiver.url,
        events: ['subscriber.confirmed'],
        includeAddresses: true,
      })
      const created = await h.api('POST', '/subscribers', {
        email: 'toimittaja@example.fi',
        languages: ['sv', 'fi'],
        newsrooms: ['kaupunki'],
        status: 'confirmed',
        consent: { source: 'messut', text: 'Tilaan', at: '2026-01-01T00:00:00Z' },
      })
      expect(created.status).toBe(201)
      const csv = [
        'email,languages,newsrooms,consent_source,consented_at',
        'ensimmainen@example.fi,fi,kaupunki,Messut,2026-01-02T09:00:00Z',
        'andra@example.fi,sv,kaupunki,Mässan,2026-01-02T09:00:00Z',
      ].join('\r\n')
      const imported = await h.app.request(`${ORIGIN}/api/v1/subscribers/import`, {
        method: 'POST',
        body: csv,
        headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'text/csv' },
      })
      expect(imported.status).toBe(200)
      await eventually(() => receiver.received.length >= 3, { what: 'three confirmations' })
      const bodies = receiver.received.map((r) => JSON.parse(r.body))
      expect(bodies.map((b) => b.type)).toEqual(Array(3).fill('subscriber.confirmed'))
      expect(bodies.map((b) => b.data.email).sort()).toEqual([
        'andra@example.fi',
        'ensimmainen@example.fi',
        'toimittaja@example.fi',
      ])
      const staffMade = bodies.find((b) => b.data.email === 'toimittaja@example.fi')
      expect(staffMade.data).toMatchObject({
        id: created.body.id,
        newsrooms: ['kaupunki'],
        languages: ['sv', 'fi'],
      })
      const swedish = bodies.find((b) => b.data.email === 'andra@example.fi')
      expect(swedish.data).toMatchObject({ newsrooms: ['kaupunki'], languages: ['sv'] })
      expect(typeof swedish.data.id).toBe('number')
    } finally {
      await receiver.close()
    }
  })

  it('gives a message up after a day and disables a hook that failed for five days', async () => {
    // Messages are delivered by hand here, the clock moved between attempts.
    await h.stopWorkers()
    const deps = webhookDeps(h.deps)
    const failing = await startReceiver([503])
    try {
      const created = await h.api('POST', '/webhooks', {
        url: failing.url,
        events: ['release.published'],
      })
      const hookId = created.body.id as number
      const message = async () => {
        const ids = await h.deps.repos.transaction((tx) =>
          queueWebhookEvent(tx, h.clock, { type: 'release.published', data: { id: 0 } }),
        )
        const rows = await Promise.all(ids.map((id) => h.deps.repos.outbox.find(id)))
        const row = rows.find((r) => r?.kind === 'webhook.message')!
        return { outboxId: row.id, messageId: JSON.parse(row.payload).messageId as number }
      }
      const first = await message()
      await expect(deliverWebhookMessage(deps, first)).rejects.toThrow(/HTTP 503/)
      h.clock.advance(DAY)
      expect(await deliverWebhookMessage(deps, first)).toBe('given-up')
      h.clock.advance(4 * DAY)
      expect(await deliverWebhookMessage(deps, await message())).toBe('disabled')
      const hook = (await h.api('GET', `/webhooks/${hookId}`)).body
      expect(hook.enabled).toBe(false)
      expect(hook.disabledAt).toBeTruthy()
      // Staff turn it on again; the count of failing days starts afresh.
      const enabled = await h.api('PATCH', `/webhooks/${hookId}`, { enabled: true })
      expect(enabled.body).toMatchObject({ enabled: true, failingSince: null })
      await h.api('DELETE', `/webhooks/${hookId}`)
    } finally {
      h.clock.set(new Date())
      await failing.close()
    }
  })
})
