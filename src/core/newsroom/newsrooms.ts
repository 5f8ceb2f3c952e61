/**
 * Newsrooms (publishers): slug, languages offered, time zone, and per-language name,
 * boilerplate and description. Used by the API, the admin UI and the public pages alike.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { bumpContentVersion } from '../../content-version.js'
import { isUniqueViolation } from '../../db/errors.js'
import type { Database } from '../../db/schema.js'
import { LANGS, isLang } from '../types.js'
import type { Lang } from '../types.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { ContentDeps } from '../release/ports.js'
import { attachmentPath } from '../release/views.js'

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
  const slug = (input.slug ?? '').trim()
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 60) {
    fields.slug = 'Use 1–60 lower-case letters a–z, digits and single hyphens, e.g. "city-news"'
  } else if (RESERVED_SLUGS.has(slug)) {
    fields.slug = `"${slug}" is reserved; choose another slug`
  }
  const languages = input.languages ?? []
  if (!Array.isArray(languages) || languages.length === 0) {
    fields.languages = 'List at least one language: fi, sv or en'
  } else {
    languages.forEach((lang, i) => {
      if (!isLanguage(lang))
        fields[`languages.${i}`] = `Unknown language "${lang}": use fi, sv or en`
    })
    if (new Set(languages).size !== languages.length) fields.languages = 'List each language once'
  }
  const timezone = input.timezone ?? DEFAULT_TIMEZONE
  if (!isValidTimezone(timezone)) {
    fields.timezone = 'Use an IANA time zone such as Europe/Helsinki'
  }
  const perLang = (
    name: 'name' | 'boilerplate' | 'description',
    max: number,
    required: boolean,
  ) => {
    const value = input[name] ?? {}
    const out: Record<string, string> = {}
    for (const [lang, text] of Object.entries(value)) {
      if (!isLanguage(lang)) {
        fields[`${name}.${lang}`] = `Unknown language "${lang}": use fi, sv or en`
      } else if (!languages.includes(lang)) {
        fields[`${name}.${lang}`] =
          `The newsroom does not publish in "${lang}"; add it to languages`
      } else if (typeof text !== 'string' || text.trim().length > max) {
        fields[`${name}.${lang}`] = `Write at most ${max} characters`
      } else if (text.trim()) {
        out[lang] = text.trim()
      }
    }
    if (required) {
      for (const lang of languages) {
        if (isLanguage(lang) && !out[lang])
          fields[`${name}.${lang}`] = 'Give the name in this language'
      }
    }
    return out
  }
  const name = perLang('name', 200, true)
  const boilerplate = perLang('boilerplate', 3000, false)
  const description = perLang('description', 1000, false)
  const socialLinks = input.socialLinks ?? []
  socialLinks.forEach((link, i) => {
    if (!link?.label?.trim() || link.label.length > 60) {
      fields[`socialLinks.${i}.label`] = 'Give a short label, e.g. LinkedIn'
    }
    if (!link?.url || !isHttpUrl(link.url)) {
      fields[`socialLinks.${i}.url`] = 'Give an http(s) address'
    }
  })
  const website = input.website?.trim() || null
  if (website && !isHttpUrl(website)) fields.website = 'Give an http(s) address'
  if (Object.keys(fields).length > 0) {
    const [path, message] = Object.entries(fields)[0]
    throw new ValidationError(`${path}: ${message}`, fields)
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
  }
}

type Reader = Pick<Kysely<Database>, 'selectFrom'>

async function loadNewsrooms(db: Reader, where: { id?: number; slug?: string }) {
  let query = db.selectFrom('newsrooms').selectAll()
  if (where.id !== undefined) query = query.where('id', '=', where.id)
  if (where.slug !== undefined) query = query.where('slug', '=', where.slug)
  const rows = await query.orderBy('id').execute()
  if (rows.length === 0) return []
  const translations = await db
    .selectFrom('newsroom_translations')
    .selectAll()
    .where(
      'newsroom_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  const logoIds = rows.flatMap((r) => (r.logo_attachment_id === null ? [] : [r.logo_attachment_id]))
  const logos = logoIds.length
    ? await db
        .selectFrom('attachments')
        .select(['id', 'storage_key', 'filename', 'mime_type'])
        .where('id', 'in', logoIds)
        .execute()
    : []
  return rows.map((row): NewsroomView => {
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
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  })
}

export async function listNewsrooms(db: Reader): Promise<NewsroomView[]> {
  return loadNewsrooms(db, {})
}

export async function findNewsroom(db: Reader, slugOrId: string | number) {
  const numeric = typeof slugOrId === 'number' || /^\d+$/.test(slugOrId)
  // Ids are 32-bit in PostgreSQL; a longer number is no newsroom (not a database error).
  if (numeric && !(Number(slugOrId) <= 2_147_483_647)) return undefined
  // Every stored slug has this form; anything else (NUL included) needs no query.
  if (!numeric && !/^[a-z0-9-]{1,60}$/.test(String(slugOrId))) return undefined
  const where = numeric ? { id: Number(slugOrId) } : { slug: String(slugOrId) }
  const [newsroom] = await loadNewsrooms(db, where)
  return newsroom as NewsroomView | undefined
}

export async function getNewsroom(db: Reader, slugOrId: string | number): Promise<NewsroomView> {
  const newsroom = await findNewsroom(db, slugOrId)
  if (!newsroom) throw new NotFoundError(`No newsroom "${slugOrId}"`)
  return newsroom
}

async function writeTranslations(
  trx: Kysely<Database>,
  id: number,
  valid: ReturnType<typeof validateNewsroom>,
) {
  await trx.deleteFrom('newsroom_translations').where('newsroom_id', '=', id).execute()
  for (const lang of valid.languages) {
    await trx
      .insertInto('newsroom_translations')
      .values({
        newsroom_id: id,
        lang,
        name: valid.name[lang] ?? '',
        boilerplate: valid.boilerplate[lang] ?? '',
        description: valid.description[lang] ?? '',
      })
      .execute()
  }
}

const slugTaken = (slug: string) =>
  new ConflictError(`The newsroom slug "${slug}" is already in use`, {
    slug: 'Already in use by another newsroom',
  })

export async function createNewsroom(
  deps: ContentDeps,
  actor: Actor,
  input: NewsroomInput,
): Promise<NewsroomView> {
  authorize(actor, 'newsroom.manage')
  const valid = validateNewsroom(input)
  const now = deps.clock.now().toISOString()
  let id: number
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('newsrooms')
        .select('id')
        .where('slug', '=', valid.slug)
        .executeTakeFirst()
      if (taken) throw slugTaken(valid.slug)
      const row = await trx
        .insertInto('newsrooms')
        .values({
          slug: valid.slug,
          languages: JSON.stringify(valid.languages),
          timezone: valid.timezone,
          social_links: JSON.stringify(valid.socialLinks),
          website: valid.website,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeTranslations(trx, row.id, valid)
      await bumpContentVersion(trx)
      await recordAudit(trx, actor, deps.clock.now(), {
        action: 'newsroom.create',
        subject: `newsroom:${row.id}`,
        details: { slug: valid.slug, languages: valid.languages },
      })
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(valid.slug)
    throw error
  }
  await deps.announceContentChange()
  return getNewsroom(deps.db, id)
}

export async function updateNewsroom(
  deps: ContentDeps,
  actor: Actor,
  slugOrId: string | number,
  patch: NewsroomPatch,
): Promise<NewsroomView> {
  const current = await getNewsroom(deps.db, slugOrId)
  authorize(actor, 'newsroom.manage', current.id)
  const merged: NewsroomInput = {
    slug: patch.slug ?? current.slug,
    languages: patch.languages ?? current.languages,
    timezone: patch.timezone ?? current.timezone,
    name: { ...current.name, ...patch.name },
    boilerplate: { ...current.boilerplate, ...patch.boilerplate },
    description: { ...current.description, ...patch.description },
    socialLinks: patch.socialLinks ?? current.socialLinks,
    website: patch.website === undefined ? current.website : patch.website,
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
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (valid.slug !== current.slug) {
        const taken = await trx
          .selectFrom('newsrooms')
          .select('id')
          .where('slug', '=', valid.slug)
          .executeTakeFirst()
        if (taken) throw slugTaken(valid.slug)
      }
      await trx
        .updateTable('newsrooms')
        .set({
          slug: valid.slug,
          languages: JSON.stringify(valid.languages),
          timezone: valid.timezone,
          social_links: JSON.stringify(valid.socialLinks),
          website: valid.website,
          updated_at: deps.clock.now().toISOString(),
        })
        .where('id', '=', current.id)
        .execute()
      await writeTranslations(trx, current.id, valid)
      await bumpContentVersion(trx)
      await recordAudit(trx, actor, deps.clock.now(), {
        action: 'newsroom.update',
        subject: `newsroom:${current.id}`,
        details: {
          // What the edit sent (a form sends every field, changed or not).
          fields: Object.keys(patch).filter(
            (key) => patch[key as keyof NewsroomPatch] !== undefined,
          ),
          ...(valid.slug !== current.slug ? { slug: valid.slug, previousSlug: current.slug } : {}),
        },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(valid.slug)
    throw error
  }
  await deps.announceContentChange()
  return getNewsroom(deps.db, current.id)
}

/** Only an empty newsroom can be deleted: releases are a public record and are withdrawn instead. */
export async function deleteNewsroom(
  deps: ContentDeps,
  actor: Actor,
  slugOrId: string | number,
): Promise<void> {
  const current = await getNewsroom(deps.db, slugOrId)
  authorize(actor, 'newsroom.manage', current.id)
  await deps.db.transaction().execute(async (trx) => {
    const release = await trx
      .selectFrom('releases')
      .select('id')
      .where('newsroom_id', '=', current.id)
      .limit(1)
      .executeTakeFirst()
    if (release) {
      throw new ConflictError('The newsroom has releases; delete or withdraw them first')
    }
    await trx.deleteFrom('contacts').where('newsroom_id', '=', current.id).execute()
    await trx.deleteFrom('newsrooms').where('id', '=', current.id).execute()
    await bumpContentVersion(trx)
    await recordAudit(trx, actor, deps.clock.now(), {
      action: 'newsroom.delete',
      subject: `newsroom:${current.id}`,
      details: { slug: current.slug },
    })
  })
  await deps.announceContentChange()
}
