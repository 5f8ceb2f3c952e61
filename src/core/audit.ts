/**
 * The audit log: who did what to which release, newsroom, subscriber list, user or token, and
 * when — whether through the admin pages or the API, since both act through the same core
 * functions with an `Actor`. Each entry is written in the transaction of the change it
 * records, so there is never a change without its entry, nor an entry for a change that was
 * rolled back. Entries are never updated or deleted by the application.
 *
 * Details hold identifiers and settings, never personal data beyond what the subject already
 * names (a subscriber is recorded by id, not by address), nor secrets.
 */
import type { Repositories } from '../db/repositories/index.js'
import type { AuditRow } from '../db/repositories/audit.js'
import type { Actor } from './auth/actor.js'
import { authorize } from './auth/actor.js'
import { ValidationError } from './errors.js'
import type { Lang } from './types.js'

export const AUDIT_ACTIONS = [
  'release.create',
  'release.update',
  'release.delete',
  'release.publish',
  'release.schedule',
  'release.unschedule',
  'release.withdraw',
  'release.correct',
  'release.cancel-sending',
  'release.test-send',
  'attachment.add',
  'attachment.remove',
  'attachment.update',
  'newsroom.create',
  'newsroom.update',
  'newsroom.delete',
  'newsroom.logo',
  'newsroom.logo-remove',
  'subscriber.create',
  'subscriber.delete',
  'subscriber.import',
  'subscriber.export',
  'suppression.lift',
  'user.create',
  'user.sign-in',
  'user.sign-in-failed',
  'user.password',
  'token.create',
  'token.revoke',
  'keyword.create',
  'keyword.update',
  'keyword.delete',
  'keyword.merge',
  'contact.create',
  'contact.update',
  'contact.delete',
  'user.update',
  'user.password-reset',
  'media.add',
  'media.update',
  'media.remove',
  'webhook.create',
  'webhook.update',
  'webhook.rotate',
  'webhook.delete',
  'media-list.create',
  'media-list.update',
  'media-list.delete',
  'media-list.add-contact',
  'media-list.remove-contact',
  'media-list.import',
  'release.embargo',
  'release.embargo-revoke',
  'release.embargo-move',
  'media-list.opt-out',
  'media-list.resume-contact',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  action: AuditAction
  /**
   * What was acted on, as `kind:id`, e.g. `release:12`; `subscribers:all` for the list as a
   * whole (imports, exports).
   */
  subject: string
  details?: Record<string, unknown>
}

/**
 * Writes one entry; pass the repositories of the transaction that makes the change it records.
 */
export async function recordAudit(
  repos: Pick<Repositories, 'audit'>,
  actor: Pick<Actor, 'label'>,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await repos.audit.add({
    actor: actor.label,
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? {},
    at,
  })
}

/** The service itself acting on a schedule: scheduled publications and the like. */
export const SCHEDULER_ACTOR = { label: 'system:scheduler' } as const

export interface AuditView {
  id: number
  at: string
  /** `user:3` or `token:7`. */
  actor: string
  /** The user's name and email, or the token's name, as they are now. */
  actorName: string | null
  action: string
  subject: string
  /** What the subject is called now, per language (releases, newsrooms, contacts, users). */
  subjectName: Partial<Record<Lang, string>> | null
  details: Record<string, unknown>
}

export interface AuditQuery {
  /** Only entries about this subject, e.g. `release:12`. */
  subject?: string
  /** Only entries by this actor, e.g. `user:3`. */
  actor?: string
  /** Entries older than this id (the `nextCursor` of the previous page). */
  before?: number
  limit?: number
}

/** Staff (`user:3`), API tokens (`token:7`) and the service itself (`system:demo-seed`). */
const LABEL = /^(?:(?:user|token):\d{1,12}|system:[\w-]{1,40})$/
const SUBJECT = /^[a-z]+:[\w-]{1,40}$/

/** The newest entries first; for administrators only. */
export async function listAudit(
  repos: Pick<Repositories, 'audit'>,
  actor: Actor,
  query: AuditQuery = {},
): Promise<{ items: AuditView[]; nextCursor: number | null }> {
  authorize(actor, 'user.manage')
  const fields: Record<string, string> = {}
  if (query.subject !== undefined && !SUBJECT.test(query.subject))
    fields.subject = 'Give the subject as kind:id, e.g. release:12'
  if (query.actor !== undefined && !LABEL.test(query.actor))
    fields.actor = 'Give the actor as user:id or token:id, e.g. user:3'
  if (query.before !== undefined && !(Number.isInteger(query.before) && query.before > 0))
    fields.before = 'Give the cursor of the previous page'
  if (Object.keys(fields).length > 0) {
    const [path, message] = Object.entries(fields)[0]
    throw new ValidationError(`${path}: ${message}`, fields)
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200)
  const rows = await repos.audit.list({ ...query, limit: limit + 1 })
  const page = rows.slice(0, limit)
  return {
    items: await auditViews(repos, page),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  }
}

/**
 * The latest entries about one subject (`subscriber:12`), newest first, for a page that shows
 * that subject; the caller has checked that the actor may see it.
 */
export async function auditOfSubject(
  repos: Pick<Repositories, 'audit'>,
  subject: string,
  limit = 20,
): Promise<AuditView[]> {
  return auditViews(repos, await repos.audit.list({ subject, limit }))
}

/** Entries as staff read them: actors and subjects by their names as they are now. */
async function auditViews(
  repos: Pick<Repositories, 'audit'>,
  page: AuditRow[],
): Promise<AuditView[]> {
  const [names, subjects] = await Promise.all([
    repos.audit.actorNames([
      ...page.map((row) => row.actor),
      // Users and tokens as subjects are named like actors.
      ...page.map((row) => row.subject).filter((s) => /^(?:user|token):/.test(s)),
    ]),
    repos.audit.subjectNames(page.map((row) => row.subject)),
  ])
  return page.map((row) => ({
    id: row.id,
    at: row.created_at,
    actor: row.actor,
    actorName: names.get(row.actor) ?? null,
    action: row.action,
    subject: row.subject,
    subjectName: subjectName(row.subject, names, subjects),
    details: parseDetails(row.details),
  }))
}

/**
 * The log is shown in the first newsroom's time zone (one installation, usually one zone);
 * before there is a newsroom, in the zone a new newsroom gets by default. (Not imported from
 * the newsroom core, which itself records audit entries: no import cycle.)
 */
export async function auditTimeZone(repos: Pick<Repositories, 'staffNewsrooms'>): Promise<string> {
  return (await repos.staffNewsrooms.firstTimeZone()) ?? 'Europe/Helsinki'
}

function subjectName(
  subject: string,
  actors: Map<string, string>,
  subjects: Map<string, Partial<Record<Lang, string>>>,
): Partial<Record<Lang, string>> | null {
  const actor = actors.get(subject)
  if (actor !== undefined) return { fi: actor, sv: actor, en: actor }
  return subjects.get(subject) ?? null
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
