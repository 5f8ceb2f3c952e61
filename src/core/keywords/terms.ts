/**
 * Keywords as terms: each newsroom keeps a list of keyword terms, each a stable slug with a
 * label per language of the newsroom. A keyword may be given as its slug or as a label in any
 * language, matched without regard to case or accents ("Hälsostationer" = "halsostationer"), and
 * is shown everywhere in the label of the page's, feed's or email's language — falling back to
 * the newsroom's first language only where no translation exists — sorted by that language's
 * collation.
 *
 * Staff manage the list here (API and admin); releases name terms freely (an unknown keyword in a
 * release becomes a new term labelled in the newsroom's first language, translated later);
 * subscribers may only choose existing terms.
 */
import type { Actor } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { writeContentChange } from '../content-change.js'
import type { Clock } from '../../clock.js'
import type { ContentDeps } from '../release/ports.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { KeywordTermRow } from '../../db/repositories/keywords.js'
import { MAX_TERMS_PER_NEWSROOM } from '../../db/repositories/keywords.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { FieldCode } from '../errors.js'
import { getNewsroomFor } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { isValidSlug, makeSlug } from '../release/slug.js'
import { LANGS, isLang } from '../types.js'
import type { Lang } from '../types.js'

export type KeywordLabels = Partial<Record<Lang, string>>

/** A keyword as shown: its slug, its label in the language at hand, and every label. */
export interface KeywordView {
  slug: string
  label: string
  labels: KeywordLabels
}

export const MAX_LABEL_LENGTH = 60

/** How a name is compared: case, accents and spacing do not count. */
export function matchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

export const parseLabels = (json: string): KeywordLabels => JSON.parse(json) as KeywordLabels

/** The label in `lang`, else in the first of `fallback` that has one, else the slug. */
export function labelIn(labels: KeywordLabels, lang: Lang, fallback: readonly Lang[], slug = '') {
  if (labels[lang]) return labels[lang]!
  for (const other of [...fallback, ...LANGS]) if (labels[other]) return labels[other]!
  return slug
}

/** Keywords in one language: each labelled in it (or its fallback), sorted by its collation. */
export function keywordsIn(
  keywords: readonly { slug: string; labels: KeywordLabels }[],
  lang: Lang,
  fallback: readonly Lang[] = [],
): KeywordView[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true })
  return keywords
    .map((k) => ({
      slug: k.slug,
      labels: k.labels,
      label: labelIn(k.labels, lang, fallback, k.slug),
    }))
    .sort((a, b) => collator.compare(a.label, b.label) || a.slug.localeCompare(b.slug))
}

/** A stored term as a keyword view labelled in `lang`. */
export function termView(
  row: { slug: string; labels: string },
  lang: Lang,
  fallback: readonly Lang[],
): KeywordView {
  const labels = parseLabels(row.labels)
  return { slug: row.slug, labels, label: labelIn(labels, lang, fallback, row.slug) }
}

/** A term as staff see it: labels, the languages still without one, use. */
export interface KeywordTerm {
  slug: string
  labels: KeywordLabels
  /** Languages of the newsroom the term has no label in (shown in the first language). */
  missing: Lang[]
  releases: number
}

function termOut(row: KeywordTermRow & { releases?: number }, newsroom: NewsroomView): KeywordTerm {
  const labels = parseLabels(row.labels)
  return {
    slug: row.slug,
    labels,
    missing: newsroom.languages.filter((lang) => !labels[lang]),
    releases: row.releases ?? 0,
  }
}

/** Public pages and feeds show keywords and contacts: each change is announced to the caches. */
type Deps = Pick<ContentDeps, 'repos' | 'clock' | 'announceContentChange'>

const invalid = (field: string, code: FieldCode, message: string) =>
  new ValidationError(`${field}: ${message}`, { [field]: message }, { [field]: code })

