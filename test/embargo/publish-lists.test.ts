/**
 * Distribution at publication from the admin: the publish confirmation lists the newsroom's
 * media lists with their sizes, counts everyone once (an address on two lists that also
 * subscribes is one recipient), recounts without JavaScript, refuses a list that is not the
 * newsroom's with nothing written, keeps a schedule's lists, and publishing with two lists sends
 * one email per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMediaContact, createMediaList } from '../../src/core/media-lists/lists.js'
import { createRelease } from '../../src/core/release/releases.js'
import { SYSTEM, staffSignIn } from '../helpers/actors.js'
import type { StaffSession } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import {
  addSubscriber,
  createTestNewsroom,
  releaseInput,
  startPipeline,
  untilDeliveryDone,
} from '../pipeline/fixtures.js'
import type { Pipeline } from '../pipeline/fixtures.js'

describe.each(DB_KINDS)('media lists chosen at publication in the admin (%s)', (kind) => {
  let pipeline: Pipeline
  let editor: StaffSession
  let dailies: { id: number }
  let radio: { id: number }
  let foreign: { id: number }

  beforeAll(async () => {
    pipeline = await startPipeline(kind, { policy: { pageSize: 3, batchSize: 2 } })
    const deps = pipeline.content
    const newsroom = await createTestNewsroom(deps, 'jakelu', ['fi', 'sv'])
    await createTestNewsroom(deps, 'muu', ['fi', 'sv'])
    editor = await staffSignIn(pipeline.app, pipeline.container, {
      newsroomIds: [newsroom.id],
    })('editor')
    await addSubscriber(pipeline, { email: 'both@example.fi', newsroomIds: [newsroom.id] })
    await addSubscriber(pipeline, { email: 'tilaaja@example.fi', newsroomIds: [newsroom.id] })
    dailies = await createMediaList(deps, SYSTEM, 'jakelu', { name: 'Päivälehdet' })
    radio = await createMediaList(deps, SYSTEM, 'jakelu', { name: 'Radio' })
    foreign = await createMediaList(deps, SYSTEM, 'muu', { name: 'Muiden lista' })
    for (const email of ['Both@Example.fi', 'a1@lehti.fi', 'x@kaksi.fi', 'pois@lehti.fi'])
      await addMediaContact(deps, SYSTEM, dailies.id, { email, name: email })
    for (const email of ['both@example.fi', 'X@kaksi.fi', 'b1@radio.fi'])
      await addMediaContact(deps, SYSTEM, radio.id, { email, name: email, language: 'sv' })
    // A journalist who opted out is on the list but is neither counted nor sent anything.
    await pipeline.container.repos.mediaLists.optOut(
      newsroom.id,
      'pois@lehti.fi',
      pipeline.clock.now(),
      'page',
    )
  })
  afterAll(async () => {
    await pipeline?.close()
  })

  const draft = async (overrides = {}) =>
    (await createRelease(pipeline.content, SYSTEM, releaseInput('jakelu', overrides))).id
  const statusOf = async (id: number) =>
    (await pipeline.container.repos.releases.findById(id))?.status
  /** The ids of the checked media list boxes on a page. */
  const checked = (html: string) =>
    [...html.matchAll(/<input[^>]*name="list"[^>]*>/g)]
      .filter(([input]) => /\bchecked\b/.test(input))
      .map(([input]) => Number(/value="(\d+)"/.exec(input)?.[1]))

  it('shows the lists with their sizes and a deduplicated count, recounted without script', async () => {
    const id = await draft()
    const page = await editor.get(`/admin/releases/${id}/publish`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Send also to media lists')
    expect(html).toContain('Päivälehdet (4 journalists)')
    expect(html).toContain('Radio (3 journalists)')
    expect(html).toContain('2 recipients in all, 0 of them only through the media lists.')
    expect(checked(html)).toEqual([])

    // both@ is on both lists and subscribes, x@ is on both lists, pois@ opted out:
    // both@, tilaaja@ (subscribers) + a1@, x@, b1@ (lists only).
    const recount = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      list: [String(dailies.id), String(radio.id)],
      recount: '1',
    })
    expect(recount.status).toBe(200)
    const again = await recount.text()
    expect(again).toContain('5 recipients in all, 3 of them only through the media lists.')
    expect(checked(again).sort()).toEqual([dailies.id, radio.id].sort())
    expect(await statusOf(id)).toBe('draft')

    const viaQuery = await editor.get(`/admin/releases/${id}/publish?list=${radio.id}`)
    const onlyRadio = await viaQuery.text()
    // Radio: both@ (a subscriber already), x@, b1@.
    expect(onlyRadio).toContain('4 recipients in all, 2 of them only through the media lists.')
    expect(checked(onlyRadio)).toEqual([radio.id])
  })

  it('refuses an unknown list or one of another newsroom with nothing written', async () => {
    const id = await draft()
    for (const bad of ['999999', String(foreign.id)]) {
      const res = await editor.post(`/admin/releases/${id}/publish`, {
        _csrf: editor.csrf,
        list: [String(dailies.id), bad],
      })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('is not (or no longer) a list of this newsroom')
      expect(await statusOf(id)).toBe('draft')
      expect(await pipeline.container.repos.mediaLists.distributionOf(id)).toEqual([])
    }
    expect(pipeline.smtp.accepted).toEqual([])
  })

  it('refuses lists when the release is not emailed, as the API does', async () => {
    const id = await draft({ notify: false })
    const page = await (await editor.get(`/admin/releases/${id}/publish`)).text()
    expect(page).toContain('Email is switched off for this release')
    expect(checked(page)).toEqual([])
    const res = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      list: String(dailies.id),
    })
    expect(res.status).toBe(422)
    expect(await statusOf(id)).toBe('draft')
  })

  it('keeps a schedule’s lists and shows them chosen when the page is opened again', async () => {
    const id = await draft()
    const at = new Date(pipeline.clock.now().getTime() + 86_400_000).toISOString()
    const res = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      at,
      list: String(radio.id),
    })
    expect(res.status).toBe(303)
    expect(await statusOf(id)).toBe('scheduled')
    const page = await editor.get(`/admin/releases/${id}/publish?at=${encodeURIComponent(at)}`)
    expect(checked(await page.text())).toEqual([radio.id])
  })

  it('publishes with two lists: one email per address, and the delivery page names the lists', async () => {
    const id = await draft()
    const res = await editor.post(`/admin/releases/${id}/publish`, {
      _csrf: editor.csrf,
      list: [String(dailies.id), String(radio.id)],
    })
    expect(res.status).toBe(303)
    const progress = await untilDeliveryDone(pipeline.container.repos, id, { timeoutMs: 30_000 })
    expect(progress).toMatchObject({ audience: 5, sent: 5, failed: 0, done: true })
    const received = pipeline.smtp.accepted.map((to) => to.toLowerCase()).sort()
    expect(received).toEqual([
      'a1@lehti.fi',
      'b1@radio.fi',
      'both@example.fi',
      'tilaaja@example.fi',
      'x@kaksi.fi',
    ])
    const delivery = await (await editor.get(`/admin/releases/${id}/delivery`)).text()
    expect(delivery).toContain('Päivälehdet')
    expect(delivery).toContain('Radio')
  })
})
