/**
 * The status machine of a release: draft → scheduled → published → withdrawn.
 *
 * Publishing (now or at a time) writes the status change and a `release.publish` outbox row in
 * one transaction; the row becomes a delayed BullMQ job, and the worker's sweep re-enqueues it if
 * Redis loses it. "Publish now" flips the status in the same transaction so the page is public as
 * soon as the API answers; the publish job then only starts notification. A scheduled release is
 * flipped by the job (`completePublication`) when its time comes.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { bumpContentVersion } from '../../content-version.js'
import type { Database } from '../../db/schema.js'
import type { Lang, ReleaseStatus } from '../types.js'
import { ConflictError, ValidationError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import type { PerLang } from '../newsroom/newsrooms.js'
import { OUTBOX_KINDS, addOutboxRow } from '../../queue/outbox.js'
import type { ContentDeps } from './ports.js'
import { closePublishRows, getReleaseRow, publishPayload } from './releases.js'
import type { CorrectionView } from './views.js'

/** "Publish at" this far in the past still means "now" (clocks and typing are not exact). */
export const PAST_TOLERANCE_MS = 60_000
/** Scheduling further ahead than this is almost certainly a typo in the year. */
export const MAX_SCHEDULE_AHEAD_MS = 5 * 365 * 24 * 3600_000

export interface PublishOptions {
  /** When to publish; omitted or now means immediately. */
  at?: Date
  /**
   * Seeding and imports only: publish at once but record `at` (in the past) as the publication
   * time, as for a release that went out elsewhere earlier.
   */
  backdate?: boolean
}

export interface PublishResult {
  id: number
  status: ReleaseStatus
  publishAt: string
  publishedAt: string | null
}

export async function publishRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const release = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.publish', release.newsroom_id)
  const now = deps.clock.now()
  const at = options.at
  if (at && Number.isNaN(at.getTime())) {
    throw new ValidationError('at: Give the time as ISO 8601', { at: 'Give the time as ISO 8601' })
  }
  if (at && !options.backdate && at.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    throw new ValidationError('at: The time is in the past; send {} to publish now', {
      at: 'The time is in the past; send {} to publish now',
    })
  }
  if (at && at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
    throw new ValidationError('at: Schedule at most five years ahead', {
      at: 'Schedule at most five years ahead',
    })
  }
  const immediate = !at || at.getTime() <= now.getTime()
  const publishAt = immediate ? (options.backdate && at ? at : now) : at
  const nowIso = now.toISOString()

  const { outboxId, oldJobs } = await deps.db.transaction().execute(async (trx) => {
    const status: ReleaseStatus = immediate ? 'published' : 'scheduled'
    const updated = await trx
      .updateTable('releases')
      .set({
        status,
        publish_at: publishAt.toISOString(),
        published_at: immediate ? publishAt.toISOString() : null,
        ...(options.backdate ? { notify: 0 } : {}),
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'scheduled'])
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) {
      const current = await getReleaseRow(trx, id)
      throw new ConflictError(
        current.status === 'withdrawn'
          ? 'The release has been withdrawn and cannot be published again'
          : 'The release is already published',
      )
    }
    // A reschedule replaces the earlier row; its delayed job becomes a no-op.
    const oldJobs = await closePublishRows(trx, deps, id)
    const outboxId = await addOutboxRow(trx, deps.clock, {
      kind: OUTBOX_KINDS.publish,
      payload: publishPayload(id),
      dueAt: immediate ? now : publishAt,
    })
    if (immediate) await bumpContentVersion(trx)
    await recordAudit(trx, actor, now, {
      action: immediate ? 'release.publish' : 'release.schedule',
      subject: `release:${id}`,
      details: immediate ? {} : { at: publishAt.toISOString() },
    })
    return { outboxId, oldJobs }
  })
  // Caches first: anyone who sees the committed release must not get a page without it.
  if (immediate) await deps.announceContentChange()
  for (const jobId of oldJobs) await deps.removePublishJob(jobId)
  await deps.dispatch([outboxId])
  return {
    id,
    status: immediate ? 'published' : 'scheduled',
    publishAt: publishAt.toISOString(),
    publishedAt: immediate ? publishAt.toISOString() : null,
  }
}

/** Takes a scheduled release back to draft; its publish job will do nothing. */
export async function unscheduleRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
): Promise<PublishResult> {
  const release = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.publish', release.newsroom_id)
  const now = deps.clock.now()
  const oldJobs = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('releases')
      .set({ status: 'draft', publish_at: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0)
      throw new ConflictError('Only a scheduled release can be unscheduled')
    await recordAudit(trx, actor, now, { action: 'release.unschedule', subject: `release:${id}` })
    return closePublishRows(trx, deps, id)
  })
  for (const jobId of oldJobs) await deps.removePublishJob(jobId)
  return { id, status: 'draft', publishAt: '', publishedAt: null }
}

/** Takes a published release off the public site; its page answers 410 with a notice. */
export async function withdrawRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
  input: { reason?: string } = {},
): Promise<{ id: number; status: ReleaseStatus; withdrawnAt: string }> {
  const release = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.publish', release.newsroom_id)
  const reason = input.reason?.trim() || null
  if (reason && reason.length > 1000)
    throw new ValidationError('reason: Keep the reason within 1000 characters', {
      reason: 'Keep the reason within 1000 characters',
    })
  const at = deps.clock.now()
  const now = at.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('releases')
      .set({ status: 'withdrawn', withdrawn_at: now, withdrawn_reason: reason, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0)
      throw new ConflictError(
        release.status === 'scheduled'
          ? 'The release is not public yet; unschedule it instead'
          : 'Only a published release can be withdrawn',
      )
    await closePublishRows(trx, deps, id)
    await bumpContentVersion(trx)
    await recordAudit(trx, actor, at, {
      action: 'release.withdraw',
      subject: `release:${id}`,
      details: { reason },
    })
  })
  await deps.announceContentChange()
  return { id, status: 'withdrawn', withdrawnAt: now }
}

