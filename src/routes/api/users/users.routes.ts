/** OpenAPI contract of staff users: list, change role/newsrooms/access, reset a password. */
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorSchema, errorResponses } from '../api-app.js'
import { json, jsonBody, pathId } from '../openapi.js'

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

const IdParam = z.object({ id: pathId('id', 'Give the user id as a number', 3) })
const tags = ['Users']
const security = [{ bearer: [] }]
const notFound = { 404: json(ErrorSchema, 'No such user') }

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'List staff users (administrators)',
  security,
  responses: {
    200: json(z.object({ items: z.array(StaffUserSchema) }), 'Staff users by email'),
    ...errorResponses,
  },
})

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: 'Change a user’s role, newsrooms or access (administrators)',
  description:
    'Disabling or changing the role ends the user’s sessions. An administrator cannot take away their own rights, and the last active administrator stays one (409).',
  security,
  request: { params: IdParam, body: jsonBody(StaffPatchSchema) },
  responses: {
    200: json(StaffUserSchema, 'The user'),
    409: json(ErrorSchema, 'Would leave no active administrator'),
    ...notFound,
    ...errorResponses,
  },
})

export const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/users/{id}/password-reset',
  tags,
  summary: 'Give a user a new one-time password, valid 24 hours (administrators)',
  description: 'The password is in this answer only. The user’s sessions end.',
  security,
  request: { params: IdParam },
  responses: {
    200: json(
      z.object({ id: z.number().int(), email: z.string(), password: z.string() }),
      'The one-time password',
    ),
    ...notFound,
    ...errorResponses,
  },
})