/** Labels as given: an object of the newsroom's languages to 1–60 characters of text. */
export function cleanLabels(
  input: unknown,
  newsroom: NewsroomView,
  { required }: { required: boolean },
): KeywordLabels | undefined {
  if (input === undefined && !required) return undefined
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw invalid('labels', 'required', 'Give the labels per language, e.g. {"fi": "…", "sv": "…"}')
  const labels: KeywordLabels = {}
  for (const [lang, value] of Object.entries(input as Record<string, unknown>)) {
    const field = `labels.${lang}`
    if (!isLang(lang))
      throw invalid(field, 'unknown', `Unknown language "${lang}"; use fi, sv or en`)
    if (!newsroom.languages.includes(lang))
      throw invalid(field, 'unknown', `The newsroom does not publish in "${lang}"`)
    if (value === null || value === '') continue
    if (typeof value !== 'string') throw invalid(field, 'invalid', 'Give the label as text')
    const label = value.replace(/\s+/g, ' ').trim()
    if (!label || !matchKey(label))
      throw invalid(field, 'required', 'Give a label with letters or digits')
    if (label.length > MAX_LABEL_LENGTH)
      throw invalid(field, 'too_long', `At most ${MAX_LABEL_LENGTH} characters`)
    labels[lang] = label
  }
  // A change may only remove labels ({"sv": null}); the term keeps at least one (checked there).
  if (required && Object.keys(labels).length === 0)
    throw invalid('labels', 'required', 'Give a label in at least one of the newsroom’s languages')
  return labels
}

/** The distinct names of a set of labels. */
const namesOf = (labels: KeywordLabels) => [...new Set(Object.values(labels).map(matchKey))]

/** Refuses labels that name another term of the newsroom (in any language). */
async function refuseClashes(
  repos: Repositories,
  newsroomId: number,
  labels: KeywordLabels,
  termId?: number,
): Promise<void> {
  const clashes = (await repos.keywords.findByNames(newsroomId, namesOf(labels))).filter(
    (row) => row.id !== termId,
  )
  if (clashes.length === 0) return
  const [lang] = (Object.entries(labels) as [Lang, string][]).find(
    ([, label]) => matchKey(label) === clashes[0].match_key,
  )!
  const message = `"${labels[lang]}" already names the keyword "${clashes[0].slug}"; merge the two instead`
  throw new ConflictError(
    `labels.${lang}: ${message}`,
    { [`labels.${lang}`]: message },
    {
      [`labels.${lang}`]: 'slug_taken',
    },
  )
}

/** A slug free in the newsroom: the one asked for, or one made from the label. */
async function freeSlug(
  repos: Repositories,
  newsroomId: number,
  wanted: string,
  exceptId?: number,
): Promise<string> {
  const base = makeSlug(wanted).slice(0, 60) || 'keyword'
  const candidates = [
    base,
    ...Array.from({ length: 20 }, (_, i) => `${base.slice(0, 56)}-${i + 2}`),
  ]
  const taken = new Set(
    (await repos.keywords.findBySlugs(newsroomId, candidates))
      .filter((row) => row.id !== exceptId)
      .map((row) => row.slug),
  )
  const free = candidates.find((slug) => !taken.has(slug))
  if (!free) throw invalid('slug', 'slug_taken', 'Choose another slug')
  return free
}

async function findTerm(repos: Repositories, newsroomId: number, keyword: string) {
  const found = (await findTerms(repos, newsroomId, [keyword])).get(keyword)
  if (!found) throw new NotFoundError(`No keyword "${keyword}" in this newsroom`)
  return found
}

export async function listKeywordTerms(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
): Promise<KeywordTerm[]> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.draft')
  const rows = await deps.repos.keywords.list(newsroom.id)
  const lang = newsroom.languages[0]
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true })
  return rows
    .map((row) => termOut(row, newsroom))
    .sort((a, b) =>
      collator.compare(
        labelIn(a.labels, lang, newsroom.languages, a.slug),
        labelIn(b.labels, lang, newsroom.languages, b.slug),
      ),
    )
}

export async function createKeywordTerm(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  input: { labels?: unknown; slug?: unknown },
): Promise<KeywordTerm> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const labels = cleanLabels(input.labels, newsroom, { required: true })!
  if (input.slug !== undefined && (typeof input.slug !== 'string' || !isValidSlug(input.slug)))
    throw invalid('slug', 'slug_invalid', 'Use lower-case letters, digits and hyphens')
  const now = deps.clock.now()
  const id = await deps.repos.transaction(async (tx) => {
    if ((await tx.keywords.count(newsroom.id)) >= MAX_TERMS_PER_NEWSROOM)
      throw new ConflictError(
        `The newsroom has ${MAX_TERMS_PER_NEWSROOM} keywords, the most it may`,
      )
    await refuseClashes(tx, newsroom.id, labels)
    let slug: string
    if (typeof input.slug === 'string') {
      slug = input.slug
      if ((await tx.keywords.findBySlugs(newsroom.id, [slug])).length > 0)
        throw new ConflictError(
          `slug: "${slug}" is taken`,
          { slug: `"${slug}" is taken` },
          {
            slug: 'slug_taken',
          },
        )
    } else
      slug = await freeSlug(
        tx,
        newsroom.id,
        labels[newsroom.languages[0]] ?? Object.values(labels)[0]!,
      )
    const id = await tx.keywords.insert({
      newsroomId: newsroom.id,
      slug,
      labels: JSON.stringify(labels),
      at: now,
    })
    await tx.keywords.replaceNames(id, newsroom.id, namesOf(labels))
    await recordAudit(tx, actor, now, {
      action: 'keyword.create',
      subject: `newsroom:${newsroom.id}`,
      details: { slug, labels },
    })
    return id
  })
  return termOut((await deps.repos.keywords.findById(id))!, newsroom)
}

