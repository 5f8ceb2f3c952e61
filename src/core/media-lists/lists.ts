/**
 * Media lists: per newsroom, named lists of journalists (email, name, outlet, language,
 * optional topics) that a release can be sent to under embargo or at its publication. A
 * journalist is one contact per newsroom and address (normalised as subscribers' addresses are)
 * and can be on several lists; taken off their last list, the contact is gone.
 *
 * Lists are staff data under the newsroom's access rules: contributors read them, editors and
 * administrators change them, and every change is audited.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { MediaContactRow, MediaContactValues } from '../../db/repositories/media-lists.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { getNewsroom, getNewsroomFor } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { Refusals } from '../release/releases.js'
import { EMAIL_PROBLEM_MESSAGES, parseEmail } from '../subscription/email-address.js'
import { readImportCsv } from '../subscription/csv.js'
import type { ImportRowError } from '../subscription/csv.js'
import type { Lang } from '../types.js'
import { isLang } from '../types.js'

export const MAX_LIST_NAME = 120
export const MAX_CONTACT_TEXT = 200
export const MAX_TOPICS = 20

export interface MediaListDeps {
  repos: Repositories
  clock: Clock
}

export interface MediaListSummary {
  id: number
  newsroomId: number
  name: string
  contacts: number
}

export interface MediaContactView {
  id: number
  email: string
  name: string
  outlet: string
  language: Lang
  topics: string[]
  /** When they opted out of the newsroom's lists and embargoes (they get nothing), if they did. */
  optedOutAt: string | null
}

export interface MediaListView extends MediaListSummary {
  members: MediaContactView[]
}

export interface MediaContactInput {
  email?: unknown
  name?: unknown
  outlet?: unknown
  language?: unknown
  topics?: unknown
}

export function contactView(
  row: MediaContactRow & { opted_out_at?: string | null },
): MediaContactView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    outlet: row.outlet,
    language: row.lang,
    topics: JSON.parse(row.topics) as string[],
    optedOutAt: row.opted_out_at ?? null,
  }
}

