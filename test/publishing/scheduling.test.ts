import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { completePublication } from '../../src/core/release/publishing.js'
import { contentDeps } from '../../src/wiring/content.js'
import { feedPath } from '../../src/feeds/urls.js'
import { createPublishProcessor } from '../../workers/publish.processor.js'
import { startWorkers } from '../../workers/index.js'
import type { Workers } from '../../workers/index.js'
import { DB_KINDS, deletePrefixKeys } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { eventually } from '../helpers/wait.js'
import { newsroomInput, releaseInput, startApiHarness, uploadForm } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'

const HOUR = 3600_000

/** A worker process's publish side: the real BullMQ worker with the real processor. */
const startPublishWorker = (h: ApiHarness): Workers =>
  startWorkers(h.deps, {
    publish: { process: createPublishProcessor(h.deps), concurrency: 1 },
  })

async function statusOf(h: ApiHarness, id: number) {
  return (await h.api('GET', `/releases/${id}`)).body.status as string
}

async function openPublishRows(h: ApiHarness, releaseId: number) {
  return h.deps.database.db
    .selectFrom('outbox')
    .select(['id', 'due_at'])
    .where('kind', '=', 'release.publish')
    .where('payload', '=', JSON.stringify({ releaseId }))
    .where('done_at', 'is', null)
    .execute()
}

async function fanoutRows(h: ApiHarness, releaseId: number) {
  return h.deps.database.db
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'release.fanout')
    .where('payload', 'like', `{"releaseId":${releaseId},%`)
    .execute()
}

/** Every public place a release could show up, with what it must not contain before its time. */
async function publicTraces(
  h: ApiHarness,
  release: {
    id: number
    versions: Record<string, { path: string; title: string }>
    attachments?: { path: string }[]
  },
) {
  const pages = [
    '/fi/',
    '/sv/',
    '/fi/kaupunki',
    '/sv/kaupunki',
    '/fi/kaupunki?keyword=liikenne',
    feedPath('rss', { newsroom: 'kaupunki', lang: 'fi' }),
    feedPath('atom', { lang: 'sv' }),
    feedPath('json', { newsroom: 'kaupunki', lang: 'fi' }),
    '/sitemap.xml',
  ]
  const found: string[] = []
  for (const path of pages) {
    const body = await (await h.get(path)).text()
    for (const version of Object.values(release.versions))
      if (body.includes(version.title) || body.includes(version.path)) found.push(path)
  }
  for (const version of Object.values(release.versions))
    if ((await h.get(version.path)).status !== 404) found.push(version.path)
  for (const file of release.attachments ?? [])
    if ((await h.get(file.path)).status !== 404) found.push(file.path)
  if ((await h.api('GET', `/releases/${release.id}`, undefined, 'anonymous')).status !== 401)
    found.push('API without a token')
  return found
}

