/**
 * Fan-out: freezes the audience of a release email (or correction notice) as delivery rows and
 * enqueues `send` batches. It pages through subscribers by keyset, inserting each page with
 * ON CONFLICT DO NOTHING (the unique (release, kind, subscriber) constraint is the guarantee of
 * "once"), then enqueues that page's deliveries in batches with deterministic job ids, so the
 * first emails leave while later pages are still being written. Running it again — a retried
 * job, a sweep after Redis lost it — inserts nothing new and re-adds only batches Redis lacks.
 */
import { createHmac } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DeliveryStatus } from '../types.js'
import { refreshStaleStatistics } from '../../db/statistics.js'
import { jobId } from '../../queue/jobs.js'
import { markOutboxDone } from '../../queue/outbox.js'
import { correctionAudiencePage, loadReleaseTarget, releaseAudiencePage } from './audience.js'
import type { AudiencePage } from './audience.js'
import type { DeliveryDeps, SendBatch } from './ports.js'
import { RELEASE_KIND, correctionIdOf } from './progress.js'
import { isSendingStopped, markDeliveredIfComplete } from './state.js'

/**
 * Message-ID of the email to one subscriber about one release (or correction): deterministic,
 * so a resend after a crash carries the same id and mail clients show it once; keyed with the
 * secret so that it reveals no subscriber id.
 */
export function deliveryMessageId(
  secretKey: string,
  domain: string,
  releaseId: number,
  kind: string,
  subscriberId: number,
): string {
  const tag = createHmac('sha256', secretKey)
    .update(`message-id.${releaseId}.${kind}.${subscriberId}`)
    .digest('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 20)
  return `<tiedote.${releaseId}.${kind}.${tag}@${domain}>`
}

export const sendJobId = (releaseId: number, kind: string, from: number, to: number) =>
  jobId('send', releaseId, kind, from, to)

/** Splits delivery rows (ordered by id) into send batches; batches with nothing pending are left out. */
export function toBatches(
  releaseId: number,
  kind: string,
  rows: { id: number; status: DeliveryStatus }[],
  size: number,
  idSuffix: (string | number)[] = [],
): SendBatch[] {
  const batches: SendBatch[] = []
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    if (!chunk.some((row) => row.status === 'pending')) continue
    const from = chunk[0].id
    const to = chunk[chunk.length - 1].id
    batches.push({
      releaseId,
      kind,
      fromDeliveryId: from,
      toDeliveryId: to,
      jobId: idSuffix.length
        ? jobId(sendJobId(releaseId, kind, from, to), ...idSuffix)
        : sendJobId(releaseId, kind, from, to),
    })
  }
  return batches
}

export interface FanoutResult {
  outcome: 'done' | 'skipped' | 'stopped'
  /** Delivery rows written by this run (0 on a rerun). */
  inserted: number
  batches: number
}

export async function fanOut(
  deps: DeliveryDeps,
  job: { releaseId: number; kind: string; outboxId?: number },
): Promise<FanoutResult> {
  const { db, clock, policy } = deps
  const finish = async (outcome: FanoutResult['outcome'], inserted = 0, batches = 0) => {
    if (job.outboxId) await markOutboxDone(db, clock, job.outboxId)
    return { outcome, inserted, batches }
  }
  const release = await db
    .selectFrom('releases')
    .select(['id', 'status', 'notify', 'sending_cancelled_at', 'updated_at'])
    .where('id', '=', job.releaseId)
    .executeTakeFirst()
  if (!release || release.status !== 'published') return finish('skipped')
  if (job.kind === RELEASE_KIND && release.notify !== 1) return finish('skipped')
  if (job.kind !== RELEASE_KIND && correctionIdOf(job.kind) === undefined) {
    deps.log.error({ releaseId: job.releaseId, kind: job.kind }, 'unknown delivery kind')
    return finish('skipped')
  }
  const target = await loadReleaseTarget(db, job.releaseId)
  if (!target || target.languages.length === 0) return finish('skipped')
  // Render the email while the first page is written (same process as the send workers).
  deps.composer.warm?.(
    { id: release.id, updatedAt: release.updated_at },
    job.kind,
    target.languages,
  )

  let after = 0
  let inserted = 0
  let batches = 0
  for (;;) {
    if (await isSendingStopped(db, job.releaseId, job.kind)) {
      deps.log.info({ releaseId: job.releaseId, kind: job.kind }, 'fan-out stopped: cancelled')
      return finish('stopped', inserted, batches)
    }
    // A small first page: the first batch is on its way while the rest is being written.
    const limit = after === 0 ? policy.batchSize : policy.pageSize
    const page: AudiencePage | undefined =
      job.kind === RELEASE_KIND
        ? await releaseAudiencePage(db, target, after, limit)
        : await correctionAudiencePage(db, job.releaseId, after, limit)
    if (!page) break
    after = page.lastSubscriberId
    if (page.members.length === 0) continue

    inserted += await insertDeliveries(deps, job.releaseId, job.kind, page)
    const rows = await db
      .selectFrom('deliveries')
      .select(['id', 'status'])
      .where('release_id', '=', job.releaseId)
      .where('kind', '=', job.kind)
      .where('subscriber_id', '>=', page.firstSubscriberId)
      .where('subscriber_id', '<=', page.lastSubscriberId)
      .orderBy('id')
      .execute()
    const pageBatches = toBatches(job.releaseId, job.kind, rows, policy.batchSize)
    await deps.enqueueSends(pageBatches)
    if (batches === 0) {
      // The first batch is on its way; make sure the rest is read with a plan for its size.
      const analyzed = await refreshStaleStatistics(db)
      if (analyzed.length > 0) deps.log.info({ tables: analyzed }, 'table statistics refreshed')
    }
    batches += pageBatches.length
  }
  const result = await finish('done', inserted, batches)
  // An audience of nobody (or a rerun after everything was sent) is complete right away.
  await markDeliveredIfComplete(deps, job.releaseId)
  if (inserted > 0)
    deps.log.info(
      { releaseId: job.releaseId, kind: job.kind, inserted, batches },
      'audience frozen and send batches enqueued',
    )
  return result
}

async function insertDeliveries(
  deps: DeliveryDeps,
  releaseId: number,
  kind: string,
  page: AudiencePage,
): Promise<number> {
  const now = deps.clock.now().toISOString()
  const values = page.members.map((member) => ({
    release_id: releaseId,
    subscriber_id: member.subscriberId,
    kind,
    lang: member.lang,
    status: 'pending' as const,
    attempts: 0,
    message_id: deliveryMessageId(
      deps.secretKey,
      deps.messageIdDomain,
      releaseId,
      kind,
      member.subscriberId,
    ),
    created_at: now,
    updated_at: now,
  }))
  const result = await (deps.db as Kysely<Database>)
    .insertInto('deliveries')
    .values(values)
    .onConflict((oc) => oc.columns(['release_id', 'kind', 'subscriber_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}
