/**
 * A newsroom's media bank (`/{lang}/{newsroom}/media`): photos, videos and video links that
 * journalists may download and use, each with a caption and alternative text per language, a
 * credit and a licence note. Staff put items there directly; the images and videos of published
 * releases are there too, with a link to their release.
 *
 * Contributors read the bank; editors and administrators change it; every change is audited and
 * announced to the page caches.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { NotFoundError } from '../errors.js'
import { labelIn } from '../keywords/terms.js'
import { getNewsroom, getNewsroomFor } from '../newsroom/newsrooms.js'
import type { NewsroomView, PerLang } from '../newsroom/newsrooms.js'
import type { ContentDeps } from '../release/ports.js'
import { Refusals } from '../release/releases.js'
import { releasePath } from '../release/views.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { BankRow } from '../../db/repositories/media.js'
import type { Lang } from '../types.js'
import { isLang } from '../types.js'
import { discardStored, registerStored, storeUpload } from './store.js'
import { writeContentChange } from '../content-change.js'
import { mediaView } from './views.js'
import type { MediaView } from './views.js'

export const MAX_CAPTION_LENGTH = 500
export const MAX_CREDIT_LENGTH = 200
export const MAX_LICENCE_LENGTH = 300
/** Items on one page of the public bank. */
export const BANK_PAGE_SIZE = 48

export interface BankItem extends MediaView {
  /** Put in the bank directly (true) or there as an image of a release (false). */
  inBank: boolean
  /** The release the item came with: its title and page per language. */
  release: { id: number; versions: Partial<Record<Lang, { title: string; path: string }>> } | null
}

export interface BankDescriptionInput {
  caption?: unknown
  alt?: unknown
  credit?: unknown
  licence?: unknown
}

type Deps = Pick<ContentDeps, 'repos' | 'clock' | 'announceContentChange' | 'files' | 'images'>

interface CleanDescription {
  caption: PerLang
  alt: PerLang
  credit: string | null
  licence: string | null
}

function cleanPerLang(
  name: 'caption' | 'alt',
  value: unknown,
  newsroom: NewsroomView,
  refusals: Refusals,
): PerLang {
  const out: PerLang = {}
  if (value === undefined || value === null) return out
  if (typeof value !== 'object' || Array.isArray(value)) {
    refusals.add(name, 'invalid', `Give the ${name} per language, e.g. {"fi": "…", "sv": "…"}`)
    return out
  }
  for (const [lang, text] of Object.entries(value as Record<string, unknown>)) {
    const path = `${name}.${lang}`
    if (!isLang(lang) || !newsroom.languages.includes(lang))
      refusals.add(path, 'unknown', `The newsroom does not publish in "${lang}"`)
    else if (text !== null && typeof text !== 'string')
      refusals.add(path, 'invalid', 'Give the text as a string')
    else if (typeof text === 'string' && text.trim().length > MAX_CAPTION_LENGTH)
      refusals.add(path, 'too_long', `Write at most ${MAX_CAPTION_LENGTH} characters`)
    else if (typeof text === 'string' && text.trim()) out[lang] = text.trim()
  }
  return out
}

function cleanText(
  name: 'credit' | 'licence',
  value: unknown,
  max: number,
  refusals: Refusals,
): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') {
    refusals.add(name, 'invalid', 'Give the text as a string')
    return null
  }
  const text = value.trim()
  // eslint-disable-next-line no-control-regex -- control characters are refused, not stored
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text))
    refusals.add(name, 'invalid', 'Remove the control characters')
  else if (text.length > max) refusals.add(name, 'too_long', `Write at most ${max} characters`)
  return text || null
}

function cleanDescription(
  input: BankDescriptionInput,
  newsroom: NewsroomView,
  refusals: Refusals,
  base?: CleanDescription,
): CleanDescription {
  // Texts per language merge into what the change leaves out; null or "" removes one.
  const merged = (key: 'caption' | 'alt') => {
    const value = input[key]
    if (value === undefined) return base?.[key]
    if (!base || !value || typeof value !== 'object' || Array.isArray(value)) return value
    const out: Record<string, unknown> = { ...base[key] }
    for (const [lang, text] of Object.entries(value as Record<string, unknown>))
      if (text === null || text === '') delete out[lang]
      else out[lang] = text
    return out
  }
  return {
    caption: cleanPerLang('caption', merged('caption'), newsroom, refusals),
    alt: cleanPerLang('alt', merged('alt'), newsroom, refusals),
    credit:
      input.credit === undefined
        ? (base?.credit ?? null)
        : cleanText('credit', input.credit, MAX_CREDIT_LENGTH, refusals),
    licence:
      input.licence === undefined
        ? (base?.licence ?? null)
        : cleanText('licence', input.licence, MAX_LICENCE_LENGTH, refusals),
  }
}

/**
 * A YouTube or Vimeo address in its canonical form, or undefined for anything else. Only these
 * two are accepted: the page links to them, and a link to an unknown site could lead anywhere.
 */
