/**
 * A newsroom's contacts directory: the press contacts journalists should call, listed on the
 * public page `/{lang}/{newsroom}/contacts` in groups ("Viestintä" / "Kommunikation") with a job
 * title per language, a phone number (a `tel:` link) and an email address. The same people are
 * offered in the release editor; one-off contacts added with a release stay out of the
 * directory until staff list them.
 *
 * Contributors read the list; editors and administrators change it; every change is audited.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import type { ContentDeps } from '../release/ports.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { DirectoryContactRow } from '../../db/repositories/contacts.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { getNewsroom, getNewsroomFor } from '../newsroom/newsrooms.js'
import type { NewsroomView, PerLang } from '../newsroom/newsrooms.js'
import { Refusals, cleanContact } from '../release/releases.js'
import { discardStored, registerStored, storeUpload } from '../media/store.js'
import type { StoredFile } from '../media/store.js'
import { writeContentChange } from '../content-change.js'
import { mediaView } from '../media/views.js'
import type { MediaView } from '../media/views.js'
import { labelIn } from '../keywords/terms.js'
import type { Lang } from '../types.js'
import { isLang } from '../types.js'

export const MAX_GROUP_LENGTH = 80
/** A portrait is shown small; a larger file is almost certainly the wrong one. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** A contact as staff and the API see it. */
export interface DirectoryContact {
  id: number
  newsroomId: number
  name: string
  title: PerLang
  group: PerLang
  phone: string | null
  email: string | null
  inDirectory: boolean
  position: number
  /** Releases naming the contact. */
  releases: number
  /** A portrait, in web sizes; null: none. */
  photo: MediaView | null
}

export interface DirectoryContactInput {
  name?: unknown
  title?: unknown
  group?: unknown
  phone?: unknown
  email?: unknown
  inDirectory?: unknown
  position?: unknown
}

/** Public pages and feeds show keywords and contacts: each change is announced to the caches. */
type Deps = Pick<ContentDeps, 'repos' | 'clock' | 'announceContentChange'>

const parse = (json: string): PerLang => JSON.parse(json) as PerLang

/** The photos of these contacts with their web sizes, by media id. */
async function photosOf(
  repos: Pick<Repositories, 'media'>,
  rows: { photo_id: number | null }[],
): Promise<Map<number, MediaView>> {
  const ids = [...new Set(rows.flatMap((r) => (r.photo_id === null ? [] : [r.photo_id])))]
  const [media, renditions] = await Promise.all([
    repos.media.findByIds(ids),
    repos.media.renditionsOf(ids),
  ])
  return new Map(media.map((m) => [m.id, mediaView(m, renditions)]))
}

function contactOut(
  row: DirectoryContactRow & { releases?: number },
  photos: Map<number, MediaView> = new Map(),
): DirectoryContact {
  return {
    id: row.id,
    newsroomId: row.newsroom_id,
    name: row.name,
    title: parse(row.titles),
    group: parse(row.group_labels),
    phone: row.phone,
    email: row.email,
    inDirectory: row.in_directory === 1,
    position: row.position,
    releases: row.releases ?? 0,
    photo: row.photo_id === null ? null : (photos.get(row.photo_id) ?? null),
  }
}

