/** OpenAPI contract of embargoes: a release sent ahead to journalists with personal links. */
import { z } from '@hono/zod-openapi'
import { apiRoutes, ErrorSchema } from '../api-app.js'
import { idParam, json, jsonBody } from '../openapi.js'

const { lookup } = apiRoutes('Embargo', 'No such release or embargo')

const RecipientSchema = z
  .object({
    email: z.string().openapi({ example: 'toimitus@example.fi' }),
    name: z.string().openapi({ example: 'Aino Toimittaja' }),
    outlet: z.string().openapi({ example: 'Länsi-Uusimaa' }),
    language: z.enum(['fi', 'sv', 'en']),
    sentAt: z.string().nullable().openapi({ description: 'When the email left' }),
    openedAt: z.string().nullable().openapi({ description: 'First open of the personal link' }),
    lastOpenedAt: z.string().nullable(),
    opens: z.number().int().openapi({ description: 'Opens of the personal link' }),
    revokedAt: z.string().nullable(),
  })
  .openapi('EmbargoRecipient')

export const EmbargoSchema = z
  .object({
    releaseId: z.number().int(),
    until: z.string().openapi({ example: '2026-05-04T06:00:00.000Z' }),
    note: z.string().nullable(),
    revokedAt: z.string().nullable(),
    recipients: z.array(RecipientSchema),
  })
  .openapi('Embargo')

const EmbargoInputSchema = z
  .object({
    until: z
      .string({ error: 'Give the end of the embargo as ISO 8601' })
      .openapi({ example: '2026-05-04T06:00:00Z', description: 'The release publishes then' }),
    mediaLists: z
      .array(z.number({ error: 'Give a media list id' }), { error: 'Give a list of ids' })
      .optional()
      .openapi({ example: [3] }),
    contacts: z
      .array(z.string({ error: 'Give each address as text' }), { error: 'Give a list' })
      .optional()
      .openapi({ description: 'Single addresses besides the lists', example: [] }),
    note: z.string({ error: 'Give the note as text' }).optional(),
  })
  .openapi('EmbargoInput')

const MoveSchema = z
  .object({
    until: z.string({ error: 'Give the new end as ISO 8601' }),
    confirmEarlier: z
      .boolean({ error: 'Use true or false' })
      .optional()
      .openapi({ description: 'Required to move the end earlier than announced' }),
  })
  .openapi('EmbargoMove')

const RevokeSchema = z
  .object({
    email: z
      .string({ error: 'Give the address as text' })
      .optional()
      .openapi({ description: 'One recipient; leave out to revoke the whole embargo' }),
  })
  .openapi('EmbargoRevoke')

const IdParam = idParam('release', 12)

export const sendEmbargoRoute = lookup({
  method: 'post',
  path: '/releases/{id}/embargo',
  summary:
    'Send a release under embargo: schedules it for `until` and emails each recipient a personal link (editor)',
  request: { params: IdParam, body: jsonBody(EmbargoInputSchema) },
  responses: {
    201: json(EmbargoSchema, 'The embargo'),
    409: json(ErrorSchema, 'The release is public already'),
  },
})

export const getEmbargoRoute = lookup({
  method: 'get',
  path: '/releases/{id}/embargo',
  summary: 'The embargo of a release: its end and who received and opened it',
  request: { params: IdParam },
  responses: { 200: json(EmbargoSchema, 'The embargo') },
})

export const moveEmbargoRoute = lookup({
  method: 'patch',
  path: '/releases/{id}/embargo',
  summary: 'Move the end of the embargo and the publication with it (editor)',
  request: { params: IdParam, body: jsonBody(MoveSchema) },
  responses: {
    200: json(EmbargoSchema, 'The embargo'),
    409: json(ErrorSchema, 'Earlier than announced and not confirmed, or the embargo is over'),
  },
})

export const revokeEmbargoRoute = lookup({
  method: 'post',
  path: '/releases/{id}/embargo/revoke',
  summary: 'Revoke one recipient’s personal link, or the whole embargo (editor)',
  request: { params: IdParam, body: jsonBody(RevokeSchema) },
  responses: { 200: json(EmbargoSchema, 'The embargo') },
})
