/**
 * What a subscriber wants: languages in order of preference, newsrooms, and optionally release
 * types and keywords. Stored as
 * - `subscriber_languages(subscriber_id, lang, position)` — position 0 is the first choice;
 * - `subscriptions(subscriber_id, newsroom_id, types, keywords)` — one row per newsroom;
 *   `types` and `keywords` are JSON arrays, or null meaning "everything". The same type and
 *   keyword choice is written to every newsroom row (the forms offer one choice for all).
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { SubscriptionRow } from '../../db/repositories/subscribers.js'
import type { Lang, ReleaseType, SubscriberFrequency } from '../types.js'
import { ValidationError } from '../errors.js'
import { isLang, isReleaseType, isSubscriberFrequency } from '../types.js'
import { makeSlug } from '../release/slug.js'
import { keywordIndex } from '../keywords/terms.js'
import type { KeywordIndex } from '../keywords/terms.js'

export const MAX_KEYWORDS = 30
export const MAX_NEWSROOMS = 50

export interface Preferences {
  languages: Lang[]
  newsrooms: { id: number; slug: string }[]
  /** null: every type. */
  types: ReleaseType[] | null
  /** Slugs of keyword terms; null: every keyword. */
  keywords: string[] | null
  /** An email per release, or a daily or weekly digest; undefined: leave as it is (new: immediate). */
  frequency?: SubscriberFrequency
}

export interface PreferencesInput {
  languages?: unknown
  newsrooms?: unknown
  types?: unknown
  keywords?: unknown
  frequency?: unknown
}

/**
 * Invalid subscription input. `codes` says what is wrong per field in words the pages translate
 * (e.g. `{ email: 'too-long', languages: 'required' }`); `fields` carries English messages for API.
 */
export class SubscriptionInputError extends ValidationError {
  constructor(
    readonly codes: Record<string, string>,
    fields: Record<string, string>,
  ) {
    const first = Object.entries(fields)[0]
    super(first ? `${first[0]}: ${first[1]}` : 'The request is not valid', fields)
  }
}

const MESSAGES: Record<string, Record<string, string>> = {
  languages: {
    required: 'Choose at least one language: fi, sv or en',
    invalid: 'Use the languages fi, sv and en, each once',
  },
  newsrooms: {
    required: 'Choose at least one newsroom',
    unknown: 'No such newsroom',
    'too-many': `At most ${MAX_NEWSROOMS} newsrooms`,
  },
  types: { invalid: 'Use the types press-release, news, invitation and article' },
  frequency: { invalid: 'Use immediate, daily or weekly' },
  keywords: {
    invalid: 'Give keywords as words or slugs like "health-care"',
    unknown: 'No such keyword in the chosen newsrooms',
    'too-many': `At most ${MAX_KEYWORDS} keywords`,
  },
}

/** Collects field problems and throws them together. */
export class Problems {
  readonly codes: Record<string, string> = {}
  readonly fields: Record<string, string> = {}
  add(field: string, code: string, message?: string) {
    if (this.codes[field]) return
    this.codes[field] = code
    this.fields[field] = message ?? MESSAGES[field]?.[code] ?? code
  }
  get empty() {
    return Object.keys(this.codes).length === 0
  }
  throwIfAny() {
    if (!this.empty) throw new SubscriptionInputError(this.codes, this.fields)
  }
}

/** A form field or JSON value as a list: arrays as they are, strings split on commas/spaces. */
export function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value.filter((v) => v !== '' && v !== undefined && v !== null)
  if (typeof value === 'string') return value.split(/[\s,;]+/).filter(Boolean)
  return [value]
}

export function parseLanguages(value: unknown, problems: Problems): Lang[] {
  const list = toList(value)
  if (list.length === 0) {
    problems.add('languages', 'required')
    return []
  }
  const langs: Lang[] = []
  for (const item of list) {
    if (!isLang(item)) {
      problems.add('languages', 'invalid')
      return []
    }
    // A repeated choice (first and second both "fi") keeps the earlier position.
    if (!langs.includes(item)) langs.push(item)
  }
  return langs
}

export function parseTypes(value: unknown, problems: Problems): ReleaseType[] | null {
  const list = toList(value)
  if (list.length === 0) return null
  if (!list.every(isReleaseType)) {
    problems.add('types', 'invalid')
    return null
  }
  return [...new Set(list as ReleaseType[])]
}

/** How often to mail: immediate, daily or weekly; left out (or empty): undefined. */
export function parseFrequency(
  value: unknown,
  problems: Problems,
): SubscriberFrequency | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const given = typeof value === 'string' ? value.trim().toLowerCase() : value
  if (!isSubscriberFrequency(given)) {
    problems.add('frequency', 'invalid')
    return undefined
  }
  return given
}

/**
 * The keywords as given (slugs or labels in any language), checked for form; which terms they
 * name is decided with the chosen newsrooms (`resolveKeywords`).
 */
