/**
 * Shapes of a release as the rest of the application sees it, and the loader that assembles
 * them from the tables. Staff views (API, admin) and the public read model share this loader, so
 * a field added here shows up everywhere at once.
 */
import type { KeywordView } from '../keywords/terms.js'
import { labelIn, parseLabels } from '../keywords/terms.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { ReleaseRow } from '../../db/repositories/release-views.js'
import type { Lang, ReleaseStatus, ReleaseType } from '../types.js'
import type { PerLang } from '../newsroom/newsrooms.js'
import { mediaView, parsePerLang } from '../media/views.js'
import type { MediaView } from '../media/views.js'
import { eventView } from './events.js'
import type { EventView } from './events.js'

export { attachmentPath } from '../media/views.js'

export { RELEASE_STATUSES, RELEASE_TYPES, isReleaseType } from '../types.js'

export interface VersionView {
  lang: Lang
  slug: string
  /** Site-relative path of the public page, e.g. /fi/newsroom/slug. */
  path: string
  title: string
  lead: string
  /** Markdown as written. */
  bodyMarkdown: string
  /** Sanitised HTML rendered from the Markdown when it was saved; safe to insert as is. */
  bodyHtml: string
  updatedAt: string
}

export type { KeywordView }

export interface ContactView {
  id: number
  name: string
  /** Job title per language. */
  title: PerLang
  phone: string | null
  email: string | null
}

/** A file of a release (image, video, document); see `core/media/views.ts`. */
export type AttachmentView = MediaView

export interface CorrectionView {
  id: number
  note: PerLang
  notify: boolean
  createdAt: string
}

export interface ReleaseView {
  id: number
  newsroom: { id: number; slug: string }
  type: ReleaseType
  status: ReleaseStatus
  /** When a scheduled release becomes (or a published one became) public. */
  publishAt: string | null
  publishedAt: string | null
  withdrawnAt: string | null
  withdrawnReason: string | null
  notify: boolean
  /** Languages of the versions, in the newsroom's language order. */
  languages: Lang[]
  versions: Partial<Record<Lang, VersionView>>
  keywords: KeywordView[]
  contacts: ContactView[]
  attachments: AttachmentView[]
  /** The image shown at the top of the page, on cards, as og:image, in feeds and email. */
  leadImage: AttachmentView | null
  corrections: CorrectionView[]
  /** An invitation's event (when, where); null for other releases or when not given. */
  event: EventView | null
  createdAt: string
  updatedAt: string
}

export const releasePath = (lang: Lang, newsroomSlug: string, slug: string) =>
  `/${lang}/${newsroomSlug}/${slug}`

/** Loads full views for the given release rows, keeping their order. */
export async function loadReleaseViews(
  repos: Pick<Repositories, 'releaseViews'>,
  rows: ReleaseRow[],
): Promise<ReleaseView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [
    { newsrooms, versions, keywords, contacts, attachments, renditions, corrections },
    events,
  ] = await Promise.all([
    repos.releaseViews.parts(ids, [...new Set(rows.map((r) => r.newsroom_id))]),
    repos.releaseViews.events(ids),
  ])
  const newsroomById = new Map(newsrooms.map((n) => [n.id, n]))

  return rows.map((row) => {
    const newsroom = newsroomById.get(row.newsroom_id)!
    const order = JSON.parse(newsroom.languages) as Lang[]
    const mine = versions
      .filter((v) => v.release_id === row.id)
      .sort((a, b) => rank(order, a.lang) - rank(order, b.lang))
    const versionMap: Partial<Record<Lang, VersionView>> = {}
    for (const v of mine) {
      versionMap[v.lang] = {
        lang: v.lang,
        slug: v.slug,
        path: releasePath(v.lang, newsroom.slug, v.slug),
        title: v.title,
        lead: v.lead,
        bodyMarkdown: v.body_md,
        bodyHtml: v.body_html,
        updatedAt: v.updated_at,
      }
    }
    return {
      id: row.id,
      newsroom: { id: newsroom.id, slug: newsroom.slug },
      type: row.type,
      status: row.status,
      publishAt: row.publish_at,
      publishedAt: row.published_at,
      withdrawnAt: row.withdrawn_at,
      withdrawnReason: row.withdrawn_reason,
      notify: row.notify === 1,
      languages: mine.map((v) => v.lang),
      versions: versionMap,
      // Labelled in the newsroom's first language; pages and emails pick theirs (keywordsIn).
      keywords: keywords
        .filter((k) => k.release_id === row.id)
        .map((k) => {
          const labels = parseLabels(k.labels)
          return { slug: k.slug, labels, label: labelIn(labels, order[0], order, k.slug) }
        }),
      contacts: contacts
        .filter((c) => c.release_id === row.id)
        .map((c) => ({
          id: c.id,
          name: c.name,
          title: parsePerLang(c.titles),
          phone: c.phone,
          email: c.email,
        })),
      attachments: attachments
        .filter((a) => a.release_id === row.id)
        .map((a) => mediaView(a, renditions)),
      leadImage: leadImageOf(row, attachments, renditions),
      corrections: corrections
        .filter((c) => c.release_id === row.id)
        .map((c) => ({
          id: c.id,
          note: parsePerLang(c.note),
          notify: c.notify === 1,
          createdAt: c.created_at,
        })),
      event: eventOf(events.find((e) => e.release_id === row.id)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  })
}

const eventOf = (row: Parameters<typeof eventView>[0] | undefined) => (row ? eventView(row) : null)

function leadImageOf(
  row: ReleaseRow,
  attachments: Parameters<typeof mediaView>[0][],
  renditions: Parameters<typeof mediaView>[1],
): MediaView | null {
  const lead = attachments.find(
    (a) => a.id === row.lead_image_id && a.release_id === row.id && a.kind === 'image',
  )
  return lead ? mediaView(lead, renditions) : null
}

function rank(order: Lang[], lang: Lang) {
  const i = order.indexOf(lang)
  return i === -1 ? 99 : i
}
