/**
 * Releases: create, edit, delete, read for staff. A release has one version per language
 * (title, lead, Markdown body, slug), a type, keywords and contact people. Publishing lives in
 * publishing.ts; the public read model in read-model.ts.
 */
import { searchReleases } from '../search/search.js'
import { matchKey, slugOfKeyword, termsForRelease } from '../keywords/terms.js'
import type { Repositories } from '../../db/repositories/index.js'
import { SlugInUseError } from '../../db/repositories/releases.js'
import type {
  ContactRow,
  NewContact,
  ReleaseRow,
  VersionValues,
} from '../../db/repositories/releases.js'
import type { Actor, Permission } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { OUTBOX_KINDS } from '../outbox.js'
import type { Lang, ReleaseStatus, ReleaseType } from '../types.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { FieldCode } from '../errors.js'
import { getNewsroom, isLanguage } from '../newsroom/newsrooms.js'
import type { NewsroomView, PerLang } from '../newsroom/newsrooms.js'
import { cleanEvent } from './events.js'
import type { CleanEvent, EventInput } from './events.js'
import { bodyImagesOf, renderMarkdown } from './markdown.js'
import type { BodyImage } from './markdown.js'
import type { ContentDeps } from './ports.js'
import { recordReleaseEvent } from './integrations.js'
import { isReservedReleaseSlug, isValidSlug, makeSlug } from './slug.js'
import { RELEASE_STATUSES, isReleaseType, loadReleaseViews } from './views.js'
import type { ContactView, ReleaseView } from './views.js'

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
  /** An invitation's event. */
  event?: EventInput | null
}

export interface ReleasePatch {
  type?: string
  keywords?: string[]
  contacts?: ContactInput[]
  /** A version set to null is removed. */
  versions?: Record<string, VersionInput | null>
  notify?: boolean
  /** One of the release's images, or null for none. */
  leadImage?: number | null
  /** An invitation's event; null removes it. */
  event?: EventInput | null
}

/**
 * The event as given: only an invitation has one; undefined leaves it as it is, null removes it.
 */
function cleanEventOf(
  type: string | undefined,
  event: EventInput | null | undefined,
  refusals: Refusals,
): CleanEvent | null | undefined {
  if (event === undefined || event === null) return event
  if (type !== 'invitation') {
    refusals.add('event', 'not_allowed', 'Only an invitation (type "invitation") has an event')
    return undefined
  }
  return cleanEvent(event, refusals)
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/

/**
 * What is wrong with an input, field by field: an English message for API clients and a code
 * for user interfaces to say it in their own words.
 */
export class Refusals {
  readonly fields: Record<string, string> = {}
  readonly codes: Record<string, FieldCode> = {}

  add(path: string, code: FieldCode, message: string) {
    this.fields[path] = message
    this.codes[path] = code
  }

  has(path?: string) {
    return path === undefined ? Object.keys(this.fields).length > 0 : path in this.fields
  }

  paths() {
    return Object.keys(this.fields)
  }

  /** Throws a ValidationError naming the first problem, if there is any. */
  throwIfAny(): void {
    const first = Object.entries(this.fields)[0]
    if (first) throw new ValidationError(`${first[0]}: ${first[1]}`, this.fields, this.codes)
  }
}

/** A single refused field. */
export function refuse(path: string, code: FieldCode, message: string): never {
  throw new ValidationError(`${path}: ${message}`, { [path]: message }, { [path]: code })
}

const TYPE_MESSAGE = 'Use press-release, news, invitation or article'
const VERSIONS_MESSAGE = 'Give at least one language version, e.g. {"fi": {"title": "…"}}'

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
  refusals: Refusals,
): { set: CleanVersion[]; remove: Lang[] } {
  const set: CleanVersion[] = []
  const remove: Lang[] = []
  if (!versions || typeof versions !== 'object') {
    refusals.add('versions', 'required', VERSIONS_MESSAGE)
    return { set, remove }
  }
  for (const [lang, version] of Object.entries(versions)) {
    const at = `versions.${lang}`
    if (!isLanguage(lang)) {
      refusals.add(at, 'unknown', `Unknown language "${lang}": use fi, sv or en`)
      continue
    }
    if (!newsroom.languages.includes(lang)) {
      refusals.add(
        at,
        'not_allowed',
        `The newsroom ${newsroom.slug} does not publish in "${lang}" (it offers ${newsroom.languages.join(', ')})`,
      )
      continue
    }
    if (version === null) {
      remove.push(lang)
      continue
    }
    if (typeof version !== 'object') {
      refusals.add(at, 'invalid', 'Give the version as {"title", "lead", "body"}')
      continue
    }
    const title = typeof version.title === 'string' ? version.title.trim() : ''
    if (!title) refusals.add(`${at}.title`, 'required', 'Give a title')
    else if (title.length > LIMITS.title)
      refusals.add(`${at}.title`, 'too_long', `Keep the title within ${LIMITS.title} characters`)
    const lead = typeof version.lead === 'string' ? version.lead.trim() : ''
    if (lead.length > LIMITS.lead)
      refusals.add(`${at}.lead`, 'too_long', `Keep the lead within ${LIMITS.lead} characters`)
    const body = typeof version.body === 'string' ? version.body.replace(/\r\n/g, '\n').trim() : ''
    if (body.length > LIMITS.body)
      refusals.add(`${at}.body`, 'too_long', `Keep the body within ${LIMITS.body} characters`)
    let slug: string | undefined
    if (version.slug !== undefined && version.slug !== null && version.slug !== '') {
      slug = String(version.slug).trim()
      if (!isValidSlug(slug))
        refusals.add(
          `${at}.slug`,
          slug ? 'slug_invalid' : 'slug_empty',
          'Use lower-case letters a–z, digits and single hyphens (at most 80)',
        )
      else if (isReservedReleaseSlug(slug))
        refusals.add(
          `${at}.slug`,
          'not_allowed',
          `"${slug}" is reserved for another page; choose another slug`,
        )
    }
    set.push({ lang, title, lead, body, slug })
  }
  return { set, remove }
}

