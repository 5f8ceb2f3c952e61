/**
 * OpenAPI contract of a newsroom's media bank: list, add (a file as multipart, or a YouTube or
 * Vimeo link as JSON), describe and remove. `MediaSchema` is also the shape of release
 * attachments and lead images.
 */
import { z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import type { MiddlewareHandler } from 'hono'
import { PayloadTooLargeError } from '../../../core/errors.js'
import { MAX_UPLOAD_BYTES } from '../../../core/files/uploads.js'
import { apiRoutes, ErrorSchema } from '../api-app.js'
import { NewsroomParam, idParam, json, jsonBody } from '../openapi.js'

const { lookup } = apiRoutes('Media bank', 'No such newsroom or media item')

const PerLang = z.record(z.string(), z.string())

const RenditionSchema = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    mimeType: z.string(),
    size: z.number().int(),
    path: z.string(),
    url: z.string(),
  })
  .openapi('Rendition')

export const MediaSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['image', 'video', 'file', 'link']).openapi({
      description: '`link`: a YouTube or Vimeo video, opened on its own site',
    }),
    filename: z.string(),
    mimeType: z.string().openapi({ description: 'Decided from the file content, not its name' }),
    size: z.number().int(),
    path: z.string(),
    url: z.string().openapi({ description: 'Absolute URL of the original (or of the video)' }),
    width: z.number().int().nullable().openapi({ description: 'Pixel width of an image' }),
    height: z.number().int().nullable(),
    renditions: z.array(RenditionSchema).openapi({
      description:
        'Web sizes of an image (400, 800 and 1200 px wide, never enlarged), without metadata',
    }),
    caption: PerLang,
    alt: PerLang,
    credit: z.string().nullable(),
    licence: z.string().nullable().openapi({ description: 'null: free for media use' }),
    externalUrl: z.string().nullable(),
    position: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Media')

export const BankItemSchema = MediaSchema.extend({
  inBank: z.boolean().openapi({ description: 'Added to the bank directly (not with a release)' }),
  release: z
    .object({
      id: z.number().int(),
      versions: z.record(z.string(), z.object({ title: z.string(), path: z.string() })),
    })
    .nullable()
    .openapi({ description: 'The release the item came with' }),
}).openapi('MediaBankItem')

const perLangInput = (what: string) =>
  z
    .record(z.string(), z.string().nullable(), { error: `Give the ${what} per language` })
    .optional()
    .openapi({ description: `${what} per language, e.g. {"fi": "…", "sv": "…"}` })

const DescriptionFields = {
  caption: perLangInput('caption'),
  alt: perLangInput('alternative text'),
  credit: z.string({ error: 'Give the credit as text' }).nullable().optional(),
  licence: z
    .string({ error: 'Give the licence note as text' })
    .nullable()
    .optional()
    .openapi({ description: 'A custom licence note; leave out or null: free for media use' }),
}

const MediaLinkSchema = z
  .object({
    url: z
      .string({ error: 'Give the video address as text' })
      .openapi({ example: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }),
    ...DescriptionFields,
  })
  .openapi('MediaLinkInput')

const MediaPatchSchema = z.object(DescriptionFields).openapi('MediaPatch')

const textField = (description: string) => z.string().optional().openapi({ description })

/** A file with its caption, alternative text and credit: release attachments and bank items. */
export const FileUploadSchema = z.object({
  file: z
    .instanceof(File, { error: 'Attach the file in the "file" field' })
    .openapi({ type: 'string', format: 'binary' }),
  'caption.fi': textField('Caption in Finnish'),
  'caption.sv': textField('Caption in Swedish'),
  'caption.en': textField('Caption in English'),
  'alt.fi': textField('Alternative text in Finnish (images)'),
  'alt.sv': textField('Alternative text in Swedish (images)'),
  'alt.en': textField('Alternative text in English (images)'),
  credit: textField('Photographer or other credit'),
})

export const MediaUploadSchema = FileUploadSchema.extend({
  licence: textField('A custom licence note; leave out: free for media use'),
}).openapi('MediaUpload')

const IdParam = idParam('media', 7)

/** Refuses an oversized file while it streams in, before anything is buffered or parsed. */
export const fileLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
  onError: () => {
    throw new PayloadTooLargeError(
      `The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    )
  },
})

/** Uploads are limited as they stream in; JSON bodies were already read and limited. */
const uploadLimit: MiddlewareHandler = (c, next) =>
  (c.req.header('content-type') ?? '').toLowerCase().includes('json') ? next() : fileLimit(c, next)

export const listMediaRoute = lookup({
  method: 'get',
  path: '/newsrooms/{slug}/media',
  summary: 'List the media bank: items added directly and the images and videos of releases',
  request: { params: NewsroomParam },
  responses: {
    200: json(z.object({ items: z.array(BankItemSchema) }), 'The media bank, newest first'),
  },
})

export const addMediaRoute = lookup({
  method: 'post',
  path: '/newsrooms/{slug}/media',
  middleware: [uploadLimit] as const,
  summary: 'Add a file (multipart) or a YouTube/Vimeo link (JSON) to the media bank (editor)',
  description:
    `Files: JPEG, PNG, GIF, WebP, AVIF images, MP4 or WebM videos, PDF and Office documents, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. ` +
    'Images get web renditions at upload; location and camera metadata are removed.',
  request: {
    params: NewsroomParam,
    body: {
      // Each content type is validated against its own schema only when "required" is off;
      // the handler refuses a request that sends neither.
      required: false,
      content: {
        'multipart/form-data': { schema: MediaUploadSchema },
        'application/json': { schema: MediaLinkSchema },
      },
    },
  },
  responses: {
    201: json(BankItemSchema, 'The item'),
    413: json(ErrorSchema, 'The file is too large'),
  },
})

export const getMediaRoute = lookup({
  method: 'get',
  path: '/media/{id}',
  summary: 'Read a media item',
  request: { params: IdParam },
  responses: { 200: json(BankItemSchema, 'The item') },
})

export const updateMediaRoute = lookup({
  method: 'patch',
  path: '/media/{id}',
  summary: 'Change the caption, alternative text, credit or licence (editor)',
  request: { params: IdParam, body: jsonBody(MediaPatchSchema) },
  responses: { 200: json(BankItemSchema, 'The item') },
})

export const deleteMediaRoute = lookup({
  method: 'delete',
  path: '/media/{id}',
  summary: 'Remove an item added to the bank directly (editor)',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' } },
})
