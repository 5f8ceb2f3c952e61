/**
 * Sending one batch (one `send` job). Deliveries still `pending` are claimed ten at a time
 * (`sending`, one conditional UPDATE, under this worker's lease — see lease.ts), sent a few at a
 * time over the SMTP pool, and recorded (`sent` with each server reply, one UPDATE) before the
 * next ten are claimed. Rerunning a batch never resends what was recorded, and a worker killed
 * mid-batch leaves only the claimed chunk as `sending`: once its lease lapses the reconciler
 * resends those (the only possible duplicates, each logged) and the untouched rest is simply
 * still `pending`.
 *
 * Failures follow classify.ts: 4xx retries with exponential back-off until 48 h after the
 * delivery was queued, 5xx fails, 5.1.x suppresses the address, 421 / 4.7.x pauses the whole
 * send queue, and an unreachable relay keeps the batch for a later run.
 */
import type { Accepted, DeliveryChange, DeliveryToSend } from '../../db/repositories/deliveries.js'
import type { Lang } from '../types.js'
import { classifySendError, retryDelayMs } from './classify.js'
import type { DeliveryDeps } from './ports.js'
import { RELEASE_KIND } from './progress.js'
import { isSendingStopped, markDeliveredIfComplete } from './state.js'
import { leasesOf } from './lease.js'
import { suppressSubscriber } from '../subscription/suppressions.js'

/** The relay asked us to slow down; the send queue is paused and this batch must wait. */
export class ThrottledError extends Error {
  constructor(readonly reply: string) {
    super(`SMTP relay throttled sending: ${reply}`)
    this.name = 'ThrottledError'
  }
}

/** The relay could not be reached; run this batch again after `retryInMs`. */
export class RelayUnavailableError extends Error {
  constructor(
    readonly reply: string,
    readonly retryInMs: number,
  ) {
    super(`SMTP relay unavailable: ${reply}`)
    this.name = 'RelayUnavailableError'
  }
}

export interface SendBatchJob {
  releaseId: number
  kind: string
  fromDeliveryId: number
  toDeliveryId: number
}

export interface SendBatchResult {
  sent: number
  failed: number
  suppressed: number
  deferred: number
  cancelled: number
  /**
   * Some deliveries wait for a retry after a temporary failure: run the batch again at this
   * time (the worker keeps the same job, delayed, so no retry can be lost to an id clash).
   */
  retryAt?: Date
}

/** An address with only ASCII goes out as typed; otherwise its normalised (punycode) form. */
const isAscii = (value: string) => /^[\x20-\x7e]*$/.test(value)

