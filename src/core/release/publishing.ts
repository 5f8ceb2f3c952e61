/**
 * The status machine of a release: draft → scheduled → published → withdrawn.
 *
 * Publishing (now or at a time) writes the status change and a `release.publish` outbox row in
 * one transaction; the row becomes a delayed BullMQ job, and the worker's sweep re-enqueues it if
 * Redis loses it. "Publish now" flips the status in the same transaction so the page is public as
 * soon as the API answers; the publish job then only starts notification. A scheduled release is
 * flipped by the job (`completePublication`) when its time comes.
 */
import type { Actor } from '../auth/actor.js'
import { SCHEDULER_ACTOR, recordAudit } from '../audit.js'
import { OUTBOX_KINDS, addOutboxRow } from '../outbox.js'
import type { Lang, ReleaseStatus } from '../types.js'
import { ConflictError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import type { PerLang } from '../newsroom/newsrooms.js'
import type { ContentDeps } from './ports.js'
import {
  Refusals,
  closePublishRows,
  findReleaseRow,
  getReleaseFor,
  getReleaseRow,
  publishPayload,
  refuse,
} from './releases.js'
import type { CorrectionView, ReleaseView } from './views.js'
import { recordReleaseEvent } from './integrations.js'
import { listMediaLists, resolveMediaLists } from '../media-lists/lists.js'
import type { MediaListSummary } from '../media-lists/lists.js'
import { countPublicationAudience } from '../delivery/audience.js'
import type { PublicationAudience } from '../delivery/audience.js'

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
  /** Media lists (ids) the release is also sent to when it is published. */
  mediaLists?: unknown
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
  const release = await getReleaseFor(deps.repos, actor, id, 'release.publish')
  const now = deps.clock.now()
  const at = options.at
  if (at && Number.isNaN(at.getTime())) refuse('at', 'invalid', 'Give the time as ISO 8601')
  if (at && !options.backdate && at.getTime() < now.getTime() - PAST_TOLERANCE_MS)
    refuse('at', 'in_past', 'The time is in the past; send {} to publish now')
  if (at && at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS)
    refuse('at', 'too_far_ahead', 'Schedule at most five years ahead')
  const refusals = new Refusals()
  const mediaLists = await resolveMediaLists(
    deps.repos,
    release.newsroom_id,
    options.mediaLists,
    refusals,
  )
  if (mediaLists.length > 0 && release.notify !== 1)
    refusals.add(
      'mediaLists',
      'not_allowed',
      'The release is not emailed (notify is off); turn notify on to send it to media lists',
    )
  refusals.throwIfAny()
  const immediate = !at || at.getTime() <= now.getTime()
  const publishAt = immediate ? (options.backdate && at ? at : now) : at

  const { outboxId, oldRows } = await deps.repos.transaction(async (tx) => {
    const written = await writePublication(tx, deps, id, {
      immediate,
      publishAt,
      backdate: !!options.backdate,
      now,
    })
    if (options.mediaLists !== undefined) await tx.mediaLists.setDistribution(id, mediaLists)
    await recordAudit(tx, actor, now, {
      action: immediate ? 'release.publish' : 'release.schedule',
      subject: `release:${id}`,
      details: {
        ...(immediate ? {} : { at: publishAt.toISOString() }),
        ...(mediaLists.length ? { mediaLists } : {}),
      },
    })
    return written
  })
  // Caches first: anyone who sees the committed release must not get a page without it.
  if (immediate) await deps.announceContentChange('addition')
  await deps.cancelPublishJobs(oldRows)
  await deps.dispatch([outboxId])
  return {
    id,
    status: immediate ? 'published' : 'scheduled',
    publishAt: publishAt.toISOString(),
    publishedAt: immediate ? publishAt.toISOString() : null,
  }
}

export interface PublicationPreview {
  /** The newsroom's media lists. */
  lists: MediaListSummary[]
  /** The lists the publication would go to. */
  chosen: number[]
  /** Who it would email; null when the release is not emailed. */
  audience: PublicationAudience | null
}

/**
 * What the publish confirmation shows: the newsroom's media lists, the chosen ones (those given,
 * or else those already chosen for a scheduled release) and the recipient count, one per address.
 * Lists are refused as publishing refuses them (unknown, of another newsroom, email off).
 */