describe.each(DB_KINDS)('scheduled publication on %s', (kind) => {
  let h: ApiHarness
  let workers: Workers | undefined
  let n = 0

  beforeAll(async () => {
    h = await startApiHarness(kind)
    await h.api('POST', '/newsrooms', newsroomInput())
  })
  afterEach(async () => {
    await workers?.close()
    workers = undefined
  })
  afterAll(async () => {
    await h.close()
  })

  async function schedule(inMs: number) {
    const created = await h.api('POST', '/releases', releaseInput('kaupunki', ` ${++n}`))
    const at = new Date(h.clock.now().getTime() + inMs).toISOString()
    const res = await h.api('POST', `/releases/${created.body.id}/publish`, { at })
    expect(res.body).toMatchObject({ status: 'scheduled', publishAt: at })
    return { ...created.body, publishAt: at as string }
  }

  it('is invisible everywhere until its time, then a worker publishes it exactly once', async () => {
    const release = await schedule(HOUR)
    const image = await h.api(
      'POST',
      `/releases/${release.id}/attachments`,
      uploadForm(PNG_BYTES, 'tuleva.png', { 'alt.fi': 'Kuva' }),
    )
    const traced = { ...release, attachments: [image.body] }
    workers = startPublishWorker(h)
    const [job] = await eventually(async () => {
      const delayed = await h.deps.queues.publish.getDelayed()
      return delayed.length ? delayed : undefined
    })
    expect(job.id).toBe(`publish-${release.id}-${(await openPublishRows(h, release.id))[0].id}`)

    expect(await publicTraces(h, traced)).toEqual([])
    await h.deps.dispatcher.sweep()
    expect(await statusOf(h, release.id)).toBe('scheduled')

    // Time comes: the clock moves past the publication time and the delay runs out.
    h.clock.advance(HOUR + 1000)
    await job.promote()
    await eventually(async () => (await statusOf(h, release.id)) === 'published')

    // The same check that found nothing before now finds it everywhere it belongs.
    expect(await publicTraces(h, traced)).toEqual(
      expect.arrayContaining([
        '/fi/',
        '/sv/',
        '/fi/kaupunki?keyword=liikenne',
        release.versions.fi.path,
        release.versions.sv.path,
        image.body.path,
      ]),
    )
    const res = await h.get(release.versions.fi.path)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(release.versions.fi.title)
    expect((await h.get(image.body.path)).status).toBe(200)
    expect(await (await h.get('/sv/kaupunki')).text()).toContain(release.versions.sv.title)
    const read = await h.api('GET', `/releases/${release.id}`)
    expect(read.body.publishedAt).toBe(release.publishAt)

    // Exactly once: a duplicate job, a sweep and a replay of the row change nothing.
    expect(await openPublishRows(h, release.id)).toEqual([])
    expect(await fanoutRows(h, release.id)).toHaveLength(1)
    await h.deps.dispatcher.sweep()
    const outboxId = Number(String(job.id).split('-').pop())
    expect(
      await completePublication(contentDeps(h.deps), { releaseId: release.id, outboxId }),
    ).toBe('skipped')
    expect(await fanoutRows(h, release.id)).toHaveLength(1)
  })

  it('a publish job that fires early puts itself back to wait', async () => {
    const release = await schedule(HOUR)
    workers = startPublishWorker(h)
    const job = await eventually(async () =>
      (await h.deps.queues.publish.getDelayed()).find((j) => j.data.releaseId === release.id),
    )
    await job.promote()
    await eventually(async () => {
      const again = await h.deps.queues.publish.getJob(job.id!)
      return again && (await again.getState()) === 'delayed' && again.attemptsMade === 0
    })
    expect(await statusOf(h, release.id)).toBe('scheduled')
    expect(await openPublishRows(h, release.id)).toHaveLength(1)
    expect((await h.get(release.versions.fi.path)).status).toBe(404)
    await h.api('POST', `/releases/${release.id}/unschedule`)
  })

  it('survives Redis losing the job and the worker restarting: the sweep publishes it', async () => {
    const release = await schedule(HOUR)
    const prefix = h.setup.config.redisPrefix
    expect(await h.deps.queues.publish.getDelayed()).toHaveLength(1)
    // Redis loses every publish job (flushed or restarted without persistence).
    await deletePrefixKeys(h.deps.redis, `${prefix}:publish`)
    expect(await h.deps.queues.publish.getDelayed()).toHaveLength(0)

    workers = startPublishWorker(h)
    await h.deps.dispatcher.sweep()
    expect(await statusOf(h, release.id)).toBe('scheduled')
    await workers.close()

    h.clock.advance(HOUR + 10_000)
    workers = startPublishWorker(h)
    await eventually(async () => (await statusOf(h, release.id)) === 'published')
    expect((await h.get(release.versions.fi.path)).status).toBe(200)
    expect(await fanoutRows(h, release.id)).toHaveLength(1)
  })

  it('rescheduling replaces the job, unscheduling cancels it', async () => {
    const release = await schedule(HOUR)
    const [first] = await h.deps.queues.publish.getDelayed()
    const later = new Date(h.clock.now().getTime() + 2 * HOUR).toISOString()
    await h.api('POST', `/releases/${release.id}/publish`, { at: later })
    const delayed = await h.deps.queues.publish.getDelayed()
    expect(delayed.map((j) => j.id)).not.toContain(first.id)
    expect(delayed).toHaveLength(1)
    expect((await openPublishRows(h, release.id)).map((r) => r.due_at)).toEqual([later])

    await h.api('POST', `/releases/${release.id}/unschedule`)
    expect(await h.deps.queues.publish.getDelayed()).toHaveLength(0)
    workers = startPublishWorker(h)
    h.clock.advance(3 * HOUR)
    await h.deps.dispatcher.sweep()
    expect(await statusOf(h, release.id)).toBe('draft')
    expect((await h.get(release.versions.fi.path)).status).toBe(404)
  })
})

describe.each(DB_KINDS)('scheduled publication in real time on %s', (kind) => {
  let h: ApiHarness
  let workers: Workers

  beforeAll(async () => {
    h = await startApiHarness(kind, { realTime: true })
    await h.api('POST', '/newsrooms', newsroomInput())
    workers = startPublishWorker(h)
  })
  afterAll(async () => {
    await workers.close()
    await h.close()
  })

  it('a release scheduled 3 s ahead through the API becomes public by its delayed job', async () => {
    const created = await h.api('POST', '/releases', releaseInput())
    const at = new Date(Date.now() + 3000).toISOString()
    const res = await h.api('POST', `/releases/${created.body.id}/publish`, { at })
    expect(res.body.status).toBe('scheduled')
    expect((await h.get(created.body.versions.fi.path)).status).toBe(404)
    expect(await (await h.get('/sv/kaupunki')).text()).not.toContain('Gågatan')
    await eventually(async () => (await h.get(created.body.versions.fi.path)).status === 200)
    expect(await (await h.get('/sv/kaupunki')).text()).toContain('Gågatan öppnar på våren')
    expect((await h.api('GET', `/releases/${created.body.id}`)).body.publishedAt).toBe(at)
  })
})