function cleanName(input: unknown): string {
  const refusals = new Refusals()
  const name = typeof input === 'string' ? input.trim() : ''
  if (typeof input !== 'string' || !name) refusals.add('name', 'required', 'Name the list')
  else if (name.length > MAX_LIST_NAME)
    refusals.add('name', 'too_long', `At most ${MAX_LIST_NAME} characters`)
  refusals.throwIfAny()
  return name
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/**
 * Checks one contact; problems go to `refusals` under `prefix` (e.g. "" or "contacts.3.").
 * The language defaults to the newsroom's first.
 */
export function cleanMediaContact(
  input: MediaContactInput,
  newsroom: Pick<NewsroomView, 'languages'>,
  refusals: Refusals,
  prefix = '',
): MediaContactValues | undefined {
  const before = refusals.paths().length
  const email = parseEmail(input.email)
  if (!email.ok) refusals.add(`${prefix}email`, 'invalid', EMAIL_PROBLEM_MESSAGES[email.problem])
  for (const key of ['name', 'outlet'] as const) {
    const value = input[key]
    if (value !== undefined && value !== null && typeof value !== 'string')
      refusals.add(`${prefix}${key}`, 'invalid', 'Give it as text')
    else if (text(value).length > MAX_CONTACT_TEXT)
      refusals.add(`${prefix}${key}`, 'too_long', `At most ${MAX_CONTACT_TEXT} characters`)
  }
  const language =
    input.language === undefined || input.language === null || input.language === ''
      ? newsroom.languages[0]
      : input.language
  if (!isLang(language)) refusals.add(`${prefix}language`, 'unknown', 'Use fi, sv or en')
  let topics: string[] = []
  if (input.topics !== undefined && input.topics !== null) {
    const list =
      typeof input.topics === 'string'
        ? input.topics.split(/[,;]/)
        : Array.isArray(input.topics)
          ? input.topics
          : undefined
    if (!list || list.some((t) => typeof t !== 'string'))
      refusals.add(`${prefix}topics`, 'invalid', 'Give the topics as a list of words')
    else {
      topics = [...new Set(list.map((t) => (t as string).trim()).filter(Boolean))]
      if (topics.length > MAX_TOPICS || topics.some((t) => t.length > 60))
        refusals.add(`${prefix}topics`, 'too_long', `At most ${MAX_TOPICS} topics of 60 characters`)
    }
  }
  if (refusals.paths().length > before || !email.ok || !isLang(language)) return undefined
  return {
    email: email.value.address,
    email_normalized: email.value.normalized,
    name: text(input.name),
    outlet: text(input.outlet),
    lang: language,
    topics: JSON.stringify(topics),
  }
}

/**
 * The media lists an input names (`mediaLists: [id]`), all of the newsroom's; problems go to
 * `refusals`. A list of another newsroom is refused like an unknown one: ids reveal nothing.
 */
export async function resolveMediaLists(
  repos: Pick<Repositories, 'mediaLists'>,
  newsroomId: number,
  input: unknown,
  refusals: Refusals,
): Promise<number[]> {
  if (input === undefined || input === null) return []
  if (!Array.isArray(input)) {
    refusals.add('mediaLists', 'invalid', 'Give the media lists as a list of ids')
    return []
  }
  const ids: number[] = []
  for (const [i, id] of input.entries()) {
    if (!Number.isSafeInteger(id) || (id as number) < 1)
      refusals.add(`mediaLists.${i}`, 'invalid', 'Give a media list id')
    else ids.push(id as number)
  }
  const lists = await repos.mediaLists.findByIds([...new Set(ids)])
  for (const [i, id] of input.entries()) {
    if (!ids.includes(id as number)) continue
    const list = lists.find((l) => l.id === id)
    if (!list || list.newsroom_id !== newsroomId)
      refusals.add(`mediaLists.${i}`, 'unknown', `The newsroom has no media list ${id}`)
  }
  return [...new Set(ids)]
}

/** A list of a newsroom the actor works in (404 for any other). */
async function listOf(deps: MediaListDeps, actor: Actor, id: number, write: boolean) {
  const list = await deps.repos.mediaLists.findById(id)
  if (!list) throw new NotFoundError(`No media list ${id}`)
  authorize(actor, write ? 'release.publish' : 'release.draft', list.newsroom_id)
  return list
}

export async function listMediaLists(
  deps: MediaListDeps,
  actor: Actor,
  newsroomSlug: string | number,
): Promise<MediaListSummary[]> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.draft')
  const rows = await deps.repos.mediaLists.ofNewsroom(newsroom.id)
  return rows.map((row) => ({
    id: row.id,
    newsroomId: row.newsroom_id,
    name: row.name,
    contacts: row.contacts,
  }))
}

export async function getMediaList(
  deps: MediaListDeps,
  actor: Actor,
  id: number,
): Promise<MediaListView> {
  const list = await listOf(deps, actor, id, false)
  const members = await deps.repos.mediaLists.membersOf(id)
  return {
    id: list.id,
    newsroomId: list.newsroom_id,
    name: list.name,
    contacts: members.length,
    members: members.map(contactView),
  }
}

export async function createMediaList(
  deps: MediaListDeps,
  actor: Actor,
  newsroomSlug: string | number,
  input: { name?: unknown },
): Promise<MediaListSummary> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const name = cleanName(input.name)
  const now = deps.clock.now()
  const id = await deps.repos.transaction(async (tx) => {
    if (await tx.mediaLists.nameTaken(newsroom.id, name))
      throw new ConflictError('The newsroom has a list of that name', {
        name: 'The newsroom has a list of that name',
      })
    const id = await tx.mediaLists.insert(newsroom.id, name, now)
    await recordAudit(tx, actor, now, {
      action: 'media-list.create',
      subject: `media-list:${id}`,
      details: { newsroom: newsroom.slug, name },
    })
    return id
  })
  return { id, newsroomId: newsroom.id, name, contacts: 0 }
}

export async function renameMediaList(
  deps: MediaListDeps,
  actor: Actor,
  id: number,
  input: { name?: unknown },
): Promise<MediaListView> {
  const list = await listOf(deps, actor, id, true)
  const name = cleanName(input.name)
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    if (await tx.mediaLists.nameTaken(list.newsroom_id, name, id))
      throw new ConflictError('The newsroom has a list of that name', {
        name: 'The newsroom has a list of that name',
      })
    await tx.mediaLists.rename(id, name, now)
    await recordAudit(tx, actor, now, {
      action: 'media-list.update',
      subject: `media-list:${id}`,
      details: { name },
    })
  })
  return getMediaList(deps, actor, id)
}

