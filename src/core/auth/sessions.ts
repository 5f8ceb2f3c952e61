/**
 * Staff sign-in: password check and server-side sessions. The cookie holds a random token; the
 * database holds only its SHA-256, the user, a per-session CSRF token and the expiry.
 *
 * Every refusal looks the same (unknown address, wrong password, disabled account, expired
 * one-time password), so the answer tells nobody which accounts exist. There is no account
 * lock an anonymous party could set off: guessing is limited per address and per (account,
 * address) by the web side's rate limits, so the real user, signing in from elsewhere, is never
 * shut out by someone else's guesses.
 */
import { recordAudit } from '../audit.js'
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { UserRow } from '../../db/repositories/users.js'
import { ValidationError } from '../errors.js'
import { isLang } from '../types.js'
import type { Actor } from './actor.js'
import { generateToken, hashPassword, sha256, verifyPassword } from './secrets.js'

export const SESSION_TTL_MS = 12 * 3600_000
/** A one-time password (new account, reset by an administrator) works this long. */
export const ONE_TIME_PASSWORD_TTL_MS = 24 * 3600_000

export type SignInResult =
  { ok: true; user: UserRow; sessionToken: string } | { ok: false; reason: 'invalid' }

/** A hash to compare against when the email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined

export async function signIn(
  repos: Repositories,
  clock: Clock,
  email: string,
  password: string,
): Promise<SignInResult> {
  const now = clock.now()
  const user = await repos.users.findByEmail(email.trim().toLowerCase())
  if (!user || user.disabled_at) {
    dummyHash ??= hashPassword('not-a-real-password')
    await verifyPassword(password, await dummyHash)
    return { ok: false, reason: 'invalid' }
  }
  const passwordOk = await verifyPassword(password, user.password_hash)
  // A one-time password is set with must_change_password; updated_at is when it was set.
  const expired =
    user.must_change_password === 1 &&
    now.getTime() - new Date(user.updated_at).getTime() > ONE_TIME_PASSWORD_TTL_MS
  if (!passwordOk || expired) {
    const failures = user.failed_logins + 1
    await repos.transaction(async (tx) => {
      await tx.users.recordFailedSignIn(user.id, failures)
      // Wrong passwords for a real account (never for unknown addresses: nothing typed is kept).
      await recordAudit(tx, { label: `user:${user.id}` }, now, {
        action: 'user.sign-in-failed',
        subject: `user:${user.id}`,
        details: { failures, ...(passwordOk ? { oneTimePasswordExpired: true } : {}) },
      })
    })
    return { ok: false, reason: 'invalid' }
  }
  const sessionToken = generateToken()
  await repos.transaction(async (tx) => {
    await tx.users.recordSignIn(user.id, now.toISOString())
    await tx.sessions.insert({
      id: sha256(sessionToken),
      userId: user.id,
      csrfToken: generateToken(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    })
    await recordAudit(tx, { label: `user:${user.id}` }, now, {
      action: 'user.sign-in',
      subject: `user:${user.id}`,
    })
  })
  return { ok: true, user, sessionToken }
}

export interface SessionInfo {
  sessionId: string
  csrfToken: string
  user: UserRow
  actor: Actor
}

/** Resolves a session cookie to its user; extends the session while it is used. */
export async function loadSession(
  repos: Repositories,
  clock: Clock,
  sessionToken: string | undefined,
): Promise<SessionInfo | undefined> {
  if (!sessionToken) return undefined
  const now = clock.now()
  const id = sha256(sessionToken)
  const row = await repos.sessions.findWithUser(id)
  if (!row || row.expires_at <= now.toISOString() || row.disabled_at) return undefined
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await repos.sessions.extend(
      id,
      now.toISOString(),
      new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    )
  }
  const { csrf_token, expires_at: _e, last_seen_at: _l, ...user } = row
  return { sessionId: id, csrfToken: csrf_token, user, actor: await actorForUser(repos, user) }
}

export async function actorForUser(
  repos: Pick<Repositories, 'users'>,
  user: Pick<UserRow, 'id' | 'role'>,
): Promise<Actor> {
  const newsroomIds =
    user.role === 'admin' ? ('all' as const) : await repos.users.newsroomIdsOf(user.id)
  return { kind: 'user', id: user.id, role: user.role, newsroomIds, label: `user:${user.id}` }
}

export async function signOut(repos: Pick<Repositories, 'sessions'>, sessionId: string) {
  await repos.sessions.delete(sessionId)
}

export const MIN_PASSWORD_LENGTH = 12

/** Changes a password after checking the current one; ends the user's other sessions. */
export async function changePassword(
  repos: Repositories,
  clock: Clock,
  input: { userId: number; current: string; next: string; keepSessionId: string },
): Promise<void> {
  const user = await repos.users.findById(input.userId)
  if (!user) throw new Error(`No user ${input.userId}`)
  const fields: Record<string, string> = {}
  // (Guesses at the current password are limited per user by the route: PASSWORD_CHECK_PER_USER.)
  if (!(await verifyPassword(input.current, user.password_hash))) fields.current = 'wrong'
  if (input.next.length < MIN_PASSWORD_LENGTH) fields.next = 'too-short'
  else if (input.next === input.current) fields.next = 'same'
  if (Object.keys(fields).length) throw new ValidationError('Password not changed', fields)
  const passwordHash = await hashPassword(input.next)
  await repos.transaction(async (tx) => {
    await tx.users.setPassword(user.id, passwordHash, clock.now().toISOString())
    await tx.sessions.deleteOthersOfUser(user.id, input.keepSessionId)
    await recordAudit(tx, { label: `user:${user.id}` }, clock.now(), {
      action: 'user.password',
      subject: `user:${user.id}`,
    })
  })
}

/** The staff pages' language, the user's own choice. */
export async function changeOwnLocale(
  repos: Pick<Repositories, 'users'>,
  actor: Actor,
  locale: string,
): Promise<void> {
  if (actor.kind !== 'user' || !isLang(locale)) {
    throw new ValidationError(
      'Choose fi, sv or en',
      { locale: 'Choose fi, sv or en' },
      {
        locale: 'invalid',
      },
    )
  }
  await repos.users.setLocale(actor.id, locale)
}
