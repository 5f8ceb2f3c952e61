/**
 * Releases: create, edit, delete, read for staff. A release has one version per language
 * (title, lead, Markdown body, slug), a type, keywords and contact people. Publishing lives in
 * publishing.ts; the public read model in read-model.ts.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { bumpContentVersion } from '../../content-version.js'
import { isUniqueViolation } from '../../db/errors.js'
import type { Database, Release } from '../../db/schema.js'
import type { Lang, ReleaseStatus, ReleaseType } from '../types.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import { getNewsroom, isLanguage } from '../newsroom/newsrooms.js'
import type { NewsroomView, PerLang } from '../newsroom/newsrooms.js'
import { OUTBOX_KINDS, routeOutboxRow } from '../../queue/outbox.js'
import { renderMarkdown } from './markdown.js'
import type { ContentDeps } from './ports.js'
import { isReservedReleaseSlug, isValidSlug, makeSlug } from './slug.js'
import { RELEASE_STATUSES, isReleaseType, loadReleaseViews } from './views.js'
import type { ReleaseView } from './views.js'

export const LIMITS = {
  title: 250,
  lead: 2000,
  body: 200_000,
  keywords: 30,
  keyword: 60,
  contacts: 20,
  contactName: 120,
  contactTitle: 200,
  phone: 40,
}

export interface VersionInput {
  title: string
  lead?: string
  /** Markdown. */
  body?: string
  /** Optional; made from the title when left out. */
  slug?: string
}

export interface ContactInput {
  name: string
  /** One title for every language, or one per language. */
  title?: string | Record<string, string>
  phone?: string | null
  email?: string | null
}

export interface ReleaseInput {
  /** Newsroom slug or id. */
  newsroom: string | number
  type?: string
  keywords?: string[]
  contacts?: ContactInput[]
  versions: Record<string, VersionInput>
  /** Email subscribers when published (default true). */
  notify?: boolean
}

