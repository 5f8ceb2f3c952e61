/** OpenAPI contract of the audit log: read-only, for administrators' tokens. */
import { z } from '@hono/zod-openapi'
import { intUpTo, positiveInt } from '../openapi.js'
import { apiRoutes } from '../api-app.js'

const { plain } = apiRoutes('Audit', 'Not found')

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ example: '2026-11-23T08:00:00.000Z' }),
    actor: z.string().openapi({ example: 'user:3', description: '`user:<id>` or `token:<id>`' }),
    actorName: z.string().nullable().openapi({
      description: 'The user’s name and email, or the API token’s name, as they are now',
    }),
    action: z.string().openapi({ example: 'release.publish' }),
    subject: z.string().openapi({ example: 'release:12' }),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry')

export const auditRoute = plain({
  method: 'get',
  path: '/audit',
  summary: 'Who did what and when, newest first (administrators)',
  request: {
    query: z.object({
      subject: z.string().optional().openapi({ example: 'release:12' }),
      actor: z.string().optional().openapi({ example: 'token:7' }),
      before: positiveInt('Give the nextCursor of the previous page').optional(),
      limit: intUpTo(200, 'Give a number from 1 to 200').optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of entries',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(AuditEntrySchema),
            nextCursor: z.number().int().nullable(),
          }),
        },
      },
    },
  },
})