export function videoLink(
  value: string,
): { url: string; provider: 'YouTube' | 'Vimeo' } | undefined {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  const host = url.hostname.replace(/^(www\.|m\.)/, '')
  const id = /^[\w-]{6,20}$/
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const v =
      url.searchParams.get('v') ?? url.pathname.match(/^\/(?:shorts|embed|live)\/([^/]+)/)?.[1]
    if (v && id.test(v)) return { url: `https://www.youtube.com/watch?v=${v}`, provider: 'YouTube' }
  }
  if (host === 'youtu.be') {
    const v = url.pathname.slice(1)
    if (id.test(v)) return { url: `https://www.youtube.com/watch?v=${v}`, provider: 'YouTube' }
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const v = url.pathname.match(/(?:^|\/)(\d{5,12})(?:\/|$)/)?.[1]
    if (v) return { url: `https://vimeo.com/${v}`, provider: 'Vimeo' }
  }
  return undefined
}

async function bankItems(
  repos: Pick<Repositories, 'media' | 'newsrooms'>,
  newsroom: NewsroomView,
  rows: BankRow[],
): Promise<BankItem[]> {
  const [renditions, titles] = await Promise.all([
    repos.media.renditionsOf(rows.map((r) => r.id)),
    repos.media.releaseTitles([
      ...new Set(rows.flatMap((r) => (r.release_id === null ? [] : [r.release_id]))),
    ]),
  ])
  return rows.map((row) => {
    const versions: NonNullable<BankItem['release']>['versions'] = {}
    for (const t of titles)
      if (t.release_id === row.release_id)
        versions[t.lang] = { title: t.title, path: releasePath(t.lang, newsroom.slug, t.slug) }
    return {
      ...mediaView(row, renditions),
      inBank: row.in_bank === 1,
      release: row.release_id === null ? null : { id: row.release_id, versions },
    }
  })
}

/** The public bank of a newsroom: its items and the media of its published releases. */
export async function publicMediaBank(
  repos: Pick<Repositories, 'media' | 'newsrooms'>,
  newsroom: NewsroomView,
  page = 1,
): Promise<{ items: BankItem[]; hasMore: boolean }> {
  const rows = await repos.media.bank(newsroom.id, {
    publicOnly: true,
    limit: BANK_PAGE_SIZE + 1,
    offset: (page - 1) * BANK_PAGE_SIZE,
  })
  return {
    items: await bankItems(repos, newsroom, rows.slice(0, BANK_PAGE_SIZE)),
    hasMore: rows.length > BANK_PAGE_SIZE,
  }
}

/** The bank as staff see it: also the images of drafts and scheduled releases. */
export async function staffMediaBank(
  deps: Pick<Deps, 'repos'>,
  actor: Actor,
  newsroomSlug: string | number,
): Promise<{ newsroom: NewsroomView; items: BankItem[] }> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.draft')
  const rows = await deps.repos.media.bank(newsroom.id, {
    publicOnly: false,
    limit: 500,
    offset: 0,
  })
  return { newsroom, items: await bankItems(deps.repos, newsroom, rows) }
}

/** One item of a newsroom the actor works in (404 for any other). */
async function itemOf(deps: Pick<Deps, 'repos'>, actor: Actor, id: number, write: boolean) {
  const row = await deps.repos.media.findById(id)
  if (!row || row.newsroom_id === null || (row.release_id === null && row.in_bank !== 1))
    throw new NotFoundError(`No media item ${id}`)
  authorize(actor, write ? 'release.publish' : 'release.draft', row.newsroom_id)
  const newsroom = await getNewsroom(deps.repos, row.newsroom_id)
  return { row, newsroom }
}

export async function getBankItem(
  deps: Pick<Deps, 'repos'>,
  actor: Actor,
  id: number,
): Promise<BankItem> {
  const { row, newsroom } = await itemOf(deps, actor, id, false)
  const [item] = await bankItems(deps.repos, newsroom, [{ ...row, release_status: null }])
  return item!
}

/** Adds an uploaded image, video or document to the bank. */
export async function addBankFile(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  input: BankDescriptionInput & { filename: string; bytes: Uint8Array },
): Promise<BankItem> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const refusals = new Refusals()
  const description = cleanDescription(input, newsroom, refusals)
  refusals.throwIfAny()
  const stored = await storeUpload(deps, input)
  const now = deps.clock.now()
  let id: number
  try {
    id = await deps.repos.transaction(async (tx) => {
      const attachmentId = await registerStored(tx, stored, {
        newsroomId: newsroom.id,
        releaseId: null,
        inBank: true,
        caption: description.caption,
        alt: description.alt,
        credit: description.credit,
        licence: description.licence,
        now,
      })
      await tx.settings.bumpContentVersion()
      await recordAudit(tx, actor, now, {
        action: 'media.add',
        subject: `media:${attachmentId}`,
        details: {
          newsroom: newsroom.slug,
          filename: stored.filename,
          type: stored.mimeType,
          size: stored.size,
        },
      })
      return attachmentId
    })
  } catch (error) {
    await discardStored(deps, stored)
    throw error
  }
  await deps.announceContentChange()
  return getBankItem(deps, actor, id)
}