export async function sendBatch(deps: DeliveryDeps, job: SendBatchJob): Promise<SendBatchResult> {
  const { repos, clock, policy, log } = deps
  const result: SendBatchResult = { sent: 0, failed: 0, suppressed: 0, deferred: 0, cancelled: 0 }

  const release = await repos.deliveries.findRelease(job.releaseId)
  if (!release) return result

  if (await isSendingStopped(repos, job.releaseId, job.kind, release)) {
    result.cancelled = await repos.deliveries.changeStatus(
      {
        releaseId: job.releaseId,
        kind: job.kind,
        fromId: job.fromDeliveryId,
        toId: job.toDeliveryId,
      },
      'pending',
      { status: 'cancelled', smtpResponse: 'sending stopped' },
      clock.now(),
    )
    await markDeliveredIfComplete(deps, job.releaseId)
    return result
  }

  const rows = await repos.deliveries.findPendingToSend(job)
  if (rows.length === 0) return result

  let firstOfRelease =
    job.kind === RELEASE_KIND &&
    release.published_at !== null &&
    !(await repos.deliveries.hasAny(job.releaseId, RELEASE_KIND, ['sent']))

  /** One row from `from` to another status; false when someone else moved it first. */
  const setStatus = async (id: number, from: 'pending' | 'sending', change: DeliveryChange) =>
    (await repos.deliveries.changeStatus({ ids: [id] }, from, change, clock.now())) > 0

  const retryAt: number[] = []
  let changedToTerminal = false
  type Row = DeliveryToSend

  /** Settles rows that must not be sent now; true when the row is to be sent. */
  const precheck = async (row: Row, now: Date): Promise<boolean> => {
    if (row.next_attempt_at && row.next_attempt_at > now.toISOString()) {
      retryAt.push(new Date(row.next_attempt_at).getTime())
      result.deferred++
      return false
    }
    // A media list contact (distribution at publication): staff data, no subscription state.
    if (row.media_contact_id !== null) {
      if (row.contact_email && !row.contact_opted_out_at) return true
      if (
        await setStatus(row.id, 'pending', {
          status: 'cancelled',
          smtpResponse: row.contact_email
            ? 'opted out of the media lists before sending'
            : 'removed from the media list before sending',
        })
      )
        result.cancelled++
      changedToTerminal = true
      return false
    }
    // Unsubscribed, paused or erased since the audience was frozen: they get nothing.
    if (!row.subscriber_id || row.subscriber_status !== 'confirmed' || row.paused_at) {
      const reason = !row.subscriber_id
        ? 'subscriber erased before sending'
        : row.paused_at
          ? 'subscription paused before sending'
          : 'unsubscribed before sending'
      if (await setStatus(row.id, 'pending', { status: 'cancelled', smtpResponse: reason }))
        result.cancelled++
      changedToTerminal = true
      return false
    }
    if (row.suppressed_at) {
      if (
        await setStatus(row.id, 'pending', {
          status: 'suppressed',
          smtpResponse: `address suppressed (${row.suppression_reason ?? 'bounced'})`,
        })
      )
        result.suppressed++
      changedToTerminal = true
      return false
    }
    if (row.attempts > 0 && now.getTime() - Date.parse(row.created_at) > policy.giveUpAfterMs) {
      const hours = Math.round(policy.giveUpAfterMs / 3600_000)
      await setStatus(row.id, 'pending', {
        status: 'failed',
        smtpResponse: `gave up after ${hours} h: ${row.smtp_response ?? 'no reply'}`,
      })
      result.failed++
      deps.metrics?.failed(job.kind, 'failed')
      changedToTerminal = true
      return false
    }
    return true
  }

  /** Records a failed attempt; throws to stop the batch when the relay is the problem. */
  const settleFailure = async (row: Row, error: unknown) => {
    const now = clock.now()
    const classified = classifySendError(error)
    const { reply } = classified
    // A media contact's address that does not exist fails; the suppression list is subscribers'.
    const action =
      classified.action === 'suppress' && row.media_contact_id !== null ? 'fail' : classified.action
    switch (action) {
      case 'suppress':
        // The address goes on the suppression list in the transaction that records the
        // delivery, so a delivery is never marked suppressed without it.
        await deps.repos.transaction(async (tx) => {
          await suppressSubscriber(
            tx,
            deps.clock,
            deps.secretKey,
            row.subscriber_id!,
            'hard-bounce',
            reply,
          )
          await tx.deliveries.changeStatus(
            { ids: [row.id] },
            undefined,
            { status: 'suppressed', smtpResponse: reply },
            now,
          )
        })
        result.suppressed++
        changedToTerminal = true
        deps.metrics?.failed(job.kind, 'suppressed')
        log.info({ deliveryId: row.id, reply }, 'address does not exist; suppressed')
        return
      case 'fail':
        await setStatus(row.id, 'sending', { status: 'failed', smtpResponse: reply })
        result.failed++
        changedToTerminal = true
        deps.metrics?.failed(job.kind, 'failed')
        log.warn({ deliveryId: row.id, reply }, 'delivery failed permanently')
        return
      case 'retry': {
        const at =
          now.getTime() + retryDelayMs(row.attempts + 1, policy.retryBaseMs, policy.retryMaxDelayMs)
        await setStatus(row.id, 'sending', {
          status: 'pending',
          smtpResponse: reply,
          nextAttemptAt: new Date(at).toISOString(),
        })
        retryAt.push(at)
        result.deferred++
        deps.metrics?.failed(job.kind, 'deferred')
        log.info({ deliveryId: row.id, reply, retryAt: new Date(at) }, 'delivery deferred')
        return
      }
      case 'throttle':
        await setStatus(row.id, 'sending', { status: 'pending', smtpResponse: reply })
        deps.metrics?.failed(job.kind, 'throttled')
        log.warn({ reply, pauseMs: policy.throttleMs }, 'SMTP relay throttles; pausing sends')
        await deps.throttle(policy.throttleMs)
        throw new ThrottledError(reply)
      case 'connection':
        await setStatus(row.id, 'sending', { status: 'pending', smtpResponse: reply })
        throw new RelayUnavailableError(
          reply,
          retryDelayMs(row.attempts + 1, policy.connectionRetryBaseMs, policy.connectionRetryMaxMs),
        )
    }
  }

  // Rows go out a chunk at a time: a few messages are in flight at once (database round trips
  // overlap with SMTP in the other jobs), and one round trip both records the chunk's accepted
  // messages (`sent`, each with its own reply) and claims the next chunk — one statement on
  // PostgreSQL, one transaction on SQLite, so both happen or neither. A worker that dies can
  // thus duplicate at most one chunk per running job: the chunk on the wire, or the accepted one
  // waiting for that round trip (no next chunk is claimed before it is recorded). A relay that
  // says "stop" ends the batch after the messages in flight, and the chunk's unattempted rows go
  // back to pending untouched.
  let stop: unknown
  const leases = leasesOf(deps)
  /** The last chunk's accepted messages, recorded with the next claim (under lease till then). */
  let unrecorded: { accepted: Accepted[]; releaseLease: () => void } | undefined
  /** Records `unrecorded` (with `claimIds`, claimed in the same round trip); returns the claim. */
  const recordAndClaim = async (claimIds: number[], now: Date): Promise<number[]> => {
    const pending = unrecorded
    unrecorded = undefined
    if (!pending) return repos.deliveries.claim(claimIds, now, leases.claim())
    try {
      try {
        const claimed = await repos.deliveries.recordSentAndClaim(
          pending.accepted,
          claimIds,
          clock.now(),
          leases.claim(),
        )
        result.sent += pending.accepted.length
        changedToTerminal = true
        return claimed
      } catch (error) {
        // Nothing was claimed; what the relay accepted must still be recorded (with retries).
        await recordSent(deps, pending.accepted)
        result.sent += pending.accepted.length
        changedToTerminal = true
        throw error
      }
    } finally {
      pending.releaseLease()
    }
  }
  try {
    for (let i = 0; i < rows.length && stop === undefined; i += policy.claimChunk) {
      const now = clock.now()
      const ready: Row[] = []
      for (const row of rows.slice(i, i + policy.claimChunk))
        if (await precheck(row, now)) ready.push(row)
      if (ready.length === 0) continue
      const claimedIds = await recordAndClaim(
        ready.map((row) => row.id),
        now,
      )
      const claimedSet = new Set(claimedIds)
      const claimed = ready.filter((row) => claimedSet.has(row.id))
      const accepted: Accepted[] = []
      let next = 0
      const lane = async () => {
        while (stop === undefined && next < claimed.length) {
          const row = claimed[next++]
          try {
            const message = await deps.composer.compose(
              { id: release.id, updatedAt: release.updated_at },
              job.kind,
              row.lang as Lang,
              row.media_contact_id !== null
                ? {
                    // A journalist on a media list: their links name no subscriber.
                    deliveryId: row.id,
                    subscriberId: 0,
                    address: row.contact_email!,
                    messageId: row.message_id,
                    tokenSecret: `media-contact-${row.media_contact_id}`,
                    mediaContact: {
                      id: row.media_contact_id,
                      emailNormalized: row.contact_email_normalized!,
                    },
                  }
                : {
                    deliveryId: row.id,
                    subscriberId: row.subscriber_id!,
                    address: isAscii(row.email ?? '') ? row.email! : row.email_normalized!,
                    messageId: row.message_id,
                    tokenSecret: row.token_secret!,
                  },
            )
            const outcome = await deps.transmit(message)
            accepted.push({
              id: row.id,
              response: outcome.response.slice(0, 500),
              at: clock.now().toISOString(),
            })
            deps.metrics?.sent(job.kind)
            if (firstOfRelease) {
              firstOfRelease = false
              const seconds = (clock.now().getTime() - Date.parse(release.published_at!)) / 1000
              if (seconds >= 0) deps.metrics?.firstEmail?.(seconds)
            }
          } catch (error) {
            try {
              await settleFailure(row, error)
            } catch (stopping) {
              stop ??= stopping
            }
          }
        }
      }
      // Rows still `sending` if this ends in an error are left to lapse and be resent.
      const releaseLease = leases.hold(claimedIds)
      await Promise.all(
        Array.from(
          { length: Math.max(1, Math.min(policy.parallelPerBatch, claimed.length)) },
          lane,
        ),
      )
      if (accepted.length > 0) unrecorded = { accepted, releaseLease }
      else releaseLease()
      if (stop !== undefined) {
        // Claimed but never tried: back to pending as if never claimed.
        const untried = claimed.slice(next).map((row) => row.id)
        await repos.deliveries.changeStatus(
          { ids: untried },
          'sending',
          { status: 'pending', attemptsDelta: -1 },
          clock.now(),
        )
      }
    }
  } finally {
    // The last chunk's accepted messages (also when the batch stops or fails).
    if (unrecorded) {
      const { accepted, releaseLease } = unrecorded
      unrecorded = undefined
      try {
        await recordSent(deps, accepted)
        result.sent += accepted.length
        changedToTerminal = true
      } finally {
        releaseLease()
      }
    }
  }
  if (stop !== undefined) throw stop

  if (retryAt.length > 0) result.retryAt = new Date(Math.min(...retryAt))
  if (changedToTerminal) await markDeliveredIfComplete(deps, job.releaseId, release)
  return result
}

/**
 * Marks accepted messages sent, each with its own reply and time, in one statement. The relay
 * has these messages already: a database that is away for a moment must not turn them into
 * resends, so the update is retried for a while; the rows' leases are renewed meanwhile (as soon
 * as the database answers again), so the reconciler does not hand them to another send.
 */
async function recordSent(
  deps: Pick<DeliveryDeps, 'repos' | 'clock' | 'log' | 'policy'>,
  accepted: { id: number; response: string; at: string }[],
) {
  const giveUpAt = Date.now() + Math.min(60_000, deps.policy.sendingTimeoutMs / 2)
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5000)) {
    try {
      await deps.repos.deliveries.recordSent(accepted, deps.clock.now())
      return
    } catch (error) {
      if (Date.now() + waitMs > giveUpAt) throw error
      deps.log.warn(
        { err: (error as Error).message, deliveries: accepted.length, retryInMs: waitMs },
        'could not record emails the relay accepted; retrying',
      )
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }
}
