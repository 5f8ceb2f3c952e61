/**
 * The lease rule of the reconciler, on a manual clock: a claim whose lease is renewed stays with
 * its worker however long it takes; one whose lease lapsed goes back to `pending` and is logged
 * as a possible duplicate naming the worker that had it; a claim from before leases existed is
 * judged by the sending timeout. Only the holder renews its own claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fanOut } from '../../src/core/delivery/fanout.js'
import { reconcileDeliveries } from '../../src/core/delivery/reconcile.js'
import { completePublication } from '../../src/core/release/publishing.js'
import { OUTBOX_KINDS } from '../../src/queue/outbox.js'
import { DB_KINDS } from '../helpers/env.js'
import { addSubscriber, createTestNewsroom, publishTestRelease, startPipeline } from './fixtures.js'
import type { Pipeline } from './fixtures.js'

const LEASE_MS = 30_000

describe.each(DB_KINDS)('leases on claimed deliveries (%s)', (kind) => {
  let pipeline: Pipeline
  beforeAll(async () => {
    // No workers: the test claims, renews and reconciles itself, at chosen moments.
    pipeline = await startPipeline(kind, { workers: false, policy: { leaseMs: LEASE_MS } })
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('resends lapsed claims only, naming their worker; renewed and foreign claims stay', async () => {
    const room = await createTestNewsroom(pipeline.content, 'vuokra', ['fi'])
    for (const name of ['a', 'b', 'c', 'd'])
      await addSubscriber(pipeline, { email: `${name}@vuokra.fi`, newsroomIds: [room.id] })
    const releaseId = await publishTestRelease(pipeline, room.slug, {
      versions: { fi: { title: 'Tiedote', body: 'Teksti.' } },
    })
    const { db } = pipeline.container.database
    const openRow = (outboxKind: string) =>
      db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', outboxKind)
        .where('done_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    await completePublication(pipeline.content, {
      releaseId,
      outboxId: (await openRow(OUTBOX_KINDS.publish)).id,
    })
    await fanOut(pipeline.delivery, {
      releaseId,
      kind: 'release',
      outboxId: (await openRow(OUTBOX_KINDS.fanout)).id,
    })
    const ids = (
      await db
        .selectFrom('deliveries')
        .select('id')
        .where('release_id', '=', releaseId)
        .orderBy('id')
        .execute()
    ).map((row) => row.id)
    expect(ids).toHaveLength(4)
    const [renewed, lapsed, foreign, unleased] = ids

    const { clock } = pipeline
    const { deliveries } = pipeline.container.repos
    const lease = (holder: string) => ({
      holder,
      until: new Date(clock.now().getTime() + LEASE_MS),
    })
    expect(await deliveries.claim([renewed, lapsed], clock.now(), lease('worker-a'))).toEqual([
      renewed,
      lapsed,
    ])
    expect(await deliveries.claim([foreign], clock.now(), lease('worker-b'))).toEqual([foreign])
    // A claim made before leases existed: no holder, no lease.
    await db
      .updateTable('deliveries')
      .set({ status: 'sending', updated_at: clock.now().toISOString() })
      .where('id', '=', unleased)
      .execute()

    clock.advance(20_000)
    // worker-a renews `renewed` only; it cannot renew worker-b's claim.
    expect(
      await deliveries.renewLeases([renewed, foreign], 'worker-a', lease('worker-a').until),
    ).toBe(1)

    clock.advance(15_000)
    const warnings: { details: Record<string, unknown>; message: string }[] = []
    const log = {
      ...pipeline.delivery.log,
      warn: (details: object, message: string) =>
        warnings.push({ details: details as Record<string, unknown>, message }),
    }
    const first = await reconcileDeliveries({ ...pipeline.delivery, log })
    expect(first.resent).toBe(2)
    const statusOf = async (id: number) =>
      (
        await db
          .selectFrom('deliveries')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status
    expect(await statusOf(renewed)).toBe('sending')
    expect(await statusOf(lapsed)).toBe('pending')
    expect(await statusOf(foreign)).toBe('pending')
    expect(await statusOf(unleased)).toBe('sending')
    expect(
      warnings
        .filter((w) => w.message.includes('possible duplicate'))
        .map((w) => [w.details.deliveryId, w.details.worker]),
    ).toEqual([
      [lapsed, 'worker-a'],
      [foreign, 'worker-b'],
    ])

    // The claim without a lease goes back after the old sending timeout.
    clock.advance(pipeline.delivery.policy.sendingTimeoutMs)
    const second = await reconcileDeliveries({ ...pipeline.delivery, log })
    expect(second.resent).toBe(2)
    expect(await statusOf(unleased)).toBe('pending')
    expect(await statusOf(renewed)).toBe('pending')
  })
})
