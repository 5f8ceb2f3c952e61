/**
 * What staff do with a release's email (API and admin alike): watch progress, read failures,
 * stop sending, and send a test copy. Authorisation is checked here, once per use-case, so the
 * admin and the API give the same actor the same answer.
 */
import type { Actor } from '../auth/actor.js'
import { authorize, can } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { Lang } from '../types.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import { requireEmail } from '../subscription/email-address.js'
import { loadReleaseTarget } from './audience.js'
import { classifySendError } from './classify.js'
import type { FailureAction } from './classify.js'
import type { DeliveryDeps } from './ports.js'
import { RELEASE_KIND, correctionIdOf, deliveryProgress, listDeliveryFailures } from './progress.js'
import type { DeliveryFailure, DeliveryProgress } from './progress.js'

type Reads = Pick<DeliveryDeps, 'repos'>

async function releaseFor(repos: Pick<Repositories, 'deliveries'>, releaseId: number) {
  const release = await repos.deliveries.findRelease(releaseId)
  if (!release) throw new NotFoundError(`No release ${releaseId}`)
  return release
}

function checkKind(kind: string | undefined): string {
  const value = kind ?? RELEASE_KIND
  if (value !== RELEASE_KIND && correctionIdOf(value) === undefined)
    throw new ValidationError('kind: Use "release" or "correction-<id>"', {
      kind: 'Use "release" or "correction-<id>"',
    })
  return value
}

export async function getDeliveryProgress(
  deps: Reads,
  actor: Actor,
  releaseId: number,
  kind?: string,
): Promise<DeliveryProgress> {
  const release = await releaseFor(deps.repos, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  return deliveryProgress(deps.repos, releaseId, checkKind(kind))
}

/** Failures carry subscriber addresses: only those who may publish see them. */
export async function getDeliveryFailures(
  deps: Reads,
  actor: Actor,
  releaseId: number,
  options: { kind?: string; limit?: number; before?: number } = {},
): Promise<{ items: DeliveryFailure[]; nextCursor: number | null }> {
  const release = await releaseFor(deps.repos, releaseId)
  authorize(actor, 'release.publish', release.newsroom_id)
  const limit = options.limit ?? 100
  const items = await listDeliveryFailures(deps.repos, releaseId, {
    ...options,
    kind: checkKind(options.kind),
    limit,
  })
  return {
    items,
    nextCursor: items.length === limit ? items[items.length - 1].id : null,
  }
}

export interface DeliveryDashboard {
  progress: DeliveryProgress
  /** Newest first; empty for those who may not see subscriber addresses. */
  failures: DeliveryFailure[]
  /** The newsroom's time zone, for the times shown. */
  timezone: string
  /** May stop sending and send tests (the `release.publish` permission). */
  mayPublish: boolean
}

/** The admin's delivery page of a release: anyone who may see the release sees the progress. */
export async function getDeliveryDashboard(
  deps: Reads,
  actor: Actor,
  releaseId: number,
  options: { failureLimit: number },
): Promise<DeliveryDashboard> {
  const release = await releaseFor(deps.repos, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  const mayPublish = can(actor, 'release.publish', release.newsroom_id)
  const [progress, failures, timezone] = await Promise.all([
    deliveryProgress(deps.repos, releaseId),
    mayPublish
      ? listDeliveryFailures(deps.repos, releaseId, { limit: options.failureLimit })
      : Promise.resolve([]),
    deps.repos.deliveries.findNewsroomTimezone(release.newsroom_id),
  ])
  if (timezone === undefined) throw new NotFoundError(`No release ${releaseId}`)
  return { progress, failures, timezone, mayPublish }
}

export interface TestSendInput {
  to: unknown
  lang?: unknown
}

export interface TestSendResult {
  to: string
  lang: Lang
  subject: string
  /** The server's reply, e.g. "250 2.0.0 Ok: queued as 4bX…". */
  smtpResponse: string
}

/** The mail server did not take the test message; nothing was recorded. */
export class TestSendFailedError extends Error {
  constructor(
    readonly action: FailureAction,
    readonly reply: string,
    /** The transport's own message. */
    readonly detail: string,
  ) {
    super(
      action === 'connection'
        ? `The mail server could not be reached: ${reply}`
        : `The mail server refused the message: ${reply}`,
    )
    this.name = 'TestSendFailedError'
  }
}

/**
 * Sends the real email of a release to one address, at once; subscribers and delivery rows are
 * not touched. Who may publish the release may test its email: a test shows the newsroom's
 * subscribers' message and goes out through the newsroom's sender. The language is the
 * release's first one (in the newsroom's order) unless asked.
 */
export async function sendTestEmail(
  deps: Pick<DeliveryDeps, 'repos' | 'clock' | 'log' | 'composer' | 'transmit'>,
  actor: Actor,
  releaseId: number,
  input: TestSendInput,
): Promise<TestSendResult> {
  const release = await releaseFor(deps.repos, releaseId)
  authorize(actor, 'release.publish', release.newsroom_id)
  const to = requireEmail(input.to, 'to').address
  const target = await loadReleaseTarget(deps.repos, releaseId)
  const available = target?.languages ?? []
  if (available.length === 0)
    throw new ValidationError('The release has no language version to send', {
      versions: 'Write at least one language version first',
    })
  let lang = available[0]
  if (input.lang !== undefined && input.lang !== null) {
    if (!isLanguage(input.lang) || !available.includes(input.lang))
      throw new ValidationError(`lang: The release has no "${String(input.lang)}" version`, {
        lang: `Use one of ${available.join(', ')}`,
      })
    lang = input.lang
  }
  const test = await deps.composer.composeTest(releaseId, lang, to)
  let smtpResponse: string
  try {
    smtpResponse = (await deps.transmit(test.message)).response
  } catch (error) {
    const { action, reply } = classifySendError(error)
    deps.log.warn({ releaseId, err: (error as Error).message }, 'test send failed')
    throw new TestSendFailedError(action, reply, (error as Error).message)
  }
  await recordAudit(deps.repos, actor, deps.clock.now(), {
    action: 'release.test-send',
    subject: `release:${releaseId}`,
    details: { to, lang },
  })
  deps.log.info({ releaseId, lang }, 'test email sent')
  return { to, lang, subject: test.subject, smtpResponse }
}