export interface CleanContact {
  name: string
  titles: PerLang
  phone: string | null
  email: string | null
}

/**
 * Whether `value` is a list (refused as `invalid` if not); one longer than `max` is refused as
 * `too_long` but still checked item by item, so every problem is named at once.
 */
function isBoundedList(
  value: unknown,
  field: string,
  max: number,
  refusals: Refusals,
): value is unknown[] {
  if (!Array.isArray(value)) {
    refusals.add(field, 'invalid', `Give a list of ${field}`)
    return false
  }
  if (value.length > max) refusals.add(field, 'too_long', `At most ${max} ${field}`)
  return true
}

function cleanContacts(
  newsroom: NewsroomView,
  contacts: ContactInput[] | undefined,
  refusals: Refusals,
): CleanContact[] | undefined {
  if (contacts === undefined) return undefined
  if (!isBoundedList(contacts, 'contacts', LIMITS.contacts, refusals)) return []
  return contacts.map((contact, i) =>
    cleanContact(contact, `contacts.${i}`, refusals, newsroom.languages),
  )
}

/**
 * One contact person as given (a release's, or the directory's): a name, a job title for every
 * language or one per language, a phone number and an email address. Problems go to `refusals`
 * under `at` (`contacts.0.email`, or `email`).
 */
export function cleanContact(
  contact: ContactInput | undefined,
  at: string,
  refusals: Refusals,
  languages: readonly Lang[],
): CleanContact {
  const path = (field: string) => (at ? `${at}.${field}` : field)
  const name = typeof contact?.name === 'string' ? contact.name.trim() : ''
  if (!name || name.length > LIMITS.contactName)
    refusals.add(path('name'), name ? 'too_long' : 'required', 'Give the name')
  const titles: PerLang = {}
  if (typeof contact?.title === 'string') {
    for (const lang of languages) if (contact.title.trim()) titles[lang] = contact.title.trim()
  } else if (contact?.title && typeof contact.title === 'object') {
    for (const [lang, text] of Object.entries(contact.title)) {
      if (!isLanguage(lang))
        refusals.add(path(`title.${lang}`), 'unknown', `Unknown language "${lang}"`)
      else if (typeof text === 'string' && text.trim()) titles[lang] = text.trim()
    }
  }
  if (Object.values(titles).some((t) => (t?.length ?? 0) > LIMITS.contactTitle))
    refusals.add(
      path('title'),
      'too_long',
      `Keep the title within ${LIMITS.contactTitle} characters`,
    )
  const phone = typeof contact?.phone === 'string' ? contact.phone.trim() || null : null
  if (phone && (phone.length > LIMITS.phone || !/^[0-9+()\-.\s]+$/.test(phone)))
    refusals.add(path('phone'), 'invalid', 'Give a phone number like +358 40 123 4567')
  const email = typeof contact?.email === 'string' ? contact.email.trim() || null : null
  if (email && !EMAIL.test(email))
    refusals.add(path('email'), 'invalid', 'Give a valid email address')
  return { name, titles, phone, email }
}

