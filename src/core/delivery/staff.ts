/**
 * What staff do with a release's email (API and admin alike): watch progress, read failures,
 * stop sending, and send themselves a test copy. Authorisation is checked here, once.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import type { Database } from '../../db/schema.js'
import type { Lang } from '../types.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { isLanguage } from '../newsroom/newsrooms.js'
import { requireEmail } from '../subscription/email-address.js'
import { RELEASE_KIND, correctionIdOf, deliveryProgress, listDeliveryFailures } from './progress.js'
import type { DeliveryFailure, DeliveryProgress } from './progress.js'

type Reader = Pick<Kysely<Database>, 'selectFrom'>

async function releaseFor(db: Reader, releaseId: number) {
  const release = await db
    .selectFrom('releases')
    .select(['id', 'newsroom_id', 'status'])
    .where('id', '=', releaseId)
    .executeTakeFirst()
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
  db: Reader,
  actor: Actor,
  releaseId: number,
  kind?: string,
): Promise<DeliveryProgress> {
  const release = await releaseFor(db, releaseId)
  authorize(actor, 'release.draft', release.newsroom_id)
  return deliveryProgress(db, releaseId, checkKind(kind))
}

/** Failures carry subscriber addresses: only those who may publish see them. */
export async function getDeliveryFailures(
  db: Reader,
  actor: Actor,
  releaseId: number,
  options: { kind?: string; limit?: number; before?: number } = {},
): Promise<{ items: DeliveryFailure[]; nextCursor: number | null }> {
  const release = await releaseFor(db, releaseId)
  authorize(actor, 'release.publish', release.newsroom_id)
  const limit = options.limit ?? 100
  const items = await listDeliveryFailures(db, releaseId, {
    ...options,
    kind: checkKind(options.kind),
    limit,
  })
  return {
    items,
    nextCursor: items.length === limit ? items[items.length - 1].id : null,
  }
}

export interface TestSendInput {
  to: unknown
  lang?: unknown
}

/**
 * Checks a test-send request and resolves its language (the release's first one unless asked).
 * Sending itself is the caller's (it needs the mail transport); no delivery row is touched.
 */
export async function prepareTestSend(
  db: Reader,
  actor: Actor,
  releaseId: number,
  input: TestSendInput,
): Promise<{ to: string; lang: Lang }> {
  const release = await releaseFor(db, releaseId)
  authorize(actor, 'release.publish', release.newsroom_id)
  const to = requireEmail(input.to, 'to').address
  const versions = await db
    .selectFrom('release_versions')
    .innerJoin('newsrooms', 'newsrooms.id', 'release_versions.newsroom_id')
    .select(['release_versions.lang', 'newsrooms.languages'])
    .where('release_versions.release_id', '=', releaseId)
    .execute()
  if (versions.length === 0)
    throw new ValidationError('The release has no language version to send', {
      versions: 'Write at least one language version first',
    })
  const available = versions.map((v) => v.lang)
  if (input.lang !== undefined && input.lang !== null) {
    if (!isLanguage(input.lang) || !available.includes(input.lang))
      throw new ValidationError(`lang: The release has no "${String(input.lang)}" version`, {
        lang: `Use one of ${available.join(', ')}`,
      })
    return { to, lang: input.lang }
  }
  const order = JSON.parse(versions[0].languages) as Lang[]
  return { to, lang: order.find((lang) => available.includes(lang)) ?? available[0] }
}
