/**
 * One app per test file for the admin tests: a real database (SQLite or PostgreSQL), real Redis,
 * a manual clock, a newsroom and one signed-in session per role.
 */
import { createApp } from '../../src/app.js'
import { createManualClock } from '../../src/clock.js'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import { createUser } from '../../src/core/auth/users.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import type { ContentDeps } from '../../src/core/release/ports.js'
import type { UserRole } from '../../src/core/types.js'
import { createSession, hiddenField } from '../helpers/browserless.js'
import { createTestSetup } from '../helpers/env.js'
import type { DbKind, TestSetup } from '../helpers/env.js'

export const SYSTEM: Actor = {
  kind: 'token',
  id: 0,
  role: 'admin',
  newsroomIds: 'all',
  label: 'test',
}

export type Session = ReturnType<typeof createSession> & { csrf: string; email: string }

export interface AdminHarness {
  setup: TestSetup
  deps: Container
  content: ContentDeps
  app: ReturnType<typeof createApp>
  clock: ReturnType<typeof createManualClock>
  newsroomId: number
  signIn(
    role: UserRole,
    options?: { locale?: 'fi' | 'sv' | 'en'; newsroomIds?: number[] },
  ): Promise<Session>
  close(): Promise<void>
}

export async function createAdminHarness(
  kind: DbKind,
  options: { start?: string; env?: Record<string, string> } = {},
): Promise<AdminHarness> {
  const setup = await createTestSetup(kind, options.env)
  const clock = createManualClock(new Date(options.start ?? '2026-01-10T10:00:00Z'))
  const deps = await createContainer(setup.config, { clock })
  await deps.database.migrate()
  const app = createApp(deps)
  const content = contentDeps(deps)
  const newsroom = await createNewsroom(content, SYSTEM, {
    slug: 'lansi-uusimaa',
    languages: ['fi', 'sv'],
    timezone: 'Europe/Helsinki',
    name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
    boilerplate: {
      fi: 'Hyvinvointialue järjestää palvelut.',
      sv: 'Välfärdsområdet ordnar tjänsterna.',
    },
  })
  let n = 0
  return {
    setup,
    deps,
    content,
    app,
    clock,
    newsroomId: newsroom.id,
    async signIn(role, opts = {}) {
      const email = `${role}-${++n}@example.fi`
      const password = 'long enough password'
      const user = await createUser(deps.database.db, clock, {
        email,
        role,
        password,
        locale: opts.locale ?? 'en',
      })
      for (const id of opts.newsroomIds ?? (role === 'admin' ? [] : [newsroom.id])) {
        await deps.database.db
          .insertInto('user_newsrooms')
          .values({ user_id: user.id, newsroom_id: id })
          .execute()
      }
      const session = createSession(app)
      const login = await session.get('/admin/login')
      const loginCsrf = hiddenField(await login.text(), '_csrf')
      const res = await session.post('/admin/login', { _csrf: loginCsrf, email, password })
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
      const home = await session.get('/admin')
      const csrf = hiddenField(await home.text(), '_csrf')
      return Object.assign(session, { csrf, email })
    },
    async close() {
      await deps.close()
      await setup.cleanup()
    },
  }
}
