/** Staff users and API tokens: creation and lookup used by the CLI, first start and admin. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock.js'
import type { Database } from '../../db/schema.js'
import type { UserRole } from '../types.js'
import { ConflictError, ValidationError } from '../errors.js'
import { generatePassword, generateToken, hashPassword, sha256 } from './secrets.js'

import { isUserRole } from '../types.js'

export { USER_ROLES, isUserRole } from '../types.js'

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/

/** Creates a user with a one-time password that must be changed at first login. */
export async function createUser(
  db: Kysely<Database>,
  clock: Clock,
  input: {
    email: string
    role: UserRole
    name?: string
    password?: string
    locale?: 'fi' | 'sv' | 'en'
  },
): Promise<{ id: number; password: string }> {
  const email = input.email.trim().toLowerCase()
  if (!EMAIL.test(email) || email.length > 254) {
    throw new ValidationError('Give a valid email address', { email: 'Give a valid email address' })
  }
  if (!isUserRole(input.role)) {
    throw new ValidationError('Role must be admin, editor or contributor', {
      role: 'Role must be admin, editor or contributor',
    })
  }
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst()
  if (existing)
    throw new ConflictError(`A user with the email ${email} already exists`, {
      email: 'Already in use',
    })

  const password = input.password ?? generatePassword()
  const now = clock.now().toISOString()
  const row = await db
    .insertInto('users')
    .values({
      email,
      name: input.name ?? '',
      password_hash: await hashPassword(password),
      role: input.role,
      locale: input.locale ?? 'fi',
      must_change_password: input.password ? 0 : 1,
      failed_logins: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, password }
}

/** Creates an API token. The token is returned once; only its hash is stored. */
export async function createApiToken(
  db: Kysely<Database>,
  clock: Clock,
  input: { name: string; role?: UserRole; createdByUserId?: number },
): Promise<{ id: number; token: string }> {
  const name = input.name.trim()
  if (!name || name.length > 100) {
    throw new ValidationError('Give the token a name of 1–100 characters', {
      name: 'Required, at most 100 characters',
    })
  }
  const token = generateToken('tdt_')
  const row = await db
    .insertInto('api_tokens')
    .values({
      name,
      token_hash: sha256(token),
      role: input.role ?? 'admin',
      created_by_user_id: input.createdByUserId ?? null,
      created_at: clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, token }
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
