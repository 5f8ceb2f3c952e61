/** Sign in, sign out and password change for staff. */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../app.js'
import { changeOwnLocale, changePassword, signIn, signOut } from '../../core/auth/sessions.js'
import { changeOwnProfile } from '../../core/auth/users.js'
import { ValidationError } from '../../core/errors.js'
import { deviceProof, isDeviceProof, normalAccountName } from '../../core/auth/secrets.js'
import { clientIp } from '../../http/client-ip.js'
import type { RateLimitRule } from '../../http/rate-limit.js'
import { Field } from '../../views/admin/admin-layout.js'
import { adminStrings } from '../../views/i18n/admin/index.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { LANGS, LANG_NAMES } from '../../views/i18n/index.js'
import type { Lang } from '../../views/i18n/index.js'
import { Layout } from '../../views/layout.js'
import {
  PRE_SESSION_CSRF_COOKIE,
  clearSessionCookie,
  guestLang,
  isSecure,
  preSessionCsrf,
  requireCsrf,
  requireSession,
  safeEqual,
  setSessionCookie,
} from './admin-session.js'
import type { AdminEnv } from './admin-session.js'
import { adminPage, htmlDocument } from './admin-page.js'
import type { Flash } from './admin-page.js'
import { getCookie, setCookie } from 'hono/cookie'

/**
 * Sign-in attempts per client IP, whichever accounts they name: the per-account lockout does not
 * see one address trying a few passwords on many accounts. Generous enough for an office
 * behind one address.
 */
export const LOGIN_PER_IP: RateLimitRule = { name: 'login-ip', limit: 30, windowMs: 15 * 60_000 }
/**
 * Sign-in attempts per account name and client address: guesses at one account from one place
 * stop after ten, while its owner elsewhere signs in as usual (no lock a stranger can set off).
 * Counted for any name typed, so the answer is the same for accounts that do not exist.
 */
export const LOGIN_PER_ACCOUNT_ADDRESS: RateLimitRule = {
  name: 'login-account',
  limit: 10,
  windowMs: 15 * 60_000,
}
/**
 * Sign-in attempts per account from everywhere: guesses spread over many addresses stop here.
 * A browser that has signed in to the account before (its device cookie) is not counted or held
 * up, so strangers cannot lock the owner out of their own computer.
 */
export const LOGIN_PER_ACCOUNT: RateLimitRule = {
  name: 'login-account-all',
  limit: 50,
  windowMs: 15 * 60_000,
}
/** The device cookie: proof that this browser has signed in to the account before. */
export const DEVICE_COOKIE = 'tiedote_device'
const DEVICE_COOKIE_DAYS = 365

/** Guesses at the current password on /admin/password, per signed-in user. */
export const PASSWORD_CHECK_PER_USER: RateLimitRule = {
  name: 'password-check',
  limit: 5,
  windowMs: 15 * 60_000,
}