export async function updateKeywordTerm(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  keyword: string,
  input: { labels?: unknown; slug?: unknown },
): Promise<KeywordTerm> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const term = await findTerm(deps.repos, newsroom.id, keyword)
  const given = cleanLabels(input.labels, newsroom, { required: false })
  if (input.slug !== undefined && (typeof input.slug !== 'string' || !isValidSlug(input.slug)))
    throw invalid('slug', 'slug_invalid', 'Use lower-case letters, digits and hyphens')
  // Labels are merged per language; null or "" removes one (at least one must remain).
  const labels: KeywordLabels = { ...parseLabels(term.labels) }
  for (const [lang, value] of Object.entries((input.labels ?? {}) as Record<string, unknown>))
    if (value === null || value === '') delete labels[lang as Lang]
  Object.assign(labels, given ?? {})
  if (Object.keys(labels).length === 0)
    throw invalid('labels', 'required', 'A keyword keeps a label in at least one language')
  const slug = typeof input.slug === 'string' ? input.slug : term.slug
  if (slug === term.slug && JSON.stringify(labels) === term.labels)
    return termOut({ ...term, releases: 0 }, newsroom)
  await writeContentChange(
    deps,
    actor,
    {
      action: 'keyword.update',
      subject: `newsroom:${newsroom.id}`,
      details: { slug: term.slug, ...(slug !== term.slug ? { newSlug: slug } : {}), labels },
    },
    async (tx, now) => {
      await refuseClashes(tx, newsroom.id, labels, term.id)
      if (slug !== term.slug) {
        if ((await tx.keywords.findBySlugs(newsroom.id, [slug])).length > 0)
          throw new ConflictError(
            `slug: "${slug}" is taken`,
            { slug: `"${slug}" is taken` },
            {
              slug: 'slug_taken',
            },
          )
        await tx.keywords.rewriteFollowers(newsroom.id, term.slug, slug)
      }
      await tx.keywords.update(term.id, { slug, labels: JSON.stringify(labels), at: now })
      await tx.keywords.replaceNames(term.id, newsroom.id, namesOf(labels))
    },
  )
  return termOut((await deps.repos.keywords.findById(term.id))!, newsroom)
}

export async function deleteKeywordTerm(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  keyword: string,
): Promise<void> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const term = await findTerm(deps.repos, newsroom.id, keyword)
  await writeContentChange(
    deps,
    actor,
    {
      action: 'keyword.delete',
      subject: `newsroom:${newsroom.id}`,
      details: { slug: term.slug },
    },
    async (tx) => {
      await tx.keywords.rewriteFollowers(newsroom.id, term.slug, null)
      await tx.keywords.delete(term.id)
    },
  )
}

/** Merges `keyword` into `into`: its releases and followers move, its labels are dropped. */
export async function mergeKeywordTerms(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  keyword: string,
  into: unknown,
): Promise<KeywordTerm> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const from = await findTerm(deps.repos, newsroom.id, keyword)
  if (typeof into !== 'string' || into.trim() === '')
    throw invalid('into', 'required', 'Name the keyword to keep (its slug or a label)')
  const kept = await findTerm(deps.repos, newsroom.id, into.trim()).catch(() => {
    throw invalid('into', 'unknown', `No keyword "${into}" in this newsroom`)
  })
  if (kept.id === from.id) throw invalid('into', 'invalid', 'Choose another keyword to keep')
  await writeContentChange(
    deps,
    actor,
    {
      action: 'keyword.merge',
      subject: `newsroom:${newsroom.id}`,
      details: { from: from.slug, into: kept.slug },
    },
    async (tx) => {
      await tx.keywords.moveReleases(from.id, kept.id)
      await tx.keywords.rewriteFollowers(newsroom.id, from.slug, kept.slug)
      await tx.keywords.delete(from.id)
    },
  )
  const [row] = (await deps.repos.keywords.list(newsroom.id)).filter((r) => r.id === kept.id)
  return termOut(row, newsroom)
}

