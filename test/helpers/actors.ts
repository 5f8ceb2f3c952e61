/**
 * Who acts in the tests: the service's own admin actor for calls straight into the core, an API
 * token per staff role, and staff users signed in through the real login form.
 */
import { createRepositories } from '../../src/db/repositories/index.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import { createApiToken, createUser } from '../../src/core/auth/users.js'
import type { UserRole } from '../../src/core/types.js'
import { createSession, hiddenField } from './browserless.js'

/** An admin token with every newsroom: what set-up code acts as when it calls the core. */
export const SYSTEM: Actor = {
  kind: 'token',
  id: 0,
  role: 'admin',
  newsroomIds: 'all',
  label: 'test',
}

export const STAFF_ROLES = ['admin', 'editor', 'contributor'] as const satisfies UserRole[]

/** The password of every user `signIn` creates. */
export const STAFF_PASSWORD = 'a long enough staff password'

type Staffed = Pick<Container, 'database' | 'clock'>
type Locale = 'fi' | 'sv' | 'en'

/** A staff user working in the given newsrooms; without a password one is generated. */
export async function createStaffUser(
  deps: Staffed,
  input: {
    email: string
    role: UserRole
    password?: string
    locale?: Locale
    newsroomIds?: number[]
  },
) {
  const { newsroomIds = [], ...user } = input
  const created = await createUser(createRepositories(deps.database.db), deps.clock, user)
  for (const id of newsroomIds) {
    await deps.database.db
      .insertInto('user_newsrooms')
      .values({ user_id: created.id, newsroom_id: id })
      .execute()
  }
  return created
}

/** One API token per staff role, named after it. */
export async function createRoleTokens(deps: Staffed): Promise<Record<UserRole, string>> {
  const tokens = {} as Record<UserRole, string>
  for (const role of STAFF_ROLES) {
    tokens[role] = (
      await createApiToken(createRepositories(deps.database.db), deps.clock, { name: role, role })
    ).token
  }
  return tokens
}

/** A browserless session signed in as a staff user, with the form token of its pages. */
export type StaffSession = ReturnType<typeof createSession> & { csrf: string; email: string }

export type SignIn = (
  role: UserRole,
  options?: { locale?: Locale; newsroomIds?: number[] },
) => Promise<StaffSession>

/**
 * Signs a new staff user in through the real login form on each call. Editors and contributors
 * work in `newsroomIds` unless told otherwise; the session keeps its cookies.
 */
export function staffSignIn(
  app: Parameters<typeof createSession>[0],
  deps: Staffed,
  defaults: { newsroomIds?: number[] } = {},
): SignIn {
  let created = 0
  return async (role, options = {}) => {
    const email = `${role}-${++created}@staff.example.fi`
    await createStaffUser(deps, {
      email,
      role,
      password: STAFF_PASSWORD,
      locale: options.locale ?? 'en',
      newsroomIds: options.newsroomIds ?? (role === 'admin' ? [] : (defaults.newsroomIds ?? [])),
    })
    const session = createSession(app)
    const login = await session.get('/admin/login')
    const res = await session.post('/admin/login', {
      _csrf: hiddenField(await login.text(), '_csrf'),
      email,
      password: STAFF_PASSWORD,
    })
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
    const home = await session.get('/admin')
    return Object.assign(session, { csrf: hiddenField(await home.text(), '_csrf'), email })
  }
}
