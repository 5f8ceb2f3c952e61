/**
 * Who receives an email. One rule, used both to freeze the audience at fan-out (read page by
 * page, keyset on subscriber id, so fan-out never holds it in memory) and to count it for the
 * confirmation step before publishing:
 *
 * Release email: confirmed subscribers of the release's newsroom who are neither suppressed
 * (`suppressed_at` mirrors the suppression list) nor paused — the repository's reachable
 * subscriptions — whose type and keyword filters (`filtersMatch`) let the release through.
 * Correction notice: those who were sent the release, if they still are reachable.
 */
import type { Repositories } from '../../db/repositories/index.js'
import type { ReleaseView } from '../release/views.js'
import type { Lang, ReleaseType } from '../types.js'

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

/** The release's languages in the newsroom's order (others after, as stored). */
export function orderLanguages(newsroomLanguages: string, versionLangs: Lang[]): Lang[] {
  const order = JSON.parse(newsroomLanguages) as Lang[]
  const rank = (lang: Lang) => (order.includes(lang) ? order.indexOf(lang) : 99)
  return [...versionLangs].sort((a, b) => rank(a) - rank(b))
}

export async function loadReleaseTarget(
  repos: Pick<Repositories, 'deliveries'>,
  releaseId: number,
): Promise<ReleaseTarget | undefined> {
  const found = await repos.deliveries.findReleaseTarget(releaseId)
  if (!found) return undefined
  return {
    id: found.id,
    newsroomId: found.newsroomId,
    type: found.type,
    languages: orderLanguages(found.newsroomLanguages, found.versionLangs),
    keywordSlugs: found.keywordSlugs,
  }
}

/** The next page of the release email's audience after `afterSubscriberId`. */
export async function releaseAudiencePage(
  repos: Pick<Repositories, 'deliveries'>,
  release: ReleaseTarget,
  afterSubscriberId: number,
  limit: number,
): Promise<AudiencePage | undefined> {
  const rows = await repos.deliveries.releaseAudiencePage(
    release.newsroomId,
    afterSubscriberId,
    limit,
  )
  if (rows.length === 0) return undefined
  const matching = rows.filter((row) => filtersMatch(row, release))
  const languages = await repos.deliveries.subscriberLanguages(
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
  repos: Pick<Repositories, 'deliveries'>,
  releaseId: number,
  afterSubscriberId: number,
  limit: number,
): Promise<AudiencePage | undefined> {
  const members = await repos.deliveries.correctionAudiencePage(releaseId, afterSubscriberId, limit)
  if (members.length === 0) return undefined
  return {
    members,
    firstSubscriberId: members[0].subscriberId,
    lastSubscriberId: members[members.length - 1].subscriberId,
  }
}

/**
 * How many subscribers the release email would go to (the publish confirmation shows it).
 * Counted per distinct filter, so one query serves any audience size.
 */
export async function countAudience(
  repos: Pick<Repositories, 'deliveries'>,
  release: Pick<ReleaseView, 'newsroom' | 'type' | 'keywords'>,
): Promise<number> {
  const groups = await repos.deliveries.releaseAudienceFilters(release.newsroom.id)
  const target = { type: release.type, keywordSlugs: release.keywords.map((k) => k.slug) }
  let total = 0
  for (const group of groups) if (filtersMatch(group, target)) total += group.count
  return total
}

/** Who a publication would email: subscribers, and journalists of the chosen media lists. */
export interface PublicationAudience {
  subscribers: number
  /** Journalists on the lists who are not also emailed as subscribers. */
  journalists: number
  /** One per address: the number of emails the publication sends. */
  total: number
}

/**
 * The recipient count of a publication to subscribers and media lists, counted as the fan-out
 * sends: one email per address. A journalist who is also a subscriber the release reaches counts
 * once, as a subscriber; one on several of the lists, once; one who opted out, not at all.
 */
export async function countPublicationAudience(
  repos: Pick<Repositories, 'deliveries'>,
  release: Pick<ReleaseView, 'newsroom' | 'type' | 'keywords'>,
  listIds: number[],
): Promise<PublicationAudience> {
  const target = { type: release.type, keywordSlugs: release.keywords.map((k) => k.slug) }
  const [subscribers, candidates] = await Promise.all([
    countAudience(repos, release),
    repos.deliveries.distributionCandidates(release.newsroom.id, listIds),
  ])
  const journalists = candidates.filter(
    (contact) => contact.subscriber === null || !filtersMatch(contact, target),
  ).length
  return { subscribers, journalists, total: subscribers + journalists }
}
