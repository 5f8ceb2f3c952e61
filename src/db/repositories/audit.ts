/** The append-only audit log, and the names of the actors it refers to. */
import type { Lang } from '../../core/types.js'
import type { Executor } from './index.js'
import { chunks } from './subscribers.js'

export interface AuditRow {
  id: number
  actor: string
  action: string
  subject: string
  details: string
  created_at: string
}

export interface AuditFilter {
  subject?: string
  actor?: string
  /** Only entries with a smaller id (keyset paging, newest first). */
  before?: number
  limit: number
}

/** The distinct ids of the `kind:id` labels of one kind (`user:3` → 3). */
function idsOf(labels: string[], kind: string): number[] {
  return [
    ...new Set(
      labels
        .filter((l) => l.startsWith(`${kind}:`))
        .map((l) => Number(l.slice(kind.length + 1)))
        .filter((n) => Number.isInteger(n) && n > 0),
    ),
  ]
}

export interface NewAuditEntry {
  actor: string
  action: string
  subject: string
  details: Record<string, unknown>
  at: Date
}

export function createAuditRepository(db: Executor) {
  async function addMany(entries: NewAuditEntry[]): Promise<void> {
    for (const part of chunks(entries))
      await db
        .insertInto('audit_log')
        .values(
          part.map((entry) => ({
            actor: entry.actor,
            action: entry.action,
            subject: entry.subject,
            details: JSON.stringify(entry.details),
            created_at: entry.at.toISOString(),
          })),
        )
        .execute()
  }

  return {
    add: (entry: NewAuditEntry): Promise<void> => addMany([entry]),

    /** Entries of changes written together, a few hundred a statement. */
    addMany,

    /** Newest first. */
    list(filter: AuditFilter): Promise<AuditRow[]> {
      let select = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit)
      if (filter.subject) select = select.where('subject', '=', filter.subject)
      if (filter.actor) select = select.where('actor', '=', filter.actor)
      if (filter.before) select = select.where('id', '<', filter.before)
      return select.execute()
    },

    /** Display names of `user:N` and `token:N` labels, as they are now. */
    async actorNames(labels: string[]): Promise<Map<string, string>> {
      const ids = (kind: string) => idsOf(labels, kind)
      const userIds = ids('user')
      const tokenIds = ids('token')
      const [users, tokens] = await Promise.all([
        userIds.length
          ? db
              .selectFrom('users')
              .select(['id', 'name', 'email'])
              .where('id', 'in', userIds)
              .execute()
          : [],
        tokenIds.length
          ? db.selectFrom('api_tokens').select(['id', 'name']).where('id', 'in', tokenIds).execute()
          : [],
      ])
      const names = new Map<string, string>()
      for (const user of users)
        names.set(`user:${user.id}`, user.name ? `${user.name} <${user.email}>` : user.email)
      for (const token of tokens) names.set(`token:${token.id}`, token.name)
      return names
    },

    /**
     * What the subjects `release:12`, `newsroom:3`, `contact:5` are called now: a release's titles
     * per language, a newsroom's names per language, a contact's name. Deleted ones are absent.
     */
    async subjectNames(subjects: string[]): Promise<Map<string, Partial<Record<Lang, string>>>> {
      const ids = (kind: string) => idsOf(subjects, kind)
      const releaseIds = ids('release')
      const newsroomIds = ids('newsroom')
      const contactIds = ids('contact')
      const [versions, rooms, contacts] = await Promise.all([
        releaseIds.length
          ? db
              .selectFrom('release_versions')
              .select(['release_id as id', 'lang', 'title as name'])
              .where('release_id', 'in', releaseIds)
              .execute()
          : [],
        newsroomIds.length
          ? db
              .selectFrom('newsroom_translations')
              .select(['newsroom_id as id', 'lang', 'name'])
              .where('newsroom_id', 'in', newsroomIds)
              .execute()
          : [],
        contactIds.length
          ? db.selectFrom('contacts').select(['id', 'name']).where('id', 'in', contactIds).execute()
          : [],
      ])
      const names = new Map<string, Partial<Record<Lang, string>>>()
      const put = (key: string, lang: Lang, name: string) =>
        names.set(key, { ...names.get(key), [lang]: name })
      for (const v of versions) put(`release:${v.id}`, v.lang, v.name)
      for (const r of rooms) put(`newsroom:${r.id}`, r.lang, r.name)
      for (const c of contacts) names.set(`contact:${c.id}`, { fi: c.name, sv: c.name, en: c.name })
      return names
    },
  }
}

export type AuditRepository = ReturnType<typeof createAuditRepository>
