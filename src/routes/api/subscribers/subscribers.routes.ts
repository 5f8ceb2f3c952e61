/**
 * OpenAPI contract of /api/v1/subscribers and /api/v1/suppressions. The zod schemas check
 * shapes; the core checks meaning (address syntax, known newsrooms and languages, consent
 * proof) and answers with the same field-level 422 shape. Addresses travel in request bodies,
 * never in URLs, so they do not end up in access logs.
 */
import { z } from '@hono/zod-openapi'
import { json } from '../openapi.js'
import { apiRoutes, errorResponses, ErrorSchema } from '../api-app.js'

const { lookup, plain } = apiRoutes('Subscribers', 'No such subscriber')

const Lang = z.enum(['fi', 'sv', 'en'])
const Status = z.enum(['pending', 'confirmed', 'unsubscribed'])

export const SubscriberSchema = z
  .object({
    id: z.number().int(),
    email: z.string().openapi({ example: 'toimitus@example.fi' }),
    status: Status,
    languages: z.array(Lang).openapi({ example: ['sv', 'fi'] }),
    newsrooms: z.array(z.string()).openapi({ example: ['lansi-uusimaa'] }),
    paused: z.boolean(),
    frequency: z.enum(['immediate', 'daily', 'weekly']),
    suppressed: z.boolean(),
    suppressionReason: z.string().nullable(),
    createdAt: z.string(),
    confirmedAt: z.string().nullable(),
    unsubscribedAt: z.string().nullable(),
  })
  .openapi('Subscriber')

export const SubscriberDetailSchema = SubscriberSchema.extend({
  subscriptions: z.array(
    z.object({
      newsroomId: z.number().int(),
      newsroom: z.string(),
      types: z.array(z.string()).nullable(),
      keywords: z.array(z.string()).nullable(),
      since: z.string(),
    }),
  ),
}).openapi('SubscriberDetail')

export const CountsSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.object({
      pending: z.number().int(),
      confirmed: z.number().int(),
      unsubscribed: z.number().int(),
    }),
    active: z.number().int().openapi({ description: 'Confirmed, not paused, not suppressed' }),
    paused: z.number().int(),
    suppressed: z.number().int(),
    byLanguage: z
      .object({ fi: z.number().int(), sv: z.number().int(), en: z.number().int() })
      .openapi({ description: 'Confirmed subscribers by first-choice language' }),
  })
  .openapi('SubscriberCounts')

const list = z.union([z.array(z.string()), z.string()])

export const SubscriberCreateSchema = z
  .object({
    email: z
      .string({ error: 'Give the email address' })
      .openapi({ example: 'toimitus@example.fi' }),
    languages: list.openapi({ example: ['sv', 'fi'] }),
    newsrooms: list.openapi({ example: ['lansi-uusimaa'] }),
    types: list.optional().openapi({ example: ['press-release'] }),
    keywords: list.optional().openapi({ example: ['terveys'] }),
    frequency: z.string({ error: 'Use immediate, daily or weekly' }).optional().openapi({
      description:
        'immediate (default): an email per release; daily: a digest at 07:00, weekly: on Monday 07:00, in the newsroom’s time zone',
      example: 'immediate',
    }),
    status: z.enum(['pending', 'confirmed'], { error: 'Use pending or confirmed' }).optional(),
    consent: z
      .object({
        source: z.string().optional(),
        text: z.string().optional(),
        at: z.string().optional(),
      })
      .optional()
      .openapi({
        description: 'Required for status confirmed: where, what and when the person consented',
        example: {
          source: 'Press event sign-up, 2025-09-29',
          text: 'Yes, send me releases',
          at: '2025-09-29T14:48:00Z',
        },
      }),
  })
  .openapi('SubscriberInput')

const IdParam = z.object({
  id: z.coerce
    .number({ error: 'Give the subscriber id' })
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
})

const boolQuery = z.enum(['true', 'false']).optional()

export const ListQuery = z.object({
  q: z.string().max(254).optional().openapi({ description: 'Part of the address' }),
  status: Status.optional(),
  lang: Lang.optional(),
  newsroom: z.string().max(60).optional(),
  suppressed: boolQuery,
  paused: boolQuery,
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(20).optional(),
})

export const ImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    imported: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    errors: z.array(
      z.object({
        line: z.number().int(),
        field: z.string(),
        message: z.string(),
        /** What is wrong, e.g. `email.invalid`, for clients to say in their own words. */
        code: z.string(),
      }),
    ),
  })
  .openapi('ImportReport')

const EmailBody = z.object({ email: z.string({ error: 'Give the email address' }) })