/** Checks the input against the newsroom's languages; `base` fills what a change leaves out. */
function cleanInput(
  input: DirectoryContactInput,
  newsroom: NewsroomView,
  base?: DirectoryContact,
): Omit<DirectoryContact, 'id' | 'newsroomId' | 'releases' | 'photo'> {
  const refusals = new Refusals()
  const given = <T>(key: keyof DirectoryContactInput, fallback: T) =>
    input[key] === undefined ? fallback : input[key]
  // Texts per language are merged into what a change leaves out; null or "" removes one.
  const perLang = (key: 'title' | 'group', current: PerLang | undefined) => {
    const value = input[key]
    if (!current || !value || typeof value !== 'object' || Array.isArray(value))
      return given(key, current)
    const merged: Record<string, unknown> = { ...current }
    for (const [lang, text] of Object.entries(value as Record<string, unknown>)) {
      if (text === null || text === '') delete merged[lang]
      else merged[lang] = text
    }
    return merged
  }
  const contact = cleanContact(
    {
      name: given('name', base?.name) as string,
      title: perLang('title', base?.title) as Record<string, string>,
      phone: given('phone', base?.phone) as string | null,
      email: given('email', base?.email) as string | null,
    },
    '',
    refusals,
    newsroom.languages,
  )
  for (const lang of Object.keys(contact.titles))
    if (!newsroom.languages.includes(lang as Lang))
      refusals.add(`title.${lang}`, 'unknown', `The newsroom does not publish in "${lang}"`)
  const group: PerLang = {}
  const groupInput = perLang('group', base?.group)
  if (groupInput !== undefined && groupInput !== null) {
    if (typeof groupInput !== 'object' || Array.isArray(groupInput))
      refusals.add('group', 'invalid', 'Give the group per language, e.g. {"fi": "Viestintä"}')
    else
      for (const [lang, text] of Object.entries(groupInput as Record<string, unknown>)) {
        if (!isLang(lang) || !newsroom.languages.includes(lang))
          refusals.add(`group.${lang}`, 'unknown', `The newsroom does not publish in "${lang}"`)
        else if (typeof text !== 'string' && text !== null)
          refusals.add(`group.${lang}`, 'invalid', 'Give the group as text')
        else if (typeof text === 'string' && text.trim().length > MAX_GROUP_LENGTH)
          refusals.add(`group.${lang}`, 'too_long', `At most ${MAX_GROUP_LENGTH} characters`)
        else if (typeof text === 'string' && text.trim()) group[lang] = text.trim()
      }
  }
  const inDirectory = given('inDirectory', base?.inDirectory ?? true)
  if (typeof inDirectory !== 'boolean') refusals.add('inDirectory', 'invalid', 'Use true or false')
  const position = given('position', base?.position ?? 0)
  if (!Number.isInteger(position) || (position as number) < 0 || (position as number) > 10_000)
    refusals.add('position', 'invalid', 'Give a whole number from 0 to 10000')
  refusals.throwIfAny()
  return {
    name: contact.name,
    title: contact.titles,
    group,
    phone: contact.phone,
    email: contact.email,
    inDirectory: inDirectory as boolean,
    position: position as number,
  }
}

const values = (contact: Omit<DirectoryContact, 'id' | 'newsroomId' | 'releases' | 'photo'>) => ({
  name: contact.name,
  titles: JSON.stringify(contact.title),
  group_labels: JSON.stringify(contact.group),
  phone: contact.phone,
  email: contact.email,
  in_directory: contact.inDirectory ? 1 : 0,
  position: contact.position,
})

export async function listContacts(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
): Promise<DirectoryContact[]> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.draft')
  const rows = await deps.repos.contacts.ofNewsroom(newsroom.id)
  const photos = await photosOf(deps.repos, rows)
  return rows.map((row) => contactOut(row, photos))
}

/** A contact of a newsroom the actor works in (404 for any other). */
async function contactOf(deps: Deps, actor: Actor, id: number, permission: 'read' | 'write') {
  const row = await deps.repos.contacts.findById(id)
  if (!row) throw new NotFoundError(`No contact ${id}`)
  authorize(actor, permission === 'read' ? 'release.draft' : 'release.publish', row.newsroom_id)
  const newsroom = await getNewsroom(deps.repos, row.newsroom_id)
  return { row, newsroom }
}

export async function getContact(deps: Deps, actor: Actor, id: number): Promise<DirectoryContact> {
  const { row } = await contactOf(deps, actor, id, 'read')
  const [releases, photos] = await Promise.all([
    deps.repos.contacts.releaseCount(id),
    photosOf(deps.repos, [row]),
  ])
  return { ...contactOut(row, photos), releases }
}
export async function setContactPhoto(
  deps: Deps & Pick<ContentDeps, 'files' | 'images'>,
  actor: Actor,
  id: number,
  input: { filename: string; bytes: Uint8Array },
): Promise<DirectoryContact> {
  const found = await contactOf(deps, actor, id, 'write')
  const stored = await storeUpload(deps, input, {
    field: 'photo',
    accept: ['image'],
    maxBytes: MAX_PHOTO_BYTES,
  })
  try {
    await replacePhoto(deps, actor, found, stored)
  } catch (error) {
    await discardStored(deps, stored)
    throw error
  }
  return getContact(deps, actor, id)
}

export async function removeContactPhoto(
  deps: Deps & Pick<ContentDeps, 'files'>,
  actor: Actor,
  id: number,
): Promise<DirectoryContact> {
  const found = await contactOf(deps, actor, id, 'write')
  if (found.row.photo_id !== null) await replacePhoto(deps, actor, found, null)
  return getContact(deps, actor, id)
}

