/** OpenAPI contract of webhooks: list, create, read, change, rotate the secret, delete, log. */
import { z } from '@hono/zod-openapi'
import { WEBHOOK_EVENTS } from '../../../core/webhooks/events.js'
import { apiRoutes } from '../api-app.js'
import { idParam, intUpTo, json, jsonBody, positiveInt } from '../openapi.js'

const { lookup, plain } = apiRoutes('Webhooks', 'No such webhook')

const EventsSchema = z
  .array(z.string({ error: 'Name each event as text' }), { error: 'List the events' })
  .openapi({ description: `Any of ${WEBHOOK_EVENTS.join(', ')}`, example: ['release.published'] })

export const WebhookSchema = z
  .object({
    id: z.number().int(),
    url: z.string().openapi({ example: 'https://example.fi/hooks/tiedote' }),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    includeAddresses: z
      .boolean()
      .openapi({ description: 'Subscriber events carry the subscriber’s address' }),
    enabled: z.boolean(),
    disabledAt: z.string().nullable().openapi({
      description: 'When the hook was turned off, by staff or after five days of failed calls',
    }),
    failingSince: z.string().nullable().openapi({
      description: 'Start of the current run of failed calls; null when the last call succeeded',
    }),
    previousSecretUntil: z
      .string()
      .nullable()
      .openapi({ description: 'After a rotation: until when the previous secret also signs' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Webhook')

const WithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description: 'The signing secret (whsec_…). Shown only in this answer: store it now',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).openapi('WebhookWithSecret')

const WebhookInputSchema = z
  .object({
    url: z.string({ error: 'Give the address as text' }),
    events: EventsSchema,
    description: z.string({ error: 'Give the description as text' }).optional(),
    includeAddresses: z.boolean({ error: 'Give true or false' }).optional(),
  })
  .openapi('WebhookInput')

const WebhookPatchSchema = z
  .object({
    url: z.string({ error: 'Give the address as text' }).optional(),
    events: EventsSchema.optional(),
    description: z.string({ error: 'Give the description as text' }).optional(),
    includeAddresses: z.boolean({ error: 'Give true or false' }).optional(),
    enabled: z
      .boolean({ error: 'Give true or false' })
      .optional()
      .openapi({ description: 'false turns the hook off; true turns it on again' }),
  })
  .openapi('WebhookPatch')

const DeliverySchema = z
  .object({
    id: z.number().int(),
    messageId: z.string().openapi({ description: 'The webhook-id header of the call' }),
    event: z.string(),
    attempt: z.number().int(),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    at: z.string(),
  })
  .openapi('WebhookDelivery')

const IdParam = idParam('webhook', 3)
const DeliveriesQuery = z.object({
  limit: intUpTo(200).optional(),
  before: positiveInt('Give the cursor from "next"').optional(),
})

export const listWebhooksRoute = plain({
  method: 'get',
  path: '/webhooks',
  summary: 'List webhooks (admin)',
  responses: {
    200: json(z.object({ items: z.array(WebhookSchema) }), 'The webhooks'),
  },
})

export const createWebhookRoute = plain({
  method: 'post',
  path: '/webhooks',
  summary: 'Add a webhook; the answer carries its secret, shown once (admin)',
  request: { body: jsonBody(WebhookInputSchema) },
  responses: { 201: json(WithSecretSchema, 'The webhook and its secret') },
})

export const getWebhookRoute = lookup({
  method: 'get',
  path: '/webhooks/{id}',
  summary: 'Read a webhook (admin)',
  request: { params: IdParam },
  responses: { 200: json(WebhookSchema, 'The webhook') },
})

export const updateWebhookRoute = lookup({
  method: 'patch',
  path: '/webhooks/{id}',
  summary: 'Change a webhook, or turn it off or on again (admin)',
  request: { params: IdParam, body: jsonBody(WebhookPatchSchema) },
  responses: { 200: json(WebhookSchema, 'The webhook') },
})

export const rotateWebhookRoute = lookup({
  method: 'post',
  path: '/webhooks/{id}/rotate',
  summary: 'A new secret, shown once; the old one also signs for 24 hours (admin)',
  request: { params: IdParam },
  responses: {
    200: json(WithSecretSchema, 'The webhook and its new secret'),
  },
})

export const deleteWebhookRoute = lookup({
  method: 'delete',
  path: '/webhooks/{id}',
  summary: 'Delete a webhook; calls not yet made are dropped (admin)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' } },
})

export const listWebhookDeliveriesRoute = lookup({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  summary: 'Every call made to the webhook, newest first: status code, duration, error (admin)',
  request: { params: IdParam, query: DeliveriesQuery },
  responses: {
    200: json(
      z.object({ items: z.array(DeliverySchema), next: z.number().int().nullable() }),
      'Attempts; pass next as before for the page after',
    ),
  },
})
