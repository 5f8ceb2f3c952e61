/**
 * Staff sign-in: password check with lockout, and server-side sessions. The cookie holds a random
 * token; the database holds only its SHA-256, the user, a per-session CSRF token and the expiry.
 */
import { recordAudit } from '../audit.js'
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock.js'
import type { Database, User } from '../../db/schema.js'
import { ValidationError } from '../errors.js'
import type { Actor } from './actor.js'
import { generateToken, hashPassword, sha256, verifyPassword } from './secrets.js'

export const SESSION_TTL_MS = 12 * 3600_000
/** After this many wrong passwords in a row the account locks, for longer each time. */
export const LOCK_AFTER_FAILURES = 5
const LOCK_BASE_MS = 60_000
const LOCK_MAX_MS = 60 * 60_000

export type SignInResult =
  | { ok: true; user: User; sessionToken: string }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: string }

/** A hash to compare against when the email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined

export async function signIn(
  db: Kysely<Database>,
  clock: Clock,
  email: string,
  password: string,
): Promise<SignInResult> {
  const now = clock.now()
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  if (!user || user.disabled_at) {
    dummyHash ??= hashPassword('not-a-real-password')
    await verifyPassword(password, await dummyHash)
    return { ok: false, reason: 'invalid' }
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    return { ok: false, reason: 'locked', lockedUntil: user.locked_until }
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_logins + 1
    const lockMs =
      failures >= LOCK_AFTER_FAILURES
        ? Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (failures - LOCK_AFTER_FAILURES))
        : 0
    const lockedUntil = lockMs ? new Date(now.getTime() + lockMs).toISOString() : null
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: failures, locked_until: lockedUntil })
        .where('id', '=', user.id)
        .execute()
      // Wrong passwords for a real account (never for unknown addresses: nothing typed is kept).
      await recordAudit(trx, { label: `user:${user.id}` }, now, {
        action: 'user.sign-in-failed',
        subject: `user:${user.id}`,
        details: { failures, ...(lockedUntil ? { lockedUntil } : {}) },
      })
    })
    return lockedUntil
      ? { ok: false, reason: 'locked', lockedUntil }
      : { ok: false, reason: 'invalid' }
  }
  const sessionToken = generateToken()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute()
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(sessionToken),
        user_id: user.id,
        csrf_token: generateToken(),
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      })
      .execute()
    await recordAudit(trx, { label: `user:${user.id}` }, now, {
      action: 'user.sign-in',
      subject: `user:${user.id}`,
    })
  })
  return { ok: true, user, sessionToken }
}

export interface SessionInfo {
  sessionId: string
  csrfToken: string
  user: User
  actor: Actor
}

/** Resolves a session cookie to its user; extends the session while it is used. */
export async function loadSession(
  db: Kysely<Database>,
  clock: Clock,
  sessionToken: string | undefined,
): Promise<SessionInfo | undefined> {
  if (!sessionToken) return undefined
  const now = clock.now()
  const id = sha256(sessionToken)
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
  if (!row || row.expires_at <= now.toISOString() || row.disabled_at) return undefined
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      })
      .where('id', '=', id)
      .execute()
  }
  const { csrf_token, expires_at: _e, last_seen_at: _l, ...user } = row
  return { sessionId: id, csrfToken: csrf_token, user, actor: await actorForUser(db, user) }
}

export async function actorForUser(
  db: Kysely<Database>,
  user: Pick<User, 'id' | 'role'>,
): Promise<Actor> {
  const newsroomIds =
    user.role === 'admin'
      ? ('all' as const)
      : (
          await db
            .selectFrom('user_newsrooms')
            .select('newsroom_id')
            .where('user_id', '=', user.id)
            .execute()
        ).map((r) => r.newsroom_id)
  return { kind: 'user', id: user.id, role: user.role, newsroomIds, label: `user:${user.id}` }
}

export async function signOut(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export const MIN_PASSWORD_LENGTH = 12

/** Changes a password after checking the current one; ends the user's other sessions. */
export async function changePassword(
  db: Kysely<Database>,
  clock: Clock,
  input: { userId: number; current: string; next: string; keepSessionId: string },
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow()
  const fields: Record<string, string> = {}
  if (!(await verifyPassword(input.current, user.password_hash))) fields.current = 'wrong'
  if (input.next.length < MIN_PASSWORD_LENGTH) fields.next = 'too-short'
  else if (input.next === input.current) fields.next = 'same'
  if (Object.keys(fields).length) throw new ValidationError('Password not changed', fields)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: await hashPassword(input.next),
        must_change_password: 0,
        updated_at: clock.now().toISOString(),
      })
      .where('id', '=', user.id)
      .execute()
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .where('id', '!=', input.keepSessionId)
      .execute()
    await recordAudit(trx, { label: `user:${user.id}` }, clock.now(), {
      action: 'user.password',
      subject: `user:${user.id}`,
    })
  })
}
