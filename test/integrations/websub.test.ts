/**
 * WebSub on both databases: with WEBSUB_HUB_URL set, every feed format names the hub and its
 * own URL, and publishing, editing and withdrawing a release ping a real hub server for each
 * feed that changed (all, newsroom, language, type and keyword feeds); a hub error is retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newsroomInput, releaseInput, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'
import { ORIGIN, untilIdle } from '../helpers/harness.js'
import { eventually } from '../helpers/wait.js'
import { startReceiver } from './receiver.js'
import type { Receiver } from './receiver.js'

describe.each(DB_KINDS)('WebSub (%s)', (kind) => {
  let h: ApiHarness
  let hub: Receiver
  let hubUrl: string

  const pingedUrls = () =>
    hub.received
      .filter((r) => r.headers['content-type'] === 'application/x-www-form-urlencoded')
      .map((r) => new URLSearchParams(r.body))
      .filter((form) => form.get('hub.mode') === 'publish')
      .map((form) => form.get('hub.url')!)

  beforeAll(async () => {
    hub = await startReceiver()
    hubUrl = `${hub.url}/hub`
    h = await startApiHarness(kind, { env: { WEBSUB_HUB_URL: hubUrl }, workers: true })
    expect((await h.api('POST', '/newsrooms', newsroomInput())).status).toBe(201)
  })
  afterAll(async () => {
    await h?.close()
    await hub?.close()
  })

  it('names the hub and the feed itself in RSS, Atom and JSON Feed', async () => {
    const atom = await (await h.get('/feeds/kaupunki.atom')).text()
    expect(atom).toContain(`<link rel="hub" href="${hubUrl}"/>`)
    expect(atom).toContain(
      `<link rel="self" type="application/atom+xml" href="${ORIGIN}/feeds/kaupunki.atom"/>`,
    )
    const rss = await (await h.get('/feeds/kaupunki.rss?lang=sv')).text()
    expect(rss).toContain(`<atom:link href="${hubUrl}" rel="hub"/>`)
    expect(rss).toMatch(
      /<atom:link href="http:\/\/tiedote\.test\/feeds\/kaupunki\.rss\?lang=sv" rel="self"/,
    )
    const json = (await (await h.get('/feeds/all.json')).json()) as Record<string, unknown>
    expect(json.hubs).toEqual([{ type: 'WebSub', url: hubUrl }])
    expect(json.feed_url).toBe(`${ORIGIN}/feeds/all.json`)
  })

  it('pings the hub for every changed feed on publish, edit and withdrawal, retrying a failure', async () => {
    hub.answers = [500, 204]
    const release = await h.api('POST', '/releases', releaseInput())
    expect(release.status).toBe(201)
    expect(pingedUrls()).toEqual([]) // a draft changes no feed
    await h.api('POST', `/releases/${release.body.id}/publish`, {})
    const expected = [
      '/feeds/all.rss',
      '/feeds/all.atom',
      '/feeds/all.json',
      '/feeds/kaupunki.rss',
      '/feeds/kaupunki.atom?lang=sv',
      '/feeds/kaupunki.json?lang=fi',
      '/feeds/kaupunki.rss?type=press-release',
      '/feeds/kaupunki.atom?keyword=liikenne',
      '/feeds/all.json?keyword=paatokset',
    ].map((path) => ORIGIN + path)
    await eventually(() => expected.every((url) => pingedUrls().includes(url)), {
      what: () => `pings of the release's feeds (got ${pingedUrls().length})`,
    })
    // The hub's 500 was retried: the first URL was sent again.
    expect(
      hub.received.filter((r) => new URLSearchParams(r.body).get('hub.url') === expected[0]).length,
    ).toBe(2)
    await untilIdle(h.deps)

    // An edit that drops a keyword pings that keyword's feed too.
    hub.received.length = 0
    const edit = await h.api('PATCH', `/releases/${release.body.id}`, { keywords: ['Liikenne'] })
    expect(edit.status).toBe(200)
    await eventually(
      () => pingedUrls().includes(`${ORIGIN}/feeds/kaupunki.rss?keyword=paatokset`),
      {
        what: 'the ping of the dropped keyword’s feed',
      },
    )
    await untilIdle(h.deps)

    hub.received.length = 0
    await h.api('POST', `/releases/${release.body.id}/withdraw`, {})
    await eventually(() => pingedUrls().includes(`${ORIGIN}/feeds/kaupunki.json`), {
      what: 'the pings of the withdrawal',
    })
  })
})