/** Only same-site paths under /admin may be the target after sign-in (no open redirect). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(value) ? value : '/admin'
}

function LoginPage(props: {
  lang: Lang
  t: AdminStrings
  csrf: string
  next: string
  error?: string
  email?: string
}) {
  const { t } = props
  return (
    <Layout lang={props.lang} title={`${t.signIn} – ${t.admin}`} homeHref="/admin" noindex>
      <h1>{t.signIn}</h1>
      {props.error ? (
        <div class="notice error" role="alert" id="login-error">
          {props.error}
        </div>
      ) : null}
      <form method="post" action="/admin/login">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <input type="hidden" name="lang" value={props.lang} />
        <Field
          id="email"
          name="email"
          type="email"
          label={t.email}
          value={props.email}
          required
          autocomplete="username"
        />
        <Field
          id="password"
          name="password"
          type="password"
          label={t.password}
          required
          autocomplete="current-password"
        />
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>
  )
}

export function createAuthRoutes() {
  const router = new Hono<AppEnv>()

  router.get('/login', (c) => {
    const lang = guestLang(c)
    return c.html(
      htmlDocument(
        <LoginPage
          lang={lang}
          t={adminStrings[lang]}
          csrf={preSessionCsrf(c)}
          next={safeNext(c.req.query('next'))}
        />,
      ),
    )
  })

  router.post('/login', async (c) => {
    const body = await c.req.parseBody()
    const lang =
      body.lang === 'sv' || body.lang === 'en' || body.lang === 'fi' ? body.lang : guestLang(c)
    const t = adminStrings[lang]
    const next = safeNext(body.next)
    const email = typeof body.email === 'string' ? body.email : ''
    const render = (status: 403 | 401 | 429, error: string) =>
      c.html(
        htmlDocument(
          <LoginPage
            lang={lang}
            t={t}
            csrf={preSessionCsrf(c)}
            next={next}
            error={error}
            email={email}
          />,
        ),
        status,
      )

    if (!safeEqual(String(body._csrf ?? ''), getCookie(c, PRE_SESSION_CSRF_COOKIE))) {
      return render(403, t.csrfFailed)
    }
    const { repos, clock, rateLimiter, config } = c.var.deps
    const ip = clientIp(c, config.trustProxy)
    const account = normalAccountName(email)
    const accountKey = `${account}|${ip}`
    const knownDevice = isDeviceProof(config.secretKey, account, getCookie(c, DEVICE_COOKIE))
    const rules: [RateLimitRule, string][] = [
      [LOGIN_PER_IP, ip],
      [LOGIN_PER_ACCOUNT_ADDRESS, accountKey],
    ]
    if (!knownDevice) rules.push([LOGIN_PER_ACCOUNT, account])
    for (const [rule, key] of rules) {
      const limit = await rateLimiter.hit(rule, key)
      if (!limit.allowed) {
        c.header('Retry-After', String(limit.retryAfterSeconds))
        return render(429, t.rateLimited)
      }
    }
    const password = typeof body.password === 'string' ? body.password : ''
    const result = await signIn(repos, clock, email, password)
    if (!result.ok) return render(401, t.invalidLogin)
    // The owner got in: their earlier typos from here count no more.
    await rateLimiter.reset(LOGIN_PER_ACCOUNT_ADDRESS, accountKey)
    setCookie(c, DEVICE_COOKIE, deviceProof(config.secretKey, account), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isSecure(c),
      path: '/admin/login',
      maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
    })
    setSessionCookie(c, result.sessionToken)
    return c.redirect(result.user.must_change_password ? '/admin/password' : next, 303)
  })

  const authed = new Hono<AdminEnv>()
  // Only on its own paths: mounted at /admin, a bare use() would also run for every other admin
  // page, which applies the same guards itself.
  authed.use('/logout', requireSession, requireCsrf)
  authed.use('/password', requireSession, requireCsrf)
  authed.use('/account/language', requireSession, requireCsrf)
  authed.use('/account/profile', requireSession, requireCsrf)

  authed.post('/logout', async (c) => {
    await signOut(c.var.deps.repos, c.var.session.sessionId)
    clearSessionCookie(c)
    return c.redirect('/admin/login', 303)
  })

  const passwordPage = (
    c: Context<AdminEnv>,
    options: {
      errors?: Record<string, string>
      done?: boolean
      languageSaved?: boolean
      profileSaved?: boolean
      profileErrors?: Record<string, string>
      profileValues?: { name: string; email: string }
    } = {},
  ) => {
    const { t, session } = c.var
    const errors = options.errors ?? {}
    const message = (code: string | undefined) =>
      code === 'limited'
        ? t.rateLimited
        : code === 'wrong'
          ? t.passwordWrong
          : code === 'too-short'
            ? t.passwordTooShort
            : code === 'same'
              ? t.passwordSame
              : undefined
    const profileError = (field: string) => {
      const code = options.profileErrors?.[field]
      if (!code) return undefined
      if (code === 'limited') return t.rateLimited
      if (field === 'password') return t.passwordWrong
      if (code === 'email_taken') return t.accountEmailTaken
      if (code === 'too_long') return t.accountNameTooLong
      return t.accountEmailInvalid
    }
    const flash: Flash | undefined = options.done
      ? { kind: 'ok', text: t.passwordChanged }
      : options.languageSaved
        ? { kind: 'ok', text: t.languageSaved }
        : options.profileSaved
          ? { kind: 'ok', text: t.accountSaved }
          : Object.keys(errors).length || Object.keys(options.profileErrors ?? {}).length
            ? { kind: 'error', text: t.fixErrors }
            : session.user.must_change_password
              ? { kind: 'error', text: t.mustChangePassword }
              : undefined
    return adminPage(
      c,
      { title: t.changePassword, current: '/admin/password', flash },
      <>
        <h1>{t.changePassword}</h1>
        <form method="post" action="/admin/password">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <Field
            id="current"
            name="current"
            type="password"
            label={t.currentPassword}
            required
            autocomplete="current-password"
            error={message(errors.current)}
          />
          <Field
            id="next"
            name="next"
            type="password"
            label={t.newPassword}
            hint={t.passwordHint}
            required
            autocomplete="new-password"
            error={message(errors.next)}
          />
          <button type="submit">{t.save}</button>
        </form>
        <h2>{t.accountDetails}</h2>
        <form method="post" action="/admin/account/profile">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <Field
            id="profile-name"
            name="name"
            label={t.accountName}
            autocomplete="name"
            value={options.profileValues?.name ?? session.user.name}
            error={profileError('name')}
          />
          <Field
            id="profile-email"
            name="email"
            type="email"
            label={t.accountEmail}
            required
            autocomplete="email"
            value={options.profileValues?.email ?? session.user.email}
            error={profileError('email')}
          />
          <Field
            id="profile-password"
            name="password"
            type="password"
            label={t.currentPassword}
            hint={t.accountPasswordHint}
            required
            autocomplete="current-password"
            error={profileError('password')}
          />
          <button type="submit">{t.save}</button>
        </form>
        <h2>{t.language}</h2>
        <form method="post" action="/admin/account/language">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <div class="field">
            <label for="locale">{t.language}</label>
            <select id="locale" name="locale">
              {LANGS.map((l) => (
                <option value={l} lang={l} selected={l === session.user.locale}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.save}</button>
        </form>
      </>,
    )
  }

  authed.get('/password', (c) => {
    const saved = c.req.query('saved')
    return c.html(
      passwordPage(c, {
        languageSaved: saved === 'language',
        done: saved === 'password',
        profileSaved: saved === 'profile',
      }),
    )
  })
  /** Guesses at the signed-in user's password are limited per user (Retry-After when not). */
  const passwordGuessAllowed = async (c: Context<AdminEnv>) => {
    const limit = await c.var.deps.rateLimiter.hit(
      PASSWORD_CHECK_PER_USER,
      String(c.var.session.user.id),
    )
    if (!limit.allowed) c.header('Retry-After', String(limit.retryAfterSeconds))
    return limit.allowed
  }

  authed.post('/password', async (c) => {
    const body = await c.req.parseBody()
    if (!(await passwordGuessAllowed(c)))
      return c.html(passwordPage(c, { errors: { current: 'limited' } }), 429)
    try {
      await changePassword(c.var.deps.repos, c.var.deps.clock, {
        userId: c.var.session.user.id,
        current: String(body.current ?? ''),
        next: String(body.next ?? ''),
        keepSessionId: c.var.session.sessionId,
      })
    } catch (error) {
      if (error instanceof ValidationError)
        return c.html(passwordPage(c, { errors: error.fields }), 422)
      throw error
    }
    // A forced change (first sign-in, reset) leads on to the dashboard; otherwise back here.
    const forced = Boolean(c.var.session.user.must_change_password)
    c.var.session.user.must_change_password = 0
    return c.redirect(forced ? '/admin?ok=passwordChanged' : '/admin/password?saved=password', 303)
  })

  /** Own name and sign-in email, confirmed with the current password. */
  authed.post('/account/profile', async (c) => {
    const body = await c.req.parseBody()
    if (!(await passwordGuessAllowed(c)))
      return c.html(passwordPage(c, { profileErrors: { password: 'limited' } }), 429)
    try {
      await changeOwnProfile(c.var.deps.repos, c.var.deps.clock, c.var.session.actor, {
        name: String(body.name ?? ''),
        email: String(body.email ?? ''),
        password: String(body.password ?? ''),
      })
    } catch (error) {
      if (error instanceof ValidationError)
        return c.html(
          passwordPage(c, {
            profileErrors: error.fieldCodes,
            profileValues: { name: String(body.name ?? ''), email: String(body.email ?? '') },
          }),
          422,
        )
      throw error
    }
    return c.redirect('/admin/password?saved=profile', 303)
  })

  /** The staff pages' language, the signed-in user's own choice; applies from the next page. */
  authed.post('/account/language', async (c) => {
    const body = await c.req.parseBody()
    try {
      await changeOwnLocale(c.var.deps.repos, c.var.session.actor, String(body.locale ?? ''))
    } catch (error) {
      if (error instanceof ValidationError)
        return c.html(passwordPage(c, { errors: error.fieldCodes }), 422)
      throw error
    }
    return c.redirect('/admin/password?saved=language', 303)
  })

  router.route('/', authed)
  return router
}
