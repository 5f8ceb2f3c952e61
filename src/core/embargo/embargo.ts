/**
 * Embargo: a release put in journalists' hands before it is public. Sending under embargo
 * schedules the release for `until` (the same publish job and sweep as any scheduled release)
 * and, in the same transaction, records each recipient — from media lists and single addresses,
 * each address once — with a personal link, and one email per recipient in the outbox. The
 * link shows the release with a banner until `until`; after it, the link leads (308) to the
 * public page. Revoking a recipient or the whole embargo kills the links (404); moving `until`
 * reschedules the release, and moving it earlier must be confirmed.
 */
import type { Actor } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { EmbargoRecipientRow, NewRecipient } from '../../db/repositories/embargoes.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { getNewsroom } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { OUTBOX_KINDS, addOutboxRow } from '../outbox.js'
import type { ContentDeps } from '../release/ports.js'
import { MAX_SCHEDULE_AHEAD_MS, writePublication } from '../release/publishing.js'
import { Refusals, getReleaseFor, refuse } from '../release/releases.js'
import { loadReleaseViews } from '../release/views.js'
import type { ReleaseView } from '../release/views.js'
import { servedFile } from '../release/read-model.js'
import { resolveMediaLists } from '../media-lists/lists.js'
import { EMBARGO_EMAIL_TEMPLATE } from './email.js'
import { embargoTokenHash, isEmbargoTokenFormat, issueEmbargoLink, tokenMatches } from './links.js'
import { parseEmail, EMAIL_PROBLEM_MESSAGES } from '../subscription/email-address.js'
import type { Lang } from '../types.js'

export interface EmbargoDeps extends ContentDeps {
  /** Keys the personal links' tokens. */
  secretKey: string
}

/** Recipients of one embargo at most: a bigger list is a distribution, not an embargo. */
export const MAX_EMBARGO_RECIPIENTS = 5000
/** An embargo shorter than this cannot reach anyone before it ends. */
export const MIN_EMBARGO_MS = 5_000

export interface EmbargoInput {
  until?: unknown
  mediaLists?: unknown
  contacts?: unknown
  note?: unknown
}

export interface EmbargoRecipientView {
  email: string
  name: string
  outlet: string
  language: Lang
  sentAt: string | null
  openedAt: string | null
  lastOpenedAt: string | null
  opens: number
  revokedAt: string | null
}

export interface EmbargoView {
  releaseId: number
  until: string
  note: string | null
  revokedAt: string | null
  recipients: EmbargoRecipientView[]
}

function recipientView(row: EmbargoRecipientRow): EmbargoRecipientView {
  return {
    email: row.email,
    name: row.name,
    outlet: row.outlet,
    language: row.lang,
    sentAt: row.sent_at,
    openedAt: row.first_opened_at,
    lastOpenedAt: row.last_opened_at,
    opens: row.opens,
    revokedAt: row.revoked_at,
  }
}

function parseUntil(value: unknown, now: Date): Date {
  if (typeof value !== 'string' || !value.trim())
    refuse('until', 'required', 'Give the end of the embargo as ISO 8601')
  const until = new Date(value)
  if (Number.isNaN(until.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value))
    refuse('until', 'invalid', 'Give the end of the embargo as ISO 8601, e.g. 2026-05-04T09:00:00Z')
  if (until.getTime() < now.getTime() + MIN_EMBARGO_MS)
    refuse('until', 'in_past', 'The end of an embargo must be in the future')
  if (until.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS)
    refuse('until', 'too_far_ahead', 'An embargo ends at most five years ahead')
  return until
}

/** The release of an embargo, for the actor; 404 outside their newsrooms. */
async function releaseFor(deps: EmbargoDeps, actor: Actor, id: number, write: boolean) {
  const release = await getReleaseFor(
    deps.repos,
    actor,
    id,
    write ? 'release.publish' : 'release.draft',
  )
  return release
}

