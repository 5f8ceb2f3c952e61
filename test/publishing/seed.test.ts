import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoNewsroom, demoReleases } from '../../src/demo/content.js'
import { seedDemo } from '../../src/demo/seed.js'
import { DB_KINDS } from '../helpers/env.js'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'

const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

describe.each(DB_KINDS)('demo newsroom on %s', (kind) => {
  let h: ApiHarness

  beforeAll(async () => {
    h = await startApiHarness(kind)
  })
  afterAll(async () => {
    await h.close()
  })

  it('an empty database gets the demo newsroom with its releases, backdated and silent', async () => {
    expect(await seedDemo(h.deps)).toBe(true)
    const { body } = await h.api('GET', `/releases?newsroom=${demoNewsroom.slug}&limit=100`)
    expect(body.items).toHaveLength(demoReleases.length)
    for (const demo of demoReleases) {
      const release = body.items.find(
        (r: { versions: Record<string, { title: string }> }) =>
          r.versions.fi?.title === demo.versions.fi?.title,
      )
      expect(release).toMatchObject({
        status: 'published',
        publishedAt: demo.publishedAt,
        notify: false,
        type: demo.type,
      })
      expect(release.contacts.length).toBe(demo.contactKeys.length)
    }
    type Item = { attachments: { kind: string }[]; leadImage: { kind: string } | null }
    const withFile = body.items.find((r: Item) => r.attachments.some((a) => a.kind === 'file'))
    expect(withFile.attachments).toContainEqual(
      expect.objectContaining({ kind: 'file', mimeType: 'text/plain' }),
    )
    // Releases with a photo show it as their lead image, in web sizes without metadata.
    const withImage = body.items.filter((r: Item) => r.leadImage)
    expect(withImage.length).toBe(demoReleases.filter((r) => r.image).length)
    expect(withImage[0].leadImage.renditions.map((r: { width: number }) => r.width)).toEqual([
      400, 800, 1200,
    ])
    // The media bank: the releases' photos and the bank's own, at least three images.
    const bank = await h.api('GET', '/newsrooms/lansi-uusimaa/media')
    expect(
      bank.body.items.filter((i: { kind: string }) => i.kind === 'image').length,
    ).toBeGreaterThanOrEqual(3)
    const fanouts = await h.deps.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'release.fanout')
      .execute()
    expect(fanouts).toEqual([])
  })

  it('a second start changes nothing, even after the user deleted a release', async () => {
    const { body } = await h.api('GET', '/releases?status=published&limit=100')
    await h.api('POST', `/releases/${body.items[0].id}/withdraw`, {})
    expect(await seedDemo(h.deps)).toBe(false)
    const after = await h.api('GET', '/releases?limit=100')
    expect(after.body.items).toHaveLength(demoReleases.length)
  })

  it('readers see the demo in Finnish and Swedish with local times and working files', async () => {
    const strategy = demoReleases.find((r) => r.attachment)!
    const front = visibleText(await (await h.get('/sv/')).text())
    expect(front).toContain(strategy.versions.sv!.title)
    const { body } = await h.api('GET', '/releases?status=published&limit=100')
    const release = body.items.find(
      (r: { versions: Record<string, { title: string }> }) =>
        r.versions.fi?.title === strategy.versions.fi!.title,
    )
    const fiPage = await h.get(release.versions.fi.path)
    expect(fiPage.status).toBe(200)
    const fiText = visibleText(await fiPage.text())
    expect(fiText).toContain('29.9.2025 17:48:33 EEST | Tiedote')
    expect(fiText).toContain('Anna Sahiluoma')
    const svText = visibleText(await (await h.get(release.versions.sv.path)).text())
    expect(svText).toContain('29.9.2025 17:48:33 EEST | Pressmeddelande')
    expect(svText).toContain('ordförande för välfärdsområdesfullmäktiges förhandlingskommitté')
    const file = await h.get(
      release.attachments.find((a: { kind: string }) => a.kind === 'file').path,
    )
    expect(file.status).toBe(200)
    expect(await file.text()).toContain('STRATEGIA 2026–2029')
  })
})

describe('demo seed when the database already has other newsrooms', () => {
  it('leaves an installation with its own newsrooms alone, and completes an interrupted seed', async () => {
    const h = await startApiHarness('sqlite')
    try {
      await h.api('POST', '/newsrooms', {
        slug: 'oma',
        name: { fi: 'Oma' },
        languages: ['fi'],
      })
      expect(await seedDemo(h.deps)).toBe(false)
      expect((await h.api('GET', '/newsrooms')).body.items).toHaveLength(1)
      await h.api('PATCH', '/newsrooms/oma', { slug: 'oma-uutishuone' })

      // Simulate a first start that died after the newsroom and one draft were written.
      await h.deps.database.db.deleteFrom('newsroom_translations').execute()
      await h.deps.database.db.deleteFrom('newsrooms').execute()
      await h.api('POST', '/newsrooms', {
        slug: demoNewsroom.slug,
        name: demoNewsroom.name,
        languages: demoNewsroom.languages,
      })
      const first = demoReleases[0]
      await h.api('POST', '/releases', {
        newsroom: demoNewsroom.slug,
        versions: { fi: { title: first.versions.fi!.title } },
      })
      expect(await seedDemo(h.deps)).toBe(true)
      const { body } = await h.api('GET', '/releases?limit=100')
      expect(body.items).toHaveLength(demoReleases.length)
      expect(body.items.every((r: { status: string }) => r.status === 'published')).toBe(true)
    } finally {
      await h.close()
    }
  })
})