export function parseKeywords(value: unknown, problems: Problems): string[] | null {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[,;\n]+/)
      : value == null
        ? []
        : [value]
  const keywords: string[] = []
  for (const item of list) {
    if (typeof item !== 'string' || item.length > 200) {
      problems.add('keywords', 'invalid')
      return null
    }
    const keyword = item.replace(/\s+/g, ' ').trim()
    if (keyword === '') continue
    if (!makeSlug(keyword)) {
      problems.add('keywords', 'invalid')
      return null
    }
    if (!keywords.includes(keyword)) keywords.push(keyword)
  }
  if (keywords.length > MAX_KEYWORDS) {
    problems.add('keywords', 'too-many')
    return null
  }
  return keywords.length > 0 ? keywords : null
}

/** The slugs of the terms the keywords name in the chosen newsrooms; unknown ones are a problem. */
export function resolveKeywords(
  index: KeywordIndex,
  newsroomIds: number[],
  keywords: string[] | null,
  problems: Problems,
): string[] | null {
  if (!keywords || newsroomIds.length === 0) return null
  const { slugs, unknown } = index.resolve(newsroomIds, keywords)
  if (unknown.length > 0) {
    problems.add(
      'keywords',
      'unknown',
      `No such keyword in the chosen newsrooms: ${unknown.join(', ')}`,
    )
    return null
  }
  return slugs.slice(0, MAX_KEYWORDS)
}

export async function parseNewsrooms(
  repos: Pick<Repositories, 'subscribers'>,
  value: unknown,
  problems: Problems,
): Promise<{ id: number; slug: string }[]> {
  const list = toList(value)
  if (list.length === 0) {
    problems.add('newsrooms', 'required')
    return []
  }
  if (list.length > MAX_NEWSROOMS) {
    problems.add('newsrooms', 'too-many')
    return []
  }
  const slugs = [...new Set(list.map(String))]
  if (!slugs.every((slug) => /^[a-z0-9-]{1,60}$/.test(slug))) {
    problems.add('newsrooms', 'unknown')
    return []
  }
  const rows = await repos.subscribers.newsroomsBySlug(slugs)
  if (rows.length !== slugs.length) {
    const missing = slugs.filter((slug) => !rows.some((r) => r.slug === slug))
    problems.add('newsrooms', 'unknown', `No such newsroom: ${missing.join(', ')}`)
    return []
  }
  return slugs.map((slug) => rows.find((r) => r.slug === slug)!)
}

/** Validates preferences; collects problems into `problems` (call throwIfAny afterwards). */
export async function parsePreferences(
  repos: Pick<Repositories, 'subscribers' | 'keywords'>,
  input: PreferencesInput,
  problems: Problems,
): Promise<Preferences> {
  const languages = parseLanguages(input.languages, problems)
  const types = parseTypes(input.types, problems)
  const frequency = parseFrequency(input.frequency, problems)
  const given = parseKeywords(input.keywords, problems)
  const newsrooms = await parseNewsrooms(repos, input.newsrooms, problems)
  const ids = newsrooms.map((newsroom) => newsroom.id)
  const keywords = given
    ? resolveKeywords(await keywordIndex(repos, ids), ids, given, problems)
    : null
  return { languages, newsrooms, types, keywords, ...(frequency ? { frequency } : {}) }
}

/** What the subscriber repository stores of preferences. */
export const preferenceRows = (prefs: Preferences) => ({
  languages: prefs.languages,
  newsroomIds: prefs.newsrooms.map((newsroom) => newsroom.id),
  types: prefs.types,
  keywords: prefs.keywords,
  frequency: prefs.frequency,
})

/** Replaces a subscriber's languages and subscriptions; call inside a transaction. */
export async function writePreferences(
  repos: Pick<Repositories, 'subscribers'>,
  clock: Clock,
  subscriberId: number,
  prefs: Preferences,
): Promise<void> {
  await repos.subscribers.replacePreferences(subscriberId, preferenceRows(prefs), clock.now())
}

export interface StoredPreferences {
  languages: Lang[]
  frequency: SubscriberFrequency
  subscriptions: {
    newsroomId: number
    newsroom: string
    types: ReleaseType[] | null
    keywords: string[] | null
    since: string
  }[]
}

const parseList = <T>(json: string | null) => (json ? (JSON.parse(json) as T[]) : null)

/** Stored subscription rows as the core shows them. */
export const subscriptionViews = (rows: SubscriptionRow[]): StoredPreferences['subscriptions'] =>
  rows.map((s) => ({
    newsroomId: s.newsroom_id,
    newsroom: s.slug,
    types: parseList<ReleaseType>(s.types),
    keywords: parseList<string>(s.keywords),
    since: s.created_at,
  }))

export async function readPreferences(
  repos: Pick<Repositories, 'subscribers'>,
  subscriberId: number,
): Promise<StoredPreferences> {
  const languages = await repos.subscribers.languagesOf([subscriberId])
  const subscriptions = await repos.subscribers.subscriptionsOf([subscriberId])
  const subscriber = await repos.subscribers.findById(subscriberId)
  return {
    languages: languages.get(subscriberId) ?? [],
    frequency: subscriber?.frequency ?? 'immediate',
    subscriptions: subscriptionViews(subscriptions),
  }
}
