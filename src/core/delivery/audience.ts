/**
 * Who receives an email, read page by page (keyset on subscriber id) so that fan-out never holds
 * the whole audience in memory.
 *
 * Release email: confirmed subscribers of the release's newsroom who are neither suppressed
 * (`suppressed_at` mirrors the suppression list) nor paused, whose type and keyword filters
 * match the release.
 * Correction notice: those who were sent the release, if they still are such subscribers.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Lang, ReleaseType } from '../types.js'

type Reader = Pick<Kysely<Database>, 'selectFrom'>

export interface ReleaseTarget {
  id: number
  newsroomId: number
  type: ReleaseType
  /** Languages of the release's versions, the newsroom's default language order first. */
  languages: Lang[]
  keywordSlugs: string[]
}

export interface AudienceMember {
  subscriberId: number
  lang: Lang
}

export interface AudiencePage {
  members: AudienceMember[]
  /** Highest subscriber id looked at (matched or not); the next page starts after it. */
  lastSubscriberId: number
  /** Lowest subscriber id looked at. */
  firstSubscriberId: number
}

/**
 * One email per subscriber, never one per language: the first of the subscriber's languages
 * that the release has; failing that, the release's first language.
 */
export function chooseLanguage(preferred: readonly Lang[], available: readonly Lang[]): Lang {
  return preferred.find((lang) => available.includes(lang)) ?? available[0]
}

function parseList(json: string | null): string[] | null {
  if (!json) return null
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) && value.length > 0 ? value.map(String) : null
  } catch {
    return null
  }
}

/** Does a subscription's filter (null or empty = everything) let this release through? */
export function filtersMatch(
  subscription: { types: string | null; keywords: string | null },
  release: Pick<ReleaseTarget, 'type' | 'keywordSlugs'>,
): boolean {
  const types = parseList(subscription.types)
  if (types && !types.includes(release.type)) return false
  const keywords = parseList(subscription.keywords)
  if (keywords && !keywords.some((k) => release.keywordSlugs.includes(k))) return false
  return true
}

export async function loadReleaseTarget(
  db: Reader,
  releaseId: number,
): Promise<ReleaseTarget | undefined> {
  const release = await db
    .selectFrom('releases')
    .innerJoin('newsrooms', 'newsrooms.id', 'releases.newsroom_id')
    .select(['releases.id', 'releases.newsroom_id', 'releases.type', 'newsrooms.languages'])
    .where('releases.id', '=', releaseId)
    .executeTakeFirst()
  if (!release) return undefined
  const [versions, keywords] = await Promise.all([
    db.selectFrom('release_versions').select('lang').where('release_id', '=', releaseId).execute(),
    db
      .selectFrom('release_keywords')
      .innerJoin('keywords', 'keywords.id', 'release_keywords.keyword_id')
      .select('keywords.slug')
      .where('release_keywords.release_id', '=', releaseId)
      .execute(),
  ])
  const order = JSON.parse(release.languages) as Lang[]
  const rank = (lang: Lang) => (order.includes(lang) ? order.indexOf(lang) : 99)
  return {
    id: release.id,
    newsroomId: release.newsroom_id,
    type: release.type,
    languages: versions.map((v) => v.lang).sort((a, b) => rank(a) - rank(b)),
    keywordSlugs: keywords.map((k) => k.slug),
  }
}

async function languagesOf(db: Reader, subscriberIds: number[]): Promise<Map<number, Lang[]>> {
  const byId = new Map<number, Lang[]>()
  if (subscriberIds.length === 0) return byId
  const rows = await db
    .selectFrom('subscriber_languages')
    .select(['subscriber_id', 'lang'])
    .where('subscriber_id', 'in', subscriberIds)
    .orderBy('subscriber_id')
    .orderBy('position')
    .execute()
  for (const row of rows) {
    const list = byId.get(row.subscriber_id) ?? []
    list.push(row.lang)
    byId.set(row.subscriber_id, list)
  }
  return byId
}

/** The next page of the release email's audience after `afterSubscriberId`. */
export async function releaseAudiencePage(
  db: Reader,
  release: ReleaseTarget,
  afterSubscriberId: number,
  limit: number,
): Promise<AudiencePage | undefined> {
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select(['subscriptions.subscriber_id', 'subscriptions.types', 'subscriptions.keywords'])
    .where('subscriptions.newsroom_id', '=', release.newsroomId)
    .where('subscriptions.subscriber_id', '>', afterSubscriberId)
    .where('subscribers.status', '=', 'confirmed')
    .where('subscribers.suppressed_at', 'is', null)
    .where('subscribers.paused_at', 'is', null)
    .orderBy('subscriptions.subscriber_id')
    .limit(limit)
    .execute()
  if (rows.length === 0) return undefined
  const matching = rows.filter((row) => filtersMatch(row, release))
  const languages = await languagesOf(
    db,
    matching.map((row) => row.subscriber_id),
  )
  return {
    members: matching.map((row) => ({
      subscriberId: row.subscriber_id,
      lang: chooseLanguage(languages.get(row.subscriber_id) ?? [], release.languages),
    })),
    firstSubscriberId: rows[0].subscriber_id,
    lastSubscriberId: rows[rows.length - 1].subscriber_id,
  }
}

/** The next page of a correction notice's audience: those sent the release, same language. */
export async function correctionAudiencePage(
  db: Reader,
  releaseId: number,
  afterSubscriberId: number,
  limit: number,
): Promise<AudiencePage | undefined> {
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
    .select(['deliveries.subscriber_id', 'deliveries.lang'])
    .where('deliveries.release_id', '=', releaseId)
    .where('deliveries.kind', '=', 'release')
    .where('deliveries.status', '=', 'sent')
    .where('deliveries.subscriber_id', '>', afterSubscriberId)
    .where('subscribers.status', '=', 'confirmed')
    .where('subscribers.suppressed_at', 'is', null)
    .where('subscribers.paused_at', 'is', null)
    .orderBy('deliveries.subscriber_id')
    .limit(limit)
    .execute()
  if (rows.length === 0) return undefined
  return {
    members: rows.map((row) => ({ subscriberId: row.subscriber_id!, lang: row.lang })),
    firstSubscriberId: rows[0].subscriber_id!,
    lastSubscriberId: rows[rows.length - 1].subscriber_id!,
  }
}
