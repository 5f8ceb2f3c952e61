/** The append-only audit log, and the names of the actors it refers to. */
import type { Executor } from './index.js'

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

export function createAuditRepository(db: Executor) {
  return {
    async add(entry: {
      actor: string
      action: string
      subject: string
      details: Record<string, unknown>
      at: Date
    }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          details: JSON.stringify(entry.details),
          created_at: entry.at.toISOString(),
        })
        .execute()
    },

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
      const ids = (kind: string) => [
        ...new Set(
          labels
            .filter((l) => l.startsWith(`${kind}:`))
            .map((l) => Number(l.slice(kind.length + 1))),
        ),
      ]
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
  }
}

export type AuditRepository = ReturnType<typeof createAuditRepository>
