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

export interface AttachmentView {
  id: number
  kind: 'image' | 'file'
  filename: string
  mimeType: string
  size: number
  /** Site-relative download path, e.g. /files/<key>/<filename>. */
  path: string
  caption: PerLang
  alt: PerLang
  credit: string | null
  position: number
}

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
  corrections: CorrectionView[]
  createdAt: string
  updatedAt: string
}

export const attachmentPath = (storageKey: string, filename: string) =>
  `/files/${storageKey}/${encodeURIComponent(filename)}`

export const releasePath = (lang: Lang, newsroomSlug: string, slug: string) =>
  `/${lang}/${newsroomSlug}/${slug}`

const parsePerLang = (json: string): PerLang => {
  try {
    const value = JSON.parse(json) as unknown
    return value && typeof value === 'object' ? (value as PerLang) : {}
  } catch {
    return {}
  }
}

/** Loads full views for the given release rows, keeping their order. */
export async function loadReleaseViews(
  repos: Pick<Repositories, 'releaseViews'>,
  rows: ReleaseRow[],
): Promise<ReleaseView[]> {
  if (rows.length === 0) return []
  const { newsrooms, versions, keywords, contacts, attachments, corrections } =
    await repos.releaseViews.parts(
      rows.map((r) => r.id),
      [...new Set(rows.map((r) => r.newsroom_id))],
    )
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
        .map((a) => ({
          id: a.id,
          kind: a.kind,
          filename: a.filename,
          mimeType: a.mime_type,
          size: a.size,
          path: attachmentPath(a.storage_key, a.filename),
          caption: parsePerLang(a.caption),
          alt: parsePerLang(a.alt_text),
          credit: a.credit,
          position: a.position,
        })),
      corrections: corrections
        .filter((c) => c.release_id === row.id)
        .map((c) => ({
          id: c.id,
          note: parsePerLang(c.note),
          notify: c.notify === 1,
          createdAt: c.created_at,
        })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  })
}

function rank(order: Lang[], lang: Lang) {
  const i = order.indexOf(lang)
  return i === -1 ? 99 : i
}
