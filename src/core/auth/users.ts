/**
 * Staff users and API tokens. Creating either is one use-case each (`createStaffUser`,
 * `issueApiToken`), called alike by the admin pages, the command line and the first start:
 * it authorizes, validates, writes and records the audit entry in one transaction.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { ApiTokenRow } from '../../db/repositories/api-tokens.js'
import type { MembershipRow, UserRow } from '../../db/repositories/users.js'
import { recordAudit } from '../audit.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { FieldCode } from '../errors.js'
import { isLang, isUserRole } from '../types.js'
import type { Lang, UserRole } from '../types.js'
import { authorize } from './actor.js'
import type { Actor } from './actor.js'
import { generatePassword, generateToken, hashPassword, sha256, verifyPassword } from './secrets.js'

export { USER_ROLES, isUserRole } from '../types.js'
export type { ApiTokenRow } from '../../db/repositories/api-tokens.js'
export type { UserRow } from '../../db/repositories/users.js'

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/

export interface NewUser {
  email: string
  /** One of USER_ROLES; anything else is refused. */
  role: string
  name?: string
  /** Given: the user's own password. Left out: a one-time password they must change. */
  password?: string
  locale?: string
}

function invalid(message: string, fields: Record<string, [string, FieldCode]>): ValidationError {
  return new ValidationError(
    message,
    Object.fromEntries(Object.entries(fields).map(([path, [text]]) => [path, text])),
    Object.fromEntries(Object.entries(fields).map(([path, [, code]]) => [path, code])),
  )
}

/**
 * Validates and inserts one user, without memberships or audit entry: the step
 * `createStaffUser` takes inside its transaction (test fixtures use it directly).
 */
export async function createUser(
  repos: Repositories,
  clock: Clock,
  input: NewUser,
): Promise<{ id: number; email: string; password: string }> {
  const email = input.email.trim().toLowerCase()
  const fields: Record<string, [string, FieldCode]> = {}
  if (!email) fields.email = ['Give an email address', 'required']
  else if (!EMAIL.test(email) || email.length > 254)
    fields.email = ['Give a valid email address', 'invalid']
  if (!isUserRole(input.role))
    fields.role = ['Role must be admin, editor or contributor', 'invalid']
  if (input.locale !== undefined && !isLang(input.locale))
    fields.locale = ['Language must be fi, sv or en', 'invalid']
  if (Object.keys(fields).length) {
    const [first] = Object.values(fields)
    throw invalid(first[0], fields)
  }
  if (await repos.users.emailTaken(email))
    throw new ConflictError(
      `A user with the email ${email} already exists`,
      { email: 'Already in use' },
      { email: 'email_taken' },
    )

  const password = input.password ?? generatePassword()
  const now = clock.now().toISOString()
  const id = await repos.users.insert({
    email,
    name: input.name?.trim() ?? '',
    password_hash: await hashPassword(password),
    role: input.role as UserRole,
    locale: (input.locale as Lang | undefined) ?? 'fi',
    must_change_password: input.password ? 0 : 1,
    failed_logins: 0,
    created_at: now,
    updated_at: now,
  })
  return { id, email, password }
}

/**
 * Adds a staff user with their newsroom memberships and records `user.create`. Returns the
 * password to hand over once (a one-time one unless `input.password` is given).
 */
export async function createStaffUser(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  input: NewUser & { newsroomIds?: number[] },
): Promise<{ id: number; email: string; password: string }> {
  authorize(actor, 'user.manage')
  const newsroomIds = [...new Set(input.newsroomIds ?? [])]
  if (!newsroomIds.every((id) => Number.isInteger(id) && id > 0))
    throw invalid('Unknown newsroom', { newsroomIds: ['Unknown newsroom', 'unknown'] })
  return repos.transaction(async (tx) => {
    const user = await createUser(tx, clock, input)
    await tx.users.addMemberships(user.id, newsroomIds)
    await recordAudit(tx, actor, clock.now(), {
      action: 'user.create',
      subject: `user:${user.id}`,
      details: { role: input.role, newsroomIds },
    })
    return user
  })
}

export interface StaffList {
  users: UserRow[]
  memberships: MembershipRow[]
  /** Each newsroom's name in each of its languages, by slug. */
  newsroomNames: { id: number; slug: string; name: string; lang: Lang }[]
}

/** Everyone on the staff, with the newsrooms they work in; for administrators. */
export async function listStaff(repos: Repositories, actor: Actor): Promise<StaffList> {
  authorize(actor, 'user.manage')
  const [users, memberships, newsroomNames] = await Promise.all([
    repos.users.listByEmail(),
    repos.users.listMemberships(),
    repos.staffNewsrooms.names(),
  ])
  return { users, memberships, newsroomNames }
}

