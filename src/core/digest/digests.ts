/**
 * Digests: instead of an email per release, a subscriber with frequency `daily` or `weekly` gets
 * one email per newsroom and period listing what was published in it (none when nothing was).
 *
 * The maintenance job runs `runDigests` every interval. Planning writes, per newsroom and
 * frequency, the period that ended last (`digest_periods`, starting where the previous one ended)
 * and one ledger row per subscriber with matching releases, frozen with their release ids. The
 * ledger's unique key (subscriber, newsroom, frequency, period end) makes planning idempotent;
 * a period is marked planned only once all its rows are written, so a planner killed half-way
 * simply runs again. Sending claims rows under a lease, like release deliveries: a row left
 * `sending` by a dead worker is taken again once its lease lapses (a possible duplicate, logged),
 * and since the loop is driven from the database, a flushed Redis loses nothing.
 */
import { createHmac } from 'node:crypto'
import type { DigestRow, NewDigest } from '../../db/repositories/digests.js'
import { chooseLanguage, filtersMatch, loadReleaseTarget } from '../delivery/audience.js'
import type { ReleaseTarget } from '../delivery/audience.js'
import { classifySendError } from '../delivery/classify.js'
import { keysetPages, nonEmpty } from '../delivery/paging.js'
import { suppressSubscriber } from '../subscription/suppressions.js'
import type { DigestFrequency, Lang } from '../types.js'
import { DIGEST_FREQUENCIES, lastDigestMoment, previousDigestMoment } from './periods.js'
import type { DigestDeps } from './ports.js'

/** Subscribers read per planning page, digests claimed per round. */
const PAGE_SIZE = 500
const CLAIM_SIZE = 20
/** A digest still failing temporarily after this many attempts fails for good. */
const MAX_ATTEMPTS = 10

export interface DigestRunResult {
  planned: number
  sent: number
  failed: number
}

/** Plans the digests that are due and sends what the ledger holds. */
export async function runDigests(deps: DigestDeps): Promise<DigestRunResult> {
  const planned = await planDigests(deps)
  const { sent, failed } = await sendDueDigests(deps)
  return { planned, sent, failed }
}

