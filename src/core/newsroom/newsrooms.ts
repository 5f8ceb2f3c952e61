/**
 * Newsrooms (publishers): slug, languages offered, time zone, and per-language name,
 * boilerplate and description. Used by the API, the admin UI and the public pages alike.
 */
import type { Repositories } from '../../db/repositories/index.js'
import { SLUG_TAKEN } from '../../db/repositories/newsrooms.js'
import type { NewsroomRow } from '../../db/repositories/newsrooms.js'
import type { Actor, Permission } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { writeContentChange } from '../content-change.js'
import { LANGS, isLang } from '../types.js'
import type { Lang } from '../types.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { FieldCode } from '../errors.js'
import type { ContentDeps } from '../release/ports.js'
import { attachmentPath, loadReleaseViews } from '../release/views.js'
import type { ReleaseView } from '../release/views.js'
import { parseEmail, EMAIL_PROBLEM_MESSAGES } from '../subscription/email-address.js'
import { MIN_CONTRAST, accentContrast, normaliseHexColour } from './brand.js'

export const LANGUAGES: readonly Lang[] = LANGS
export const DEFAULT_TIMEZONE = 'Europe/Helsinki'

/** First path segments under /{lang}/ that other features use; a newsroom cannot take them. */
const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'feeds',
  'files',
  'search',
  'sitemap',
  'subscribe',
  'subscriptions',
  'unsubscribe',
  'healthz',
  'metrics',
  'all',
])

export type PerLang = Partial<Record<Lang, string>>

export interface SocialLink {
  label: string
  url: string
}

/** Links in the About box; a newsroom needs a handful, never hundreds. */
export const MAX_SOCIAL_LINKS = 20

export interface NewsroomView {
  id: number
  slug: string
  /** First is the default language. */
  languages: Lang[]
  timezone: string
  name: PerLang
  boilerplate: PerLang
  description: PerLang
  socialLinks: SocialLink[]
  website: string | null
  /** The logo image (a path under /files), or null. */
  logo: { path: string; mimeType: string } | null
  /** `#rrggbb` for the banner, links and buttons; null: the site's own colour. */
  accentColor: string | null
  /** Reply-To of the newsroom's emails (its press office); null: none. */
  replyTo: string | null
  createdAt: string
  updatedAt: string
}

export interface NewsroomInput {
  slug: string
  languages: string[]
  timezone?: string
  name: Record<string, string>
  boilerplate?: Record<string, string>
  description?: Record<string, string>
  socialLinks?: SocialLink[]
  website?: string | null
  accentColor?: string | null
  replyTo?: string | null
}

export type NewsroomPatch = Partial<Omit<NewsroomInput, 'slug'>> & { slug?: string }

export function isLanguage(value: unknown): value is Lang {
  return isLang(value)
}

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/** The name of a newsroom in a language, falling back to its default language. */
export function newsroomName(
  newsroom: Pick<NewsroomView, 'name' | 'languages'>,
  lang: Lang,
): string {
  return newsroom.name[lang] ?? newsroom.name[newsroom.languages[0]] ?? ''
}

