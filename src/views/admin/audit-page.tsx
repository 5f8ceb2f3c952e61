/**
 * The audit log for administrators: newest first, filtered by subject or actor through links
 * in the table, paged by the id of the last entry shown.
 */
import type { AuditAction, AuditView } from '../../core/audit.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import { DataTable } from './components.js'
import type { Lang } from '../i18n/index.js'
import { formatDateTime } from '../format-time.js'

/** Where a subject is looked at in the staff interface, if anywhere. */
function subjectHref(subject: string): string | undefined {
  const [kind, id] = subject.split(':')
  if (!/^\d+$/.test(id ?? '')) return undefined
  const paths: Record<string, string> = {
    release: `/admin/releases/${id}`,
    newsroom: `/admin/newsrooms/${id}`,
    user: `/admin/users/${id}`,
    contact: `/admin/contacts/${id}`,
    media: `/admin/media/${id}`,
    subscriber: `/admin/subscribers/${id}`,
  }
  return paths[kind]
}

const auditHref = (filter: { subject?: string; actor?: string }) =>
  `/admin/audit?${new URLSearchParams(filter as Record<string, string>).toString()}`

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** One detail value as words: yes/no, language names, times in the zone, lists joined. */
function valueText(t: AdminStrings, zone: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? t.auditYes : t.auditNo
  if (value === null || value === undefined) return '–'
  if (Array.isArray(value)) return value.map((v) => valueText(t, zone, v)).join(', ')
  if (typeof value === 'string') {
    if (value in t.languageNames) return t.languageNames[value as Lang]
    if (value in t.roles) return t.roles[value as keyof AdminStrings['roles']]
    if (value in t.subscriberStatuses)
      return t.subscriberStatuses[value as keyof AdminStrings['subscriberStatuses']]
    if (ISO_TIME.test(value)) return formatDateTime(value, zone)
    return value
  }
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Details as one sentence in the staff member's language; unknown keys as "key: value". */
export function detailSentence(
  t: AdminStrings,
  zone: string,
  details: Record<string, unknown>,
): string {
  const parts = Object.entries(details).map(([key, value]) => {
    const text = valueText(t, zone, value)
    const phrase = t.auditDetail[key]
    return phrase ? phrase(text) : `${key}: ${text}`
  })
  if (parts.length === 0) return ''
  const sentence = parts.join(', ')
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`
}

function actorText(t: AdminStrings, entry: AuditView): string {
  if (entry.actor.startsWith('system:')) return t.auditSystem(entry.actor.slice(7))
  if (entry.actorName === null) return entry.actor
  return entry.actor.startsWith('token:') ? t.auditToken(entry.actorName) : entry.actorName
}

function SubjectCell(props: { t: AdminStrings; lang: Lang; entry: AuditView }) {
  const { t, entry } = props
  const [kind, id] = entry.subject.split(':')
  const names = entry.subjectName
  const name = names ? (names[props.lang] ?? Object.values(names)[0]) : undefined
  const kindText = t.auditSubjectKinds[kind] ?? kind
  const label = name ? `${kindText}: ${name}` : id === 'all' ? kindText : `${kindText} #${id}`
  const href = subjectHref(entry.subject)
  return (
    <>
      {href ? <a href={href}>{label}</a> : label}{' '}
      <span class="meta">
        (<a href={auditHref({ subject: entry.subject })}>{t.auditFilterSubject}</a>)
      </span>
    </>
  )
}

/** Audit entries as a table: when, who, what, about what, and the details as a sentence. */
export function AuditTable(props: {
  t: AdminStrings
  lang: Lang
  zone: string
  items: AuditView[]
}) {
  const { t } = props
  return (
    <DataTable
      label={t.audit}
      columns={[t.time, t.auditWho, t.auditAction, t.auditSubject, t.auditDetails]}
      stack
    >
      {props.items.map((entry) => {
        return (
          <tr>
            <td data-label={t.time}>{formatDateTime(entry.at, props.zone)}</td>
            <td data-label={t.auditWho}>
              <a href={auditHref({ actor: entry.actor })}>{actorText(t, entry)}</a>
            </td>
            <td data-label={t.auditAction}>
              {t.auditActions[entry.action as AuditAction] ?? entry.action}
            </td>
            <td data-label={t.auditSubject}>
              <SubjectCell t={t} lang={props.lang} entry={entry} />
            </td>
            <td data-label={t.auditDetails}>{detailSentence(t, props.zone, entry.details)}</td>
          </tr>
        )
      })}
    </DataTable>
  )
}

export function AuditList(props: {
  t: AdminStrings
  lang: Lang
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
        <AuditTable t={t} lang={props.lang} zone={props.zone} items={props.items} />
      )}
      {props.olderHref ? (
        <nav class="pagination" aria-label={t.audit}>
          <a href={props.olderHref}>{t.olderItems}</a>
        </nav>
      ) : null}
    </>
  )
}
