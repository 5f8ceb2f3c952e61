/**
 * The audit log for administrators: newest first, filtered by subject or actor through links
 * in the table, paged by the id of the last entry shown.
 */
import type { AuditAction, AuditView } from '../../core/audit.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import { DataTable } from './components.js'
import { formatDateTime } from '../format-time.js'

/** Where a subject is looked at in the staff interface, if anywhere. */
function subjectHref(subject: string): string | undefined {
  const [kind, id] = subject.split(':')
  return kind === 'release' ? `/admin/releases/${id}` : undefined
}

const auditHref = (filter: { subject?: string; actor?: string }) =>
  `/admin/audit?${new URLSearchParams(filter as Record<string, string>).toString()}`

/** Details as "key: value" pairs; nested values as compact JSON. */
function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
}

export function AuditList(props: {
  t: AdminStrings
  zone: string
  items: AuditView[]
  filter: { subject?: string; actor?: string }
  olderHref?: string
}) {
  const { t, filter } = props
  const filtered = filter.subject ?? filter.actor
  return (
    <>
      <h1>{t.audit}</h1>
      <p class="hint">{t.auditHint}</p>
      {filtered ? (
        <p>
          {t.auditFilteredBy(filtered)} <a href="/admin/audit">{t.auditShowAll}</a>
        </p>
      ) : null}
      {props.items.length === 0 ? (
        <p>{t.auditEmpty}</p>
      ) : (
        <DataTable
          label={t.audit}
          columns={[t.time, t.auditWho, t.auditAction, t.auditSubject, t.auditDetails]}
        >
          {props.items.map((entry) => {
            const view = subjectHref(entry.subject)
            return (
              <tr>
                <td>{formatDateTime(entry.at, props.zone)}</td>
                <td>
                  <a href={auditHref({ actor: entry.actor })}>
                    {entry.actorName === null
                      ? entry.actor
                      : entry.actor.startsWith('token:')
                        ? t.auditToken(entry.actorName)
                        : entry.actorName}
                  </a>
                </td>
                <td>{t.auditActions[entry.action as AuditAction] ?? entry.action}</td>
                <td>
                  <a href={auditHref({ subject: entry.subject })}>{entry.subject}</a>
                  {view ? (
                    <>
                      {' '}
                      (<a href={view}>{t.open}</a>)
                    </>
                  ) : null}
                </td>
                <td>{detailText(entry.details)}</td>
              </tr>
            )
          })}
        </DataTable>
      )}
      {props.olderHref ? (
        <nav class="pagination" aria-label={t.audit}>
          <a href={props.olderHref}>{t.olderItems}</a>
        </nav>
      ) : null}
    </>
  )
}