export interface ReleasePatch {
  type?: string
  keywords?: string[]
  contacts?: ContactInput[]
  /** A version set to null is removed. */
  versions?: Record<string, VersionInput | null>
  notify?: boolean
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/

function fail(fields: Record<string, string>): never {
  const [path, message] = Object.entries(fields)[0]
  throw new ValidationError(`${path}: ${message}`, fields)
}

interface CleanVersion {
  lang: Lang
  title: string
  lead: string
  body: string
  slug?: string
}

function cleanVersions(
  newsroom: NewsroomView,
  versions: Record<string, VersionInput | null>,
  fields: Record<string, string>,
): { set: CleanVersion[]; remove: Lang[] } {
  const set: CleanVersion[] = []
  const remove: Lang[] = []
  if (!versions || typeof versions !== 'object') {
    fields.versions = 'Give at least one language version, e.g. {"fi": {"title": "…"}}'
    return { set, remove }
  }
  for (const [lang, version] of Object.entries(versions)) {
    const at = `versions.${lang}`
    if (!isLanguage(lang)) {
      fields[at] = `Unknown language "${lang}": use fi, sv or en`
      continue
    }
    if (!newsroom.languages.includes(lang)) {
      fields[at] =
        `The newsroom ${newsroom.slug} does not publish in "${lang}" (it offers ${newsroom.languages.join(', ')})`
      continue
    }
    if (version === null) {
      remove.push(lang)
      continue
    }
    if (typeof version !== 'object') {
      fields[at] = 'Give the version as {"title", "lead", "body"}'
      continue
    }
    const title = typeof version.title === 'string' ? version.title.trim() : ''
    if (!title) fields[`${at}.title`] = 'Give a title'
    else if (title.length > LIMITS.title)
      fields[`${at}.title`] = `Keep the title within ${LIMITS.title} characters`
    const lead = typeof version.lead === 'string' ? version.lead.trim() : ''
    if (lead.length > LIMITS.lead)
      fields[`${at}.lead`] = `Keep the lead within ${LIMITS.lead} characters`
    const body = typeof version.body === 'string' ? version.body.replace(/\r\n/g, '\n').trim() : ''
    if (body.length > LIMITS.body)
      fields[`${at}.body`] = `Keep the body within ${LIMITS.body} characters`
    let slug: string | undefined
    if (version.slug !== undefined && version.slug !== null && version.slug !== '') {
      slug = String(version.slug).trim()
      if (!isValidSlug(slug))
        fields[`${at}.slug`] = 'Use lower-case letters a–z, digits and single hyphens (at most 80)'
      else if (isReservedReleaseSlug(slug))
        fields[`${at}.slug`] = `"${slug}" is reserved for another page; choose another slug`
    }
    set.push({ lang, title, lead, body, slug })
  }
  return { set, remove }
}

interface CleanContact {
  name: string
  titles: PerLang
  phone: string | null
  email: string | null
}

function cleanContacts(
  newsroom: NewsroomView,
  contacts: ContactInput[] | undefined,
  fields: Record<string, string>,
): CleanContact[] | undefined {
  if (contacts === undefined) return undefined
  if (!Array.isArray(contacts)) {
    fields.contacts = 'Give a list of contacts'
    return []
  }
  if (contacts.length > LIMITS.contacts) fields.contacts = `At most ${LIMITS.contacts} contacts`
  return contacts.map((contact, i) => {
    const at = `contacts.${i}`
    const name = typeof contact?.name === 'string' ? contact.name.trim() : ''
    if (!name || name.length > LIMITS.contactName) fields[`${at}.name`] = 'Give the name'
    const titles: PerLang = {}
    if (typeof contact?.title === 'string') {
      for (const lang of newsroom.languages)
        if (contact.title.trim()) titles[lang] = contact.title.trim()
    } else if (contact?.title && typeof contact.title === 'object') {
      for (const [lang, text] of Object.entries(contact.title)) {
        if (!isLanguage(lang)) fields[`${at}.title.${lang}`] = `Unknown language "${lang}"`
        else if (typeof text === 'string' && text.trim()) titles[lang] = text.trim()
      }
    }
    if (Object.values(titles).some((t) => (t?.length ?? 0) > LIMITS.contactTitle))
      fields[`${at}.title`] = `Keep the title within ${LIMITS.contactTitle} characters`
    const phone = contact?.phone?.trim() || null
    if (phone && (phone.length > LIMITS.phone || !/^[0-9+()\-.\s]+$/.test(phone)))
      fields[`${at}.phone`] = 'Give a phone number like +358 40 123 4567'
    const email = contact?.email?.trim() || null
    if (email && !EMAIL.test(email)) fields[`${at}.email`] = 'Give a valid email address'
    return { name, titles, phone, email }
  })
}

function cleanKeywords(keywords: string[] | undefined, fields: Record<string, string>) {
  if (keywords === undefined) return undefined
  if (!Array.isArray(keywords)) {
    fields.keywords = 'Give a list of keywords'
    return []
  }
  if (keywords.length > LIMITS.keywords) fields.keywords = `At most ${LIMITS.keywords} keywords`
  const seen = new Map<string, string>()
  keywords.forEach((keyword, i) => {
    const label = typeof keyword === 'string' ? keyword.trim() : ''
    const slug = makeSlug(label)
    if (!label || !slug || label.length > LIMITS.keyword) {
      fields[`keywords.${i}`] =
        `Give a keyword of 1–${LIMITS.keyword} characters with letters or digits`
    } else if (!seen.has(slug)) seen.set(slug, label)
  })
  return [...seen].map(([slug, label]) => ({ slug, label }))
}

type Trx = Kysely<Database>

/** The slug a version gets: the one asked for, or one made from the title and made unique. */
async function chooseSlug(
  trx: Trx,
  newsroomId: number,
  releaseId: number,
  version: CleanVersion,
): Promise<string> {
  const taken = async (slug: string) =>
    !!(await trx
      .selectFrom('release_versions')
      .select('id')
      .where('newsroom_id', '=', newsroomId)
      .where('lang', '=', version.lang)
      .where('slug', '=', slug)
      .where('release_id', '!=', releaseId)
      .executeTakeFirst())
  if (version.slug) {
    if (await taken(version.slug)) throw slugClash(version.lang, version.slug)
    return version.slug
  }
  const base = makeSlug(version.title) || `release-${releaseId}`
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (isReservedReleaseSlug(candidate)) continue
    if (!(await taken(candidate))) return candidate
  }
  return `${base}-${releaseId}`
}

