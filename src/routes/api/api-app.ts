/**
 * Building blocks shared by every API resource: an OpenAPIHono factory whose validation errors
 * answer 422 with field-level messages (the API contract's error shape), and the Bearer-token
 * middleware that turns `Authorization: Bearer tdt_…` into an Actor.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { json } from './openapi.js'
import type { Hook } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../app.js'
import type { Actor } from '../../core/auth/actor.js'
import { actorForApiToken } from '../../core/auth/users.js'
import { UnauthorizedError } from '../../core/errors.js'

export interface ApiEnv {
  Variables: AppEnv['Variables'] & { actor: Actor }
}

/** zod issues → { "versions.fi.title": "Required" } */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_'
    fields[key] ??= issue.message
  }
  return fields
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is shared by all routes
const validationHook: Hook<any, ApiEnv, any, any> = (result, c) => {
  if (!result.success) {
    const fields = fieldErrors(result.error.issues)
    const first = Object.entries(fields)[0]
    return c.json(
      {
        error: {
          code: 'validation_failed',
          message: first ? `${first[0]}: ${first[1]}` : 'The request is not valid',
          fields,
        },
      },
      422,
    )
  }
}

/** Every API resource router is created with this so validation behaves the same everywhere. */
export function createApiRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
}

/** Requires a valid, unrevoked API token; sets `c.var.actor`. */
export const requireApiToken = createMiddleware<ApiEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match) throw new UnauthorizedError('Send an API token: Authorization: Bearer <token>')
  const actor = await actorForApiToken(c.var.deps.repos, match[1])
  if (!actor) throw new UnauthorizedError('The API token is not valid or has been revoked')
  c.set('actor', actor)
  await next()
})

/** The error shape of the API contract, for OpenAPI responses. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error')

export const errorResponses = {
  401: json(ErrorSchema, 'Missing or invalid API token'),
  403: json(ErrorSchema, 'The token may not do this'),
  422: json(ErrorSchema, 'Validation failed'),
} as const
