/**
 * OpenAPI contract of a release's email: progress, failures, emergency stop and test send.
 * The progress shape is part of the v1 API contract (DESIGN.md) — extend, don't break.
 */
import { z } from '@hono/zod-openapi'
import { intUpTo, json, pathId, positiveInt } from '../openapi.js'
import { apiRoutes, ErrorSchema } from '../api-app.js'

const { lookup } = apiRoutes('Deliveries', 'No such release')

const IdParam = z.object({
  id: pathId('id', 'Use the numeric release id', 42),
})

const KindQuery = z
  .string()
  .regex(/^(release|correction-\d+)$/, 'Use "release" or "correction-<id>"')
  .optional()
  .openapi({ description: '"release" (default) or "correction-<id>" for a correction notice' })

export const DeliveryProgressSchema = z
  .object({
    audience: z.number().int().openapi({ description: 'Recipients frozen at fan-out' }),
    pending: z.number().int(),
    sending: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    suppressed: z.number().int(),
    cancelled: z.number().int(),
    firstSentAt: z.string().nullable(),
    lastSentAt: z.string().nullable(),
    done: z.boolean().openapi({ description: 'Nothing more will be sent' }),
    mediaLists: z
      .array(z.object({ id: z.number().int(), name: z.string(), recipients: z.number().int() }))
      .openapi({
        description:
          'Media lists the release was distributed to; recipients: its journalists with an email of their own (an address that also subscribes gets one email, counted as a subscriber)',
      }),
  })
  .openapi('DeliveryProgress')

const FailureSchema = z
  .object({
    id: z.number().int(),
    subscriberId: z.number().int().nullable(),
    email: z.string().nullable(),
    lang: z.enum(['fi', 'sv', 'en']),
    status: z.enum(['failed', 'suppressed']),
    attempts: z.number().int(),
    smtpResponse: z
      .string()
      .nullable()
      .openapi({ example: '550 5.1.1 <x@example.fi>: User unknown' }),
    updatedAt: z.string(),
  })
  .openapi('DeliveryFailure')

export const progressRoute = lookup({
  method: 'get',
  path: '/releases/{id}/deliveries',
  summary: 'Email progress of a release: audience, per-status counts, first and last send',
  request: { params: IdParam, query: z.object({ kind: KindQuery }) },
  responses: {
    200: json(DeliveryProgressSchema, 'Progress'),
  },
})

export const failuresRoute = lookup({
  method: 'get',
  path: '/releases/{id}/deliveries/failures',
  summary: 'Failed and suppressed deliveries with the SMTP server’s reply, newest first',
  request: {
    params: IdParam,
    query: z.object({
      kind: KindQuery,
      limit: intUpTo(500).optional(),
      before: positiveInt('Use the nextCursor of the previous page').optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(FailureSchema), nextCursor: z.number().int().nullable() }),
      'Failures',
    ),
  },
})

export const cancelSendingRoute = lookup({
  method: 'post',
  path: '/releases/{id}/cancel-sending',
  summary: 'Emergency stop: pending emails of the release are cancelled, nothing more goes out',
  request: { params: IdParam },
  responses: {
    200: json(DeliveryProgressSchema, 'Progress after the stop'),

    409: json(ErrorSchema, 'The release is not published'),
  },
})

export const testSendRoute = lookup({
  method: 'post',
  path: '/releases/{id}/test-send',
  summary: 'Send the real email of the release to one address; subscribers are not touched',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            to: z.string({ error: 'Give the address, e.g. {"to": "me@example.fi"}' }),
            lang: z.enum(['fi', 'sv', 'en'], { error: 'Use fi, sv or en' }).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: json(
      z.object({
        to: z.string(),
        lang: z.enum(['fi', 'sv', 'en']),
        subject: z.string(),
        smtpResponse: z.string(),
      }),
      'Accepted by the mail server',
    ),

    502: json(ErrorSchema, 'The mail server refused the message or could not be reached'),
  },
})