export async function previewPublication(
  deps: ContentDeps,
  actor: Actor,
  release: ReleaseView,
  listInput?: unknown,
): Promise<PublicationPreview> {
  await getReleaseFor(deps.repos, actor, release.id, 'release.publish')
  const refusals = new Refusals()
  const chosen =
    listInput === undefined
      ? await deps.repos.mediaLists.distributionOf(release.id)
      : await resolveMediaLists(deps.repos, release.newsroom.id, listInput, refusals)
  if (listInput !== undefined && chosen.length > 0 && !release.notify)
    refusals.add('mediaLists', 'not_allowed', 'The release is not emailed (notify is off)')
  refusals.throwIfAny()
  const [lists, audience] = await Promise.all([
    listMediaLists(deps, actor, release.newsroom.id),
    release.notify ? countPublicationAudience(deps.repos, release, chosen) : null,
  ])
  return { lists, chosen, audience }
}

/**
 * Writes a publication (now) or a schedule (at `publishAt`) inside the caller's transaction: the
 * status, the publish outbox row (replacing earlier ones, whose jobs the caller cancels after
 * commit) and, when immediate, a new content version. Shared by publishing and embargoes.
 */
export async function writePublication(
  tx: ContentDeps['repos'],
  deps: Pick<ContentDeps, 'clock'>,
  id: number,
  plan: { immediate: boolean; publishAt: Date; backdate?: boolean; now: Date },
): Promise<{ outboxId: number; oldRows: { id: number; releaseId: number }[] }> {
  const { immediate, publishAt, now } = plan
  const updated = await tx.releases.markPublishing(id, {
    status: immediate ? 'published' : 'scheduled',
    publishAt,
    publishedAt: immediate ? publishAt : null,
    silence: !!plan.backdate,
    now,
  })
  if (!updated) {
    const current = await getReleaseRow(tx, id)
    throw new ConflictError(
      current.status === 'withdrawn'
        ? 'The release has been withdrawn and cannot be published again'
        : 'The release is already published',
    )
  }
  // A reschedule replaces the earlier row; its delayed job becomes a no-op.
  const oldRows = await closePublishRows(tx, deps, id)
  const outboxId = await addOutboxRow(tx, deps.clock, {
    kind: OUTBOX_KINDS.publish,
    payload: publishPayload(id),
    dueAt: immediate ? now : publishAt,
  })
  if (immediate) await tx.settings.bumpContentVersion()
  return { outboxId, oldRows }
}

/** Takes a scheduled release back to draft; its publish job will do nothing. */
export async function unscheduleRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
): Promise<PublishResult> {
  await getReleaseFor(deps.repos, actor, id, 'release.publish')
  const now = deps.clock.now()
  const oldRows = await deps.repos.transaction(async (tx) => {
    if (!(await tx.releases.markUnscheduled(id, now)))
      throw new ConflictError('Only a scheduled release can be unscheduled')
    await recordAudit(tx, actor, now, { action: 'release.unschedule', subject: `release:${id}` })
    return closePublishRows(tx, deps, id)
  })
  await deps.cancelPublishJobs(oldRows)
  return { id, status: 'draft', publishAt: '', publishedAt: null }
}