export interface StaffChange {
  /** admin, editor or contributor. */
  role?: string
  /** The newsrooms an editor or contributor works in (the whole list). */
  newsroomIds?: number[]
  /** true: cannot sign in, sessions and nothing else end; false: may sign in again. */
  disabled?: boolean
}

async function staffUser(repos: Pick<Repositories, 'users'>, id: number): Promise<UserRow> {
  const user = await repos.users.findById(id)
  if (!user) throw new NotFoundError(`No user ${id}`)
  return user
}

/**
 * Changes a user's role, newsrooms or whether they may sign in; recorded as `user.update`. An
 * administrator cannot take away their own rights, and the last active administrator stays one
 * (409), so the installation always has someone who can manage it. A disabled user's sessions
 * end at once; so do those of a user whose role changed, so the new rights apply everywhere.
 */
export async function updateStaffUser(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  id: number,
  change: StaffChange,
): Promise<UserRow> {
  authorize(actor, 'user.manage')
  const user = await staffUser(repos, id)
  const fields: Record<string, [string, FieldCode]> = {}
  if (change.role !== undefined && !isUserRole(change.role))
    fields.role = ['Role must be admin, editor or contributor', 'invalid']
  const newsroomIds =
    change.newsroomIds === undefined ? undefined : [...new Set(change.newsroomIds)]
  if (newsroomIds) {
    const known = new Set((await repos.staffNewsrooms.names()).map((n) => n.id))
    if (!newsroomIds.every((n) => Number.isInteger(n) && known.has(n)))
      fields.newsroomIds = ['Unknown newsroom', 'unknown']
  }
  if (Object.keys(fields).length) throw invalid(Object.values(fields)[0][0], fields)
  const role = (change.role ?? user.role) as UserRole
  const disabledAt =
    change.disabled === undefined
      ? user.disabled_at
      : change.disabled
        ? (user.disabled_at ?? clock.now().toISOString())
        : null
  const losesAdmin = user.role === 'admin' && (role !== 'admin' || disabledAt !== null)
  if (losesAdmin && actor.kind === 'user' && actor.id === user.id)
    throw new ConflictError('You cannot take away your own administrator rights')
  if (losesAdmin && user.disabled_at === null && (await repos.users.otherActiveAdmins(id)) === 0)
    throw new ConflictError('The last active administrator must stay one')
  const now = clock.now()
  await repos.transaction(async (tx) => {
    await tx.users.setRoleAndStatus(id, { role, disabledAt, at: now.toISOString() })
    if (newsroomIds) await tx.users.replaceMemberships(id, newsroomIds)
    if (disabledAt !== null || role !== user.role) await tx.sessions.deleteAllOfUser(id)
    await recordAudit(tx, actor, now, {
      action: 'user.update',
      subject: `user:${id}`,
      details: {
        ...(role !== user.role ? { role: { from: user.role, to: role } } : {}),
        ...(newsroomIds ? { newsroomIds } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      },
    })
  })
  return staffUser(repos, id)
}

/**
 * Gives a user a new one-time password (shown once to the administrator, valid 24 hours) and
 * ends their sessions; they choose their own at the next sign-in. Recorded as
 * `user.password-reset`.
 */
export async function resetStaffPassword(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  id: number,
): Promise<{ id: number; email: string; password: string }> {
  authorize(actor, 'user.manage')
  const user = await staffUser(repos, id)
  const password = generatePassword()
  const hash = await hashPassword(password)
  const now = clock.now()
  await repos.transaction(async (tx) => {
    await tx.users.setOneTimePassword(id, hash, now.toISOString())
    await tx.sessions.deleteAllOfUser(id)
    await recordAudit(tx, actor, now, {
      action: 'user.password-reset',
      subject: `user:${id}`,
    })
  })
  return { id, email: user.email, password }
}

/** A staff user by email, for the command line. */
export async function findStaffUserByEmail(
  repos: Pick<Repositories, 'users'>,
  email: string,
): Promise<UserRow> {
  const user = await repos.users.findByEmail(email.trim().toLowerCase())
  if (!user) throw new NotFoundError(`No user with the email ${email}`)
  return user
}

/** On an empty database, the first start creates an administrator. */
export async function hasUsers(repos: Pick<Repositories, 'users'>): Promise<boolean> {
  return (await repos.users.count()) > 0
}

/**
 * Validates and inserts one API token, without audit entry: the step `issueApiToken` takes
 * inside its transaction (test fixtures use it directly). The token is returned once; only
 * its hash is stored.
 */
export async function createApiToken(
  repos: Repositories,
  clock: Clock,
  input: { name: string; role?: string; createdByUserId?: number },
): Promise<{ id: number; token: string }> {
  const name = input.name.trim()
  const role = input.role ?? 'admin'
  const fields: Record<string, [string, FieldCode]> = {}
  if (!name) fields.name = ['Required, at most 100 characters', 'required']
  else if (name.length > 100) fields.name = ['Required, at most 100 characters', 'too_long']
  if (!isUserRole(role)) fields.role = ['Role must be admin, editor or contributor', 'invalid']
  if (fields.name) throw invalid('Give the token a name of 1–100 characters', fields)
  if (fields.role) throw invalid(fields.role[0], fields)
  const token = generateToken('tdt_')
  const id = await repos.apiTokens.insert({
    name,
    tokenHash: sha256(token),
    role: role as UserRole,
    createdByUserId: input.createdByUserId ?? null,
    createdAt: clock.now().toISOString(),
  })
  return { id, token }
}

/** Creates an API token and records `token.create`; the token is returned once. */
export async function issueApiToken(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  input: { name: string; role?: string },
): Promise<{ id: number; token: string }> {
  authorize(actor, 'token.manage')
  return repos.transaction(async (tx) => {
    const created = await createApiToken(tx, clock, {
      ...input,
      createdByUserId: actor.kind === 'user' ? actor.id : undefined,
    })
    await recordAudit(tx, actor, clock.now(), {
      action: 'token.create',
      subject: `token:${created.id}`,
      details: { name: input.name.trim(), role: input.role ?? 'admin' },
    })
    return created
  })
}

/** Newest first; for administrators. */
export async function listApiTokens(repos: Repositories, actor: Actor): Promise<ApiTokenRow[]> {
  authorize(actor, 'token.manage')
  return repos.apiTokens.listNewestFirst()
}

/** Revokes a token and records `token.revoke`; revoking it again changes nothing. */
export async function revokeApiToken(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  tokenId: number,
): Promise<void> {
  authorize(actor, 'token.manage')
  if (!Number.isInteger(tokenId)) throw new NotFoundError('No such API token')
  const now = clock.now()
  await repos.transaction(async (tx) => {
    if (await tx.apiTokens.revoke(tokenId, now.toISOString()))
      await recordAudit(tx, actor, now, { action: 'token.revoke', subject: `token:${tokenId}` })
  })
}

/** The actor behind a Bearer token, or undefined when it is unknown or revoked. */
export async function actorForApiToken(
  repos: Pick<Repositories, 'apiTokens'>,
  token: string,
): Promise<Actor | undefined> {
  const row = await repos.apiTokens.findByHash(sha256(token))
  if (!row || row.revoked_at) return undefined
  return { kind: 'token', id: row.id, role: row.role, newsroomIds: 'all', label: `token:${row.id}` }
}

/**
 * A staff member changes their own name and sign-in email; the current password proves it is
 * them (a session left open on a shared computer cannot move the account to another address).
 */
export async function changeOwnProfile(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  input: { name: string; email: string; password: string },
): Promise<{ name: string; email: string }> {
  if (actor.kind !== 'user') throw new NotFoundError('Only staff users have an account page')
  const user = await repos.users.findById(actor.id)
  if (!user) throw new NotFoundError(`No user ${actor.id}`)
  const name = input.name.trim()
  const email = input.email.trim().toLowerCase()
  const fields: Record<string, [string, FieldCode]> = {}
  if (name.length > 200) fields.name = ['At most 200 characters', 'too_long']
  if (!email) fields.email = ['Give an email address', 'required']
  else if (!EMAIL.test(email) || email.length > 254)
    fields.email = ['Give a valid email address', 'invalid']
  else if (email !== user.email && (await repos.users.emailTaken(email)))
    fields.email = ['Already in use', 'email_taken']
  if (!(await verifyPassword(input.password, user.password_hash)))
    fields.password = ['The password is not right', 'invalid']
  if (Object.keys(fields).length) {
    const entries = Object.entries(fields)
    throw new ValidationError(
      `${entries[0][0]}: ${entries[0][1][0]}`,
      Object.fromEntries(entries.map(([k, v]) => [k, v[0]])),
      Object.fromEntries(entries.map(([k, v]) => [k, v[1]])),
    )
  }
  await repos.transaction(async (tx) => {
    await tx.users.setNameAndEmail(user.id, name, email, clock.now().toISOString())
    await recordAudit(tx, actor, clock.now(), {
      action: 'user.update',
      subject: `user:${user.id}`,
      details: { name, ...(email !== user.email ? { email: 'changed' } : {}) },
    })
  })
  return { name, email }
}
