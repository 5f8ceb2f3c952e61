import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import { cancelSending } from '../../src/core/delivery/state.js'
import { addCorrection } from '../../src/core/release/publishing.js'
import { updateRelease } from '../../src/core/release/releases.js'
import { DB_KINDS, deletePrefixKeys } from '../helpers/env.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { untilIdle } from '../helpers/harness.js'
import { eventually } from '../helpers/wait.js'
import {
  addSubscriber,
  countByRecipient,
  createTestNewsroom,
  publishTestRelease,
  startPipeline,
  untilDeliveryDone,
} from './fixtures.js'
import type { Pipeline } from './fixtures.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const waitDone = (pipeline: Pipeline, releaseId: number, kind = 'release') =>
  untilDeliveryDone(pipeline.container.repos, releaseId, { kind })

/** Waits until a worker has run the release's publish job and put it back to wait: it fired early. */
async function untilPublishDeferred(pipeline: Pipeline, releaseId: number) {
  const { publish } = pipeline.container.queues
  await eventually(
    async () =>
      (await publish.getJobs(['delayed'])).some(
        (job) => job.data.releaseId === releaseId && job.attemptsStarted > 0,
      ),
    { what: `the publish job of release ${releaseId} to run early and wait` },
  )
}

/**
 * Moves the clock one reconcile interval past the stall timeout at a time, while nothing is in
 * flight, until the release is delivered: what the reconciler does on its own over minutes.
 */
async function finishedByReconciler(pipeline: Pipeline, releaseId: number) {
  const repos = pipeline.container.repos
  for (let round = 1; ; round++) {
    await eventually(async () => (await deliveryProgress(repos, releaseId)).sending === 0, {
      what: 'nothing in flight',
    })
    pipeline.clock.advance(31_000)
    try {
      return await untilDeliveryDone(repos, releaseId, { timeoutMs: 5_000 })
    } catch (error) {
      if (round === 4) throw error
    }
  }
}

/** Slows every SMTP transaction down, so that a test can act while messages are in flight. */
function slowDown(pipeline: Pipeline, ms: number) {
  const transmit = pipeline.delivery.transmit
  pipeline.delivery.transmit = async (message) => {
    await sleep(ms)
    return transmit(message)
  }
}