const slugClash = (lang: Lang, slug: string) =>
  new ConflictError(`Another release in this newsroom already uses the slug "${slug}" (${lang})`, {
    [`versions.${lang}.slug`]: `"${slug}" is already used by another ${lang} release; choose another`,
  })

async function writeVersion(
  trx: Trx,
  deps: ContentDeps,
  release: { id: number; newsroom_id: number },
  version: CleanVersion,
  slug: string,
) {
  const now = deps.clock.now().toISOString()
  const values = {
    slug,
    title: version.title,
    lead: version.lead,
    body_md: version.body,
    body_html: renderMarkdown(version.body),
    updated_at: now,
  }
  const updated = await trx
    .updateTable('release_versions')
    .set(values)
    .where('release_id', '=', release.id)
    .where('lang', '=', version.lang)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) {
    await trx
      .insertInto('release_versions')
      .values({
        ...values,
        release_id: release.id,
        newsroom_id: release.newsroom_id,
        lang: version.lang,
      })
      .execute()
  }
}

async function writeKeywords(
  trx: Trx,
  releaseId: number,
  keywords: { slug: string; label: string }[],
) {
  await trx.deleteFrom('release_keywords').where('release_id', '=', releaseId).execute()
  for (const [position, keyword] of keywords.entries()) {
    await trx
      .insertInto('keywords')
      .values(keyword)
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute()
    const row = await trx
      .selectFrom('keywords')
      .select('id')
      .where('slug', '=', keyword.slug)
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('release_keywords')
      .values({ release_id: releaseId, keyword_id: row.id, position })
      .execute()
  }
}