/** Puts a stored photo in place of the contact's own (or none), then removes the old files. */
async function replacePhoto(
  deps: Deps & Pick<ContentDeps, 'files'>,
  actor: Actor,
  { row, newsroom }: Awaited<ReturnType<typeof contactOf>>,
  stored: StoredFile | null,
) {
  const oldKeys = row.photo_id === null ? [] : await deps.repos.media.storageKeys([row.photo_id])
  await writeContentChange(
    deps,
    actor,
    {
      action: 'contact.update',
      subject: `contact:${row.id}`,
      details: { newsroom: newsroom.slug, photo: stored?.filename ?? null },
    },
    async (tx, now) => {
      const photoId = stored
        ? await registerStored(tx, stored, {
            newsroomId: newsroom.id,
            releaseId: null,
            inBank: false,
            caption: {},
            alt: {},
            credit: null,
            licence: null,
            now,
          })
        : null
      const replaced = await tx.contacts.setPhoto(row.id, photoId)
      if (replaced !== null) await tx.media.remove(replaced)
    },
    { visible: row.in_directory === 1 },
  )
  await removeFiles(deps, oldKeys)
}

async function removeFiles(deps: Pick<ContentDeps, 'files'>, keys: string[]) {
  for (const key of keys) await deps.files.remove(key)
}

export async function createContact(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  input: DirectoryContactInput,
): Promise<DirectoryContact> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const contact = cleanInput(input, newsroom)
  const id = await writeContentChange<number>(
    deps,
    actor,
    (id) => ({
      action: 'contact.create',
      subject: `contact:${id}`,
      details: { newsroom: newsroom.slug, inDirectory: contact.inDirectory },
    }),
    (tx, now) => tx.contacts.insert(newsroom.id, values(contact), now),
    { visible: contact.inDirectory },
  )
  return getContact(deps, actor, id)
}

export async function updateContact(
  deps: Deps,
  actor: Actor,
  id: number,
  input: DirectoryContactInput,
): Promise<DirectoryContact> {
  const { row, newsroom } = await contactOf(deps, actor, id, 'write')
  const current = contactOut(row)
  const contact = cleanInput(input, newsroom, current)
  if (JSON.stringify(values(contact)) === JSON.stringify(values(current)))
    return getContact(deps, actor, id)
  await writeContentChange(
    deps,
    actor,
    { action: 'contact.update', subject: `contact:${id}`, details: { newsroom: newsroom.slug } },
    (tx) => tx.contacts.update(id, values(contact)),
  )
  return getContact(deps, actor, id)
}

/** Deletes a contact no release names; one that releases name can only leave the directory. */
export async function deleteContact(
  deps: Deps & Pick<ContentDeps, 'files'>,
  actor: Actor,
  id: number,
): Promise<void> {
  const { row, newsroom } = await contactOf(deps, actor, id, 'write')
  const photoKeys = row.photo_id === null ? [] : await deps.repos.media.storageKeys([row.photo_id])
  await writeContentChange(
    deps,
    actor,
    { action: 'contact.delete', subject: `contact:${id}`, details: { newsroom: newsroom.slug } },
    async (tx) => {
      if ((await tx.contacts.releaseCount(id)) > 0)
        throw new ConflictError(
          'Releases name this contact; take them out of the directory instead ("inDirectory": false)',
        )
      await tx.contacts.delete(id)
      if (row.photo_id !== null) await tx.media.remove(row.photo_id)
    },
  )
  await removeFiles(deps, photoKeys)
}

/** A contact on the public page, in one language. */
export interface PublicContact {
  name: string
  title: string
  phone: string | null
  /** `tel:` address: digits and a leading +, no spaces. */
  phoneHref: string | null
  email: string | null
  /** A portrait in web sizes, or null. */
  photo: MediaView | null
}

/** The public directory in `lang`: groups in the order of their first contact. */
export async function publicDirectory(
  repos: Pick<Repositories, 'contacts' | 'media'>,
  newsroom: Pick<NewsroomView, 'id' | 'languages'>,
  lang: Lang,
): Promise<{ group: string; contacts: PublicContact[] }[]> {
  const groups = new Map<string, PublicContact[]>()
  const rows = await repos.contacts.directory(newsroom.id)
  const photos = await photosOf(repos, rows)
  for (const row of rows) {
    const group = labelIn(parse(row.group_labels), lang, newsroom.languages)
    const title = labelIn(parse(row.titles), lang, newsroom.languages)
    const contacts = groups.get(group) ?? []
    contacts.push({
      name: row.name,
      title,
      phone: row.phone,
      phoneHref: row.phone ? `tel:${telNumber(row.phone)}` : null,
      email: row.email,
      photo: row.photo_id === null ? null : (photos.get(row.photo_id) ?? null),
    })
    groups.set(group, contacts)
  }
  return [...groups].map(([group, contacts]) => ({ group, contacts }))
}

/** "+358 40 123 4567" → "+358401234567"; a Finnish "040 123 4567" → "+358401234567". */
export function telNumber(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '')
  if (digits.startsWith('+')) return digits
  if (digits.startsWith('00')) return `+${digits.slice(2)}`
  if (digits.startsWith('0')) return `+358${digits.slice(1)}`
  return digits
}