export const SuppressionSchema = z
  .object({
    email: z.string().nullable().openapi({ description: 'Null once the subscriber is erased' }),
    subscriberId: z.number().int().nullable(),
    reason: z.enum(['hard-bounce', 'complaint', 'manual']),
    detail: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Suppression')

export const createSubscriberRoute = plain({
  method: 'post',
  path: '/subscribers',
  summary: 'Add a subscriber: pending (a confirmation email is sent) or confirmed with consent',
  request: {
    body: { required: true, content: { 'application/json': { schema: SubscriberCreateSchema } } },
  },
  responses: {
    201: json(SubscriberDetailSchema, 'The subscriber'),
    409: json(ErrorSchema, 'Already a subscriber, or suppressed'),
  },
})

export const listSubscribersRoute = plain({
  method: 'get',
  path: '/subscribers',
  summary: 'Search subscribers (newest first) with counts by status and language',
  request: { query: ListQuery },
  responses: {
    200: json(
      z.object({
        items: z.array(SubscriberSchema),
        nextCursor: z.string().nullable(),
        counts: CountsSchema,
      }),
      'One page of subscribers',
    ),
  },
})

export const exportSubscribersRoute = plain({
  method: 'get',
  path: '/subscribers/export.csv',
  summary: 'All subscribers as CSV (the import format plus status columns)',
  request: {
    query: z.object({ status: Status.optional(), newsroom: z.string().max(60).optional() }),
  },
  responses: {
    200: { description: 'CSV, UTF-8', content: { 'text/csv': { schema: z.string() } } },
  },
})

export const importSubscribersRoute = plain({
  method: 'post',
  path: '/subscribers/import',
  summary:
    'Import already-consented subscribers from CSV; all or nothing, dryRun=true only reports',
  request: {
    query: z.object({
      dryRun: boolQuery,
      newsroom: z
        .string()
        .max(60)
        .optional()
        .openapi({ description: 'Newsroom for rows without a newsrooms column' }),
    }),
    body: {
      required: true,
      content: {
        'text/csv': {
          schema: z.string().openapi({
            example:
              'email,languages,newsrooms,consent_source,consented_at\ntoimitus@example.fi,sv fi,lansi-uusimaa,Press event 2025,2025-09-29T14:48:00Z\n',
          }),
        },
      },
    },
  },
  responses: {
    200: json(ImportReportSchema, 'Imported, or the dry-run report'),
    422: json(
      z.object({ error: ErrorSchema.shape.error, report: ImportReportSchema }),
      'Rows with errors; nothing was imported',
    ),
    401: errorResponses[401],
    403: errorResponses[403],
  },
})

export const countsRoute = plain({
  method: 'get',
  path: '/subscribers/counts',
  summary: 'Counts by status and language',
  request: { query: z.object({ newsroom: z.string().max(60).optional() }) },
  responses: { 200: json(CountsSchema, 'Counts') },
})

export const getSubscriberRoute = lookup({
  method: 'get',
  path: '/subscribers/{id}',
  summary: 'Read a subscriber',
  request: { params: IdParam },
  responses: {
    200: json(SubscriberDetailSchema, 'The subscriber'),
  },
})

export const deleteSubscriberRoute = lookup({
  method: 'delete',
  path: '/subscribers/{id}',
  summary: 'Erase a subscriber and their personal data (an anonymous record remains)',
  request: { params: IdParam },
  responses: { 204: { description: 'Erased' } },
})

export const listSuppressionsRoute = plain({
  method: 'get',
  path: '/suppressions',
  summary: 'The suppression list (bounced, complained, blocked by staff)',
  responses: {
    200: json(z.object({ items: z.array(SuppressionSchema) }), 'Suppressions'),
  },
})

export const addSuppressionRoute = plain({
  method: 'post',
  path: '/suppressions',
  summary: 'Suppress an address: it is never mailed until the suppression is lifted',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: EmailBody.extend({
            reason: z.enum(['hard-bounce', 'complaint', 'manual']).optional(),
            detail: z.string().max(500).optional(),
          }),
        },
      },
    },
  },
  responses: { 201: json(z.object({ suppressed: z.boolean() }), 'Suppressed') },
})

export const liftSuppressionRoute = plain({
  method: 'post',
  path: '/suppressions/lift',
  summary: 'Lift a suppression',
  request: { body: { required: true, content: { 'application/json': { schema: EmailBody } } } },
  responses: { 200: json(z.object({ lifted: z.boolean() }), 'Lifted') },
})

export const checkSuppressionRoute = plain({
  method: 'post',
  path: '/suppressions/check',
  summary: 'Is this address suppressed?',
  request: { body: { required: true, content: { 'application/json': { schema: EmailBody } } } },
  responses: {
    200: json(
      z.object({
        suppressed: z.boolean(),
        reason: z.string().optional(),
        since: z.string().optional(),
      }),
      'Answer',
    ),
  },
})