/** The recipients an input names: list members and single addresses, each address once. */
async function plannedRecipients(
  deps: EmbargoDeps,
  newsroom: NewsroomView,
  input: EmbargoInput,
  refusals: Refusals,
): Promise<Omit<NewRecipient, 'token_hash' | 'token_salt'>[]> {
  const listIds = await resolveMediaLists(deps.repos, newsroom.id, input.mediaLists, refusals)
  const addresses: { address: string; normalized: string }[] = []
  if (input.contacts !== undefined && !Array.isArray(input.contacts))
    refusals.add('contacts', 'invalid', 'Give the addresses as a list')
  else
    for (const [i, value] of ((input.contacts as unknown[]) ?? []).entries()) {
      const parsed = parseEmail(value)
      if (!parsed.ok)
        refusals.add(`contacts.${i}`, 'invalid', EMAIL_PROBLEM_MESSAGES[parsed.problem])
      else addresses.push(parsed.value)
    }
  if (refusals.has()) return []

  const byAddress = new Map<string, Omit<NewRecipient, 'token_hash' | 'token_salt'>>()
  for (const member of await deps.repos.mediaLists.membersOfAny(listIds))
    byAddress.set(member.email_normalized, {
      contact_id: member.id,
      email: member.email,
      email_normalized: member.email_normalized,
      name: member.name,
      outlet: member.outlet,
      lang: member.lang,
    })
  const known = await deps.repos.mediaLists.contactsByAddress(
    newsroom.id,
    addresses.map((a) => a.normalized).filter((a) => !byAddress.has(a)),
  )
  // Journalists who opted out of the newsroom's lists get no embargo either (list members who
  // did are left out by membersOfAny already).
  const optedOut = await deps.repos.mediaLists.optedOutAmong(
    newsroom.id,
    addresses.map((a) => a.normalized),
  )
  for (const address of addresses) {
    if (byAddress.has(address.normalized) || optedOut.has(address.normalized)) continue
    const contact = known.find((c) => c.email_normalized === address.normalized)
    byAddress.set(address.normalized, {
      contact_id: contact?.id ?? null,
      email: contact?.email ?? address.address,
      email_normalized: address.normalized,
      name: contact?.name ?? '',
      outlet: contact?.outlet ?? '',
      lang: contact?.lang ?? newsroom.languages[0],
    })
  }
  return [...byAddress.values()]
}

function cleanNote(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') refuse('note', 'invalid', 'Give the note as text')
  if (value.trim().length > 2000) refuse('note', 'too_long', 'Keep the note within 2000 characters')
  return value.trim() || null
}

/** Checks an embargo's input and plans its recipients; writes nothing. */
async function planEmbargo(deps: EmbargoDeps, actor: Actor, id: number, input: EmbargoInput) {
  const release = await releaseFor(deps, actor, id, true)
  if (release.status !== 'draft' && release.status !== 'scheduled')
    throw new ConflictError('Only a release that is not public yet can be sent under embargo')
  const now = deps.clock.now()
  const until = parseUntil(input.until, now)
  const note = cleanNote(input.note)
  const newsroom = await getNewsroom(deps.repos, release.newsroom_id)
  const refusals = new Refusals()
  const planned = await plannedRecipients(deps, newsroom, input, refusals)
  refusals.throwIfAny()
  if (planned.length === 0)
    refuse('mediaLists', 'required', 'Name at least one media list with members or one address')
  if (planned.length > MAX_EMBARGO_RECIPIENTS)
    refuse('mediaLists', 'too_long', `At most ${MAX_EMBARGO_RECIPIENTS} recipients per embargo`)
  return { now, until, note, planned }
}

/** What sending under embargo would do (the confirmation step): the end and how many get it. */
export async function previewEmbargo(
  deps: EmbargoDeps,
  actor: Actor,
  id: number,
  input: EmbargoInput,
): Promise<{ until: string; recipients: number }> {
  const { until, planned } = await planEmbargo(deps, actor, id, input)
  return { until: until.toISOString(), recipients: planned.length }
}

