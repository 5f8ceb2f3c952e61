/** OpenAPI contract of a newsroom's media lists. */
import { z } from '@hono/zod-openapi'
import { apiRoutes, errorResponses, ErrorSchema } from '../api-app.js'
import { NewsroomParam, idParam, json, jsonBody, pathId } from '../openapi.js'

const { lookup } = apiRoutes('Media lists', 'No such newsroom, list or contact')

export const MediaListSchema = z
  .object({
    id: z.number().int(),
    newsroomId: z.number().int(),
    name: z.string().openapi({ example: 'Maakuntalehdet' }),
    contacts: z.number().int().openapi({ description: 'Journalists on the list' }),
  })
  .openapi('MediaList')

export const MediaContactSchema = z
  .object({
    id: z.number().int(),
    email: z.string().openapi({ example: 'toimitus@example.fi' }),
    name: z.string().openapi({ example: 'Aino Toimittaja' }),
    outlet: z.string().openapi({ example: 'Länsi-Uusimaa' }),
    language: z.enum(['fi', 'sv', 'en']),
    topics: z.array(z.string()).openapi({ example: ['terveys'] }),
    optedOutAt: z.string().nullable().openapi({
      description:
        "When the journalist opted out of the newsroom's lists through the link in its emails; they are skipped until an editor resumes sending",
      example: null,
    }),
  })
  .openapi('MediaContact')

const MediaListDetailSchema = MediaListSchema.extend({
  members: z.array(MediaContactSchema),
}).openapi('MediaListDetail')

const MediaListInputSchema = z
  .object({ name: z.string({ error: 'Name the list' }).openapi({ example: 'Maakuntalehdet' }) })
  .openapi('MediaListInput')

const MediaContactInputSchema = z
  .object({
    email: z.string({ error: 'Give the email address as text' }),
    name: z.string({ error: 'Give the name as text' }).optional(),
    outlet: z.string({ error: 'Give the outlet as text' }).optional(),
    language: z
      .string({ error: 'Use fi, sv or en' })
      .optional()
      .openapi({ description: 'fi, sv or en; default the newsroom’s first language' }),
    topics: z.array(z.string({ error: 'Give each topic as text' })).optional(),
  })
  .openapi('MediaContactInput')

const ImportReportSchema = z
  .object({
    rows: z.number().int(),
    added: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
    imported: z.boolean(),
  })
  .openapi('MediaListImportReport')

const IdParam = idParam('list', 3)
const MemberParam = z.object({
  id: pathId('id', 'Give the list id as a number', 3),
  contactId: pathId('contactId', 'Give the contact id as a number', 7),
})

export const listMediaListsRoute = lookup({
  method: 'get',
  path: '/newsrooms/{slug}/media-lists',
  summary: 'List a newsroom’s media lists',
  request: { params: NewsroomParam },
  responses: {
    200: json(z.object({ items: z.array(MediaListSchema) }), 'The lists'),
  },
})

export const createMediaListRoute = lookup({
  method: 'post',
  path: '/newsrooms/{slug}/media-lists',
  summary: 'Create a media list (editor)',
  request: { params: NewsroomParam, body: jsonBody(MediaListInputSchema) },
  responses: {
    201: json(MediaListSchema, 'The list'),
    409: json(ErrorSchema, 'The newsroom has a list of that name'),
  },
})

export const getMediaListRoute = lookup({
  method: 'get',
  path: '/media-lists/{id}',
  summary: 'Read a media list with its journalists',
  request: { params: IdParam },
  responses: { 200: json(MediaListDetailSchema, 'The list') },
})

export const renameMediaListRoute = lookup({
  method: 'patch',
  path: '/media-lists/{id}',
  summary: 'Rename a media list (editor)',
  request: { params: IdParam, body: jsonBody(MediaListInputSchema) },
  responses: {
    200: json(MediaListDetailSchema, 'The list'),
    409: json(ErrorSchema, 'The newsroom has a list of that name'),
  },
})

export const deleteMediaListRoute = lookup({
  method: 'delete',
  path: '/media-lists/{id}',
  summary: 'Delete a media list; journalists on no other list go with it (editor)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' } },
})

export const addMediaContactRoute = lookup({
  method: 'post',
  path: '/media-lists/{id}/contacts',
  summary: 'Add a journalist to a list; an address the newsroom has is updated (editor)',
  request: { params: IdParam, body: jsonBody(MediaContactInputSchema) },
  responses: { 201: json(MediaContactSchema, 'The journalist') },
})

export const removeMediaContactRoute = lookup({
  method: 'delete',
  path: '/media-lists/{id}/contacts/{contactId}',
  summary: 'Take a journalist off a list (editor)',
  request: { params: MemberParam },
  responses: { 204: { description: 'Removed' } },
})

export const importMediaListRoute = lookup({
  method: 'post',
  path: '/media-lists/{id}/import',
  summary:
    'Import journalists from CSV (columns email, name, outlet, language, topics); all or nothing (editor)',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'text/csv': {
          schema: z.string().openapi({
            example:
              'email,name,outlet,language\ntoimitus@example.fi,Aino Toimittaja,Länsi-Uusimaa,fi\n',
          }),
        },
      },
    },
  },
  responses: {
    200: json(ImportReportSchema, 'Imported'),
    422: json(
      z.object({ error: ErrorSchema.shape.error, report: ImportReportSchema }),
      'Rows with errors; nothing was imported',
    ),
    413: json(ErrorSchema, 'The file is too large or has too many rows'),

    401: errorResponses[401],
    403: errorResponses[403],
  },
})