function cleanKeywords(keywords: string[] | undefined, refusals: Refusals) {
  if (keywords === undefined) return undefined
  if (!isBoundedList(keywords, 'keywords', LIMITS.keywords, refusals)) return []
  // The same keyword written twice (any case or accents) is named once.
  const seen = new Map<string, string>()
  keywords.forEach((keyword, i) => {
    const label = typeof keyword === 'string' ? keyword.replace(/\s+/g, ' ').trim() : ''
    const key = matchKey(label)
    if (!label || !key || !makeSlug(label) || label.length > LIMITS.keyword) {
      refusals.add(
        `keywords.${i}`,
        !label ? 'required' : label.length > LIMITS.keyword ? 'too_long' : 'invalid',
        `Give a keyword of 1–${LIMITS.keyword} characters with letters or digits`,
      )
    } else if (!seen.has(key)) seen.set(key, label)
  })
  return [...seen.values()]
}

/** The slug a version gets: the one asked for, or one made from the title and made unique. */
async function chooseSlug(
  tx: Repositories,
  newsroomId: number,
  releaseId: number,
  version: CleanVersion,
): Promise<string> {
  if (version.slug) {
    const taken = await tx.releases.slugsLike(newsroomId, version.lang, releaseId, version.slug)
    if (taken.has(version.slug)) throw slugClash(version.lang, version.slug)
    return version.slug
  }
  const base = makeSlug(version.title) || `release-${releaseId}`
  const taken = await tx.releases.slugsLike(newsroomId, version.lang, releaseId, base)
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (isReservedReleaseSlug(candidate)) continue
    if (!taken.has(candidate)) return candidate
  }
  return `${base}-${releaseId}`
}

const slugClash = (lang: Lang, slug: string) =>
  new ConflictError(
    `Another release in this newsroom already uses the slug "${slug}" (${lang})`,
    {
      [`versions.${lang}.slug`]: `"${slug}" is already used by another ${lang} release; choose another`,
    },
    { [`versions.${lang}.slug`]: 'slug_taken' },
  )

/** `images`: the release's images by storage key, the only ones its body may show. */
const versionValues = (
  version: CleanVersion,
  slug: string,
  images: ReadonlyMap<string, BodyImage> = new Map(),
): VersionValues => ({
  lang: version.lang,
  slug,
  title: version.title,
  lead: version.lead,
  bodyMarkdown: version.body,
  bodyHtml: renderMarkdown(version.body, images),
})

const contactKey = (c: { name: string; email: string | null }) => JSON.stringify([c.name, c.email])

const parseTitles = (json: string): PerLang => {
  try {
    const value = JSON.parse(json) as unknown
    return value && typeof value === 'object' ? (value as PerLang) : {}
  } catch {
    return {}
  }
}

/**
 * Contacts are the newsroom's people: the same person (name and email) is reused across
 * releases, their titles merged and phone updated. Queries: one lookup, one insert for the new
 * people, one update per known person whose details changed, one link insert.
 */