describe.each(DB_KINDS)('release lifecycle and email (%s)', (kind) => {
  let pipeline: Pipeline
  let newsroom: { id: number; slug: string }

  beforeAll(async () => {
    pipeline = await startPipeline(kind)
    newsroom = await createTestNewsroom(pipeline.content)
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('a scheduled release sends nothing before its time, and everything right after', async () => {
    const room = await createTestNewsroom(pipeline.content, 'ajastettu', ['fi', 'sv'])
    await addSubscriber(pipeline, { email: 'early@example.fi', newsroomIds: [room.id] })
    await addSubscriber(pipeline, {
      email: 'early@example.se',
      languages: ['sv'],
      newsroomIds: [room.id],
    })
    const at = new Date(pipeline.clock.now().getTime() + 3600_000)
    const releaseId = await publishTestRelease(pipeline, room.slug, {}, at)
    // The job may fire early (clocks differ between machines); it must then wait.
    await pipeline.container.queues.publish.promoteJobs()
    await untilPublishDeferred(pipeline, releaseId)
    const { db } = pipeline.container.database
    const before = await db
      .selectFrom('deliveries')
      .select('id')
      .where('release_id', '=', releaseId)
      .execute()
    expect(before).toHaveLength(0)
    expect(pipeline.smtp.messages.filter((m) => m.to[0].startsWith('early@'))).toHaveLength(0)

    pipeline.clock.set(new Date(at.getTime() + 1000))
    const progress = await waitDone(pipeline, releaseId)
    expect(progress).toMatchObject({ audience: 2, sent: 2 })
    const counts = countByRecipient(pipeline.smtp)
    expect(counts.get('early@example.fi')).toBe(1)
    expect(counts.get('early@example.se')).toBe(1)
  })

  it('cancel sending stops a release in flight: nothing more goes out', async () => {
    const room = await createTestNewsroom(pipeline.content, 'peruttava', ['fi'])
    for (let i = 0; i < 30; i++)
      await addSubscriber(pipeline, { email: `cancel${i}@example.fi`, newsroomIds: [room.id] })
    const transmit = pipeline.delivery.transmit
    slowDown(pipeline, 40)
    try {
      const releaseId = await publishTestRelease(pipeline, room.slug, {
        versions: { fi: { title: 'Peruttava tiedote', body: 'Teksti.' } },
      })
      const { db } = pipeline.container.database
      await eventually(
        async () => (await deliveryProgress(createRepositories(db), releaseId)).sent >= 3,
        {
          what: 'first sends',
        },
      )
      const atCancel = await cancelSending(
        { repos: createRepositories(db), clock: pipeline.clock },
        admin,
        releaseId,
      )
      expect(atCancel.cancelled).toBeGreaterThan(0)
      const progress = await waitDone(pipeline, releaseId)
      expect(progress.sent + progress.cancelled).toBe(30)
      expect(progress.sent).toBeLessThan(30)
      expect(progress.pending + progress.sending).toBe(0)
      // Every batch job has run, also those of the cancelled rows: none of them sends.
      await untilIdle(pipeline.container)
      const received = pipeline.smtp.messages.filter((m) => m.to[0].startsWith('cancel'))
      expect(received).toHaveLength(progress.sent)
    } finally {
      pipeline.delivery.transmit = transmit
    }
  })

  it('after a Redis flush mid-send the reconciler finishes the delivery: 0 lost, 0 duplicates', async () => {
    const room = await createTestNewsroom(pipeline.content, 'redis-flush')
    const count = 120
    for (let i = 0; i < count; i++)
      await addSubscriber(pipeline, { email: `flush${i}@example.fi`, newsroomIds: [room.id] })
    const transmit = pipeline.delivery.transmit
    slowDown(pipeline, 10)
    // Small batches: most of them are waiting in Redis when it is flushed.
    pipeline.delivery.policy.batchSize = 10
    try {
      const releaseId = await publishTestRelease(pipeline, room.slug)
      const { db } = pipeline.container.database
      await eventually(
        async () => (await deliveryProgress(createRepositories(db), releaseId)).sent >= 20,
        {
          what: 'first sends',
        },
      )
      const deleted = await deletePrefixKeys(
        pipeline.container.redis,
        pipeline.setup.config.redisPrefix,
      )
      expect(deleted).toBeGreaterThan(0)
      // The batches that were running finish; everything else was only in Redis.
      await eventually(
        async () => (await deliveryProgress(createRepositories(db), releaseId)).sending === 0,
        {
          what: 'in-flight batches to finish',
        },
      )
      const stuck = await deliveryProgress(createRepositories(db), releaseId)
      expect(stuck.pending).toBeGreaterThan(0)

      // The reconciler (next interval, after the stall timeout) enqueues what is left. A batch
      // the worker had fetched just before the flush may still touch rows after the clock moved,
      // which makes the release look busy to that round; the next interval's round then acts.
      // The clock only moves while nothing is in flight, so no row outlives the sending timeout.
      const progress = await finishedByReconciler(pipeline, releaseId)
      expect(progress).toMatchObject({ audience: count, sent: count, failed: 0 })
      const counts = countByRecipient(pipeline.smtp)
      for (let i = 0; i < count; i++) expect(counts.get(`flush${i}@example.fi`)).toBe(1)
    } finally {
      pipeline.delivery.transmit = transmit
      pipeline.delivery.policy.batchSize = 100
    }
  })

  it('editing a published release sends nothing; a correction notice goes to its recipients', async () => {
    await addSubscriber(pipeline, {
      email: 'reader-sv@example.se',
      languages: ['sv'],
      newsroomIds: [newsroom.id],
    })
    await addSubscriber(pipeline, { email: 'reader-fi@example.fi', newsroomIds: [newsroom.id] })
    const leaving = await addSubscriber(pipeline, {
      email: 'leaving@example.fi',
      newsroomIds: [newsroom.id],
    })
    const releaseId = await publishTestRelease(pipeline, newsroom.slug)
    await waitDone(pipeline, releaseId)
    const sentBefore = pipeline.smtp.messages.length

    await updateRelease(pipeline.content, admin, releaseId, {
      versions: { fi: { title: 'Aluevaltuusto hyväksyi strategian (päivitetty)' } },
    })
    // Whatever the edit set off has run.
    await untilIdle(pipeline.container)
    expect(pipeline.smtp.messages.length).toBe(sentBefore)

    await pipeline.container.database.db
      .updateTable('subscribers')
      .set({ status: 'unsubscribed' })
      .where('id', '=', leaving)
      .execute()
    const correction = await addCorrection(pipeline.content, admin, releaseId, {
      note: { fi: 'Päivämäärä korjattu.', sv: 'Datumet har rättats.' },
      notify: true,
    })
    const progress = await waitDone(pipeline, releaseId, `correction-${correction.id}`)
    expect(progress).toMatchObject({ audience: 2, sent: 2 })
    const notices = pipeline.smtp.messages.slice(sentBefore)
    expect(notices.map((m) => [m.to[0], m.parsed.subject]).sort()).toEqual([
      ['reader-fi@example.fi', 'Korjaus: Aluevaltuusto hyväksyi strategian (päivitetty)'],
      ['reader-sv@example.se', 'Rättelse: Regionfullmäktige godkände strategin'],
    ])
    const sv = notices.find((m) => m.to[0] === 'reader-sv@example.se')!
    expect(sv.parsed.text).toContain('Datumet har rättats.')
    expect(sv.raw).toMatch(/^List-Unsubscribe: <.+\/unsubscribe\/\d+\.[\w-]{32}>\r$/m)
    expect(sv.parsed.messageId).toContain(`.correction-${correction.id}.`)
  })
})