/** Takes a published release off the public site; its page answers 410 with a notice. */
export async function withdrawRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
  input: { reason?: string } = {},
): Promise<{ id: number; status: ReleaseStatus; withdrawnAt: string }> {
  const release = await getReleaseFor(deps.repos, actor, id, 'release.publish')
  const reason = input.reason?.trim() || null
  if (reason && reason.length > 1000)
    refuse('reason', 'too_long', 'Keep the reason within 1000 characters')
  const at = deps.clock.now()
  const now = at.toISOString()
  const eventIds = await deps.repos.transaction(async (tx) => {
    if (!(await tx.releases.markWithdrawn(id, reason, at)))
      throw new ConflictError(
        release.status === 'scheduled'
          ? 'The release is not public yet; unschedule it instead'
          : 'Only a published release can be withdrawn',
      )
    await closePublishRows(tx, deps, id)
    // Calendars that imported the invitation take the cancellation by its higher SEQUENCE.
    await tx.releases.bumpEventSequence(id, at)
    await tx.settings.bumpContentVersion()
    await recordAudit(tx, actor, at, {
      action: 'release.withdraw',
      subject: `release:${id}`,
      details: { reason },
    })
    return recordReleaseEvent(tx, deps, 'release.withdrawn', release, { extra: { reason } })
  })
  await deps.announceContentChange()
  await deps.dispatch(eventIds)
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
  const release = await getReleaseFor(deps.repos, actor, id, 'release.publish')
  if (release.status !== 'published')
    throw new ConflictError('Corrections are added to published releases')
  const langs = (await deps.repos.releases.versionTitles(id)).map((v) => v.lang)
  const refusals = new Refusals()
  const note: PerLang = {}
  if (!input.note || typeof input.note !== 'object') {
    refusals.add('note', 'required', 'Give the note per language, e.g. {"fi": "…", "sv": "…"}')
  } else {
    for (const [lang, text] of Object.entries(input.note)) {
      const path = `note.${lang}`
      if (!isLanguage(lang))
        refusals.add(path, 'unknown', `Unknown language "${lang}": use fi, sv or en`)
      else if (!langs.includes(lang))
        refusals.add(path, 'not_allowed', `The release has no ${lang} version`)
      else if (typeof text !== 'string' || !text.trim())
        refusals.add(path, 'required', 'Write the note')
      else if (text.trim().length > 2000)
        refusals.add(path, 'too_long', 'Keep the note within 2000 characters')
      else note[lang as Lang] = text.trim()
    }
    if (Object.keys(note).length === 0 && !refusals.has())
      refusals.add('note', 'required', 'Write the note in at least one language of the release')
  }
  refusals.throwIfAny()
  const at = deps.clock.now()
  const now = at.toISOString()
  const notify = input.notify === true && release.notify === 1
  const { correctionId, outboxId, eventIds } = await deps.repos.transaction(async (tx) => {
    const correctionId = await tx.releases.insertCorrection({
      releaseId: id,
      note: JSON.stringify(note),
      notify,
      now: at,
    })
    await tx.releases.touch(id, at)
    await tx.settings.bumpContentVersion()
    const outboxId = notify
      ? await addOutboxRow(tx, deps.clock, {
          kind: OUTBOX_KINDS.fanout,
          payload: { releaseId: id, kind: `correction-${correctionId}` },
        })
      : undefined
    await recordAudit(tx, actor, at, {
      action: 'release.correct',
      subject: `release:${id}`,
      details: { correction: correctionId, notify },
    })
    const eventIds = await recordReleaseEvent(tx, deps, 'release.corrected', release, {
      extra: { correction: { id: correctionId, note, createdAt: now } },
    })
    return { correctionId, outboxId, eventIds }
  })
  await deps.announceContentChange('addition')
  await deps.dispatch(outboxId ? [outboxId, ...eventIds] : eventIds)
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
  const result = await deps.repos.transaction(async (tx) => {
    if (!(await tx.outbox.claim(job.outboxId, now))) return { outcome: 'skipped' as const }
    const release = await findReleaseRow(tx, job.releaseId)
    if (!release) return { outcome: 'skipped' as const }
    let outcome: PublicationOutcome = 'notified'
    if (release.status === 'scheduled') {
      // Rolls back the claim: the retry (or the sweep) comes back when it is due.
      if (!release.publish_at || release.publish_at > now.toISOString())
        throw new NotDueYetError(release.id, new Date(release.publish_at ?? now.getTime() + 1000))
      await tx.releases.markScheduledPublished(release.id, release.publish_at, now)
      await tx.settings.bumpContentVersion()
      // The moment a scheduled release went public, done by the service itself.
      await recordAudit(tx, SCHEDULER_ACTOR, now, {
        action: 'release.publish',
        subject: `release:${release.id}`,
        details: { scheduled: release.publish_at },
      })
      outcome = 'published'
    } else if (release.status !== 'published') {
      // Unscheduled back to draft, or withdrawn: nothing to do.
      return { outcome: 'skipped' as const }
    }
    const fanoutId =
      release.notify === 1
        ? await addOutboxRow(tx, deps.clock, {
            kind: OUTBOX_KINDS.fanout,
            payload: { releaseId: release.id, kind: 'release' },
          })
        : undefined
    const eventIds = await recordReleaseEvent(tx, deps, 'release.published', release)
    return { outcome, ids: fanoutId ? [fanoutId, ...eventIds] : eventIds }
  })
  if (result.outcome === 'published') await deps.announceContentChange('addition')
  if (result.ids?.length) await deps.dispatch(result.ids)
  return result.outcome
}
