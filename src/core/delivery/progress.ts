/**
 * Where the email of a release stands: the delivery rows are the ledger, so progress is a count
 * of their statuses. The API (`GET /api/v1/releases/{id}/deliveries`) and the admin dashboard both
 * read this one query.
 */
import type { Repositories } from '../../db/repositories/index.js'
import type { DeliveryStatus, Lang } from '../types.js'
import { NotFoundError } from '../errors.js'
import { OUTBOX_KINDS } from '../outbox.js'

type Reader = Pick<Repositories, 'deliveries' | 'outbox'>

/** The shape of the API contract. */
export interface DeliveryProgress {
  /** Everyone the email was frozen for (one delivery row each). */
  audience: number
  pending: number
  sending: number
  sent: number
  failed: number
  suppressed: number
  cancelled: number
  firstSentAt: string | null
  lastSentAt: string | null
  /** Nothing more will be sent: every row is terminal and the audience is complete. */
  done: boolean
  /** Media lists the release went to, each with how many of its journalists have a delivery. */
  mediaLists: { id: number; name: string; recipients: number }[]
}

export const TERMINAL_STATUSES = [
  'sent',
  'failed',
  'suppressed',
  'cancelled',
] as const satisfies readonly DeliveryStatus[]

/** 'release' for the release email, 'correction-<id>' for a correction notice. */
export const RELEASE_KIND = 'release'
export const correctionKind = (correctionId: number) => `correction-${correctionId}`
export function correctionIdOf(kind: string): number | undefined {
  const match = /^correction-(\d+)$/.exec(kind)
  return match ? Number(match[1]) : undefined
}

/**
 * Has the fan-out of (release, kind) frozen the whole audience? Its outbox row is marked done
 * only after the last page of delivery rows is written.
 */
export async function isFanoutComplete(
  repos: Pick<Repositories, 'outbox'>,
  releaseId: number,
  kind: string,
): Promise<boolean> {
  const rows = await repos.outbox.findForRelease(releaseId, OUTBOX_KINDS.fanout)
  const mine = rows.filter((row) => {
    const payload = JSON.parse(row.payload) as { kind?: string }
    return (payload.kind ?? RELEASE_KIND) === kind
  })
  return mine.length > 0 && mine.every((row) => row.done_at !== null)
}

export async function countDeliveries(
  repos: Pick<Repositories, 'deliveries'>,
  releaseId: number,
  kind: string,
) {
  const rows = await repos.deliveries.countByStatus(releaseId, kind)
  const counts: Record<DeliveryStatus, number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    suppressed: 0,
    cancelled: 0,
  }
  for (const row of rows) counts[row.status] = row.count
  return counts
}

export async function deliveryProgress(
  repos: Reader,
  releaseId: number,
  kind: string = RELEASE_KIND,
): Promise<DeliveryProgress> {
  const release = await repos.deliveries.findRelease(releaseId)
  if (!release) throw new NotFoundError(`No release ${releaseId}`)
  // Whether the audience is frozen is read before the rows are counted: the fan-out writes every
  // row before it marks itself complete, so counts taken after that include them all. In the
  // other order a fan-out finishing in between looks complete with rows not yet counted.
  const settled = kind === RELEASE_KIND && (release.delivered_at || release.notify === 0)
  const frozen = settled ? true : await isFanoutComplete(repos, releaseId, kind)
  // The send times are read after the counts, not beside them: on PostgreSQL two queries in
  // parallel run on two connections with two snapshots, and a chunk recorded between them showed
  // every row sent with no first send time.
  const counts = await countDeliveries(repos, releaseId, kind)
  const [times, mediaLists] = await Promise.all([
    repos.deliveries.sentBetween(releaseId, kind),
    kind === RELEASE_KIND ? repos.deliveries.distributionLists(releaseId, kind) : [],
  ])
  const audience = Object.values(counts).reduce((sum, n) => sum + n, 0)
  const open = counts.pending + counts.sending
  let done: boolean
  if (kind === RELEASE_KIND && release.delivered_at) done = true
  else if (kind === RELEASE_KIND && release.notify === 0) done = release.status === 'published'
  else if (open > 0) done = false
  else if (kind === RELEASE_KIND && release.sending_cancelled_at) done = true
  else done = frozen
  return {
    audience,
    ...counts,
    firstSentAt: times.first,
    lastSentAt: times.last,
    done,
    mediaLists,
  }
}

export interface DeliveryFailure {
  id: number
  subscriberId: number | null
  email: string | null
  lang: Lang
  status: 'failed' | 'suppressed'
  attempts: number
  smtpResponse: string | null
  updatedAt: string
}

/** Failed and suppressed deliveries with the server's last reply, newest first, paged by id. */
export async function listDeliveryFailures(
  repos: Pick<Repositories, 'deliveries'>,
  releaseId: number,
  options: { kind?: string; limit?: number; before?: number } = {},
): Promise<DeliveryFailure[]> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 500)
  const rows = await repos.deliveries.listFailures(
    releaseId,
    options.kind ?? RELEASE_KIND,
    limit,
    options.before,
  )
  return rows.map((row) => ({
    id: row.id,
    subscriberId: row.subscriber_id,
    email: row.email ?? null,
    lang: row.lang,
    status: row.status as 'failed' | 'suppressed',
    attempts: row.attempts,
    smtpResponse: row.smtp_response,
    updatedAt: row.updated_at,
  }))
}