/** Adds a YouTube or Vimeo video to the bank as a link (nothing of theirs runs on our pages). */
export async function addBankLink(
  deps: Deps,
  actor: Actor,
  newsroomSlug: string | number,
  input: BankDescriptionInput & { url?: unknown },
): Promise<BankItem> {
  const newsroom = await getNewsroomFor(deps.repos, actor, newsroomSlug, 'release.publish')
  const refusals = new Refusals()
  const link = typeof input.url === 'string' ? videoLink(input.url) : undefined
  if (!link)
    refusals.add(
      'url',
      input.url ? 'invalid' : 'required',
      'Give the address of a YouTube or Vimeo video, e.g. https://www.youtube.com/watch?v=…',
    )
  const description = cleanDescription(input, newsroom, refusals)
  refusals.throwIfAny()
  const id = await writeContentChange<number>(
    deps,
    actor,
    (id) => ({
      action: 'media.add',
      subject: `media:${id}`,
      details: { newsroom: newsroom.slug, url: link!.url },
    }),
    async (tx, now) => {
      const row = await tx.media.insert({
        newsroomId: newsroom.id,
        releaseId: null,
        inBank: true,
        kind: 'link',
        filename: `${link!.provider}`,
        // No file is stored for a link; the key only keeps the register's keys unique.
        storageKey: `link-${randomBytes(16).toString('hex')}`,
        mimeType: 'text/uri-list',
        size: 0,
        sha256: createHash('sha256').update(link!.url).digest('hex'),
        width: null,
        height: null,
        caption: JSON.stringify(description.caption),
        altText: JSON.stringify(description.alt),
        credit: description.credit,
        licence: description.licence,
        externalUrl: link!.url,
        now,
      })
      return row.id
    },
  )
  return getBankItem(deps, actor, id)
}

/** Changes the caption, alternative text, credit or licence of an item (or a release image). */
export async function updateBankItem(
  deps: Deps,
  actor: Actor,
  id: number,
  input: BankDescriptionInput,
): Promise<BankItem> {
  const { row, newsroom } = await itemOf(deps, actor, id, true)
  const current = mediaView(row, [])
  const refusals = new Refusals()
  const description = cleanDescription(input, newsroom, refusals, current)
  refusals.throwIfAny()
  const values = {
    caption: JSON.stringify(description.caption),
    altText: JSON.stringify(description.alt),
    credit: description.credit,
    licence: description.licence,
  }
  const unchanged =
    values.caption === row.caption &&
    values.altText === row.alt_text &&
    values.credit === row.credit &&
    values.licence === row.licence
  if (unchanged) return getBankItem(deps, actor, id)
  await writeContentChange(
    deps,
    actor,
    { action: 'media.update', subject: `media:${id}`, details: { newsroom: newsroom.slug } },
    (tx) => tx.media.updateDescription(id, values),
  )
  return getBankItem(deps, actor, id)
}

/** Removes an item put in the bank directly; a release's images leave with the release. */
export async function removeBankItem(deps: Deps, actor: Actor, id: number): Promise<void> {
  const { row, newsroom } = await itemOf(deps, actor, id, true)
  if (row.in_bank !== 1)
    throw new NotFoundError(
      `Media item ${id} is an attachment of release ${row.release_id}: remove it from the release`,
    )
  const keys = await deps.repos.media.storageKeys([id])
  await writeContentChange(
    deps,
    actor,
    {
      action: 'media.remove',
      subject: `media:${id}`,
      details: { newsroom: newsroom.slug, filename: row.filename },
    },
    (tx) => tx.media.remove(id),
  )
  for (const key of keys) await deps.files.remove(key)
}

/** A bank item's texts in one language, falling back through the newsroom's languages. */
export function describeIn(item: MediaView, lang: Lang, languages: readonly Lang[]) {
  const caption = labelIn(item.caption, lang, languages)
  const alt = labelIn(item.alt, lang, languages) || caption
  return { caption, alt }
}

/**
 * A media file for staff (drafts' images included): the smallest web size when `preview`, else
 * the original. 404 for links, other newsrooms' media and files the store has lost.
 */
export async function readMediaFile(
  deps: Pick<Deps, 'repos' | 'files'>,
  actor: Actor,
  id: number,
  options: { preview: boolean },
): Promise<{ bytes: Uint8Array; mimeType: string; filename: string; kind: MediaView['kind'] }> {
  const row = await deps.repos.media.findById(id)
  if (!row || row.newsroom_id === null || row.kind === 'link')
    throw new NotFoundError(`No media item ${id}`)
  authorize(actor, 'release.draft', row.newsroom_id)
  const [smallest] = options.preview ? await deps.repos.media.renditionsOf([id]) : []
  const bytes = await deps.files.read(smallest?.storage_key ?? row.storage_key)
  if (!bytes) throw new NotFoundError(`The file of media item ${id} is missing`)
  return {
    bytes,
    mimeType: smallest?.mime_type ?? row.mime_type,
    filename: row.filename,
    kind: row.kind,
  }
}
