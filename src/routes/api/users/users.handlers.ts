/** /api/v1/users: staff users for administrators' tokens. */
import { listStaff, resetStaffPassword, updateStaffUser } from '../../../core/auth/users.js'
import type { StaffList, UserRow } from '../../../core/auth/users.js'
import { createApiRouter } from '../api-app.js'
import { listUsersRoute, resetPasswordRoute, updateUserRoute } from './users.routes.js'

const toApiUser = (user: UserRow, memberships: StaffList['memberships']) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  newsroomIds: memberships.filter((m) => m.user_id === user.id).map((m) => m.newsroom_id),
  disabled: user.disabled_at !== null,
  mustChangePassword: user.must_change_password === 1,
  lastLoginAt: user.last_login_at,
  createdAt: user.created_at,
})

export function createUsersApi() {
  const api = createApiRouter()

  api.openapi(listUsersRoute, async (c) => {
    const { users, memberships } = await listStaff(c.var.deps.repos, c.var.actor)
    return c.json({ items: users.map((u) => toApiUser(u, memberships)) }, 200)
  })

  api.openapi(updateUserRoute, async (c) => {
    const { repos, clock } = c.var.deps
    const user = await updateStaffUser(
      repos,
      clock,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    const { memberships } = await listStaff(repos, c.var.actor)
    return c.json(toApiUser(user, memberships), 200)
  })

  api.openapi(resetPasswordRoute, async (c) => {
    const { repos, clock } = c.var.deps
    const reset = await resetStaffPassword(repos, clock, c.var.actor, c.req.valid('param').id)
    c.header('Cache-Control', 'no-store')
    return c.json(reset, 200)
  })

  return api
}