/**
 * The terms a release names, in its order: each keyword found by slug or by a label in any
 * language; an unknown one becomes a new term labelled in the newsroom's first language. Call
 * inside the release's transaction.
 */
export async function termsForRelease(
  repos: Repositories,
  clock: Clock,
  newsroom: Pick<NewsroomView, 'id' | 'languages'>,
  keywords: string[],
): Promise<number[]> {
  if (keywords.length === 0) return []
  const found = await findTerms(repos, newsroom.id, keywords)
  const ids: number[] = []
  for (const keyword of keywords) {
    let id = found.get(keyword)?.id
    if (id === undefined) {
      const label = keyword.replace(/\s+/g, ' ').trim()
      const labels = { [newsroom.languages[0]]: label }
      id = await repos.keywords.insert({
        newsroomId: newsroom.id,
        slug: await freeSlug(repos, newsroom.id, label),
        labels: JSON.stringify(labels),
        at: clock.now(),
      })
      await repos.keywords.replaceNames(id, newsroom.id, namesOf(labels))
    }
    if (!ids.includes(id)) ids.push(id)
  }
  return ids
}

/** Existing terms by the keyword text that names them (slug first, then any label). */
async function findTerms(
  repos: Pick<Repositories, 'keywords'>,
  newsroomId: number | undefined,
  keywords: string[],
): Promise<Map<string, KeywordTermRow>> {
  const [bySlug, byName] = await Promise.all([
    repos.keywords.findBySlugs(newsroomId, keywords.filter(isValidSlug)),
    repos.keywords.findByNames(newsroomId, [...new Set(keywords.map(matchKey))]),
  ])
  const found = new Map<string, KeywordTermRow>()
  for (const keyword of keywords) {
    const hit =
      bySlug.find((row) => row.slug === keyword) ??
      byName.find((row) => row.match_key === matchKey(keyword))
    if (hit) found.set(keyword, hit)
  }
  return found
}

/** Resolves keywords subscribers name against the terms of newsrooms, in memory. */
export interface KeywordIndex {
  /**
   * The slugs of the terms the keywords name (slug, or a label in any language) among these
   * newsrooms' terms; `unknown` lists the keywords that name none of them.
   */
  resolve(newsroomIds: number[], keywords: string[]): { slugs: string[]; unknown: string[] }
}

/** Loads the terms of these newsrooms once, for any number of lookups (forms, imports). */
export async function keywordIndex(
  repos: Pick<Repositories, 'keywords'>,
  newsroomIds: number[],
): Promise<KeywordIndex> {
  const rows = await repos.keywords.ofNewsrooms([...new Set(newsroomIds)])
  const byNewsroom = new Map<number, Map<string, string>>()
  for (const row of rows) {
    let names = byNewsroom.get(row.newsroom_id)
    if (!names) byNewsroom.set(row.newsroom_id, (names = new Map()))
    for (const label of Object.values(parseLabels(row.labels))) names.set(matchKey(label), row.slug)
  }
  const slugs = new Map(rows.map((row) => [`${row.newsroom_id}:${row.slug}`, row.slug]))
  return {
    resolve(ids, keywords) {
      const found: string[] = []
      const unknown: string[] = []
      for (const keyword of keywords) {
        const hits = ids
          .map((id) => slugs.get(`${id}:${keyword}`) ?? byNewsroom.get(id)?.get(matchKey(keyword)))
          .filter((slug): slug is string => slug !== undefined)
        if (hits.length === 0) unknown.push(keyword)
        for (const slug of hits) if (!found.includes(slug)) found.push(slug)
      }
      return { slugs: found, unknown }
    },
  }
}

/** The slug of the term a keyword names (its slug or a label in any language), if any has it. */
export async function slugOfKeyword(
  repos: Pick<Repositories, 'keywords'>,
  newsroomId: number | undefined,
  keyword: string,
): Promise<string | undefined> {
  return (await findTerms(repos, newsroomId, [keyword])).get(keyword)?.slug
}
