/**
 * Distribution at publication: a release published with media lists goes, through the same
 * fan-out and ledger as subscribers' email, to every journalist on them — one email per address
 * across lists and subscriptions — and a fan-out that dies between pages loses nothing when its
 * job runs again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMediaContact, createMediaList } from '../../src/core/media-lists/lists.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { SYSTEM } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import {
  addSubscriber,
  createTestNewsroom,
  releaseInput,
  startPipeline,
  untilDeliveryDone,
} from '../pipeline/fixtures.js'
import type { Pipeline } from '../pipeline/fixtures.js'

describe.each(DB_KINDS)('distribution to media lists at publication (%s)', (kind) => {
  let pipeline: Pipeline

  beforeAll(async () => {
    // Small pages and batches: the distribution takes several of each.
    pipeline = await startPipeline(kind, { policy: { pageSize: 3, batchSize: 2 } })
  })
  afterAll(async () => {
    await pipeline?.close()
  })

  it('sends one email per address across lists and subscriptions, and a crash loses nothing', async () => {
    const newsroom = await createTestNewsroom(pipeline.content, 'jakelu', ['fi', 'sv'])
    await addSubscriber(pipeline, { email: 'both@example.fi', newsroomIds: [newsroom.id] })
    await addSubscriber(pipeline, { email: 'tilaaja@example.fi', newsroomIds: [newsroom.id] })
    const deps = pipeline.content
    const dailies = await createMediaList(deps, SYSTEM, 'jakelu', { name: 'Päivälehdet' })
    const radio = await createMediaList(deps, SYSTEM, 'jakelu', { name: 'Radio' })
    for (const email of [
      'Both@Example.fi',
      'a1@lehti.fi',
      'a2@lehti.fi',
      'a3@lehti.fi',
      'x@kaksi.fi',
    ])
      await addMediaContact(deps, SYSTEM, dailies.id, { email, name: email })
    for (const email of ['both@example.fi', 'b1@radio.fi', 'b2@radio.fi', 'X@kaksi.fi'])
      await addMediaContact(deps, SYSTEM, radio.id, { email, name: email, language: 'sv' })

    // The fan-out dies once, right after writing a page of deliveries and before its batches
    // are queued (as a killed worker would); its job runs again.
    const enqueue = pipeline.delivery.enqueueSends
    let calls = 0
    pipeline.delivery.enqueueSends = async (batches) => {
      if (++calls === 2) throw new Error('worker killed mid-distribution')
      return enqueue(batches)
    }

    const release = await createRelease(deps, SYSTEM, releaseInput('jakelu'))
    await publishRelease(deps, SYSTEM, release.id, { mediaLists: [dailies.id, radio.id] })
    const progress = await untilDeliveryDone(pipeline.container.repos, release.id, {
      timeoutMs: 30_000,
    })
    expect(calls).toBeGreaterThan(2)

    const expected = [
      'a1@lehti.fi',
      'a2@lehti.fi',
      'a3@lehti.fi',
      'b1@radio.fi',
      'b2@radio.fi',
      'both@example.fi',
      'tilaaja@example.fi',
      'x@kaksi.fi',
    ]
    const received = pipeline.smtp.accepted.map((to) => to.toLowerCase())
    expect([...received].sort()).toEqual(expected)
    expect(progress).toMatchObject({ audience: 8, sent: 8, failed: 0, done: true })
    expect(progress.mediaLists).toEqual([
      { id: dailies.id, name: 'Päivälehdet', recipients: 4 },
      { id: radio.id, name: 'Radio', recipients: 3 },
    ])
    // The Swedish-speaking journalist got the Swedish version.
    const b1 = pipeline.smtp.messages.find((m) => m.to.includes('b1@radio.fi'))!
    expect(b1.parsed.headers.get('content-language')).toBe('sv')
  })

  it('refuses a media list of another newsroom and writes nothing', async () => {
    await createTestNewsroom(pipeline.content, 'toinen', ['fi'])
    const other = await createMediaList(pipeline.content, SYSTEM, 'toinen', { name: 'Muut' })
    const release = await createRelease(pipeline.content, SYSTEM, releaseInput('jakelu'))
    await expect(
      publishRelease(pipeline.content, SYSTEM, release.id, { mediaLists: [other.id] }),
    ).rejects.toMatchObject({ fields: { 'mediaLists.0': expect.any(String) } })
    const row = await pipeline.container.repos.releases.findById(release.id)
    expect(row?.status).toBe('draft')
    expect(await pipeline.container.repos.mediaLists.distributionOf(release.id)).toEqual([])
  })
})