/** Checks a complete newsroom; returns it normalised or throws ValidationError with field paths. */
function validateNewsroom(input: NewsroomInput): Required<NewsroomInput> & { languages: Lang[] } {
  const fields: Record<string, string> = {}
  const fieldCodes: Record<string, FieldCode> = {}
  const refuse = (path: string, code: FieldCode, message: string) => {
    fields[path] = message
    fieldCodes[path] = code
  }
  const slug = (input.slug ?? '').trim()
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 60) {
    refuse(
      'slug',
      slug ? 'slug_invalid' : 'required',
      'Use 1–60 lower-case letters a–z, digits and single hyphens, e.g. "city-news"',
    )
  } else if (RESERVED_SLUGS.has(slug)) {
    refuse('slug', 'not_allowed', `"${slug}" is reserved; choose another slug`)
  }
  const languages = input.languages ?? []
  if (!Array.isArray(languages) || languages.length === 0) {
    refuse('languages', 'required', 'List at least one language: fi, sv or en')
  } else {
    languages.forEach((lang, i) => {
      if (!isLanguage(lang))
        refuse(`languages.${i}`, 'unknown', `Unknown language "${lang}": use fi, sv or en`)
    })
    if (new Set(languages).size !== languages.length)
      refuse('languages', 'invalid', 'List each language once')
  }
  const timezone = input.timezone ?? DEFAULT_TIMEZONE
  if (!isValidTimezone(timezone)) {
    refuse('timezone', 'invalid', 'Use an IANA time zone such as Europe/Helsinki')
  }
  const perLang = (
    name: 'name' | 'boilerplate' | 'description',
    max: number,
    required: boolean,
  ) => {
    const value = input[name] ?? {}
    const out: Record<string, string> = {}
    for (const [lang, text] of Object.entries(value)) {
      const path = `${name}.${lang}`
      if (!isLanguage(lang)) {
        refuse(path, 'unknown', `Unknown language "${lang}": use fi, sv or en`)
      } else if (!languages.includes(lang)) {
        refuse(
          path,
          'not_allowed',
          `The newsroom does not publish in "${lang}"; add it to languages`,
        )
      } else if (typeof text !== 'string') {
        refuse(path, 'invalid', `Write at most ${max} characters`)
      } else if (text.trim().length > max) {
        refuse(path, 'too_long', `Write at most ${max} characters`)
      } else if (text.trim()) {
        out[lang] = text.trim()
      }
    }
    if (required) {
      for (const lang of languages) {
        if (isLanguage(lang) && !out[lang])
          refuse(`${name}.${lang}`, 'required', 'Give the name in this language')
      }
    }
    return out
  }
  const name = perLang('name', 200, true)
  const boilerplate = perLang('boilerplate', 3000, false)
  const description = perLang('description', 1000, false)
  const socialLinks = input.socialLinks ?? []
  if (socialLinks.length > MAX_SOCIAL_LINKS)
    refuse('socialLinks', 'too_long', `At most ${MAX_SOCIAL_LINKS} links`)
  socialLinks.slice(0, MAX_SOCIAL_LINKS).forEach((link, i) => {
    if (!link?.label?.trim() || link.label.length > 60) {
      const code = link?.label?.trim() ? 'too_long' : 'required'
      refuse(`socialLinks.${i}.label`, code, 'Give a short label, e.g. LinkedIn')
    }
    if (!link?.url || !isHttpUrl(link.url)) {
      refuse(`socialLinks.${i}.url`, link?.url ? 'invalid' : 'required', 'Give an http(s) address')
    }
  })
  const website = input.website?.trim() || null
  if (website && !isHttpUrl(website)) refuse('website', 'invalid', 'Give an http(s) address')
  const accentText = typeof input.accentColor === 'string' ? input.accentColor.trim() : ''
  let accentColor: string | null = null
  if (accentText) {
    const hex = normaliseHexColour(accentText)
    if (!hex) {
      refuse('accentColor', 'invalid', 'Give a colour as #rrggbb, e.g. #0b5394')
    } else if (accentContrast(hex) < MIN_CONTRAST) {
      const ratio = Math.floor(accentContrast(hex) * 10) / 10
      refuse(
        'accentColor',
        'low_contrast',
        `The colour's contrast is ${ratio}:1; WCAG AA needs at least ${MIN_CONTRAST}:1 against the page and banner backgrounds: choose a darker colour`,
      )
    } else {
      accentColor = hex
    }
  }
  const replyText = typeof input.replyTo === 'string' ? input.replyTo.trim() : ''
  let replyTo: string | null = null
  if (replyText) {
    const parsed = parseEmail(replyText)
    if (parsed.ok) replyTo = parsed.value.address
    else refuse('replyTo', 'invalid', EMAIL_PROBLEM_MESSAGES[parsed.problem])
  }
  if (Object.keys(fields).length > 0) {
    const [path, message] = Object.entries(fields)[0]
    throw new ValidationError(`${path}: ${message}`, fields, fieldCodes)
  }
  return {
    slug,
    languages: languages as Lang[],
    timezone,
    name,
    boilerplate,
    description,
    socialLinks: socialLinks.map((l) => ({ label: l.label.trim(), url: l.url.trim() })),
    website,
    accentColor,
    replyTo,
  }
}

