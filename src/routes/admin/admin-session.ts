/**
 * Staff session plumbing for /admin: cookie → session → user, CSRF checks for every
 * state-changing request, and permission guards. Kept apart from the pages so each admin area
 * only declares what it needs.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { timingSafeEqual } from 'node:crypto'
import type { AppEnv } from '../../app.js'
import { can } from '../../core/auth/actor.js'
import { ForbiddenError } from '../../core/errors.js'
import type { Permission } from '../../core/auth/actor.js'
import { generateToken } from '../../core/auth/secrets.js'
import { loadSession } from '../../core/auth/sessions.js'
import type { SessionInfo } from '../../core/auth/sessions.js'
import { adminStrings } from '../../views/i18n/admin/index.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { negotiateLang } from '../../views/i18n/index.js'
import type { Lang } from '../../views/i18n/index.js'

export const SESSION_COOKIE = 'tiedote_session'
/** Double-submit token for forms shown before sign-in (the login form). */
export const PRE_SESSION_CSRF_COOKIE = 'tiedote_csrf'

export interface AdminEnv {
  Variables: AppEnv['Variables'] & {
    session: SessionInfo
    lang: Lang
    t: AdminStrings
  }
}

export function isSecure<E extends AppEnv>(c: Context<E>): boolean {
  return c.var.deps.config.publicUrl.startsWith('https:')
}

export function setSessionCookie<E extends AppEnv>(c: Context<E>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
    path: '/',
  })
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c) })
}

/** The interface language before sign-in: ?lang=, else the browser's preference. */
export function guestLang<E extends AppEnv>(c: Context<E>): Lang {
  const query = c.req.query('lang')
  return query === 'fi' || query === 'sv' || query === 'en'
    ? query
    : negotiateLang(c.req.header('accept-language'))
}

/** Issues (or reuses) the pre-session CSRF cookie and returns its value for the form. */
export function preSessionCsrf<E extends AppEnv>(c: Context<E>): string {
  const existing = getCookie(c, PRE_SESSION_CSRF_COOKIE)
  if (existing && /^[A-Za-z0-9_-]{40,}$/.test(existing)) return existing
  const token = generateToken()
  setCookie(c, PRE_SESSION_CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecure(c),
    path: '/admin',
  })
  return token
}

export function safeEqual(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The CSRF token a request presents: a `_csrf` form field or an `X-CSRF-Token` header. */
export async function presentedCsrf(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token')
  if (header) return header
  const type = c.req.header('content-type') ?? ''
  if (type.includes('form')) {
    const body = await c.req.parseBody({ all: true })
    const value = body._csrf
    return typeof value === 'string' ? value : undefined
  }
  return undefined
}

/**
 * Requires a signed-in user. Pages redirect to the login; anything else gets 401. A user who
 * must change the one-time password is sent to the password page first.
 */
export const requireSession = createMiddleware<AdminEnv>(async (c, next) => {
  const { repos, clock } = c.var.deps
  const session = await loadSession(repos, clock, getCookie(c, SESSION_COOKIE))
  if (!session) {
    if (c.req.method === 'GET') {
      const back = encodeURIComponent(c.req.path)
      return c.redirect(`/admin/login?next=${back}`, 303)
    }
    const lang = guestLang(c)
    return c.text(adminStrings[lang].csrfFailed, 401)
  }
  c.set('session', session)
  c.set('lang', session.user.locale)
  c.set('t', adminStrings[session.user.locale])
  if (
    session.user.must_change_password &&
    !c.req.path.startsWith('/admin/password') &&
    c.req.path !== '/admin/logout'
  ) {
    return c.redirect('/admin/password', 303)
  }
  await next()
})

/** Every non-GET request under /admin must carry the session's CSRF token. */
export const requireCsrf = createMiddleware<AdminEnv>(async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
  const presented = await presentedCsrf(c)
  if (!safeEqual(presented, c.var.session.csrfToken)) {
    return c.text(c.var.t.csrfFailed, 403)
  }
  await next()
})

export const requirePermission = (permission: Permission) =>
  createMiddleware<AdminEnv>(async (c, next) => {
    // Thrown, so the admin error handler answers with a page in the user's language.
    if (!can(c.var.session.actor, permission)) throw new ForbiddenError()
    await next()
  })
