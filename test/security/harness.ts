/**
 * Shared set-up for the security tests: the publishing harness (real database, real Redis
 * under a private prefix, the real app, a manual clock, one API token per role) plus a revoked
 * token, signed-in staff sessions and small helpers to read responses whole.
 */
import { createApiToken, createUser } from '../../src/core/auth/users.js'
import type { UserRole } from '../../src/core/types.js'
import { createSession, hiddenField } from '../helpers/browserless.js'
import type { DbKind } from '../helpers/env.js'
import { createHarness } from '../publishing/harness.js'
import type { Harness } from '../publishing/harness.js'

export const ORIGIN = 'http://tiedote.test'

export type StaffSession = ReturnType<typeof createSession> & { csrf: string; email: string }

export interface SecurityHarness extends Harness {
  /** An admin token that has been revoked: must open nothing. */
  revokedToken: string
  /** Signs a new staff user in through the real login form; the session keeps its cookies. */
  signIn(role: UserRole, options?: { newsroomIds?: number[] }): Promise<StaffSession>
  /** Any request to the app, as a reader would send it (no credentials unless given). */
  request(path: string, init?: RequestInit): Promise<Response>
  /** An API request with this bearer token (none: anonymous); JSON unless the body is a form. */
  apiWith(
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string; headers: Headers }>
  /** Every row of every table, to prove that a refused request changed nothing. */
  snapshot(): Promise<string>
}

let userCounter = 0

export async function createSecurityHarness(
  kind: DbKind,
  options: Parameters<typeof createHarness>[1] = {},
): Promise<SecurityHarness> {
  const h = await createHarness(kind, options)
  const { db } = h.deps.database
  const revoked = await createApiToken(db, h.clock, { name: 'revoked', role: 'admin' })
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: h.clock.now().toISOString() })
    .where('id', '=', revoked.id)
    .execute()

  return Object.assign(h, {
    revokedToken: revoked.token,
    async request(path: string, init: RequestInit = {}) {
      return h.app.request(`${ORIGIN}${path}`, init)
    },
    async apiWith(
      token: string | undefined,
      method: string,
      path: string,
      body?: unknown,
      extra: Record<string, string> = {},
    ) {
      const headers: Record<string, string> = { accept: 'application/json', ...extra }
      if (token) headers.authorization = `Bearer ${token}`
      let payload: FormData | string | undefined
      if (body instanceof FormData || typeof body === 'string') payload = body
      else if (body !== undefined) {
        headers['content-type'] ??= 'application/json'
        payload = JSON.stringify(body)
      }
      const res = await h.app.request(`${ORIGIN}/api/v1${path}`, { method, headers, body: payload })
      return { status: res.status, text: await res.text(), headers: res.headers }
    },
    async snapshot() {
      const tables = (await db.introspection.getTables()).map((t) => t.name).sort()
      const dump: Record<string, unknown[]> = {}
      for (const table of tables) {
        if (table.startsWith('kysely_')) continue
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, untyped
        const rows = await (db as any).selectFrom(table).selectAll().execute()
        dump[table] = rows.map((row: unknown) => JSON.stringify(row)).sort()
      }
      return JSON.stringify(dump)
    },
    async signIn(role: UserRole, opts: { newsroomIds?: number[] } = {}) {
      const email = `${role}-${++userCounter}@staff.example.fi`
      const password = 'a long enough staff password'
      const user = await createUser(db, h.clock, { email, role, password, locale: 'en' })
      for (const id of opts.newsroomIds ?? []) {
        await db
          .insertInto('user_newsrooms')
          .values({ user_id: user.id, newsroom_id: id })
          .execute()
      }
      const session = createSession(h.app, ORIGIN)
      const login = await session.get('/admin/login')
      const res = await session.post('/admin/login', {
        _csrf: hiddenField(await login.text(), '_csrf'),
        email,
        password,
      })
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
      const home = await session.get('/admin')
      return Object.assign(session, { csrf: hiddenField(await home.text(), '_csrf'), email })
    },
  })
}

/** Everything a client receives: status line, every header and the body, as one string. */
export async function wholeResponse(res: Response): Promise<string> {
  const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')
  return `${res.status}\n${headers}\n\n${await res.text()}`
}

/** A release's id and its paths per language from an API answer. */
export interface CreatedRelease {
  id: number
  slugs: string[]
  paths: string[]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are checked by tests
export function createdRelease(body: any): CreatedRelease {
  const versions = Object.values(body.versions) as { slug: string; path: string }[]
  return { id: body.id, slugs: versions.map((v) => v.slug), paths: versions.map((v) => v.path) }
}