async function writeContacts(
  tx: Repositories,
  now: Date,
  newsroomId: number,
  releaseId: number,
  contacts: CleanContact[],
) {
  // The same person listed twice is one contact, linked at its first position.
  const wanted = new Map<string, CleanContact & { position: number }>()
  contacts.forEach((contact, position) => {
    const key = contactKey(contact)
    const seen = wanted.get(key)
    if (seen)
      wanted.set(key, {
        ...seen,
        titles: { ...seen.titles, ...contact.titles },
        phone: contact.phone,
      })
    else wanted.set(key, { ...contact, position })
  })
  const known = new Map<string, ContactRow>()
  for (const row of await tx.releases.findContactsByName(newsroomId, [
    ...new Set(contacts.map((c) => c.name)),
  ])) {
    const key = contactKey(row)
    if (!known.has(key)) known.set(key, row)
  }
  const fresh: NewContact[] = []
  const idByKey = new Map<string, number>()
  for (const [key, contact] of wanted) {
    const existing = known.get(key)
    if (existing) {
      idByKey.set(key, existing.id)
      const titles = JSON.stringify({ ...parseTitles(existing.titles), ...contact.titles })
      if (titles !== existing.titles || contact.phone !== existing.phone)
        await tx.releases.updateContact(existing.id, { titles, phone: contact.phone })
    } else {
      fresh.push({
        name: contact.name,
        titles: JSON.stringify(contact.titles),
        phone: contact.phone,
        email: contact.email,
      })
    }
  }
  for (const row of await tx.releases.insertContacts(newsroomId, fresh, now))
    idByKey.set(contactKey(row), row.id)
  await tx.releases.replaceContactLinks(
    releaseId,
    [...wanted].map(([key, contact]) => ({
      contactId: idByKey.get(key)!,
      position: contact.position,
    })),
  )
}

/** The newsroom, found through the newsroom core (which still reads by the database handle). */
const newsroomOf = (deps: ContentDeps, slugOrId: string | number) =>
  getNewsroom(deps.repos, slugOrId)

export async function findReleaseRow(
  repos: Pick<Repositories, 'releases'>,
  id: number,
): Promise<ReleaseRow | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined
  return repos.releases.findById(id)
}

export async function getReleaseRow(
  repos: Pick<Repositories, 'releases'>,
  id: number,
): Promise<ReleaseRow> {
  const row = await findReleaseRow(repos, id)
  if (!row) throw new NotFoundError(`No release ${id}`)
  return row
}

/** The release, if the actor may act on it with `permission` (else ForbiddenError). */
export async function getReleaseFor(
  repos: Pick<Repositories, 'releases'>,
  actor: Actor,
  id: number,
  permission: Permission,
): Promise<ReleaseRow> {
  const row = await getReleaseRow(repos, id)
  authorize(actor, permission, row.newsroom_id)
  return row
}

/** A release for staff (any status). Checks that the actor may see the newsroom. */
export async function getRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
): Promise<ReleaseView> {
  const row = await getReleaseFor(deps.repos, actor, id, 'release.draft')
  const [view] = await loadReleaseViews(deps.repos, [row])
  return view
}

/** A release with its newsroom, for the editor. */
export async function getReleaseForEditing(
  deps: ContentDeps,
  actor: Actor,
  id: number,
): Promise<{ release: ReleaseView; newsroom: NewsroomView }> {
  const release = await getRelease(deps, actor, id)
  return { release, newsroom: await newsroomOf(deps, release.newsroom.id) }
}

/** The newsroom's contact people, for the editor's picker. */
export async function listNewsroomContacts(
  deps: ContentDeps,
  actor: Actor,
  newsroomId: number,
): Promise<ContactView[]> {
  authorize(actor, 'release.draft', newsroomId)
  const rows = await deps.repos.releases.listContacts(newsroomId)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    title: parseTitles(row.titles),
    phone: row.phone,
    email: row.email,
  }))
}