/** Message-ID of a digest: deterministic (a resend carries the same id), keyed with the secret. */
export function digestMessageId(
  deps: Pick<DigestDeps, 'secretKey' | 'messageIdDomain'>,
  digest: { subscriberId: number; newsroomId: number; frequency: string; periodEnd: string },
): string {
  const key = `digest.${digest.subscriberId}.${digest.newsroomId}.${digest.frequency}.${digest.periodEnd}`
  const tag = createHmac('sha256', deps.secretKey)
    .update(key)
    .digest('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 24)
  return `<tiedote.digest.${tag}@${deps.messageIdDomain}>`
}

/** Writes the ledger rows of every period that has ended and is not planned yet. */
export async function planDigests(deps: DigestDeps): Promise<number> {
  const { repos, clock } = deps
  const now = clock.now()
  let inserted = 0
  for (const newsroom of await repos.digests.newsroomZones()) {
    for (const frequency of DIGEST_FREQUENCIES) {
      const end = lastDigestMoment(now, newsroom.timezone, frequency).toISOString()
      let period = await repos.digests.findPeriod(newsroom.id, frequency, end)
      if (period?.planned_at) continue
      if (!period) {
        // From where the last digest ended, so a pause (the service was down) loses nothing.
        const start =
          (await repos.digests.lastPeriodEnd(newsroom.id, frequency, end)) ??
          previousDigestMoment(new Date(end), newsroom.timezone, frequency).toISOString()
        await repos.digests.addPeriod({
          newsroomId: newsroom.id,
          frequency,
          periodStart: start,
          periodEnd: end,
          now,
        })
        period = (await repos.digests.findPeriod(newsroom.id, frequency, end))!
      }
      inserted += await planPeriod(deps, {
        newsroomId: newsroom.id,
        languages: JSON.parse(newsroom.languages) as Lang[],
        frequency,
        start: period.period_start,
        end,
      })
      await repos.digests.markPlanned(newsroom.id, frequency, end, clock.now())
    }
  }
  if (inserted > 0) deps.log.info({ digests: inserted }, 'digests planned')
  return inserted
}

async function planPeriod(
  deps: DigestDeps,
  period: {
    newsroomId: number
    languages: Lang[]
    frequency: DigestFrequency
    start: string
    end: string
  },
): Promise<number> {
  const { repos } = deps
  const releaseIds = await repos.digests.releasesPublishedBetween(
    period.newsroomId,
    period.start,
    period.end,
  )
  if (releaseIds.length === 0) return 0
  const releases = (await Promise.all(releaseIds.map((id) => loadReleaseTarget(repos, id)))).filter(
    (target): target is ReleaseTarget => target !== undefined && target.languages.length > 0,
  )
  let inserted = 0
  const pages = keysetPages(
    async (after) =>
      nonEmpty(
        await repos.digests.digestAudiencePage(
          period.newsroomId,
          period.frequency,
          after,
          PAGE_SIZE,
        ),
      ),
    (rows) => rows[rows.length - 1].subscriber_id,
  )
  for await (const rows of pages) {
    const languages = await repos.deliveries.subscriberLanguages(rows.map((r) => r.subscriber_id))
    const digests: NewDigest[] = []
    for (const row of rows) {
      const matching = releases.filter((release) => filtersMatch(row, release))
      if (matching.length === 0) continue
      const digest = {
        subscriberId: row.subscriber_id,
        newsroomId: period.newsroomId,
        frequency: period.frequency,
        periodEnd: period.end,
      }
      digests.push({
        ...digest,
        periodStart: period.start,
        lang: chooseLanguage(languages.get(row.subscriber_id) ?? [], period.languages),
        releaseIds: matching.map((release) => release.id),
        messageId: digestMessageId(deps, digest),
      })
    }
    inserted += await repos.digests.insertPending(digests, deps.clock.now())
  }
  return inserted
}

type DigestOutcome = 'sent' | 'failed' | 'deferred' | 'skipped'

/**
 * Sends the digests the ledger holds, a claimed chunk at a time under a lease, until none is
 * left. A chunk's digests go out together, so the pooled SMTP connections are all busy (one at a
 * time left all but one idle); a temporary refusal ends the run and the next one tries again.
 */
export async function sendDueDigests(deps: DigestDeps): Promise<{ sent: number; failed: number }> {
  const { repos, clock, log } = deps
  let sent = 0
  let failed = 0
  for (;;) {
    const now = clock.now()
    const claimed = await repos.digests.claim(
      CLAIM_SIZE,
      now,
      new Date(now.getTime() + deps.policy.leaseMs),
    )
    if (claimed.length === 0) break
    const outcomes = await Promise.all(claimed.map((digest) => sendDigest(deps, digest)))
    sent += outcomes.filter((o) => o === 'sent').length
    failed += outcomes.filter((o) => o === 'failed').length
    if (outcomes.includes('deferred')) break
  }
  if (sent > 0) log.info({ sent }, 'digests sent')
  return { sent, failed }
}

async function sendDigest(deps: DigestDeps, digest: DigestRow): Promise<DigestOutcome> {
  const { repos, clock, log } = deps
  const now = clock.now()
  if (digest.attempts > 1 && digest.smtp_response === null)
    log.warn({ digestId: digest.id }, 'digest claimed again after its sender died; resending')
  const subscriber = digest.subscriber_id
    ? await repos.subscribers.findById(digest.subscriber_id)
    : undefined
  // Unsubscribed, paused, suppressed or erased since planning: nothing is sent.
  if (
    !subscriber ||
    subscriber.status !== 'confirmed' ||
    subscriber.paused_at ||
    subscriber.suppressed_at
  ) {
    await repos.digests.finish(digest.id, {
      status: subscriber?.suppressed_at ? 'suppressed' : 'cancelled',
      smtpResponse: 'not reachable when the digest was due',
      now: clock.now(),
    })
    return 'skipped'
  }
  try {
    const message = await deps.digests.compose(digest, {
      subscriberId: subscriber.id,
      address: /^[\x20-\x7e]*$/.test(subscriber.email)
        ? subscriber.email
        : subscriber.email_normalized,
      tokenSecret: subscriber.token_secret,
    })
    if (!message) {
      await repos.digests.finish(digest.id, {
        status: 'cancelled',
        smtpResponse: 'every release of the digest was withdrawn',
        now: clock.now(),
      })
      return 'skipped'
    }
    const outcome = await deps.transmit(message)
    await repos.digests.finish(digest.id, {
      status: 'sent',
      smtpResponse: outcome.response,
      now: clock.now(),
    })
    return 'sent'
  } catch (error) {
    const { action, reply } = classifySendError(error)
    if (action === 'suppress') {
      await repos.transaction(async (tx) => {
        await suppressSubscriber(tx, clock, deps.secretKey, subscriber.id, 'hard-bounce', reply)
        await tx.digests.finish(digest.id, { status: 'suppressed', smtpResponse: reply, now })
      })
      return 'skipped'
    }
    if (action === 'fail' || digest.attempts >= MAX_ATTEMPTS) {
      await repos.digests.finish(digest.id, { status: 'failed', smtpResponse: reply, now })
      log.warn({ digestId: digest.id, reply }, 'digest failed')
      return 'failed'
    }
    // Temporary: back to pending; the next run (an interval later) tries again.
    await repos.digests.finish(digest.id, { status: 'pending', smtpResponse: reply, now })
    log.info({ digestId: digest.id, reply }, 'digest deferred')
    return 'deferred'
  }
}
