/**
 * Shared set-up for the publishing tests: a real database (SQLite or PostgreSQL), real Redis
 * under a private key prefix, the real app, a manual clock and one API token per role.
 */
import { createApp } from '../../src/app.js'
import { createManualClock, systemClock } from '../../src/clock.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import { createApiToken } from '../../src/core/auth/users.js'
import type { UserRole } from '../../src/core/types.js'
import { createTestSetup } from '../helpers/env.js'
import type { DbKind, TestSetup } from '../helpers/env.js'

export type Role = UserRole

export interface Harness {
  setup: TestSetup
  deps: Container
  app: ReturnType<typeof createApp>
  clock: ReturnType<typeof createManualClock>
  tokens: Record<Role, string>
  /** JSON request to the API with the token of a role (admin by default), or none. */
  api(
    method: string,
    path: string,
    body?: unknown,
    as?: Role | 'anonymous',
  ): Promise<{ status: number; body: any; headers: Headers }> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A page or file request as a reader (no credentials). */
  get(path: string, headers?: Record<string, string>): Promise<Response>
  close(): Promise<void>
}

export async function createHarness(
  kind: DbKind,
  options: {
    start?: Date
    env?: Record<string, string>
    /** The one real-time test runs on the system clock; every other test moves a manual one. */
    realTime?: boolean
  } = {},
): Promise<Harness> {
  const setup = await createTestSetup(kind, options.env)
  const clock = createManualClock(options.start ?? new Date())
  const deps = await createContainer(setup.config, {
    clock: options.realTime ? systemClock : clock,
  })
  await deps.database.migrate()
  const app = createApp(deps)
  const tokens = {} as Record<Role, string>
  for (const role of ['admin', 'editor', 'contributor'] as const) {
    tokens[role] = (await createApiToken(deps.database.db, clock, { name: role, role })).token
  }
  return {
    setup,
    deps,
    app,
    clock,
    tokens,
    async api(method, path, body, as = 'admin') {
      const headers: Record<string, string> = { accept: 'application/json' }
      if (as !== 'anonymous') headers.authorization = `Bearer ${tokens[as]}`
      let payload: FormData | string | undefined
      if (body instanceof FormData) payload = body
      else if (body !== undefined) {
        headers['content-type'] = 'application/json'
        payload = JSON.stringify(body)
      }
      const res = await app.request(`http://tiedote.test/api/v1${path}`, {
        method,
        headers,
        body: payload,
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
    },
    async get(path, headers = {}) {
      return app.request(`http://tiedote.test${path}`, { headers })
    },
    async close() {
      await removeRedisKeys(deps, setup.config.redisPrefix)
      await deps.close()
      await setup.cleanup()
    },
  }
}

/** Waits until `check` returns something truthy; for work done by a worker, never for time. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Deletes this test's own Redis keys (never anything else on the shared Redis). */
export async function removeRedisKeys(deps: Container, prefix: string) {
  let cursor = '0'
  do {
    const [next, keys] = await deps.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    if (keys.length > 0) await deps.redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
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

/** A 1×1 PNG. */
export const PNG_BYTES = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
)

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
