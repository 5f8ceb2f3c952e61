/** Admin: staff users (list, add with role and newsrooms) and API tokens (create once, revoke). */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { createApiToken, createUser, isUserRole } from '../../core/auth/users.js'
import { ConflictError, ValidationError } from '../../core/errors.js'
import type { Lang } from '../../core/types.js'
import { DEFAULT_TIMEZONE } from '../../core/newsroom/newsrooms.js'
import { Field } from '../../views/admin/admin-layout.js'
import { formatDateTime } from '../../views/format-time.js'
import { isLang, LANG_NAMES, LANGS } from '../../views/i18n/index.js'
import { adminPage } from './admin-page.js'
import { requirePermission } from './admin-session.js'
import type { AdminEnv } from './admin-session.js'

import type { Flash } from './admin-page.js'
import { recordAudit } from '../../core/audit.js'

/** The admin shell (with doctype), as every admin area renders it. */
const page = (c: Context<AdminEnv>, title: string, current: string, body: Child, flash?: Flash) =>
  adminPage(c, { title, current, flash }, body)

/** Users and tokens belong to no newsroom, so their times show in the default zone. */
const formatTime = (value: string | null, never: string) =>
  value ? formatDateTime(value, DEFAULT_TIMEZONE) : never

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
    const { db } = c.var.deps.database
    const users = await db.selectFrom('users').selectAll().orderBy('email').execute()
    const newsrooms = await db
      .selectFrom('newsrooms')
      .innerJoin('newsroom_translations as tr', 'tr.newsroom_id', 'newsrooms.id')
      .select(['newsrooms.id', 'newsrooms.slug', 'tr.name', 'tr.lang'])
      .orderBy('newsrooms.slug')
      .execute()
    const names = new Map<number, string>()
    for (const row of newsrooms)
      if (!names.has(row.id) || row.lang === lang) names.set(row.id, row.name)
    const memberships = await db.selectFrom('user_newsrooms').selectAll().execute()
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
                <td>{user.email}</td>
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
          <fieldset>
            <legend>{t.role}</legend>
            <p class="hint">{t.roleHelp}</p>
            <div class="checks">
              {(['editor', 'contributor', 'admin'] as const).map((role, i) => (
                <label>
                  <input
                    type="radio"
                    name="role"
                    value={role}
                    checked={(values.role ?? 'editor') === role || (!values.role && i === 0)}
                  />{' '}
                  {t.roles[role]}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t.newsrooms}</legend>
            <div class="checks">
              {[...names.entries()].map(([id, name]) => (
                <label>
                  <input type="checkbox" name="newsrooms" value={String(id)} checked /> {name}
                </label>
              ))}
            </div>
          </fieldset>
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

  router.use('/users', requirePermission('user.manage'))
  router.use('/users/*', requirePermission('user.manage'))
  router.get('/users', async (c) => c.html(await usersPage(c)))
  router.post('/users', async (c) => {
    const body = await c.req.parseBody({ all: true })
    const values = {
      email: String(body.email ?? '').trim(),
      name: String(body.name ?? '').trim(),
      role: String(body.role ?? 'editor'),
      locale: String(body.locale ?? 'fi'),
    }
    const newsroomIds = ([] as unknown[])
      .concat(body.newsrooms ?? [])
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0)
    if (!values.email)
      return c.html(await usersPage(c, { errors: { email: 'required' }, values }), 422)
    if (!isUserRole(values.role) || !isLang(values.locale)) {
      return c.html(await usersPage(c, { errors: { role: 'required' }, values }), 422)
    }
    const { db } = c.var.deps.database
    try {
      const created = await db.transaction().execute(async (trx) => {
        const user = await createUser(trx, c.var.deps.clock, {
          email: values.email,
          name: values.name,
          role: values.role as 'admin',
          locale: values.locale as Lang,
        })
        for (const newsroomId of newsroomIds) {
          await trx
            .insertInto('user_newsrooms')
            .values({ user_id: user.id, newsroom_id: newsroomId })
            .execute()
        }
        await recordAudit(trx, c.var.session.actor, c.var.deps.clock.now(), {
          action: 'user.create',
          subject: `user:${user.id}`,
          details: { role: values.role, newsroomIds },
        })
        return user
      })
      return c.html(
        await usersPage(c, {
          created: { email: values.email.toLowerCase(), password: created.password },
        }),
        201,
      )
    } catch (error) {
      if (error instanceof ConflictError)
        return c.html(await usersPage(c, { errors: { email: 'taken' }, values }), 409)
      if (error instanceof ValidationError)
        return c.html(await usersPage(c, { errors: { email: 'invalid' }, values }), 422)
      throw error
    }
  })

  const tokensPage = async (
    c: Context<AdminEnv>,
    options: { created?: string; error?: boolean } = {},
  ) => {
    const { t } = c.var
    const tokens = await c.var.deps.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .orderBy('id', 'desc')
      .execute()
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

  router.use('/tokens', requirePermission('token.manage'))
  router.use('/tokens/*', requirePermission('token.manage'))
  router.get('/tokens', async (c) => c.html(await tokensPage(c)))
  router.post('/tokens', async (c) => {
    const body = await c.req.parseBody()
    const name = String(body.name ?? '').trim()
    const role = String(body.role ?? 'editor')
    if (!name || name.length > 100 || !isUserRole(role))
      return c.html(await tokensPage(c, { error: true }), 422)
    const { token } = await c.var.deps.database.db.transaction().execute(async (trx) => {
      const created = await createApiToken(trx, c.var.deps.clock, {
        name,
        role,
        createdByUserId: c.var.session.user.id,
      })
      await recordAudit(trx, c.var.session.actor, c.var.deps.clock.now(), {
        action: 'token.create',
        subject: `token:${created.id}`,
        details: { name, role },
      })
      return created
    })
    return c.html(await tokensPage(c, { created: token }), 201)
  })
  router.post('/tokens/:id/revoke', async (c) => {
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id)) return c.notFound()
    const now = c.var.deps.clock.now()
    await c.var.deps.database.db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (Number(revoked.numUpdatedRows) > 0)
        await recordAudit(trx, c.var.session.actor, now, {
          action: 'token.revoke',
          subject: `token:${id}`,
        })
    })
    return c.redirect('/admin/tokens', 303)
  })

  return router
}
