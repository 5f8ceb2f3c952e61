/** OpenAPI contract of staff users: list, change role/newsrooms/access, reset a password. */
import { z } from '@hono/zod-openapi'
import { apiRoutes, ErrorSchema } from '../api-app.js'
import { idParam, json, jsonBody } from '../openapi.js'

const { lookup, plain } = apiRoutes('Users', 'No such user')

export const StaffUserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'editor', 'contributor']),
    newsroomIds: z.array(z.number().int()).openapi({
      description: 'Newsrooms an editor or contributor works in (administrators: all)',
    }),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('StaffUser')

const StaffPatchSchema = z
  .object({
    role: z
      .enum(['admin', 'editor', 'contributor'], { error: 'Use admin, editor or contributor' })
      .optional(),
    newsroomIds: z
      .array(z.number({ error: 'Give newsroom ids as numbers' }).int(), {
        error: 'Give the newsroom ids as a list',
      })
      .max(500, { error: 'At most 500 newsrooms' })
      .optional()
      .openapi({ description: 'The whole list of the user’s newsrooms' }),
    disabled: z
      .boolean({ error: 'Use true or false' })
      .optional()
      .openapi({ description: 'true: cannot sign in and their sessions end' }),
  })
  .openapi('StaffPatch')

const IdParam = idParam('user', 3)

export const listUsersRoute = plain({
  method: 'get',
  path: '/users',
  summary: 'List staff users (administrators)',
  responses: {
    200: json(z.object({ items: z.array(StaffUserSchema) }), 'Staff users by email'),
  },
})

export const updateUserRoute = lookup({
  method: 'patch',
  path: '/users/{id}',
  summary: 'Change a user’s role, newsrooms or access (administrators)',
  description:
    'Disabling or changing the role ends the user’s sessions. An administrator cannot take away their own rights, and the last active administrator stays one (409).',
  request: { params: IdParam, body: jsonBody(StaffPatchSchema) },
  responses: {
    200: json(StaffUserSchema, 'The user'),
    409: json(ErrorSchema, 'Would leave no active administrator'),
  },
})

export const resetPasswordRoute = lookup({
  method: 'post',
  path: '/users/{id}/password-reset',
  summary: 'Give a user a new one-time password, valid 24 hours (administrators)',
  description: 'The password is in this answer only. The user’s sessions end.',
  request: { params: IdParam },
  responses: {
    200: json(
      z.object({ id: z.number().int(), email: z.string(), password: z.string() }),
      'The one-time password',
    ),
  },
})
