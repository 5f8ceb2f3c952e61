/** Admin: staff users (list, add with role and newsrooms) and API tokens (create once, revoke). */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import {
  createStaffUser,
  issueApiToken,
  listApiTokens,
  listStaff,
  resetStaffPassword,
  revokeApiToken,
  updateStaffUser,
} from '../../core/auth/users.js'
import type { StaffList } from '../../core/auth/users.js'
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js'
import { idParam } from './form-body.js'
import { DEFAULT_TIMEZONE } from '../../core/newsroom/newsrooms.js'
import { Field } from '../../views/admin/admin-layout.js'
import { formatDateTime } from '../../views/format-time.js'
import { LANG_NAMES, LANGS } from '../../views/i18n/index.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'

import type { Flash } from './admin-page.js'

/** The admin shell (with doctype), as every admin area renders it. */
const page = (c: Context<AdminEnv>, title: string, current: string, body: Child, flash?: Flash) =>
  adminPage(c, { title, current, flash }, body)

/** Users and tokens belong to no newsroom, so their times show in the default zone. */
const formatTime = (value: string | null, never: string) =>
  value ? formatDateTime(value, DEFAULT_TIMEZONE) : never

/** The form's error codes (see `errorText`) from the core's field codes. */
function formErrors(error: ValidationError): Record<string, string> {
  const errors: Record<string, string> = {}
  const email = error.fieldCodes.email
  if (email) errors.email = email === 'required' ? 'required' : 'invalid'
  if (error.fieldCodes.role || error.fieldCodes.locale) errors.role = 'required'
  return errors
}

/** Each newsroom's name in the staff member's language, else in its first one found. */
function newsroomNamesIn(rows: StaffList['newsroomNames'], lang: string): Map<number, string> {
  const names = new Map<number, string>()
  for (const row of rows) if (!names.has(row.id) || row.lang === lang) names.set(row.id, row.name)
  return names
}

/** The newsroom ids ticked in a form (`newsrooms`, once per box). */
function checkedNewsrooms(body: Record<string, unknown>): number[] {
  return ([] as unknown[])
    .concat(body.newsrooms ?? [])
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
}