/** Contacts are the newsroom's people: the same person is reused across releases. */
async function writeContacts(
  trx: Trx,
  deps: ContentDeps,
  newsroomId: number,
  releaseId: number,
  contacts: CleanContact[],
) {
  await trx.deleteFrom('release_contacts').where('release_id', '=', releaseId).execute()
  const linked = new Set<number>()
  for (const [position, contact] of contacts.entries()) {
    let query = trx
      .selectFrom('contacts')
      .select(['id', 'titles'])
      .where('newsroom_id', '=', newsroomId)
      .where('name', '=', contact.name)
    query = contact.email
      ? query.where('email', '=', contact.email)
      : query.where('email', 'is', null)
    const existing = await query.executeTakeFirst()
    let id: number
    if (existing) {
      id = existing.id
      const titles = { ...(JSON.parse(existing.titles) as PerLang), ...contact.titles }
      await trx
        .updateTable('contacts')
        .set({ titles: JSON.stringify(titles), phone: contact.phone })
        .where('id', '=', id)
        .execute()
    } else {
      const row = await trx
        .insertInto('contacts')
        .values({
          newsroom_id: newsroomId,
          name: contact.name,
          titles: JSON.stringify(contact.titles),
          phone: contact.phone,
          email: contact.email,
          created_at: deps.clock.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    }
    if (linked.has(id)) continue
    linked.add(id)
    await trx
      .insertInto('release_contacts')
      .values({ release_id: releaseId, contact_id: id, position })
      .execute()
  }
}

export async function findReleaseRow(db: Pick<Kysely<Database>, 'selectFrom'>, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined
  return db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function getReleaseRow(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  id: number,
): Promise<Release> {
  const row = await findReleaseRow(db, id)
  if (!row) throw new NotFoundError(`No release ${id}`)
  return row
}

/** A release for staff (any status). Checks that the actor may see the newsroom. */
export async function getRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
): Promise<ReleaseView> {
  const row = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.draft', row.newsroom_id)
  const [view] = await loadReleaseViews(deps.db, [row])
  return view
}

export async function createRelease(
  deps: ContentDeps,
  actor: Actor,
  input: ReleaseInput,
): Promise<ReleaseView> {
  const fields: Record<string, string> = {}
  if (input.newsroom === undefined || input.newsroom === null || input.newsroom === '') {
    fail({ newsroom: 'Give the newsroom slug' })
  }
  const newsroom = await getNewsroom(deps.db, input.newsroom).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      fail({ newsroom: `No newsroom "${String(input.newsroom)}"` })
    throw error
  })
  authorize(actor, 'release.draft', newsroom.id)
  const type = input.type ?? 'press-release'
  if (!isReleaseType(type)) fields.type = 'Use press-release, news, invitation or article'
  const { set, remove } = cleanVersions(newsroom, input.versions, fields)
  if (remove.length > 0) fields[`versions.${remove[0]}`] = 'Give the version or leave it out'
  if (set.length === 0 && !Object.keys(fields).some((f) => f.startsWith('versions')))
    fields.versions = 'Give at least one language version, e.g. {"fi": {"title": "…"}}'
  const keywords = cleanKeywords(input.keywords, fields) ?? []
  const contacts = cleanContacts(newsroom, input.contacts, fields) ?? []
  if (Object.keys(fields).length > 0) fail(fields)

  const at = deps.clock.now()
  const now = at.toISOString()
  const id = await withSlugConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      const release = await trx
        .insertInto('releases')
        .values({
          newsroom_id: newsroom.id,
          type: type as ReleaseType,
          status: 'draft',
          notify: input.notify === false ? 0 : 1,
          created_by_user_id: actor.kind === 'user' ? actor.id : null,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'newsroom_id'])
        .executeTakeFirstOrThrow()
      for (const version of set) {
        const slug = await chooseSlug(trx, newsroom.id, release.id, version)
        await writeVersion(trx, deps, release, version, slug)
      }
      await writeKeywords(trx, release.id, keywords)
      await writeContacts(trx, deps, newsroom.id, release.id, contacts)
      await recordAudit(trx, actor, at, {
        action: 'release.create',
        subject: `release:${release.id}`,
        details: { newsroom: newsroom.slug, languages: set.map((v) => v.lang) },
      })
      return release.id
    }),
  )
  const [view] = await loadReleaseViews(deps.db, [await getReleaseRow(deps.db, id)])
  return view
}

/** A unique violation that slipped past the pre-check (two writers at once) is still a 409. */
async function withSlugConflicts<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('Another release already uses one of these slugs; try again', {
        versions: 'Slug already in use',
      })
    throw error
  }
}

