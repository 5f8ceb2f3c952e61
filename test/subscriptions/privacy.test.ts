import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentDeps } from '../../src/wiring/content.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { addSuppression } from '../../src/core/subscription/suppressions.js'
import { DB_KINDS } from '../helpers/env.js'
import { ORIGIN, drainOutbox } from '../helpers/harness.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { confirmPath, get, managePath, postForm, startHarness, subscriberRow } from './harness.js'
import { untilReleaseDelivered } from '../pipeline/fixtures.js'
import type { Harness } from './harness.js'

const TABLES = [
  'subscribers',
  'subscriber_languages',
  'subscriptions',
  'subscriber_tokens',
  'consents',
  'suppressions',
  'deliveries',
  'outbox',
  'audit_log',
] as const

describe.each(DB_KINDS)('preference centre, export and erasure (%s)', (kind) => {
  let h: Harness
  let manage = ''
  let subscriberId = 0
  const ip = '192.0.2.44'

  beforeAll(async () => {
    h = await startHarness(kind)
    await postForm(
      h.app,
      '/subscribe',
      { email: 'Maija.Mehilainen@example.fi', newsroom: 'kaupunki', lang: 'en', languages: 'en' },
      { 'x-forwarded-for': ip },
    )
    const [mail] = await h.smtp.waitFor(1)
    const confirmed = await postForm(h.app, confirmPath(mail), {}, { 'x-forwarded-for': ip })
    manage = managePath(await confirmed.text())
    subscriberId = (await subscriberRow(h, 'maija.mehilainen@example.fi'))!.id
  })
  afterAll(async () => {
    await h.close()
  })

  it('changes preferences and pauses, with messages tied to fields when input is wrong', async () => {
    const wrong = await postForm(h.app, `${manage}?lang=sv`, { languages: ['', ''], newsrooms: [] })
    expect(wrong.status).toBe(422)
    const html = await wrong.text()
    expect(html).toContain('<html lang="sv">')
    expect(html).toContain('Välj minst ett språk.')
    expect(html).toContain('Välj minst en utgivare.')
    expect(html).toMatch(
      /<fieldset id="manage-languages"[^>]*aria-describedby="manage-languages-error/,
    )

    const paused = await postForm(h.app, `${manage}?lang=en`, {
      languages: ['fi', 'en'],
      newsrooms: ['kaupunki', 'lansi-uusimaa'],
      keywords: ['terveys'],
      paused: '1',
    })
    expect(paused.status).toBe(200)
    const page = await paused.text()
    expect(page).toContain('Your subscription is paused.')
    const row = (await subscriberRow(h, 'maija.mehilainen@example.fi'))!
    expect(row.paused_at).not.toBeNull()
    expect(row.status).toBe('confirmed')

    const resumed = await postForm(h.app, `${manage}?lang=en`, {
      languages: ['fi', 'en'],
      newsrooms: ['kaupunki', 'lansi-uusimaa'],
    })
    expect(await resumed.text()).not.toContain('Your subscription is paused.')
    expect((await subscriberRow(h, 'maija.mehilainen@example.fi'))!.paused_at).toBeNull()

    const forged = await postForm(
      h.app,
      manage,
      { languages: 'fi', newsrooms: 'kaupunki' },
      {
        origin: 'https://evil.example',
      },
    )
    expect(forged.status).toBe(403)
  })

  it('exports everything held as a JSON download', async () => {
    const res = await get(h.app, `${manage}/export.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const data = (await res.json()) as {
      subscriber: { email: string; status: string }
      languages: string[]
      subscriptions: { newsroom: string }[]
      consents: { action: string; ipHash: string | null }[]
    }
    expect(data.subscriber).toMatchObject({
      email: 'Maija.Mehilainen@example.fi',
      status: 'confirmed',
    })
    expect(data.languages).toEqual(['fi', 'en'])
    expect(data.subscriptions.map((s) => s.newsroom)).toEqual(['kaupunki', 'lansi-uusimaa'])
    expect(data.consents.map((c) => c.action)).toEqual([
      'subscribe',
      'confirm',
      'update',
      'pause',
      'update',
      'pause',
    ])
    expect(JSON.stringify(data)).not.toContain(ip)
  })

  it('erasure leaves no personal data, keeps an anonymous record, and keeps a suppression', async () => {
    // A delivered release leaves a delivery row with the server's reply.
    const content = contentDeps(h.deps)
    const release = await createRelease(content, admin, {
      newsroom: 'kaupunki',
      type: 'news',
      versions: { fi: { title: 'Kirjasto laajenee', body: 'Teksti.' } },
    })
    await publishRelease(content, admin, release.id)
    await h.smtp.waitFor(2)
    // The server has the message a moment before the worker records it as sent.
    await untilReleaseDelivered(h.deps.repos, release.id)
    await addSuppression(h.subs, admin, {
      email: 'maija.mehilainen@example.fi',
      reason: 'complaint',
      detail: 'FBL report for <Maija.Mehilainen@example.fi>',
    })
    const ipHash = (
      await h.deps.database.db
        .selectFrom('consents')
        .select('ip_hash')
        .where('subscriber_id', '=', subscriberId)
        .where('action', '=', 'subscribe')
        .executeTakeFirstOrThrow()
    ).ip_hash!
    const row = (await subscriberRow(h, 'maija.mehilainen@example.fi'))!
    const unsubscribe = `/unsubscribe/${signSubscriberToken(h.setup.config.secretKey, 'unsubscribe', row)}`

    const ask = await get(h.app, `${manage}/delete?lang=fi`)
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain('Poistetaanko kaikki tietosi?')
    const done = await postForm(h.app, `${manage}/delete?lang=fi`, {})
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Tietosi on poistettu')

    const dump: Record<string, unknown[]> = {}
    for (const table of TABLES) {
      dump[table] = await h.deps.database.db.selectFrom(table).selectAll().execute()
    }
    const text = JSON.stringify(dump).toLowerCase()
    expect(text).not.toContain('maija')
    expect(text).not.toContain(ipHash)
    expect(text).not.toContain(ip)
    expect(dump.subscribers).toEqual([])
    expect(dump.subscriber_languages).toEqual([])
    expect(dump.subscriptions).toEqual([])
    const consents = dump.consents as { subscriber_id: number | null; action: string }[]
    expect(consents.every((c) => c.subscriber_id === null)).toBe(true)
    expect(consents.map((c) => c.action)).toContain('delete')
    const deliveries = dump.deliveries as { subscriber_id: number | null; status: string }[]
    expect(deliveries).toEqual([expect.objectContaining({ subscriber_id: null, status: 'sent' })])
    expect(dump.suppressions).toHaveLength(1)

    for (const path of [manage, `${manage}/export.json`, unsubscribe]) {
      expect((await get(h.app, path)).status).toBe(404)
    }

    // The erased address still bounced/complained: it is not mailed when someone re-subscribes.
    await drainOutbox(h.deps)
    const before = h.smtp.messages.length
    const again = await postForm(
      h.app,
      '/subscribe',
      { email: 'maija.mehilainen@example.fi', newsroom: 'kaupunki', lang: 'en' },
      { 'x-forwarded-for': '192.0.2.45' },
    )
    expect(again.status).toBe(202)
    await drainOutbox(h.deps)
    expect(h.smtp.messages.length).toBe(before)
    expect(await subscriberRow(h, 'maija.mehilainen@example.fi')).toBeUndefined()
    expect(ORIGIN).toBe(h.setup.config.publicUrl)
  })
})
