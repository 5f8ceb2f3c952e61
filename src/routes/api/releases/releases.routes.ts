/**
 * OpenAPI contract of /api/v1/releases: create, read, list, edit, delete, publish (now or at a
 * time), unschedule, withdraw, corrections and attachments. The zod schemas check shapes and
 * types; the core checks meaning (languages of the newsroom, slugs, limits) and answers with
 * the same field-level 422 shape.
 */
import { z } from '@hono/zod-openapi'
import { intUpTo, json, jsonBody, pathId } from '../openapi.js'
import { MAX_UPLOAD_BYTES } from '../../../core/files/uploads.js'
import {
  CorrectionInputSchema,
  PublishInputSchema,
  ReleaseCreateSchema,
  ReleasePatchSchema,
  WithdrawInputSchema,
} from '../../../core/release/schemas.js'
import { RELEASE_STATUSES, RELEASE_TYPES } from '../../../core/release/views.js'
import { apiRoutes, ErrorSchema } from '../api-app.js'
import { PerLangSchema } from '../newsrooms/newsrooms.routes.js'
import { FileUploadSchema, MediaSchema, fileLimit } from '../media/media.routes.js'

const { lookup, plain } = apiRoutes('Releases', 'No such release')

const LangSchema = z.enum(['fi', 'sv', 'en'])
const TYPE_MESSAGE = 'Use press-release, news, invitation or article'
const STATUS_MESSAGE = 'Use draft, scheduled, published or withdrawn'

// ---- responses ----

const VersionSchema = z
  .object({
    lang: LangSchema,
    slug: z.string().openapi({ example: 'valtuustoryhmat-sopuun-strategiasta' }),
    path: z.string().openapi({ example: '/fi/lansi-uusimaa/valtuustoryhmat-sopuun-strategiasta' }),
    /** Absolute URL of the public page (public once the release is published). */
    url: z.string(),
    title: z.string(),
    lead: z.string(),
    bodyMarkdown: z.string(),
    bodyHtml: z.string().openapi({ description: 'Sanitised HTML rendered from the Markdown' }),
    updatedAt: z.string(),
  })
  .openapi('ReleaseVersion')

const AttachmentSchema = MediaSchema

const CorrectionSchema = z
  .object({
    id: z.number().int(),
    note: PerLangSchema,
    notify: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Correction')

export const ReleaseSchema = z
  .object({
    id: z.number().int(),
    newsroom: z.object({ id: z.number().int(), slug: z.string() }),
    type: z.enum(RELEASE_TYPES),
    status: z.enum(RELEASE_STATUSES),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    notify: z.boolean(),
    languages: z.array(LangSchema),
    versions: z.object({
      fi: VersionSchema.optional(),
      sv: VersionSchema.optional(),
      en: VersionSchema.optional(),
    }),
    keywords: z.array(
      z.object({
        slug: z.string(),
        label: z.string().openapi({ description: 'In the newsroom’s first language' }),
        labels: z.record(z.string(), z.string()).openapi({ description: 'Per language' }),
      }),
    ),
    contacts: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        title: PerLangSchema,
        phone: z.string().nullable(),
        email: z.string().nullable(),
      }),
    ),
    attachments: z.array(AttachmentSchema),
    leadImage: AttachmentSchema.nullable().openapi({
      description: 'Shown at the top of the page, on cards, as og:image, in feeds and email',
    }),
    corrections: z.array(CorrectionSchema),
    event: z
      .object({
        start: z.string(),
        end: z.string(),
        location: z.string(),
        url: z.string().nullable(),
        sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE' }),
        ics: z.string().openapi({ description: 'The event as an iCalendar file (.ics)' }),
      })
      .nullable()
      .openapi({ description: 'The event of an invitation' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Release')

const PublishResultSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(RELEASE_STATUSES),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .openapi('PublishResult')

// ---- requests ----

export const UploadSchema = FileUploadSchema.openapi('AttachmentUpload')

const IdParam = z.object({
  id: pathId('id', 'Use the numeric release id', 42),
})

const AttachmentParams = IdParam.extend({
  attachmentId: pathId('attachmentId', 'Use the numeric attachment id', 7),
})

const ListQuery = z.object({
  newsroom: z.string().optional().openapi({ description: 'Newsroom slug' }),
  status: z.enum(RELEASE_STATUSES, { error: STATUS_MESSAGE }).optional(),
  type: z.enum(RELEASE_TYPES, { error: TYPE_MESSAGE }).optional(),
  keyword: z.string().optional().openapi({ description: 'Keyword (label or slug)' }),
  q: z.string().max(200).optional().openapi({
    description:
      'Words to search in published versions in `lang` (inflected forms match), best first; `cursor` then pages by number',
  }),
  lang: LangSchema.optional().openapi({ description: 'Only releases with a version in it' }),
  limit: intUpTo(100).optional(),
  cursor: z.string().optional().openapi({ description: 'nextCursor of the previous page' }),
})

const conflict = { 409: json(ErrorSchema, 'Not possible in the current state') }
export const createReleaseRoute = plain({
  method: 'post',
  path: '/releases',
  summary: 'Create a draft release',
  request: { body: jsonBody(ReleaseCreateSchema) },
  responses: {
    201: json(ReleaseSchema, 'The new draft'),
    409: json(ErrorSchema, 'A slug is already used by another release'),
  },
})

export const listReleasesRoute = plain({
  method: 'get',
  path: '/releases',
  summary: 'List releases of any status, newest first',
  request: { query: ListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(ReleaseSchema), nextCursor: z.string().nullable() }),
      'One page of releases',
    ),
  },
})