export async function updateRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
  patch: ReleasePatch,
): Promise<ReleaseView> {
  const row = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.draft', row.newsroom_id)
  // Changing what the public sees (or will see at the scheduled time without anyone looking
  // again) is a publisher's decision, not a contributor's.
  if (row.status !== 'draft') authorize(actor, 'release.publish', row.newsroom_id)
  if (row.status === 'withdrawn') throw new ConflictError('A withdrawn release cannot be edited')
  const newsroom = await getNewsroom(deps.db, row.newsroom_id)
  const fields: Record<string, string> = {}
  if (patch.type !== undefined && !isReleaseType(patch.type))
    fields.type = 'Use press-release, news, invitation or article'
  const { set, remove } = patch.versions
    ? cleanVersions(newsroom, patch.versions, fields)
    : { set: [], remove: [] }
  const keywords = cleanKeywords(patch.keywords, fields)
  const contacts = cleanContacts(newsroom, patch.contacts, fields)
  const [current] = await loadReleaseViews(deps.db, [row])
  const remaining = new Set(current.languages)
  for (const lang of remove) remaining.delete(lang)
  for (const v of set) remaining.add(v.lang)
  if (remaining.size === 0) fields.versions = 'A release needs at least one language version'
  if (Object.keys(fields).length > 0) fail(fields)

  await withSlugConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      for (const version of set) {
        const existing = current.versions[version.lang]
        let slug: string
        if (version.slug) slug = await chooseSlug(trx, row.newsroom_id, row.id, version)
        else if (!existing) slug = await chooseSlug(trx, row.newsroom_id, row.id, version)
        else if (
          row.status !== 'published' &&
          existing.slug === makeSlug(existing.title) &&
          existing.title !== version.title
        )
          // Not public yet and the slug was made from the old title: follow the new title.
          slug = await chooseSlug(trx, row.newsroom_id, row.id, version)
        else slug = existing.slug // public URLs stay stable
        await writeVersion(trx, deps, row, version, slug)
      }
      for (const lang of remove) {
        await trx
          .deleteFrom('release_versions')
          .where('release_id', '=', row.id)
          .where('lang', '=', lang)
          .execute()
      }
      if (keywords) await writeKeywords(trx, row.id, keywords)
      if (contacts) await writeContacts(trx, deps, row.newsroom_id, row.id, contacts)
      await trx
        .updateTable('releases')
        .set({
          ...(patch.type ? { type: patch.type as ReleaseType } : {}),
          ...(patch.notify !== undefined ? { notify: patch.notify ? 1 : 0 } : {}),
          updated_at: deps.clock.now().toISOString(),
        })
        .where('id', '=', row.id)
        .execute()
      if (row.status === 'published') await bumpContentVersion(trx)
      await recordAudit(trx, actor, deps.clock.now(), {
        action: 'release.update',
        subject: `release:${row.id}`,
        details: {
          status: row.status,
          // What the edit sent (a form sends every field, changed or not).
          fields: Object.keys(patch).filter(
            (key) => patch[key as keyof ReleasePatch] !== undefined,
          ),
          ...(set.length ? { languages: set.map((v) => v.lang) } : {}),
          ...(remove.length ? { removedLanguages: remove } : {}),
        },
      })
    }),
  )
  if (row.status === 'published') await deps.announceContentChange()
  return getRelease(deps, actor, id)
}

/**
 * Deletes a draft or scheduled release with its files. Published releases are part of the
 * public record: withdraw them instead.
 */
export async function deleteRelease(deps: ContentDeps, actor: Actor, id: number): Promise<void> {
  const row = await getReleaseRow(deps.db, id)
  authorize(actor, 'release.draft', row.newsroom_id)
  // Deleting a scheduled release cancels a publication someone with publishing rights set up.
  if (row.status === 'scheduled') authorize(actor, 'release.publish', row.newsroom_id)
  if (row.status === 'published' || row.status === 'withdrawn')
    throw new ConflictError('A published release cannot be deleted; withdraw it instead')
  const { keys, jobIds } = await deps.db.transaction().execute(async (trx) => {
    // Read the file keys first: deleting the release cascades to its attachment rows.
    const keys = await trx
      .selectFrom('attachments')
      .select('storage_key')
      .where('release_id', '=', row.id)
      .execute()
    // The entry is all that remains of the release: keep what it was called.
    const titles = await trx
      .selectFrom('release_versions')
      .select(['lang', 'title'])
      .where('release_id', '=', row.id)
      .execute()
    const deleted = await trx
      .deleteFrom('releases')
      .where('id', '=', row.id)
      .where('status', 'in', ['draft', 'scheduled'])
      .executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0)
      throw new ConflictError('The release was published meanwhile; withdraw it instead')
    const jobIds = await closePublishRows(trx, deps, row.id)
    await trx.deleteFrom('attachments').where('release_id', '=', row.id).execute()
    await recordAudit(trx, actor, deps.clock.now(), {
      action: 'release.delete',
      subject: `release:${row.id}`,
      details: {
        status: row.status,
        titles: Object.fromEntries(titles.map((t) => [t.lang, t.title])),
      },
    })
    return { keys: keys.map((k) => k.storage_key), jobIds }
  })
  for (const jobId of jobIds) await deps.removePublishJob(jobId)
  for (const key of keys) await deps.files.remove(key)
}