/**
 * Sends a draft or scheduled release under embargo (or adds recipients to its embargo): the
 * release is scheduled for `until`, and each new recipient gets an email with a personal link.
 */
export async function sendUnderEmbargo(
  deps: EmbargoDeps,
  actor: Actor,
  id: number,
  input: EmbargoInput,
): Promise<EmbargoView> {
  const { now, until, note, planned } = await planEmbargo(deps, actor, id, input)
  const { outboxIds, oldRows } = await deps.repos.transaction(async (tx) => {
    const { outboxId, oldRows } = await writePublication(tx, deps, id, {
      immediate: false,
      publishAt: until,
      now,
    })
    await tx.embargoes.upsert(id, until, note, now)
    const recipientIds = await tx.embargoes.addRecipients(
      id,
      planned.map((r) => ({ ...r, ...issueEmbargoLink(deps.secretKey, id) })),
      now,
    )
    const outboxIds = [outboxId]
    for (const recipientId of recipientIds)
      outboxIds.push(
        await addOutboxRow(tx, deps.clock, {
          kind: OUTBOX_KINDS.email,
          payload: { template: EMBARGO_EMAIL_TEMPLATE, recipientId },
        }),
      )
    await recordAudit(tx, actor, now, {
      action: 'release.embargo',
      subject: `release:${id}`,
      details: { until: until.toISOString(), recipients: recipientIds.length },
    })
    return { outboxIds, oldRows }
  })
  await deps.cancelPublishJobs(oldRows)
  await deps.dispatch(outboxIds)
  return getEmbargo(deps, actor, id)
}

export async function getEmbargo(
  deps: EmbargoDeps,
  actor: Actor,
  id: number,
): Promise<EmbargoView> {
  await releaseFor(deps, actor, id, false)
  const embargo = await deps.repos.embargoes.find(id)
  if (!embargo) throw new NotFoundError(`Release ${id} has not been sent under embargo`)
  const recipients = await deps.repos.embargoes.recipients(id)
  return {
    releaseId: id,
    until: embargo.until,
    note: embargo.note,
    revokedAt: embargo.revoked_at,
    recipients: recipients.map(recipientView),
  }
}

/** Revokes one recipient's link (`email`) or, without one, the whole embargo. */
export async function revokeEmbargo(
  deps: EmbargoDeps,
  actor: Actor,
  id: number,
  input: { email?: unknown } = {},
): Promise<EmbargoView> {
  await releaseFor(deps, actor, id, true)
  const embargo = await deps.repos.embargoes.find(id)
  if (!embargo) throw new NotFoundError(`Release ${id} has not been sent under embargo`)
  const now = deps.clock.now()
  let email: string | undefined
  if (input.email !== undefined) {
    const parsed = parseEmail(input.email)
    if (!parsed.ok) refuse('email', 'invalid', EMAIL_PROBLEM_MESSAGES[parsed.problem])
    email = parsed.value.normalized
  }
  await deps.repos.transaction(async (tx) => {
    if (email === undefined) await tx.embargoes.revoke(id, now)
    else if (!(await tx.embargoes.revokeRecipient(id, email, now)))
      throw new NotFoundError('No recipient of the embargo has that address')
    await recordAudit(tx, actor, now, {
      action: 'release.embargo-revoke',
      subject: `release:${id}`,
      details: email === undefined ? { all: true } : { recipient: email },
    })
  })
  return getEmbargo(deps, actor, id)
}

