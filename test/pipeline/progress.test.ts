/**
 * Delivery progress is read by the dashboard, the API and the worker that marks a release
 * delivered, while the fan-out may be writing rows. These tests finish a fan-out at the worst
 * moment of a progress read and check that it never reports "done" for rows it has not counted.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fanOut } from '../../src/core/delivery/fanout.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import { markDeliveredIfComplete } from '../../src/core/delivery/state.js'
import { completePublication } from '../../src/core/release/publishing.js'
import { createDb } from '../../src/db/index.js'
import type { Db } from '../../src/db/index.js'
import { OUTBOX_KINDS } from '../../src/queue/outbox.js'
import { DB_KINDS } from '../helpers/env.js'
import { addSubscriber, createTestNewsroom, publishTestRelease, startPipeline } from './fixtures.js'
import type { Pipeline } from './fixtures.js'

/** Runs `interject` once, right after the query that counts deliveries by status. */
function afterDeliveriesCounted(interject: () => Promise<unknown>): KyselyPlugin {
  const counting = new Set<unknown>()
  let done = false
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs) {
      if (
        node.kind === 'SelectQueryNode' &&
        node.groupBy &&
        JSON.stringify(node.from).includes('"deliveries"')
      )
        counting.add(queryId)
      return node
    },
    async transformResult({ queryId, result }: PluginTransformResultArgs) {
      if (!done && counting.has(queryId)) {
        done = true
        await interject()
      }
      return result
    },
  }
}

describe.each(DB_KINDS)('delivery progress read during a fan-out (%s)', (kind) => {
  let pipeline: Pipeline
  /** The fan-out's own connection (SQLite's one connection is busy while the read is paused). */
  let fanoutDb: Db
  beforeAll(async () => {
    // No workers: the test runs the publication and the fan-out itself, at chosen moments.
    pipeline = await startPipeline(kind, { workers: false })
    fanoutDb = createDb(pipeline.setup.config.databaseUrl)
  })
  afterAll(async () => {
    await fanoutDb.close()
    await pipeline.close()
  })

  /** A published release whose fan-out has not run yet; returns the fan-out to run. */
  async function releaseAwaitingFanout(slug: string) {
    const room = await createTestNewsroom(pipeline.content, slug, ['fi'])
    for (const email of [`a@${slug}.fi`, `b@${slug}.fi`])
      await addSubscriber(pipeline, { email, newsroomIds: [room.id] })
    const releaseId = await publishTestRelease(pipeline, room.slug, {
      versions: { fi: { title: 'Tiedote', body: 'Teksti.' } },
    })
    /** The newest outbox row of a kind not yet done: the one this release just added. */
    const openRow = (kind: string) =>
      pipeline.container.database.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', kind)
        .where('done_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    const publishRow = await openRow(OUTBOX_KINDS.publish)
    await completePublication(pipeline.content, { releaseId, outboxId: publishRow.id })
    const fanoutRow = await openRow(OUTBOX_KINDS.fanout)
    const runFanout = () =>
      fanOut(
        { ...pipeline.delivery, repos: createRepositories(fanoutDb.db) },
        { releaseId, kind: 'release', outboxId: fanoutRow.id },
      )
    return { releaseId, runFanout }
  }

  it('is not "done" when the fan-out completes right after the rows were counted', async () => {
    const { releaseId, runFanout } = await releaseAwaitingFanout('kesken')
    const racing = pipeline.container.database.db.withPlugin(afterDeliveriesCounted(runFanout))
    const during = await deliveryProgress(createRepositories(racing), releaseId)
    expect(during.done && during.audience < 2).toBe(false)

    const after = await deliveryProgress(pipeline.container.repos, releaseId)
    expect(after).toMatchObject({ audience: 2, pending: 2, done: false })
  })

  it('does not mark the release delivered when the fan-out completes while it checks', async () => {
    const { releaseId, runFanout } = await releaseAwaitingFanout('viimeinen')
    const racing = pipeline.container.database.db.withPlugin(afterDeliveriesCounted(runFanout))
    const marked = await markDeliveredIfComplete(
      { ...pipeline.delivery, repos: createRepositories(racing) },
      releaseId,
    )
    expect(marked).toBe(false)
    const release = await pipeline.container.database.db
      .selectFrom('releases')
      .select('delivered_at')
      .where('id', '=', releaseId)
      .executeTakeFirstOrThrow()
    expect(release.delivered_at).toBeNull()
  })
})
