/**
 * Fan-out: freezes the audience of a release email (or correction notice) as delivery rows and
 * enqueues `send` batches. It pages through subscribers by keyset, inserting each page with
 * ON CONFLICT DO NOTHING (the unique (release, kind, subscriber) constraint is the guarantee of
 * "once"), then enqueues that page's deliveries in batches with deterministic job ids, so the
 * first emails leave while later pages are still being written. Running it again — a retried
 * job, a sweep after Redis lost it — inserts nothing new and re-adds only batches Redis lacks.
 */
import { createHmac } from 'node:crypto'
import type { DeliveryStatus, Lang } from '../types.js'
import {
  chooseLanguage,
  correctionAudiencePage,
  loadReleaseTarget,
  releaseAudiencePage,
} from './audience.js'
import type { AudiencePage } from './audience.js'
import { keysetPages } from './paging.js'
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
  /** The subscriber's id, or `contact-<id>` for a media contact. */
  recipient: number | string,
): string {
  const tag = createHmac('sha256', secretKey)
    .update(`message-id.${releaseId}.${kind}.${recipient}`)
    .digest('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 20)
  return `<tiedote.${releaseId}.${kind}.${tag}@${domain}>`
}

/**
 * Splits delivery rows (ordered by id) into send batches; batches with nothing pending are left
 * out. `round` marks the reconciler's re-enqueued batches (see SendBatch).
 */
export function toBatches(
  releaseId: number,
  kind: string,
  rows: { id: number; status: DeliveryStatus }[],
  size: number,
  round?: number,
): SendBatch[] {
  const batches: SendBatch[] = []
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    if (!chunk.some((row) => row.status === 'pending')) continue
    batches.push({
      releaseId,
      kind,
      fromDeliveryId: chunk[0].id,
      toDeliveryId: chunk[chunk.length - 1].id,
      ...(round === undefined ? {} : { round }),
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
  const { repos, clock, policy } = deps
  const finish = async (outcome: FanoutResult['outcome'], inserted = 0, batches = 0) => {
    if (job.outboxId) await repos.outbox.markDone(job.outboxId, clock.now())
    return { outcome, inserted, batches }
  }
  const release = await repos.deliveries.findRelease(job.releaseId)
  if (!release || release.status !== 'published') return finish('skipped')
  if (job.kind === RELEASE_KIND && release.notify !== 1) return finish('skipped')
  if (job.kind !== RELEASE_KIND && correctionIdOf(job.kind) === undefined) {
    deps.log.error({ releaseId: job.releaseId, kind: job.kind }, 'unknown delivery kind')
    return finish('skipped')
  }
  const target = await loadReleaseTarget(repos, job.releaseId)
  if (!target || target.languages.length === 0) return finish('skipped')
  // Render the email while the first page is written (same process as the send workers).
  deps.composer.warm?.(
    { id: release.id, updatedAt: release.updated_at },
    job.kind,
    target.languages,
  )

  let stopped = false
  const readPage = async (after: number, first: boolean): Promise<AudiencePage | undefined> => {
    if (await isSendingStopped(repos, job.releaseId, job.kind)) {
      stopped = true
      return undefined
    }
    // A small first page: the first batch is on its way while the rest is being written.
    const limit = first ? policy.batchSize : policy.pageSize
    return job.kind === RELEASE_KIND
      ? releaseAudiencePage(repos, target, after, limit)
      : correctionAudiencePage(repos, job.releaseId, after, limit)
  }

  let inserted = 0
  let batches = 0
  for await (const page of keysetPages(readPage, (p) => p.lastSubscriberId)) {
    if (page.members.length === 0) continue

    inserted += await insertDeliveries(deps, job.releaseId, job.kind, page)
    const rows = await repos.deliveries.findForRecipientRange(
      job.releaseId,
      job.kind,
      page.firstSubscriberId,
      page.lastSubscriberId,
    )
    const pageBatches = toBatches(job.releaseId, job.kind, rows, policy.batchSize)
    await deps.enqueueSends(pageBatches)
    if (batches === 0) {
      // The first batch is on its way; make sure the rest is read with a plan for its size.
      const analyzed = await repos.deliveries.refreshAudienceStatistics()
      if (analyzed.length > 0) deps.log.info({ tables: analyzed }, 'table statistics refreshed')
    }
    batches += pageBatches.length
  }
  // Then the media lists the release is distributed to: contacts whose address no subscriber
  // delivery has, in the same ledger, batches and progress.
  if (!stopped && job.kind === RELEASE_KIND) {
    const contacts = await fanOutToMediaLists(deps, job.releaseId, target.languages)
    stopped = contacts.stopped
    inserted += contacts.inserted
    batches += contacts.batches
  }
  if (stopped) {
    deps.log.info({ releaseId: job.releaseId, kind: job.kind }, 'fan-out stopped: cancelled')
    return finish('stopped', inserted, batches)
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

async function fanOutToMediaLists(
  deps: DeliveryDeps,
  releaseId: number,
  languages: Lang[],
): Promise<{ stopped: boolean; inserted: number; batches: number }> {
  const { repos, policy } = deps
  let inserted = 0
  let batches = 0
  for (let after = 0; ;) {
    if (await isSendingStopped(repos, releaseId, RELEASE_KIND))
      return { stopped: true, inserted, batches }
    const page = await repos.deliveries.distributionPage(
      releaseId,
      RELEASE_KIND,
      after,
      policy.pageSize,
    )
    if (page.length === 0) return { stopped: false, inserted, batches }
    const now = deps.clock.now().toISOString()
    inserted += await repos.deliveries.insertPendingForContacts(
      page.map((contact) => ({
        ...pendingDelivery(deps, releaseId, RELEASE_KIND, {
          lang: chooseLanguage([contact.lang], languages),
          recipient: `contact-${contact.id}`,
          now,
        }),
        subscriber_id: null,
        media_contact_id: contact.id,
      })),
    )
    const first = page[0].id
    after = page[page.length - 1].id
    const rows = await repos.deliveries.findForRecipientRange(
      releaseId,
      RELEASE_KIND,
      first,
      after,
      'media_contact_id',
    )
    const pageBatches = toBatches(releaseId, RELEASE_KIND, rows, policy.batchSize)
    await deps.enqueueSends(pageBatches)
    batches += pageBatches.length
  }
}

async function insertDeliveries(
  deps: DeliveryDeps,
  releaseId: number,
  kind: string,
  page: AudiencePage,
): Promise<number> {
  const now = deps.clock.now().toISOString()
  return deps.repos.deliveries.insertPending(
    page.members.map((member) => ({
      ...pendingDelivery(deps, releaseId, kind, {
        lang: member.lang,
        recipient: member.subscriberId,
        now,
      }),
      subscriber_id: member.subscriberId,
    })),
  )
}

/** The columns every new delivery row starts with; the caller adds who receives it. */
function pendingDelivery(
  deps: DeliveryDeps,
  releaseId: number,
  kind: string,
  to: { lang: Lang; recipient: number | string; now: string },
) {
  return {
    release_id: releaseId,
    kind,
    lang: to.lang,
    status: 'pending' as const,
    attempts: 0,
    message_id: deliveryMessageId(
      deps.secretKey,
      deps.messageIdDomain,
      releaseId,
      kind,
      to.recipient,
    ),
    created_at: to.now,
    updated_at: to.now,
  }
}
