/**
 * Building blocks shared by every API resource: an OpenAPIHono factory whose validation errors
 * answer 422 with field-level messages (the API contract's error shape), and the Bearer-token
 * middleware that turns `Authorization: Bearer tdt_…` into an Actor.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { json } from './openapi.js'
import type { Hook, RouteConfig } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'
import { bodyLimit } from 'hono/body-limit'
import { MAX_IMPORT_BYTES } from '../../core/subscription/csv.js'
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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The paths of the fields a client sent that the schema does not know: the schemas strip what
 * they do not know, so whatever the parsed value lacks was unknown. A typo such as `publishAt`
 * for `at` must not be silently dropped (it would publish at once instead of scheduling).
 */
export function unknownFields(sent: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed))
    return sent.flatMap((item, i) => unknownFields(item, parsed[i], `${path}${i}.`))
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return []
  return Object.keys(sent).flatMap((key) =>
    key in parsed ? unknownFields(sent[key], parsed[key], `${path}${key}.`) : [`${path}${key}`],
  )
}

function invalid(fields: Record<string, string>) {
  const first = Object.entries(fields)[0]
  return {
    error: {
      code: 'validation_failed',
      message: first ? `${first[0]}: ${first[1]}` : 'The request is not valid',
      fields,
    },
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is shared by all routes
const validationHook: Hook<any, ApiEnv, any, any> = async (result, c) => {
  if (!result.success) return c.json(invalid(fieldErrors(result.error.issues)), 422)
  if (result.target !== 'json') return
  const unknown = unknownFields(await c.req.json(), result.data)
  if (unknown.length > 0)
    return c.json(
      invalid(
        Object.fromEntries(
          unknown.map((path) => [path, 'Unknown field; check its name in the API reference']),
        ),
      ),
      422,
    )
}

/** Every API resource router is created with this so validation behaves the same everywhere. */
export function createApiRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
}

/**
 * Query parameters with control characters (a NUL above all) are refused before any handler
 * runs: no filter, cursor or search means one, and a NUL reaching PostgreSQL is an error there.
 */
export const plainQuery = createMiddleware<ApiEnv>(async (c, next) => {
  const fields: Record<string, string> = {}
  for (const [name, values] of Object.entries(c.req.queries()))
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    if (values.some((value) => /[\u0000-\u001f\u007f]/.test(value)))
      fields[name.slice(0, 64)] = 'Remove the control characters'
  if (Object.keys(fields).length > 0) return c.json(invalid(fields), 422)
  await next()
})

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

type RouteSpec = Omit<RouteConfig, 'path' | 'tags' | 'security'> & { path: string }

/**
 * The route declarations of one API resource. Every operation is tagged with the resource, asks
 * for a bearer token and documents the shared error answers (401, 403, 422, which an operation
 * may override with its own). `lookup` is for operations that find something named in the path
 * and answer 404 when it is not there (`notFound` says what); `plain` for the rest.
 */
export function apiRoutes(tag: string, notFound: string) {
  const shared = { tags: [tag], security: [{ bearer: [] }] }
  const missing = { 404: json(ErrorSchema, notFound) }
  return {
    lookup: <const R extends RouteSpec>(spec: R) =>
      createRoute({
        ...spec,
        ...shared,
        responses: { ...errorResponses, ...missing, ...spec.responses },
      }),
    plain: <const R extends RouteSpec>(spec: R) =>
      createRoute({ ...spec, ...shared, responses: { ...errorResponses, ...spec.responses } }),
  }
}

/** The size limit of CSV imports, refused with 413 in the API's error shape. */
export const csvImportLimit = () =>
  bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: (c) =>
      c.json(
        {
          error: {
            code: 'payload_too_large',
            message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
          },
        },
        413,
      ),
  })

/** The 422 answer of an import refused for its rows: the message and the whole report. */
export function importRefusal<R extends { errors: { line: number }[] }>(report: R) {
  const lines = new Set(report.errors.map((e) => e.line)).size
  return {
    error: {
      code: 'validation_failed',
      message: `${lines} row(s) have errors; nothing was imported. Fix them and send the file again.`,
    },
    report,
  }
}
