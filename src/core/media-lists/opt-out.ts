/**
 * Journalists' opt-out. Every email a journalist gets from a newsroom's media lists — a release
 * distributed at publication, an embargo — carries a link `/media-optout/{token}` (in the
 * footer and in `List-Unsubscribe`, with RFC 8058 one-click). The token is signed (HMAC-SHA256
 * with SECRET_KEY) over who it was sent to: a media contact (`c<id>`) or an embargo recipient
 * (`e<id>`), and their normalised address, so nothing is stored per email and a token of one
 * person cannot be turned into another's.
 *
 * Opting out is per newsroom and address, kept apart from the contact (which may be deleted
 * and added again): later distributions and embargoes skip the address, the staff list shows
 * it, and only an explicit, audited action by an editor resumes sending.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { NotFoundError } from '../errors.js'
import { refuse } from '../release/releases.js'
import type { Lang } from '../types.js'

/** Who an opt-out link was sent to: a media contact or an embargo recipient. */
export interface OptOutSubject {
  kind: 'c' | 'e'
  id: number
  emailNormalized: string
}

/** How the opt-out page and the audit log name the one acting: the journalist themself. */
export const OPT_OUT_ACTOR = { label: 'system:media-optout' } as const

const TOKEN = /^([ce])(\d{1,12})\.([A-Za-z0-9_-]{32})$/

function signature(secretKey: string, subject: OptOutSubject): string {
  return createHmac('sha256', secretKey)
    .update(`media-optout.${subject.kind}${subject.id}.${subject.emailNormalized}`)
    .digest('base64url')
    .slice(0, 32)
}

export function signOptOutToken(secretKey: string, subject: OptOutSubject): string {
  return `${subject.kind}${subject.id}.${signature(secretKey, subject)}`
}

export const optOutPath = (secretKey: string, subject: OptOutSubject) =>
  `/media-optout/${signOptOutToken(secretKey, subject)}`

export interface OptOutTarget {
  newsroomId: number
  email: string
  emailNormalized: string
  lang: Lang
  /** When the address opted out already, if it did. */
  optedOutAt: string | null
  /** For the audit log: `contact` or `embargoRecipient` and the id. */
  details: Record<string, number>
}

type LinkDeps = { repos: Repositories; secretKey: string }

/** The person an opt-out token was sent to, if the token is genuine and they are still known. */
export async function findOptOutTarget(
  deps: LinkDeps,
  token: string,
): Promise<OptOutTarget | undefined> {
  const match = TOKEN.exec(token)
  if (!match) return undefined
  const kind = match[1] as 'c' | 'e'
  const id = Number(match[2])
  let found: Omit<OptOutTarget, 'optedOutAt'> | undefined
  if (kind === 'c') {
    const contact = await deps.repos.mediaLists.findContact(id)
    if (contact)
      found = {
        newsroomId: contact.newsroom_id,
        email: contact.email,
        emailNormalized: contact.email_normalized,
        lang: contact.lang,
        details: { contact: id },
      }
  } else {
    const recipient = await deps.repos.embargoes.findRecipient(id)
    const release = recipient && (await deps.repos.releases.findById(recipient.release_id))
    if (recipient && release)
      found = {
        newsroomId: release.newsroom_id,
        email: recipient.email,
        emailNormalized: recipient.email_normalized,
        lang: recipient.lang,
        details: { embargoRecipient: id },
      }
  }
  if (!found) return undefined
  const expected = Buffer.from(
    signOptOutToken(deps.secretKey, { kind, id, emailNormalized: found.emailNormalized }),
  )
  const given = Buffer.from(token)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  const optedOutAt = await deps.repos.mediaLists.optedOutAt(found.newsroomId, found.emailNormalized)
  return { ...found, optedOutAt: optedOutAt ?? null }
}

/**
 * Opts the address behind a token out of the newsroom's lists and embargoes (idempotent; the
 * first time is audited). Undefined for a token that does not work.
 */
export async function optOutByLink(
  deps: LinkDeps & { clock: Clock },
  token: string,
  source: 'page' | 'one-click',
): Promise<OptOutTarget | undefined> {
  const target = await findOptOutTarget(deps, token)
  if (!target) return undefined
  if (target.optedOutAt) return target
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    if (await tx.mediaLists.optOut(target.newsroomId, target.emailNormalized, now, source))
      await recordAudit(tx, OPT_OUT_ACTOR, now, {
        action: 'media-list.opt-out',
        subject: `newsroom:${target.newsroomId}`,
        details: { ...target.details, source },
      })
  })
  return { ...target, optedOutAt: now.toISOString() }
}

/**
 * Resumes sending to a contact who opted out: an editor's explicit act, for when the journalist
 * asked for it (`confirm` must be true), audited. Adding the address to a list does not do it.
 */
export async function resumeMediaContact(
  deps: { repos: Repositories; clock: Clock },
  actor: Actor,
  contactId: number,
  input: { confirm?: unknown },
): Promise<void> {
  const contact = await deps.repos.mediaLists.findContact(contactId)
  if (!contact) throw new NotFoundError(`No journalist ${contactId}`)
  authorize(actor, 'release.publish', contact.newsroom_id)
  if (input.confirm !== true)
    refuse('confirm', 'required', 'Confirm that the journalist asked to receive releases again')
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    if (!(await tx.mediaLists.clearOptOut(contact.newsroom_id, contact.email_normalized)))
      throw new NotFoundError('The journalist has not opted out')
    await recordAudit(tx, actor, now, {
      action: 'media-list.resume-contact',
      subject: `newsroom:${contact.newsroom_id}`,
      details: { contact: contactId },
    })
  })
}
