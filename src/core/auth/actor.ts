/**
 * Who is acting and what they may do. Used by the API (token holders) and the admin pages
 * (signed-in users) alike, so a rule is written once and enforced everywhere.
 */
import type { UserRole } from '../types.js'
import { ForbiddenError } from '../errors.js'

export interface Actor {
  kind: 'user' | 'token'
  id: number
  role: UserRole
  /** Newsrooms an editor or contributor works in; 'all' for admins and API tokens. */
  newsroomIds: number[] | 'all'
  /** For the audit log, e.g. "user:3" or "token:7". */
  label: string
}

/**
 * The service acting on its own (first start, the command line, the demo seed), with an
 * administrator's rights. Recorded as `system:<name>`, which the audit log accepts as an actor.
 */
export function systemActor(name: 'cli' | 'first-start' | 'demo-seed'): Actor {
  return { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: `system:${name}` }
}

export type Permission =
  | 'newsroom.manage' // create, edit newsrooms
  | 'user.manage'
  | 'token.manage'
  | 'release.draft' // create and edit drafts
  | 'release.publish' // publish, schedule, withdraw, correct, cancel sending
  | 'subscriber.manage' // list, import, export, lift suppression (of the actor's newsrooms)
  | 'outbox.read' // the development outbox: every newsroom's emails with their personal links
  | 'webhook.manage' // webhooks: they see every newsroom's releases and subscriber events

const ROLE_PERMISSIONS: Record<UserRole, Permission[]> = {
  admin: [
    'newsroom.manage',
    'user.manage',
    'token.manage',
    'release.draft',
    'release.publish',
    'subscriber.manage',
    'outbox.read',
    'webhook.manage',
  ],
  editor: ['release.draft', 'release.publish', 'subscriber.manage'],
  contributor: ['release.draft'],
}

export function can(actor: Actor, permission: Permission, newsroomId?: number): boolean {
  if (!ROLE_PERMISSIONS[actor.role].includes(permission)) return false
  if (newsroomId === undefined || actor.newsroomIds === 'all') return true
  return actor.newsroomIds.includes(newsroomId)
}

/** Throws ForbiddenError with a message saying what is missing. */
export function authorize(actor: Actor, permission: Permission, newsroomId?: number): void {
  if (!can(actor, permission, newsroomId)) {
    throw new ForbiddenError(
      newsroomId !== undefined && ROLE_PERMISSIONS[actor.role].includes(permission)
        ? 'You do not have access to this newsroom'
        : `Your role (${actor.role}) does not allow this (${permission})`,
    )
  }
}

/**
 * Tenant isolation, the one rule: the newsrooms whose staff data (subscribers, imports,
 * exports, suppressions, deliveries) an actor may see and act on. Undefined means every
 * newsroom (administrators, API tokens, the system).
 */
export function newsroomScope(actor: Actor): number[] | undefined {
  return actor.newsroomIds === 'all' ? undefined : actor.newsroomIds
}