export async function createRelease(
  deps: ContentDeps,
  actor: Actor,
  input: ReleaseInput,
): Promise<ReleaseView> {
  const refusals = new Refusals()
  if (input.newsroom === undefined || input.newsroom === null || input.newsroom === '') {
    refuse('newsroom', 'required', 'Give the newsroom slug')
  }
  const newsroom = await newsroomOf(deps, input.newsroom).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      refuse('newsroom', 'unknown', `No newsroom "${String(input.newsroom)}"`)
    throw error
  })
  authorize(actor, 'release.draft', newsroom.id)
  const type = input.type ?? 'press-release'
  if (!isReleaseType(type)) refusals.add('type', 'invalid', TYPE_MESSAGE)
  const { set, remove } = cleanVersions(newsroom, input.versions, refusals)
  if (remove.length > 0)
    refusals.add(`versions.${remove[0]}`, 'required', 'Give the version or leave it out')
  if (set.length === 0 && !refusals.paths().some((f) => f.startsWith('versions')))
    refusals.add('versions', 'required', VERSIONS_MESSAGE)
  const keywords = cleanKeywords(input.keywords, refusals) ?? []
  const contacts = cleanContacts(newsroom, input.contacts, refusals) ?? []
  const event = cleanEventOf(type, input.event, refusals)
  refusals.throwIfAny()

  const at = deps.clock.now()
  const id = await withSlugConflicts(() =>
    deps.repos.transaction(async (tx) => {
      const id = await tx.releases.insert({
        newsroomId: newsroom.id,
        type: type as ReleaseType,
        notify: input.notify !== false,
        createdByUserId: actor.kind === 'user' ? actor.id : null,
        now: at,
      })
      const values: VersionValues[] = []
      for (const version of set)
        values.push(versionValues(version, await chooseSlug(tx, newsroom.id, id, version)))
      await tx.releases.insertVersions({ id, newsroomId: newsroom.id }, values, at)
      await tx.releases.replaceKeywords(
        id,
        await termsForRelease(tx, deps.clock, newsroom, keywords),
      )
      await writeContacts(tx, at, newsroom.id, id, contacts)
      if (event) await tx.releases.saveEvent(id, event, at)
      await recordAudit(tx, actor, at, {
        action: 'release.create',
        subject: `release:${id}`,
        details: { newsroom: newsroom.slug, languages: set.map((v) => v.lang) },
      })
      return id
    }),
  )
  const [view] = await loadReleaseViews(deps.repos, [await getReleaseRow(deps.repos, id)])
  return view
}

/** A unique violation that slipped past the pre-check (two writers at once) is still a 409. */
async function withSlugConflicts<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof SlugInUseError)
      throw new ConflictError(
        'Another release already uses one of these slugs; try again',
        { versions: 'Slug already in use' },
        { versions: 'slug_taken' },
      )
    throw error
  }
}