/**
 * Adds a dated correction note to a published release. With `notify`, a short notice goes to
 * those who received the release (a fan-out of kind `correction-<id>`).
 */
export async function addCorrection(
  deps: ContentDeps,
  actor: Actor,
  id: number,
  input: { note: Record<string, string>; notify?: boolean },
): Promise<CorrectionView> {
  const release = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.publish', release.newsroom_id)
  if (release.status !== 'published')
    throw new ConflictError('Corrections are added to published releases')
  const versions = await deps.db
    .selectFrom('release_versions')
    .select('lang')
    .where('release_id', '=', id)
    .execute()
  const langs = versions.map((v) => v.lang)
  const fields: Record<string, string> = {}
  const note: PerLang = {}
  if (!input.note || typeof input.note !== 'object') {
    fields.note = 'Give the note per language, e.g. {"fi": "…", "sv": "…"}'
  } else {
    for (const [lang, text] of Object.entries(input.note)) {
      if (!isLanguage(lang)) fields[`note.${lang}`] = `Unknown language "${lang}": use fi, sv or en`
      else if (!langs.includes(lang)) fields[`note.${lang}`] = `The release has no ${lang} version`
      else if (typeof text !== 'string' || !text.trim()) fields[`note.${lang}`] = 'Write the note'
      else if (text.trim().length > 2000)
        fields[`note.${lang}`] = 'Keep the note within 2000 characters'
      else note[lang as Lang] = text.trim()
    }
    if (Object.keys(note).length === 0 && Object.keys(fields).length === 0)
      fields.note = 'Write the note in at least one language of the release'
  }
  if (Object.keys(fields).length > 0) {
    const [path, message] = Object.entries(fields)[0]
    throw new ValidationError(`${path}: ${message}`, fields)
  }
  const at = deps.clock.now()
  const now = at.toISOString()
  const notify = input.notify === true && release.notify === 1
  const { correctionId, outboxId } = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('corrections')
      .values({
        release_id: id,
        note: JSON.stringify(note),
        notify: notify ? 1 : 0,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.updateTable('releases').set({ updated_at: now }).where('id', '=', id).execute()
    await bumpContentVersion(trx)
    const outboxId = notify
      ? await addOutboxRow(trx, deps.clock, {
          kind: OUTBOX_KINDS.fanout,
          payload: { releaseId: id, kind: `correction-${row.id}` },
        })
      : undefined
    await recordAudit(trx, actor, at, {
      action: 'release.correct',
      subject: `release:${id}`,
      details: { correction: row.id, notify },
    })
    return { correctionId: row.id, outboxId }
  })
  await deps.announceContentChange()
  if (outboxId) await deps.dispatch([outboxId])
  return { id: correctionId, note, notify, createdAt: now }
}

/** Thrown when a publish job runs before its release is due; the job is retried. */
export class NotDueYetError extends Error {
  constructor(
    readonly releaseId: number,
    /** When the release is due; the job can wait until then. */
    readonly dueAt: Date,
  ) {
    super(`release ${releaseId} is not due yet`)
    this.name = 'NotDueYetError'
  }
}

export type PublicationOutcome = 'published' | 'notified' | 'skipped'

/**
 * Runs one `release.publish` outbox row (the publish job). Idempotent: claiming the row (done_at)
 * is part of the transaction, so a second run, or a job that was rescheduled or cancelled, finds
 * it done and changes nothing. Returns what happened.
 */
export async function completePublication(
  deps: ContentDeps,
  job: { releaseId: number; outboxId: number },
): Promise<PublicationOutcome> {
  const now = deps.clock.now()
  const result = await deps.db.transaction().execute(async (trx: Kysely<Database>) => {
    const claimed = await trx
      .updateTable('outbox')
      .set({ done_at: now.toISOString() })
      .where('id', '=', job.outboxId)
      .where('done_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 0) return { outcome: 'skipped' as const }
    const release = await trx
      .selectFrom('releases')
      .select(['id', 'status', 'publish_at', 'notify'])
      .where('id', '=', job.releaseId)
      .executeTakeFirst()
    if (!release) return { outcome: 'skipped' as const }
    let outcome: PublicationOutcome = 'notified'
    if (release.status === 'scheduled') {
      // Rolls back the claim: the retry (or the sweep) comes back when it is due.
      if (!release.publish_at || release.publish_at > now.toISOString())
        throw new NotDueYetError(release.id, new Date(release.publish_at ?? now.getTime() + 1000))
      await trx
        .updateTable('releases')
        .set({
          status: 'published',
          published_at: release.publish_at,
          updated_at: now.toISOString(),
        })
        .where('id', '=', release.id)
        .where('status', '=', 'scheduled')
        .execute()
      await bumpContentVersion(trx)
      outcome = 'published'
    } else if (release.status !== 'published') {
      // Unscheduled back to draft, or withdrawn: nothing to do.
      return { outcome: 'skipped' as const }
    }
    const fanoutId =
      release.notify === 1
        ? await addOutboxRow(trx, deps.clock, {
            kind: OUTBOX_KINDS.fanout,
            payload: { releaseId: release.id, kind: 'release' },
          })
        : undefined
    return { outcome, fanoutId }
  })
  if (result.outcome === 'published') await deps.announceContentChange()
  if ('fanoutId' in result && result.fanoutId) await deps.dispatch([result.fanoutId])
  return result.outcome
}
