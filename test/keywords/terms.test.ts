/**
 * Keywords as terms, through the API only: a term with a label per language, a release tagged by
 * one label, and every place a keyword goes out shows the reader's language; subscribers follow
 * a term by any of its labels and get exactly the releases carrying it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'
import { startSmtpServer } from '../helpers/smtp.js'
import { untilIdle } from '../helpers/harness.js'

type JsonFeed = { items: { title: string; tags: string[] }[] }

const consent = { source: 'press event 2025', at: '2025-09-29T10:00:00Z' }

describe.each(DB_KINDS)('keyword terms (%s)', (kind) => {
  let h: ApiHarness
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let svPath = ''

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startApiHarness(kind, { smtp, workers: true, start: '2026-03-02T08:00:00Z' })
    const newsroom = await h.api('POST', '/newsrooms', {
      slug: 'lansi-uusimaa',
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
      languages: ['fi', 'sv'],
    })
    expect(newsroom.status).toBe(201)
  })
  afterAll(async () => {
    await h.close()
  })

  it('creates terms with a label per language and refuses clashes and bad labels, writing nothing', async () => {
    const created = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', {
      labels: { fi: 'terveysasemat', sv: 'hälsostationer' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      slug: 'terveysasemat',
      labels: { fi: 'terveysasemat', sv: 'hälsostationer' },
      missing: [],
      releases: 0,
    })
    const lohja = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', {
      labels: { fi: 'Lohja', sv: 'Lojo' },
    })
    expect(lohja.status).toBe(201)
    const onlyFi = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', {
      labels: { fi: 'sote-palvelut' },
    })
    expect(onlyFi.body.missing).toEqual(['sv'])

    const before = await h.api('GET', '/newsrooms/lansi-uusimaa/keywords')
    // A label naming another term in any language, whatever its case and accents.
    const clash = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', {
      labels: { fi: 'Halsostationer' },
    })
    expect(clash.status).toBe(409)
    expect(clash.body.error.fields['labels.fi']).toMatch(
      /already names the keyword "terveysasemat"/,
    )
    for (const [labels, field] of [
      [{ fi: '' }, 'labels'],
      [{ fi: '   ' }, 'labels.fi'],
      [{ de: 'Gesundheit' }, 'labels.de'],
      [{ en: 'health' }, 'labels.en'],
      [{ fi: 'x'.repeat(61) }, 'labels.fi'],
      [Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`l${i}`, 'x'])), 'labels.l0'],
    ] as const) {
      const bad = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', { labels })
      expect(bad.status, JSON.stringify(labels).slice(0, 40)).toBe(422)
      expect(Object.keys(bad.body.error.fields)).toEqual([field])
    }
    const noLabels = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', { slug: 'x' })
    expect(noLabels.status).toBe(422)
    const tooMany = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      keywords: Array.from({ length: 10_000 }, (_, i) => `aihe ${i}`),
      versions: { fi: { title: 'Liikaa' } },
    })
    expect(tooMany.status).toBe(422)
    expect((await h.api('GET', '/newsrooms/lansi-uusimaa/keywords')).body).toEqual(before.body)
  })

  it('tags a release by a label in any case; the Swedish page, feed and form show the Swedish label alone', async () => {
    const release = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      keywords: ['TERVEYSASEMAT', 'lohja'],
      versions: {
        fi: { title: 'Terveysasemien aukioloajat muuttuvat', body: 'Lohjan asemat.' },
        sv: { title: 'Hälsostationernas öppettider ändras', body: 'Stationerna i Lojo.' },
      },
    })
    expect(release.status).toBe(201)
    expect(release.body.keywords.map((k: { slug: string }) => k.slug)).toEqual([
      'terveysasemat',
      'lohja',
    ])
    const published = await h.api('POST', `/releases/${release.body.id}/publish`)
    expect(published.status).toBe(200)
    svPath = new URL(release.body.versions.sv.url).pathname

    const page = await (await h.get(svPath)).text()
    expect(page).toContain('>hälsostationer</a>')
    expect(page).toContain('>Lojo</a>')
    expect(page).not.toContain('>terveysasemat</a>')
    expect(page).not.toContain('>Lohja</a>')
    expect(page).toContain('"keywords":["hälsostationer","Lojo"]')
    const fiPage = await (await h.get(new URL(release.body.versions.fi.url).pathname)).text()
    expect(fiPage).toContain('>terveysasemat</a>')

    const feed = await (await h.get('/feeds/lansi-uusimaa.rss?lang=sv')).text()
    expect(feed).toContain('<category><![CDATA[hälsostationer]]></category>')
    expect(feed).not.toContain('terveysasemat]]></category>')
    for (const keyword of ['terveysasemat', 'H%C3%A4lsostationer', 'halsostationer']) {
      const filtered = (await (
        await h.get(`/feeds/lansi-uusimaa.json?lang=sv&keyword=${keyword}`)
      ).json()) as JsonFeed
      expect(
        filtered.items.map((i: { title: string }) => i.title),
        keyword,
      ).toEqual(['Hälsostationernas öppettider ändras'])
      expect(filtered.items[0].tags).toEqual(['hälsostationer', 'Lojo', 'Pressmeddelande'])
    }
    const none = (await (
      await h.get('/feeds/lansi-uusimaa.json?lang=sv&keyword=sote-palvelut')
    ).json()) as JsonFeed
    expect(none.items).toEqual([])

    const form = await (await h.get('/sv/lansi-uusimaa/subscribe')).text()
    expect(form).toContain('hälsostationer')
    expect(form).toContain('Lojo')
    expect(form).not.toMatch(/>\s*terveysasemat\s*</)
    const newsroomPage = await (await h.get('/sv/lansi-uusimaa')).text()
    expect(newsroomPage).toMatch(/<option value="terveysasemat"[^>]*>hälsostationer<\/option>/)
  })

  it('sends the release to followers of its term, named by any label, and not to others', async () => {
    const follow = async (email: string, keywords: string[]) =>
      h.api('POST', '/subscribers', {
        email,
        languages: ['sv'],
        newsrooms: ['lansi-uusimaa'],
        keywords,
        status: 'confirmed',
        consent,
      })
    expect((await follow('foljer@example.se', ['Hälsostationer'])).status).toBe(201)
    expect((await follow('annat@example.se', ['sote-palvelut'])).status).toBe(201)
    const unknown = await follow('okand@example.se', ['palvelut'])
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.fields.keywords).toMatch(/No such keyword.*palvelut/)

    const release = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      keywords: ['hälsostationer'],
      contacts: [
        {
          name: 'Katja Virtanen',
          title: { fi: 'tiedottaja', sv: 'informatör' },
          email: 'katja.virtanen@example.fi',
        },
      ],
      versions: {
        fi: { title: 'Uusi terveysasema avataan', body: 'Teksti.' },
        sv: { title: 'En ny hälsostation öppnar', body: 'Text.' },
      },
    })
    await h.api('POST', `/releases/${release.body.id}/publish`)
    const [mail] = await smtp.waitFor(1)
    await untilIdle(h.deps)
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['foljer@example.se'])
    expect(mail.parsed.subject).toContain('En ny hälsostation öppnar')
    expect(mail.parsed.text).toContain('hälsostationer')
    expect(mail.parsed.text).not.toContain('terveysasemat')
    // The contact's job title in the email's language too.
    expect(mail.parsed.text).toContain('informatör')
    expect(mail.parsed.text).not.toContain('tiedottaja')
    expect(release.body.contacts[0].title).toEqual({ fi: 'tiedottaja', sv: 'informatör' })
  })

  it('merges two terms: releases and followers move to the one kept', async () => {
    const extra = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords', {
      labels: { fi: 'terveyskeskukset', sv: 'hälsocentraler' },
    })
    expect(extra.status).toBe(201)
    const tagged = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      keywords: ['terveyskeskukset'],
      versions: { fi: { title: 'Terveyskeskus' } },
    })
    const merged = await h.api('POST', '/newsrooms/lansi-uusimaa/keywords/hälsocentraler/merge', {
      into: 'terveysasemat',
    })
    expect(merged.status).toBe(200)
    expect(merged.body.slug).toBe('terveysasemat')
    const after = await h.api('GET', `/releases/${tagged.body.id}`)
    expect(after.body.keywords.map((k: { slug: string }) => k.slug)).toEqual(['terveysasemat'])
    const gone = await h.api('PATCH', '/newsrooms/lansi-uusimaa/keywords/terveyskeskukset', {
      labels: { sv: 'x' },
    })
    expect(gone.status).toBe(404)
    const renamed = await h.api('PATCH', '/newsrooms/lansi-uusimaa/keywords/sote-palvelut', {
      labels: { sv: 'social- och hälsovårdstjänster' },
    })
    expect(renamed.body).toMatchObject({
      labels: { fi: 'sote-palvelut', sv: 'social- och hälsovårdstjänster' },
      missing: [],
    })
    const removed = await h.api('PATCH', '/newsrooms/lansi-uusimaa/keywords/sote-palvelut', {
      labels: { sv: null },
    })
    expect(removed.body).toMatchObject({ labels: { fi: 'sote-palvelut' }, missing: ['sv'] })
    const none = await h.api('PATCH', '/newsrooms/lansi-uusimaa/keywords/sote-palvelut', {
      labels: { fi: null },
    })
    expect(none.status).toBe(422)
  })
})