/** The role and newsroom choices of a staff user, as the add and the edit forms show them. */
function RoleAndNewsrooms(props: {
  t: AdminStrings
  role: string
  names: Map<number, string>
  isChecked: (newsroomId: number) => boolean
}) {
  const { t } = props
  return (
    <>
      <fieldset>
        <legend>{t.role}</legend>
        <p class="hint">{t.roleHelp}</p>
        <div class="checks">
          {(['editor', 'contributor', 'admin'] as const).map((role) => (
            <label>
              <input type="radio" name="role" value={role} checked={props.role === role} />{' '}
              {t.roles[role]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.newsrooms}</legend>
        <div class="checks">
          {[...props.names.entries()].map(([id, name]) => (
            <label>
              <input
                type="checkbox"
                name="newsrooms"
                value={String(id)}
                checked={props.isChecked(id)}
              />{' '}
              {name}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  )
}

export function createUserAdminRoutes() {
  const router = new Hono<AdminEnv>()

  const usersPage = async (
    c: Context<AdminEnv>,
    options: {
      errors?: Record<string, string>
      created?: { email: string; password: string }
      values?: Record<string, string>
    } = {},
  ) => {
    const { t, lang } = c.var
    // The core admits administrators only: others get the 403 page.
    const { users, memberships, newsroomNames } = await listStaff(
      c.var.deps.repos,
      c.var.session.actor,
    )
    const names = newsroomNamesIn(newsroomNames, lang)
    const errors = options.errors ?? {}
    const values = options.values ?? {}
    const errorText = (code?: string) =>
      code === 'required'
        ? t.fieldRequired
        : code === 'invalid'
          ? t.emailInvalid
          : code === 'taken'
            ? t.emailTaken
            : undefined
    return page(
      c,
      t.users,
      '/admin/users',
      <>
        <h1>{t.users}</h1>
        {options.created ? (
          <div class="notice ok" role="status">
            <p>{t.userCreated}</p>
            <p>
              {options.created.email}: <code class="secret">{options.created.password}</code>
            </p>
          </div>
        ) : null}
        <table>
          <caption class="visually-hidden">{t.users}</caption>
          <thead>
            <tr>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.newsrooms}</th>
              <th scope="col">{t.lastUsed}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr>
                <td>
                  <a href={`/admin/users/${user.id}`}>{user.email}</a>
                  {user.disabled_at ? (
                    <>
                      {' '}
                      <span class="badge warn">{t.userDisabled}</span>
                    </>
                  ) : null}
                </td>
                <td>{user.name}</td>
                <td>{t.roles[user.role]}</td>
                <td>
                  {user.role === 'admin'
                    ? '—'
                    : memberships
                        .filter((m) => m.user_id === user.id)
                        .map((m) => names.get(m.newsroom_id))
                        .join(', ')}
                </td>
                <td>{formatTime(user.last_login_at, t.never)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t.createUser}</h2>
        {Object.keys(errors).length ? (
          <div class="notice error" role="alert">
            {t.fixErrors}
          </div>
        ) : null}
        <form method="post" action="/admin/users">
          <input type="hidden" name="_csrf" value={c.var.session.csrfToken} />
          <Field
            id="user-email"
            name="email"
            type="email"
            label={t.email}
            required
            value={values.email}
            error={errorText(errors.email)}
          />
          <Field id="user-name" name="name" label={t.name} value={values.name} />
          <RoleAndNewsrooms
            t={t}
            role={values.role ?? 'editor'}
            names={names}
            isChecked={() => true}
          />
          <div class="field">
            <label for="user-locale">{t.language}</label>
            <select id="user-locale" name="locale">
              {LANGS.map((l) => (
                <option value={l} selected={l === (values.locale ?? lang)}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.createUser}</button>
        </form>
      </>,
    )
  }

  router.get('/users', async (c) => c.html(await usersPage(c)))
  router.post('/users', async (c) => {
    const body = await c.req.parseBody({ all: true })
    const values = {
      email: String(body.email ?? '').trim(),
      name: String(body.name ?? '').trim(),
      role: String(body.role ?? 'editor'),
      locale: String(body.locale ?? 'fi'),
    }
    const newsroomIds = checkedNewsrooms(body)
    try {
      const created = await createStaffUser(
        c.var.deps.repos,
        c.var.deps.clock,
        c.var.session.actor,
        { ...values, newsroomIds },
      )
      return c.html(
        await usersPage(c, { created: { email: created.email, password: created.password } }),
        201,
      )
    } catch (error) {
      if (error instanceof ConflictError)
        return c.html(await usersPage(c, { errors: { email: 'taken' }, values }), 409)
      if (error instanceof ValidationError)
        return c.html(await usersPage(c, { errors: formErrors(error), values }), 422)
      throw error
    }
  })

  /** One user: role, newsrooms, access; a new one-time password. */
  const userPage = async (
    c: Context<AdminEnv>,
    id: number,
    options: { error?: string; reset?: { email: string; password: string } } = {},
  ) => {
    const { t, lang } = c.var
    const { users, memberships, newsroomNames } = await listStaff(
      c.var.deps.repos,
      c.var.session.actor,
    )
    const user = users.find((u) => u.id === id)
    if (!user) throw new NotFoundError(`No user ${id}`)
    const names = newsroomNamesIn(newsroomNames, lang)
    const mine = new Set(memberships.filter((m) => m.user_id === id).map((m) => m.newsroom_id))
    return page(
      c,
      t.users,
      '/admin/users',
      <>
        <p>
          <a href="/admin/users">← {t.users}</a>
        </p>
        <h1>{t.userEditTitle(user.email)}</h1>
        {options.error ? (
          <div class="notice error" role="alert">
            {options.error}
          </div>
        ) : null}
        {options.reset ? (
          <div class="notice ok" role="status">
            <p>{t.passwordResetDone(options.reset.email)}</p>
            <code class="secret">{options.reset.password}</code>
          </div>
        ) : null}
        <form method="post" action={`/admin/users/${id}`}>
          <input type="hidden" name="_csrf" value={c.var.session.csrfToken} />
          <RoleAndNewsrooms
            t={t}
            role={user.role}
            names={names}
            isChecked={(newsroomId) => mine.has(newsroomId)}
          />
          <div class="field checks">
            <label>
              <input
                type="checkbox"
                name="disabled"
                value="1"
                checked={user.disabled_at !== null}
              />{' '}
              {t.userDisable}
            </label>
          </div>
          <button type="submit">{t.userSave}</button>
        </form>
        <section aria-labelledby="reset-heading">
          <h2 id="reset-heading">{t.passwordReset}</h2>
          <p id="reset-hint" class="hint">
            {t.passwordResetHint}
          </p>
          <form method="post" action={`/admin/users/${id}/password-reset`}>
            <input type="hidden" name="_csrf" value={c.var.session.csrfToken} />
            <button type="submit" class="secondary" aria-describedby="reset-hint">
              {t.passwordReset}
            </button>
          </form>
        </section>
      </>,
    )
  }

  router.get('/users/:id', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    return c.html(await userPage(c, id))
  })

  router.post('/users/:id', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const body = await c.req.parseBody({ all: true })
    const newsroomIds = checkedNewsrooms(body)
    try {
      await updateStaffUser(c.var.deps.repos, c.var.deps.clock, c.var.session.actor, id, {
        role: String(body.role ?? ''),
        newsroomIds,
        disabled: body.disabled === '1',
      })
    } catch (error) {
      if (error instanceof ConflictError)
        return c.html(await userPage(c, id, { error: c.var.t.lastAdmin }), 409)
      if (error instanceof ValidationError)
        return c.html(await userPage(c, id, { error: c.var.t.fixErrors }), 422)
      throw error
    }
    return c.redirect('/admin/users?ok=userSaved', 303)
  })

  router.post('/users/:id/password-reset', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const reset = await resetStaffPassword(
      c.var.deps.repos,
      c.var.deps.clock,
      c.var.session.actor,
      id,
    )
    return c.html(await userPage(c, id, { reset }))
  })

  const tokensPage = async (
    c: Context<AdminEnv>,
    options: { created?: string; error?: boolean } = {},
  ) => {
    const { t } = c.var
    const tokens = await listApiTokens(c.var.deps.repos, c.var.session.actor)
    return page(
      c,
      t.tokens,
      '/admin/tokens',
      <>
        <h1>{t.tokens}</h1>
        {options.created ? (
          <div class="notice ok" role="status">
            <p>{t.tokenCreated}</p>
            <code class="secret">{options.created}</code>
          </div>
        ) : null}
        <table>
          <caption class="visually-hidden">{t.tokens}</caption>
          <thead>
            <tr>
              <th scope="col">{t.tokenName}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.created}</th>
              <th scope="col">{t.lastUsed}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr>
                <td>{token.name}</td>
                <td>{t.roles[token.role]}</td>
                <td>{formatTime(token.created_at, t.never)}</td>
                <td>{formatTime(token.last_used_at, t.never)}</td>
                <td>
                  {token.revoked_at ? (
                    t.revoked
                  ) : (
                    <form method="post" action={`/admin/tokens/${token.id}/revoke`} class="inline">
                      <input type="hidden" name="_csrf" value={c.var.session.csrfToken} />
                      <button
                        type="submit"
                        class="danger"
                        aria-label={`${t.revoke}: ${token.name}`}
                      >
                        {t.revoke}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t.createToken}</h2>
        <form method="post" action="/admin/tokens">
          <input type="hidden" name="_csrf" value={c.var.session.csrfToken} />
          <Field
            id="token-name"
            name="name"
            label={t.tokenName}
            required
            error={options.error ? t.fieldRequired : undefined}
          />
          <div class="field">
            <label for="token-role">{t.role}</label>
            <select id="token-role" name="role">
              {(['editor', 'contributor', 'admin'] as const).map((role) => (
                <option value={role}>{t.roles[role]}</option>
              ))}
            </select>
          </div>
          <button type="submit">{t.createToken}</button>
        </form>
      </>,
    )
  }

  router.get('/tokens', async (c) => c.html(await tokensPage(c)))
  router.post('/tokens', async (c) => {
    const body = await c.req.parseBody()
    try {
      const { token } = await issueApiToken(
        c.var.deps.repos,
        c.var.deps.clock,
        c.var.session.actor,
        { name: String(body.name ?? ''), role: String(body.role ?? 'editor') },
      )
      return c.html(await tokensPage(c, { created: token }), 201)
    } catch (error) {
      if (error instanceof ValidationError) return c.html(await tokensPage(c, { error: true }), 422)
      throw error
    }
  })
  router.post('/tokens/:id/revoke', async (c) => {
    await revokeApiToken(
      c.var.deps.repos,
      c.var.deps.clock,
      c.var.session.actor,
      Number(c.req.param('id')),
    )
    return c.redirect('/admin/tokens', 303)
  })

  return router
}
