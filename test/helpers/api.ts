/**
 * The API as a client sees it: requests with a bearer token per staff role, and the payloads
 * the API tests send (a newsroom, a release, a file upload).
 */
import type { UserRole } from '../../src/core/types.js'
import { createRoleTokens } from './actors.js'
import type { DbKind } from './env.js'
import { ORIGIN, startTestApp } from './harness.js'
import type { App, TestApp, TestAppOptions } from './harness.js'

/** An API request with this bearer token (none: anonymous); JSON unless the body is a form or text. */
export function apiRequest(
  app: App,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders }
  if (token) headers.authorization = `Bearer ${token}`
  let payload: FormData | string | undefined
  if (body instanceof FormData || typeof body === 'string') payload = body
  else if (body !== undefined) {
    headers['content-type'] ??= 'application/json'
    payload = JSON.stringify(body)
  }
  return Promise.resolve(app.request(`${ORIGIN}/api/v1${path}`, { method, headers, body: payload }))
}

export interface ApiHarness extends TestApp {
  tokens: Record<UserRole, string>
  /** JSON request to the API with the token of a role (admin by default), or none. */
  api(
    method: string,
    path: string,
    body?: unknown,
    as?: UserRole | 'anonymous',
  ): Promise<{ status: number; body: any; headers: Headers }> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A page or file request as a reader (no credentials). */
  get(path: string, headers?: Record<string, string>): Promise<Response>
}

/** A fresh installation with an API token per staff role. */
export async function startApiHarness(
  kind: DbKind,
  options: TestAppOptions = {},
): Promise<ApiHarness> {
  const base = await startTestApp(kind, options)
  const tokens = await createRoleTokens({ database: base.deps.database, clock: base.clock })
  return {
    ...base,
    tokens,
    async api(method, path, body, as = 'admin') {
      const token = as === 'anonymous' ? undefined : tokens[as]
      const res = await apiRequest(base.app, token, method, path, body)
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
    },
    async get(path, headers = {}) {
      return base.app.request(`${ORIGIN}${path}`, { headers })
    },
  }
}

export const newsroomInput = (slug = 'kaupunki') => ({
  slug,
  name: { fi: 'Esimerkkikaupunki', sv: 'Exempelstaden' },
  languages: ['fi', 'sv'],
  timezone: 'Europe/Helsinki',
  boilerplate: {
    fi: 'Esimerkkikaupunki on kuvitteellinen kunta testejä varten.',
    sv: 'Exempelstaden är en fiktiv kommun för tester.',
  },
})

export const releaseInput = (newsroom = 'kaupunki', suffix = '') => ({
  newsroom,
  type: 'press-release',
  keywords: ['Liikenne', 'Päätökset'],
  contacts: [
    {
      name: 'Maija Meikäläinen',
      title: { fi: 'viestintäpäällikkö', sv: 'kommunikationschef' },
      phone: '+358 40 123 4567',
      email: 'maija@example.fi',
    },
  ],
  versions: {
    fi: {
      title: `Kävelykatu avautuu keväällä${suffix}`,
      lead: 'Keskustan kävelykatu avataan huhtikuussa.',
      body: 'Kaupunginhallitus päätti **kävelykadusta**.\n\n## Aikataulu\n\nTyöt alkavat maaliskuussa.',
    },
    sv: {
      title: `Gågatan öppnar på våren${suffix}`,
      lead: 'Gågatan i centrum öppnas i april.',
      body: 'Stadsstyrelsen beslöt om **gågatan**.',
    },
  },
})

/** A multipart upload as the API takes it: the file and any other fields. */
export function uploadForm(
  bytes: Uint8Array,
  filename: string,
  fields: Record<string, string> = {},
  type = 'application/octet-stream',
) {
  const form = new FormData()
  form.set('file', new File([bytes], filename, { type }))
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return form
}
