/**
 * The embargo email of one recipient: what the mail layer renders it from. Null when it is no
 * longer wanted (the recipient or the embargo revoked, the release no longer scheduled), so a
 * revocation before the email left stops it.
 */
import type { Repositories } from '../../db/repositories/index.js'
import { getNewsroom } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { loadReleaseViews } from '../release/views.js'
import type { ReleaseView } from '../release/views.js'
import type { Lang } from '../types.js'
import { embargoToken } from './links.js'
import { suppressionKey } from '../subscription/suppressions.js'
import { optOutPath } from '../media-lists/opt-out.js'

/** The transactional template name of embargo emails (outbox payload `{ template, recipientId }`). */
export const EMBARGO_EMAIL_TEMPLATE = 'embargo'

export interface EmbargoEmail {
  to: string
  lang: Lang
  /** Site-relative personal link, e.g. /embargo/<token>. */
  linkPath: string
  /** Site-relative opt-out link (footer and List-Unsubscribe), e.g. /media-optout/<token>. */
  optOutPath: string
  until: string
  note: string | null
  release: ReleaseView
  newsroom: NewsroomView
}

export async function prepareEmbargoEmail(
  deps: { repos: Repositories; secretKey: string },
  recipientId: number,
): Promise<EmbargoEmail | null> {
  const recipient = await deps.repos.embargoes.findRecipient(recipientId)
  if (!recipient || recipient.revoked_at) return null
  // An address that bounced hard or complained gets nothing from us, embargoes included.
  if (
    await deps.repos.suppressions.find(suppressionKey(deps.secretKey, recipient.email_normalized))
  )
    return null
  const embargo = await deps.repos.embargoes.find(recipient.release_id)
  if (!embargo || embargo.revoked_at) return null
  const row = await deps.repos.releases.findById(recipient.release_id)
  if (!row || row.status !== 'scheduled') return null
  // Opted out of the newsroom's lists since the embargo was sent: nothing more.
  if (await deps.repos.mediaLists.optedOutAt(row.newsroom_id, recipient.email_normalized))
    return null
  const [release] = await loadReleaseViews(deps.repos, [row])
  const newsroom = await getNewsroom(deps.repos, row.newsroom_id)
  const token = embargoToken(deps.secretKey, recipient.release_id, recipient.token_salt)
  return {
    to: recipient.email,
    lang: release.versions[recipient.lang] ? recipient.lang : release.languages[0],
    linkPath: `/embargo/${token}`,
    optOutPath: optOutPath(deps.secretKey, {
      kind: 'e',
      id: recipientId,
      emailNormalized: recipient.email_normalized,
    }),
    until: embargo.until,
    note: embargo.note,
    release,
    newsroom,
  }
}

/** Records that the email left (the first time). */
export async function markEmbargoEmailSent(
  deps: { repos: Repositories; clock: { now(): Date } },
  recipientId: number,
): Promise<void> {
  await deps.repos.embargoes.markSent(recipientId, deps.clock.now())
}
