/**
 * Shared by the security tests: the API harness (a fresh installation, an API token per role)
 * plus a revoked token, signed-in staff sessions and small helpers to read responses whole.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import { createApiToken } from '../../src/core/auth/users.js'
import { signSubscriberToken } from '../../src/core/subscription/links.js'
import { staffSignIn } from '../helpers/actors.js'
import type { SignIn } from '../helpers/actors.js'
import { apiRequest, startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import type { DbKind } from '../helpers/env.js'
import { ownTables } from '../helpers/tables.js'
import { ORIGIN } from '../helpers/harness.js'
import type { TestAppOptions } from '../helpers/harness.js'

export interface SecurityHarness extends ApiHarness {
  /** An admin token that has been revoked: must open nothing. */
  revokedToken: string
  /** Signs a new staff user in through the real login form; the session keeps its cookies. */
  signIn: SignIn
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
  /** Adds a confirmed subscriber of `kaupunki` through the API; returns the tokens of their links. */
  confirmedSubscriber(email: string): Promise<{ manage: string; unsubscribe: string }>
}

export async function createSecurityHarness(
  kind: DbKind,
  options: TestAppOptions = {},
): Promise<SecurityHarness> {
  const h = await startApiHarness(kind, options)
  const { db } = h.deps.database
  const revoked = await createApiToken(createRepositories(db), h.clock, {
    name: 'revoked',
    role: 'admin',
  })
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: h.clock.now().toISOString() })
    .where('id', '=', revoked.id)
    .execute()

  return {
    ...h,
    revokedToken: revoked.token,
    signIn: staffSignIn(h.app, { database: h.deps.database, clock: h.clock }),
    async request(path, init = {}) {
      return h.app.request(`${ORIGIN}${path}`, init)
    },
    async apiWith(token, method, path, body, extra = {}) {
      const res = await apiRequest(h.app, token, method, path, body, extra)
      return { status: res.status, text: await res.text(), headers: res.headers }
    },
    async confirmedSubscriber(email) {
      const subscriber = await h.api('POST', '/subscribers', {
        email,
        languages: ['fi'],
        newsrooms: ['kaupunki'],
        status: 'confirmed',
        consent: { source: 'test', text: 'Tilaan', at: h.clock.now().toISOString() },
      })
      const row = await db
        .selectFrom('subscribers')
        .select(['id', 'token_secret'])
        .where('id', '=', subscriber.body.id)
        .executeTakeFirstOrThrow()
      const { secretKey } = h.setup.config
      return {
        manage: signSubscriberToken(secretKey, 'manage', row),
        unsubscribe: signSubscriberToken(secretKey, 'unsubscribe', row),
      }
    },
    async snapshot() {
      const tables = await ownTables(db, kind)
      const dump: Record<string, unknown[]> = {}
      for (const table of tables) {
        if (table.startsWith('kysely_')) continue
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, untyped
        const rows = await (db as any).selectFrom(table).selectAll().execute()
        dump[table] = rows.map((row: unknown) => JSON.stringify(row)).sort()
      }
      return JSON.stringify(dump)
    },
  }
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