export async function updateRelease(
  deps: ContentDeps,
  actor: Actor,
  id: number,
  patch: ReleasePatch,
): Promise<ReleaseView> {
  const row = await getReleaseFor(deps.repos, actor, id, 'release.draft')
  // Changing what the public sees (or will see at the scheduled time without anyone looking
  // again) is a publisher's decision, not a contributor's.
  if (row.status !== 'draft') authorize(actor, 'release.publish', row.newsroom_id)
  if (row.status === 'withdrawn') throw new ConflictError('A withdrawn release cannot be edited')
  // Nothing asked for: nothing written, nothing audited.
  if (Object.values(patch).every((value) => value === undefined))
    return (await loadReleaseViews(deps.repos, [row]))[0]
  const newsroom = await newsroomOf(deps, row.newsroom_id)
  const refusals = new Refusals()
  if (patch.type !== undefined && !isReleaseType(patch.type))
    refusals.add('type', 'invalid', TYPE_MESSAGE)
  const { set, remove } = patch.versions
    ? cleanVersions(newsroom, patch.versions, refusals)
    : { set: [], remove: [] }
  const keywords = cleanKeywords(patch.keywords, refusals)
  const contacts = cleanContacts(newsroom, patch.contacts, refusals)
  const event = cleanEventOf(patch.type ?? row.type, patch.event, refusals)
  const [current] = await loadReleaseViews(deps.repos, [row])
  if (
    patch.leadImage !== undefined &&
    patch.leadImage !== null &&
    !current.attachments.some((a) => a.id === patch.leadImage && a.kind === 'image')
  )
    refusals.add('leadImage', 'invalid', 'Choose one of the release’s images')
  const remaining = new Set(current.languages)
  for (const lang of remove) remaining.delete(lang)
  for (const v of set) remaining.add(v.lang)
  if (remaining.size === 0)
    refusals.add('versions', 'required', 'A release needs at least one language version')
  refusals.throwIfAny()

  const now = deps.clock.now()
  const eventIds = await withSlugConflicts(() =>
    deps.repos.transaction(async (tx) => {
      const images = bodyImagesOf(current.attachments)
      const added: VersionValues[] = []
      for (const version of set) {
        const existing = current.versions[version.lang]
        let slug: string
        if (version.slug || !existing) slug = await chooseSlug(tx, row.newsroom_id, row.id, version)
        else if (
          row.status !== 'published' &&
          existing.slug === makeSlug(existing.title) &&
          existing.title !== version.title
        )
          // Not public yet and the slug was made from the old title: follow the new title.
          slug = await chooseSlug(tx, row.newsroom_id, row.id, version)
        else slug = existing.slug // public URLs stay stable
        const values = versionValues(version, slug, images)
        if (existing) await tx.releases.updateVersion(row.id, values, now)
        else added.push(values)
      }
      await tx.releases.insertVersions({ id: row.id, newsroomId: row.newsroom_id }, added, now)
      await tx.releases.deleteVersions(row.id, remove)
      if (keywords)
        await tx.releases.replaceKeywords(
          row.id,
          await termsForRelease(tx, deps.clock, newsroom, keywords),
        )
      if (contacts) await writeContacts(tx, now, row.newsroom_id, row.id, contacts)
      // No longer an invitation, or its event removed: no event. Any edit raises the SEQUENCE.
      if (event === null || (patch.type && patch.type !== 'invitation'))
        await tx.releases.deleteEvent(row.id)
      else if (event) await tx.releases.saveEvent(row.id, event, now)
      else await tx.releases.bumpEventSequence(row.id, now)
      await tx.releases.updateSettings(row.id, {
        type: patch.type ? (patch.type as ReleaseType) : undefined,
        notify: patch.notify,
        leadImageId: patch.leadImage,
        now: deps.clock.now(),
      })
      if (row.status === 'published') await tx.settings.bumpContentVersion()
      await recordAudit(tx, actor, deps.clock.now(), {
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
      return row.status === 'published'
        ? recordReleaseEvent(tx, deps, 'release.updated', row, { before: current })
        : []
    }),
  )
  // An edit is served from the previous copy while rendered again; a removed language is gone.
  if (row.status === 'published')
    await deps.announceContentChange(remove.length ? 'removal' : 'addition')
  await deps.dispatch(eventIds)
  return getRelease(deps, actor, id)
}

/**
 * Deletes a draft or scheduled release with its files. Published releases are part of the
 * public record: withdraw them instead.
 */
export async function deleteRelease(deps: ContentDeps, actor: Actor, id: number): Promise<void> {
  const row = await getReleaseFor(deps.repos, actor, id, 'release.draft')
  // Deleting a scheduled release cancels a publication someone with publishing rights set up.
  if (row.status === 'scheduled') authorize(actor, 'release.publish', row.newsroom_id)
  if (row.status === 'published' || row.status === 'withdrawn')
    throw new ConflictError('A published release cannot be deleted; withdraw it instead')
  const { keys, closed } = await deps.repos.transaction(async (tx) => {
    // Read the file keys first: deleting the release cascades to its attachment rows.
    const keys = await tx.attachments.storageKeys(row.id)
    // The entry is all that remains of the release: keep what it was called.
    const titles = await tx.releases.versionTitles(row.id)
    if (!(await tx.releases.deleteUnpublished(row.id)))
      throw new ConflictError('The release was published meanwhile; withdraw it instead')
    const closed = await closePublishRows(tx, deps, row.id)
    await tx.attachments.removeForRelease(row.id)
    await recordAudit(tx, actor, deps.clock.now(), {
      action: 'release.delete',
      subject: `release:${row.id}`,
      details: {
        status: row.status,
        titles: Object.fromEntries(titles.map((t) => [t.lang, t.title])),
      },
    })
    return { keys, closed }
  })
  await deps.cancelPublishJobs(closed)
  for (const key of keys) await deps.files.remove(key)
}

/** Publish outbox rows carry exactly this payload. */
export const publishPayload = (releaseId: number) => ({ releaseId })

/**
 * Marks the open publish rows of a release done; returns them, so their delayed jobs can be
 * cancelled once the transaction has committed.
 */
export async function closePublishRows(
  tx: Pick<Repositories, 'outbox'>,
  deps: Pick<ContentDeps, 'clock'>,
  releaseId: number,
): Promise<{ id: number; releaseId: number }[]> {
  const rows = await tx.outbox.findOpenForRelease(releaseId, OUTBOX_KINDS.publish)
  await tx.outbox.markManyDone(
    rows.map((r) => r.id),
    deps.clock.now(),
  )
  return rows.map((r) => ({ id: r.id, releaseId }))
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
  /** Full-text search of published versions in `lang` (default the newsroom's first), best first. */
  q?: string
}

/** Staff listing, newest first, keyset-paginated by id; with `q`, search results instead. */
export async function listReleases(
  deps: ContentDeps,
  actor: Actor,
  filter: ReleaseListFilter,
): Promise<{ items: ReleaseView[]; nextCursor: string | null }> {
  if (filter.q !== undefined && filter.q.trim() !== '') return searchForStaff(deps, actor, filter)
  const refusals = new Refusals()
  if (
    filter.status !== undefined &&
    !(RELEASE_STATUSES as readonly string[]).includes(filter.status)
  )
    refusals.add('status', 'invalid', 'Use draft, scheduled, published or withdrawn')
  if (filter.type !== undefined && !isReleaseType(filter.type))
    refusals.add('type', 'invalid', TYPE_MESSAGE)
  if (filter.lang !== undefined && !isLanguage(filter.lang))
    refusals.add('lang', 'invalid', 'Use fi, sv or en')
  let before: number | undefined
  if (filter.cursor) {
    before = Number(Buffer.from(filter.cursor, 'base64url').toString('utf8'))
    if (!Number.isSafeInteger(before) || before <= 0)
      refusals.add('cursor', 'invalid', 'The cursor is not valid')
  }
  refusals.throwIfAny()
  const limit = Math.min(Math.max(filter.limit ?? 20, 1), 100)

  let newsroomIds: number[] | undefined
  if (filter.newsroom !== undefined) {
    const newsroom = await newsroomOf(deps, filter.newsroom)
    authorize(actor, 'release.draft', newsroom.id)
    newsroomIds = [newsroom.id]
  } else {
    authorize(actor, 'release.draft')
    if (actor.newsroomIds !== 'all') {
      if (actor.newsroomIds.length === 0) return { items: [], nextCursor: null }
      newsroomIds = actor.newsroomIds
    }
  }
  const rows = await deps.repos.releases.listForStaff({
    newsroomIds,
    status: (filter.status || undefined) as ReleaseStatus | undefined,
    type: (filter.type || undefined) as ReleaseType | undefined,
    lang: (filter.lang || undefined) as Lang | undefined,
    // A keyword term's slug or its name in any language.
    keywordSlug: filter.keyword
      ? ((await slugOfKeyword(
          deps.repos,
          newsroomIds?.length === 1 ? newsroomIds[0] : undefined,
          filter.keyword,
        )) ?? makeSlug(filter.keyword))
      : undefined,
    beforeId: before,
    limit: limit + 1,
  })
  const page = rows.slice(0, limit)
  const nextCursor =
    rows.length > limit ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null
  return { items: await loadReleaseViews(deps.repos, page), nextCursor }
}

/** `GET /releases?q=`: published versions matching the words, best first; pages by number. */
async function searchForStaff(
  deps: ContentDeps,
  actor: Actor,
  filter: ReleaseListFilter,
): Promise<{ items: ReleaseView[]; nextCursor: string | null }> {
  const newsroom =
    filter.newsroom !== undefined ? await newsroomOf(deps, filter.newsroom) : undefined
  authorize(actor, 'release.draft', newsroom?.id)
  const lang = filter.lang ?? newsroom?.languages[0] ?? 'fi'
  if (!isLanguage(lang)) refuse('lang', 'invalid', 'Use fi, sv or en')
  const page = filter.cursor ? Number(filter.cursor) : 1
  if (!Number.isInteger(page) || page < 1) refuse('cursor', 'invalid', 'The cursor is not valid')
  const found = await searchReleases(
    deps.repos,
    {
      q: filter.q!,
      lang,
      newsroom,
      page,
      pageSize: Math.min(Math.max(filter.limit ?? 20, 1), 100),
    },
    (n) => n.slug,
  )
  const rows = await deps.repos.releases.findByIds(found.items.map((item) => item.id))
  const ordered = found.items
    .map((item) => rows.find((row) => row.id === item.id))
    .filter((row): row is ReleaseRow => row !== undefined)
    .filter((row) => actor.newsroomIds === 'all' || actor.newsroomIds.includes(row.newsroom_id))
  return {
    items: await loadReleaseViews(deps.repos, ordered),
    nextCursor: found.hasNext ? String(page + 1) : null,
  }
}