/** Publish outbox rows carry exactly this payload, so open rows of a release can be found. */
export const publishPayload = (releaseId: number) => ({ releaseId })

/** Marks open publish rows of a release done; returns the ids of their (delayed) jobs. */
export async function closePublishRows(trx: Trx, deps: ContentDeps, releaseId: number) {
  const rows = await trx
    .selectFrom('outbox')
    .select(['id', 'kind', 'payload'])
    .where('kind', '=', OUTBOX_KINDS.publish)
    .where('payload', '=', JSON.stringify(publishPayload(releaseId)))
    .where('done_at', 'is', null)
    .execute()
  if (rows.length === 0) return []
  await trx
    .updateTable('outbox')
    .set({ done_at: deps.clock.now().toISOString() })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  return rows.map((r) => routeOutboxRow(r)!.jobId)
}

export interface ReleaseListFilter {
  newsroom?: string | number
  status?: string
  type?: string
  keyword?: string
  lang?: string
  limit?: number
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string
}

/** Staff listing, newest first, keyset-paginated by id. */
export async function listReleases(
  deps: ContentDeps,
  actor: Actor,
  filter: ReleaseListFilter,
): Promise<{ items: ReleaseView[]; nextCursor: string | null }> {
  const fields: Record<string, string> = {}
  if (
    filter.status !== undefined &&
    !(RELEASE_STATUSES as readonly string[]).includes(filter.status)
  )
    fields.status = 'Use draft, scheduled, published or withdrawn'
  if (filter.type !== undefined && !isReleaseType(filter.type))
    fields.type = 'Use press-release, news, invitation or article'
  if (filter.lang !== undefined && !isLanguage(filter.lang)) fields.lang = 'Use fi, sv or en'
  let before: number | undefined
  if (filter.cursor) {
    before = Number(Buffer.from(filter.cursor, 'base64url').toString('utf8'))
    if (!Number.isSafeInteger(before) || before <= 0) fields.cursor = 'The cursor is not valid'
  }
  if (Object.keys(fields).length > 0) fail(fields)
  const limit = Math.min(Math.max(filter.limit ?? 20, 1), 100)

  let query = deps.db.selectFrom('releases').selectAll('releases')
  if (filter.newsroom !== undefined) {
    const newsroom = await getNewsroom(deps.db, filter.newsroom)
    authorize(actor, 'release.draft', newsroom.id)
    query = query.where('releases.newsroom_id', '=', newsroom.id)
  } else {
    authorize(actor, 'release.draft')
    if (actor.newsroomIds !== 'all') {
      if (actor.newsroomIds.length === 0) return { items: [], nextCursor: null }
      query = query.where('releases.newsroom_id', 'in', actor.newsroomIds)
    }
  }
  if (filter.status) query = query.where('releases.status', '=', filter.status as ReleaseStatus)
  if (filter.type) query = query.where('releases.type', '=', filter.type as ReleaseType)
  if (filter.lang) {
    const lang = filter.lang as Lang
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('release_versions')
          .select('release_versions.id')
          .whereRef('release_versions.release_id', '=', 'releases.id')
          .where('release_versions.lang', '=', lang),
      ),
    )
  }
  if (filter.keyword) {
    const keyword = makeSlug(filter.keyword)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('release_keywords')
          .innerJoin('keywords', 'keywords.id', 'release_keywords.keyword_id')
          .select('release_keywords.release_id')
          .whereRef('release_keywords.release_id', '=', 'releases.id')
          .where('keywords.slug', '=', keyword),
      ),
    )
  }
  if (before !== undefined) query = query.where('releases.id', '<', before)
  const rows = await query
    .orderBy('releases.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const nextCursor =
    rows.length > limit ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null
  return { items: await loadReleaseViews(deps.db, page), nextCursor }
}