export async function deleteMediaList(deps: MediaListDeps, actor: Actor, id: number) {
  const list = await listOf(deps, actor, id, true)
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    await tx.mediaLists.delete(id)
    await tx.mediaLists.deleteOrphanContacts(list.newsroom_id)
    await recordAudit(tx, actor, now, {
      action: 'media-list.delete',
      subject: `media-list:${id}`,
      details: { name: list.name },
    })
  })
}

/** Adds a journalist to a list (or updates the one with that address and puts them on it). */
export async function addMediaContact(
  deps: MediaListDeps,
  actor: Actor,
  listId: number,
  input: MediaContactInput,
): Promise<MediaContactView> {
  const list = await listOf(deps, actor, listId, true)
  const newsroom = await getNewsroom(deps.repos, list.newsroom_id)
  const refusals = new Refusals()
  const values = cleanMediaContact(input, newsroom, refusals)
  refusals.throwIfAny()
  const now = deps.clock.now()
  const contactId = await deps.repos.transaction(async (tx) => {
    const contactId = await tx.mediaLists.upsertContact(newsroom.id, values!, now)
    await tx.mediaLists.addMembers(listId, [contactId], now)
    await recordAudit(tx, actor, now, {
      action: 'media-list.add-contact',
      subject: `media-list:${listId}`,
      details: { contact: contactId },
    })
    return contactId
  })
  const contact = (await deps.repos.mediaLists.findContact(contactId))!
  // Adding an address that opted out does not start sending again: that takes its own action.
  const optedOutAt = await deps.repos.mediaLists.optedOutAt(newsroom.id, contact.email_normalized)
  return contactView({ ...contact, opted_out_at: optedOutAt ?? null })
}

export async function removeMediaContact(
  deps: MediaListDeps,
  actor: Actor,
  listId: number,
  contactId: number,
): Promise<void> {
  await listOf(deps, actor, listId, true)
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    if (!(await tx.mediaLists.removeMember(listId, contactId)))
      throw new NotFoundError(`Contact ${contactId} is not on list ${listId}`)
    await recordAudit(tx, actor, now, {
      action: 'media-list.remove-contact',
      subject: `media-list:${listId}`,
      details: { contact: contactId },
    })
  })
}

export interface MediaListImportReport {
  rows: number
  /** Contacts put on the list (new to it). */
  added: number
  errors: ImportRowError[]
  imported: boolean
}

/**
 * CSV import into a list, with the subscriber import's rules: a header row naming the columns
 * (email, name, outlet, language, topics), at most MAX_IMPORT_ROWS rows and MAX_IMPORT_BYTES,
 * all or nothing — any invalid row and nothing is written; the report lists every problem.
 */
export async function importMediaListCsv(
  deps: MediaListDeps,
  actor: Actor,
  listId: number,
  csv: string | Uint8Array,
): Promise<MediaListImportReport> {
  const list = await listOf(deps, actor, listId, true)
  const newsroom = await getNewsroom(deps.repos, list.newsroom_id)
  const records = readImportCsv(csv)
  const errors: ImportRowError[] = []
  const byAddress = new Map<string, MediaContactValues>()
  for (const { record, info } of records) {
    const refusals = new Refusals()
    const values = cleanMediaContact(record, newsroom, refusals)
    for (const [field, message] of Object.entries(refusals.fields))
      errors.push({ line: info.lines, field, message, code: `${field}.${refusals.codes[field]}` })
    if (values) byAddress.set(values.email_normalized, values)
  }
  if (errors.length > 0) return { rows: records.length, added: 0, errors, imported: false }
  const now = deps.clock.now()
  const before = (await deps.repos.mediaLists.membersOf(listId)).length
  const after = await deps.repos.transaction(async (tx) => {
    const ids: number[] = []
    for (const values of byAddress.values())
      ids.push(await tx.mediaLists.upsertContact(newsroom.id, values, now))
    await tx.mediaLists.addMembers(listId, ids, now)
    await recordAudit(tx, actor, now, {
      action: 'media-list.import',
      subject: `media-list:${listId}`,
      details: { rows: records.length },
    })
    return (await tx.mediaLists.membersOf(listId)).length
  })
  return { rows: records.length, added: after - before, errors: [], imported: true }
}