export const getReleaseRoute = lookup({
  method: 'get',
  path: '/releases/{id}',
  summary: 'Read a release',
  request: { params: IdParam },
  responses: { 200: json(ReleaseSchema, 'The release') },
})

export const updateReleaseRoute = lookup({
  method: 'patch',
  path: '/releases/{id}',
  summary: 'Edit a release; published slugs stay stable',
  request: { params: IdParam, body: jsonBody(ReleasePatchSchema) },
  responses: {
    200: json(ReleaseSchema, 'The release'),

    ...conflict,
  },
})

export const deleteReleaseRoute = lookup({
  method: 'delete',
  path: '/releases/{id}',
  summary: 'Delete a draft or scheduled release (published ones are withdrawn instead)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...conflict },
})

export const publishReleaseRoute = lookup({
  method: 'post',
  path: '/releases/{id}/publish',
  summary: 'Publish now ({}) or at a time ({"at": ISO 8601}); again to reschedule',
  request: { params: IdParam, body: jsonBody(PublishInputSchema, false) },
  responses: {
    200: json(PublishResultSchema, 'Published or scheduled'),

    ...conflict,
  },
})

export const unscheduleReleaseRoute = lookup({
  method: 'post',
  path: '/releases/{id}/unschedule',
  summary: 'Take a scheduled release back to draft',
  request: { params: IdParam },
  responses: {
    200: json(PublishResultSchema, 'Back to draft'),

    ...conflict,
  },
})

export const withdrawReleaseRoute = lookup({
  method: 'post',
  path: '/releases/{id}/withdraw',
  summary: 'Withdraw a published release; its pages answer 410 with a notice',
  request: { params: IdParam, body: jsonBody(WithdrawInputSchema, false) },
  responses: {
    200: json(
      z.object({
        id: z.number().int(),
        status: z.enum(RELEASE_STATUSES),
        withdrawnAt: z.string(),
      }),
      'Withdrawn',
    ),

    ...conflict,
  },
})

export const addCorrectionRoute = lookup({
  method: 'post',
  path: '/releases/{id}/corrections',
  summary: 'Add a dated correction note to a published release',
  request: { params: IdParam, body: jsonBody(CorrectionInputSchema) },
  responses: {
    201: json(CorrectionSchema, 'The correction'),

    ...conflict,
  },
})

/** Refuses oversized uploads while they stream in, before anything is buffered or parsed. */
const uploadLimit = fileLimit

export const addAttachmentRoute = lookup({
  middleware: [uploadLimit] as const,
  method: 'post',
  path: '/releases/{id}/attachments',
  summary: `Upload an image or file (multipart, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB)`,
  description:
    'Accepted: JPEG, PNG, GIF, WebP, AVIF, MP4, WebM, PDF, Office documents, ODT, ZIP, plain text and CSV. ' +
    'The type is decided from the content; SVG and HTML are refused. Images get web renditions; ' +
    'location and camera metadata are removed. The first image becomes the lead image.',
  request: {
    params: IdParam,
    body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } },
  },
  responses: {
    201: json(AttachmentSchema, 'The attachment'),
    413: json(ErrorSchema, 'The file is too large'),

    ...conflict,
  },
})

export const removeAttachmentRoute = lookup({
  method: 'delete',
  path: '/releases/{id}/attachments/{attachmentId}',
  summary: 'Remove an attachment',
  request: { params: AttachmentParams },
  responses: { 204: { description: 'Removed' } },
})