/** Moves the end of the embargo (and the publication with it); earlier needs `confirmEarlier`. */
export async function moveEmbargo(
  deps: EmbargoDeps,
  actor: Actor,
  id: number,
  input: { until?: unknown; confirmEarlier?: unknown },
): Promise<EmbargoView> {
  const release = await releaseFor(deps, actor, id, true)
  const embargo = await deps.repos.embargoes.find(id)
  if (!embargo || embargo.revoked_at)
    throw new NotFoundError(`Release ${id} has no embargo in force`)
  if (release.status !== 'scheduled')
    throw new ConflictError('The release is no longer scheduled: the embargo is over')
  const now = deps.clock.now()
  const until = parseUntil(input.until, now)
  if (until.toISOString() < embargo.until && input.confirmEarlier !== true)
    throw new ConflictError(
      'The new end is earlier than the one recipients were told; send "confirmEarlier": true to move it',
      { until: 'Earlier than announced: confirm with "confirmEarlier": true' },
    )
  const { outboxId, oldRows } = await deps.repos.transaction(async (tx) => {
    const written = await writePublication(tx, deps, id, {
      immediate: false,
      publishAt: until,
      now,
    })
    await tx.embargoes.moveUntil(id, until)
    await recordAudit(tx, actor, now, {
      action: 'release.embargo-move',
      subject: `release:${id}`,
      details: { from: embargo.until, until: until.toISOString() },
    })
    return written
  })
  await deps.cancelPublishJobs(oldRows)
  await deps.dispatch([outboxId])
  return getEmbargo(deps, actor, id)
}

export type PersonalLink =
  | {
      kind: 'page'
      release: ReleaseView
      newsroom: NewsroomView
      lang: Lang
      until: string
      recipientId: number
    }
  /** The embargo is over: the public page of the release in the recipient's language. */
  | { kind: 'public'; path: string }

type LinkDeps = Pick<EmbargoDeps, 'repos' | 'clock' | 'secretKey'>

/** The recipient a token belongs to, if their link works; nothing is recorded. */
async function recipientOf(deps: LinkDeps, token: string) {
  if (!isEmbargoTokenFormat(token)) return undefined
  const recipient = await deps.repos.embargoes.findByTokenHash(embargoTokenHash(token))
  if (!recipient || recipient.revoked_at || !tokenMatches(deps.secretKey, recipient, token))
    return undefined
  const embargo = await deps.repos.embargoes.find(recipient.release_id)
  if (!embargo || embargo.revoked_at) return undefined
  return recipient
}

/**
 * What a personal link shows: the release under embargo (each such open is counted), the public
 * page once it is published, or nothing (an unknown, tampered or revoked token; a release taken
 * back to draft or withdrawn).
 */
export async function openPersonalLink(
  deps: LinkDeps,
  token: string,
  requestedLang?: string,
): Promise<PersonalLink | undefined> {
  const recipient = await recipientOf(deps, token)
  if (!recipient) return undefined
  const row = await deps.repos.releases.findById(recipient.release_id)
  if (!row || (row.status !== 'scheduled' && row.status !== 'published')) return undefined
  const [release] = await loadReleaseViews(deps.repos, [row])
  const wanted = (requestedLang ?? recipient.lang) as Lang
  const lang = release.versions[wanted] ? wanted : release.languages[0]
  if (row.status === 'published') return { kind: 'public', path: release.versions[lang]!.path }
  const newsroom = await getNewsroom(deps.repos, row.newsroom_id)
  await deps.repos.embargoes.recordOpen(recipient.id, deps.clock.now())
  return {
    kind: 'page',
    release,
    newsroom,
    lang,
    until: row.publish_at ?? recipient.created_at,
    recipientId: recipient.id,
  }
}

/**
 * A file of the embargoed release, through its personal link (the public /files/ route serves
 * it only once the release is published). Undefined when the link does not work or the file is
 * not the release's.
 */
export async function personalLinkFile(deps: LinkDeps, token: string, storageKey: string) {
  const recipient = await recipientOf(deps, token)
  if (!recipient) return undefined
  const found = await deps.repos.publicReleases.findFile(storageKey)
  if (!found || found.release_id !== recipient.release_id) return undefined
  if (found.status !== 'scheduled' && found.status !== 'published') return undefined
  return servedFile(found)
}