/** What the newsroom read functions need. */
export type NewsroomReader = Pick<Repositories, 'newsrooms'>

async function loadNewsrooms(target: NewsroomReader, where: { id?: number; slug?: string }) {
  const repo = target.newsrooms
  const rows = await repo.find(where)
  if (rows.length === 0) return []
  const logoIds = rows.flatMap((r) => (r.logo_attachment_id === null ? [] : [r.logo_attachment_id]))
  const [translations, logos] = await Promise.all([
    repo.translations(rows.map((r) => r.id)),
    repo.logos(logoIds),
  ])
  return rows.map((row: NewsroomRow): NewsroomView => {
    const mine = translations.filter((t) => t.newsroom_id === row.id)
    const logo = logos.find((l) => l.id === row.logo_attachment_id)
    const pick = (key: 'name' | 'boilerplate' | 'description') =>
      Object.fromEntries(mine.filter((t) => t[key]).map((t) => [t.lang, t[key]])) as PerLang
    return {
      id: row.id,
      slug: row.slug,
      languages: JSON.parse(row.languages) as Lang[],
      timezone: row.timezone,
      name: pick('name'),
      boilerplate: pick('boilerplate'),
      description: pick('description'),
      socialLinks: JSON.parse(row.social_links) as SocialLink[],
      website: row.website,
      logo: logo
        ? { path: attachmentPath(logo.storage_key, logo.filename), mimeType: logo.mime_type }
        : null,
      accentColor: row.accent_color,
      replyTo: row.reply_to,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  })
}

export async function listNewsrooms(reader: NewsroomReader): Promise<NewsroomView[]> {
  return loadNewsrooms(reader, {})
}

/** The newsrooms a staff member works in (all of them for administrators and API tokens). */
export async function listNewsroomsOf(
  repos: Pick<Repositories, 'newsrooms'>,
  actor: Actor,
): Promise<NewsroomView[]> {
  const { newsroomIds } = actor
  const all = await listNewsrooms(repos)
  return all.filter((newsroom) => newsroomIds === 'all' || newsroomIds.includes(newsroom.id))
}

/** Whether the installation has any newsroom at all. */
export async function hasNewsrooms(repos: Pick<Repositories, 'newsrooms'>): Promise<boolean> {
  return repos.newsrooms.exists()
}

/** Every newsroom with how many releases (of any status) it has: the admin's newsroom list. */
export async function listNewsroomsWithReleaseCounts(
  repos: Pick<Repositories, 'newsrooms'>,
  actor: Actor,
): Promise<(NewsroomView & { releases: number })[]> {
  authorize(actor, 'newsroom.manage')
  const [newsrooms, counts] = await Promise.all([
    listNewsrooms(repos),
    repos.newsrooms.releaseCounts(),
  ])
  return newsrooms.map((n) => ({ ...n, releases: counts.get(n.id) ?? 0 }))
}

/** Scheduled releases of the newsrooms the actor works in, next due first. */
export async function listScheduledReleases(
  repos: Pick<Repositories, 'newsrooms' | 'releaseViews'>,
  actor: Actor,
  limit: number,
): Promise<ReleaseView[]> {
  authorize(actor, 'release.draft')
  const ids = actor.newsroomIds === 'all' ? undefined : actor.newsroomIds
  if (ids?.length === 0) return []
  return loadReleaseViews(repos, await repos.newsrooms.scheduledReleases(ids, limit))
}

export async function findNewsroom(reader: NewsroomReader, slugOrId: string | number) {
  const numeric = typeof slugOrId === 'number' || /^\d+$/.test(slugOrId)
  // Ids are 32-bit in PostgreSQL; a longer number is no newsroom (not a database error).
  if (numeric && !(Number(slugOrId) <= 2_147_483_647)) return undefined
  // Every stored slug has this form; anything else (NUL included) needs no query.
  if (!numeric && !/^[a-z0-9-]{1,60}$/.test(String(slugOrId))) return undefined
  const where = numeric ? { id: Number(slugOrId) } : { slug: String(slugOrId) }
  const [newsroom] = await loadNewsrooms(reader, where)
  return newsroom as NewsroomView | undefined
}

export async function getNewsroom(
  reader: NewsroomReader,
  slugOrId: string | number,
): Promise<NewsroomView> {
  const newsroom = await findNewsroom(reader, slugOrId)
  if (!newsroom) throw new NotFoundError(`No newsroom "${slugOrId}"`)
  return newsroom
}

/** A newsroom in which the actor may do `permission`: 404 when there is none, 403 when not. */
export async function getNewsroomFor(
  reader: NewsroomReader,
  actor: Actor,
  slugOrId: string | number,
  permission: Permission,
): Promise<NewsroomView> {
  const newsroom = await getNewsroom(reader, slugOrId)
  authorize(actor, permission, newsroom.id)
  return newsroom
}

/** The texts of every language the newsroom publishes in (empty where none was given). */
const translationRows = (valid: ReturnType<typeof validateNewsroom>) =>
  valid.languages.map((lang: Lang) => ({
    lang,
    name: valid.name[lang] ?? '',
    boilerplate: valid.boilerplate[lang] ?? '',
    description: valid.description[lang] ?? '',
  }))

const slugTaken = (slug: string) =>
  new ConflictError(
    `The newsroom slug "${slug}" is already in use`,
    { slug: 'Already in use by another newsroom' },
    { slug: 'slug_taken' },
  )

export async function createNewsroom(
  deps: ContentDeps,
  actor: Actor,
  input: NewsroomInput,
): Promise<NewsroomView> {
  authorize(actor, 'newsroom.manage')
  const valid = validateNewsroom(input)
  const id = await writeContentChange<number>(
    deps,
    actor,
    (id) => ({
      action: 'newsroom.create',
      subject: `newsroom:${id}`,
      details: { slug: valid.slug, languages: valid.languages },
    }),
    async (tx, now) => {
      if (await tx.newsrooms.isSlugTaken(valid.slug)) throw slugTaken(valid.slug)
      const id = await tx.newsrooms.insert(valid, now)
      // Another request took the slug between the check and the insert.
      if (id === SLUG_TAKEN) throw slugTaken(valid.slug)
      // A slug another newsroom once had belongs to this one now: no more redirect.
      await tx.newsrooms.forgetOldSlug(valid.slug)
      await tx.newsrooms.replaceTranslations(id, translationRows(valid))
      return id
    },
  )
  return getNewsroom(deps.repos, id)
}

export async function updateNewsroom(
  deps: ContentDeps,
  actor: Actor,
  slugOrId: string | number,
  patch: NewsroomPatch,
): Promise<NewsroomView> {
  const current = await getNewsroom(deps.repos, slugOrId)
  authorize(actor, 'newsroom.manage', current.id)
  // Nothing asked for: nothing written, nothing audited.
  if (Object.values(patch).every((value) => value === undefined)) return current
  const merged: NewsroomInput = {
    slug: patch.slug ?? current.slug,
    languages: patch.languages ?? current.languages,
    timezone: patch.timezone ?? current.timezone,
    name: { ...current.name, ...patch.name },
    boilerplate: { ...current.boilerplate, ...patch.boilerplate },
    description: { ...current.description, ...patch.description },
    socialLinks: patch.socialLinks ?? current.socialLinks,
    website: patch.website === undefined ? current.website : patch.website,
    accentColor: patch.accentColor === undefined ? current.accentColor : patch.accentColor,
    replyTo: patch.replyTo === undefined ? current.replyTo : patch.replyTo,
  }
  // Texts of a language being dropped go with it instead of failing validation.
  const keep = (texts: Record<string, string> = {}) =>
    Object.fromEntries(Object.entries(texts).filter(([lang]) => merged.languages.includes(lang)))
  if (patch.languages) {
    const explicit = (key: 'name' | 'boilerplate' | 'description') => patch[key] ?? {}
    merged.name = { ...keep(current.name), ...explicit('name') }
    merged.boilerplate = { ...keep(current.boilerplate), ...explicit('boilerplate') }
    merged.description = { ...keep(current.description), ...explicit('description') }
  }
  const valid = validateNewsroom(merged)
  const dropped = current.languages.filter((lang) => !valid.languages.includes(lang))
  await writeContentChange(
    deps,
    actor,
    {
      action: 'newsroom.update',
      subject: `newsroom:${current.id}`,
      details: {
        // What the edit sent (a form sends every field, changed or not).
        fields: Object.keys(patch).filter((key) => patch[key as keyof NewsroomPatch] !== undefined),
        ...(valid.slug !== current.slug ? { slug: valid.slug, previousSlug: current.slug } : {}),
      },
    },
    async (tx, now) => {
      // Releases written in a language the newsroom stops publishing would lose their pages.
      const using = dropped.length ? await tx.releases.countWithVersionsIn(current.id, dropped) : 0
      if (using > 0)
        throw new ConflictError(
          `${using} release${using === 1 ? ' has' : 's have'} a version in ${dropped.join(', ')}: remove those versions first, or keep the language`,
          { languages: 'Releases are written in this language' },
          { languages: 'in_use' },
        )
      if (valid.slug !== current.slug && (await tx.newsrooms.isSlugTaken(valid.slug)))
        throw slugTaken(valid.slug)
      if ((await tx.newsrooms.update(current.id, valid, now)) === SLUG_TAKEN)
        throw slugTaken(valid.slug)
      if (valid.slug !== current.slug) {
        // Links to the old addresses keep working (301), until another newsroom takes the slug.
        await tx.newsrooms.forgetOldSlug(valid.slug)
        await tx.newsrooms.rememberOldSlug(current.id, current.slug, now)
      }
      await tx.newsrooms.replaceTranslations(current.id, translationRows(valid))
    },
  )
  return getNewsroom(deps.repos, current.id)
}

/** Only an empty newsroom can be deleted: releases are a public record and are withdrawn instead. */
export async function deleteNewsroom(
  deps: ContentDeps,
  actor: Actor,
  slugOrId: string | number,
): Promise<void> {
  const current = await getNewsroom(deps.repos, slugOrId)
  authorize(actor, 'newsroom.manage', current.id)
  await writeContentChange(
    deps,
    actor,
    {
      action: 'newsroom.delete',
      subject: `newsroom:${current.id}`,
      details: { slug: current.slug },
    },
    async (tx) => {
      if (await tx.newsrooms.hasReleases(current.id))
        throw new ConflictError('The newsroom has releases; delete or withdraw them first')
      await tx.newsrooms.delete(current.id)
    },
  )
}

/**
 * Where an address under a newsroom's old slug lives now: the same path with the current slug,
 * or undefined. `/fi/vanha/tiedote` → `/fi/uusi/tiedote`, `/feeds/vanha.rss` → `/feeds/uusi.rss`.
 */
export async function movedNewsroomPath(
  reader: Pick<Repositories, 'newsrooms'>,
  path: string,
): Promise<string | undefined> {
  const page = /^\/(fi|sv|en)\/([a-z0-9-]{1,80})(\/.*)?$/.exec(path)
  const feed = /^\/feeds\/([a-z0-9-]{1,80})(\.(?:rss|atom|json))$/.exec(path)
  const old = page?.[2] ?? feed?.[1]
  if (!old) return undefined
  const current = await reader.newsrooms.currentSlugOf(old)
  if (!current) return undefined
  return page ? `/${page[1]}/${current}${page[3] ?? ''}` : `/feeds/${current}${feed![2]}`
}
