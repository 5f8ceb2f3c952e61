/** Staff users and the newsrooms an editor or contributor works in. */
import type { Insertable } from 'kysely'
import type { User, UsersTable } from '../schema.js'
import type { Executor } from './index.js'

export type UserRow = User
export type NewUserRow = Insertable<UsersTable>

export interface MembershipRow {
  user_id: number
  newsroom_id: number
}

export function createUserRepository(db: Executor) {
  return {
    findByEmail(email: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
    },

    findById(id: number): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async emailTaken(email: string): Promise<boolean> {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst()
      return row !== undefined
    },

    /** Returns the new user's id. */
    async insert(row: NewUserRow): Promise<number> {
      const inserted = await db
        .insertInto('users')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow()
      return inserted.id
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /** Everyone, by email. */
    listByEmail(): Promise<UserRow[]> {
      return db.selectFrom('users').selectAll().orderBy('email').execute()
    },

    async recordFailedSignIn(id: number, failures: number) {
      await db.updateTable('users').set({ failed_logins: failures }).where('id', '=', id).execute()
    },

    /** Clears the failure count and any lock. */
    async recordSignIn(id: number, at: string) {
      await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null, last_login_at: at })
        .where('id', '=', id)
        .execute()
    },

    /** A password the user chose: the one-time password requirement ends. */
    async setPassword(id: number, passwordHash: string, at: string) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: 0, updated_at: at })
        .where('id', '=', id)
        .execute()
    },

    /** A one-time password set by an administrator: the user must choose their own. */
    async setOneTimePassword(id: number, passwordHash: string, at: string) {
      await db
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute()
    },

    async setRoleAndStatus(
      id: number,
      values: { role: UserRow['role']; disabledAt: string | null; at: string },
    ) {
      await db
        .updateTable('users')
        .set({ role: values.role, disabled_at: values.disabledAt, updated_at: values.at })
        .where('id', '=', id)
        .execute()
    },

    /** Active administrators other than this user. */
    async otherActiveAdmins(id: number): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .where('id', '!=', id)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async replaceMemberships(userId: number, newsroomIds: number[]) {
      await db.deleteFrom('user_newsrooms').where('user_id', '=', userId).execute()
      if (newsroomIds.length === 0) return
      await db
        .insertInto('user_newsrooms')
        .values(newsroomIds.map((newsroomId) => ({ user_id: userId, newsroom_id: newsroomId })))
        .execute()
    },

    async setNameAndEmail(id: number, name: string, email: string, at: string) {
      await db
        .updateTable('users')
        .set({ name, email, updated_at: at })
        .where('id', '=', id)
        .execute()
    },

    async setLocale(id: number, locale: UserRow['locale']) {
      await db.updateTable('users').set({ locale }).where('id', '=', id).execute()
    },

    async newsroomIdsOf(userId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('user_newsrooms')
        .select('newsroom_id')
        .where('user_id', '=', userId)
        .execute()
      return rows.map((row) => row.newsroom_id)
    },

    /** One insert for all of them. */
    async addMemberships(userId: number, newsroomIds: number[]) {
      if (newsroomIds.length === 0) return
      await db
        .insertInto('user_newsrooms')
        .values(newsroomIds.map((newsroomId) => ({ user_id: userId, newsroom_id: newsroomId })))
        .execute()
    },

    listMemberships(): Promise<MembershipRow[]> {
      return db.selectFrom('user_newsrooms').selectAll().execute()
    },
  }
}

export type UserRepository = ReturnType<typeof createUserRepository>
