/**
 * OpenAPI contract of /api/v1/newsrooms. The zod schemas check shapes and types; the meaning
 * (known languages, time zone, reserved slugs) is checked by the core, which answers with the
 * same field-level 422 shape.
 */
import { z } from '@hono/zod-openapi'
import { json } from '../openapi.js'
import { bodyLimit } from 'hono/body-limit'
import { PayloadTooLargeError } from '../../../core/errors.js'
import { MAX_LOGO_BYTES } from '../../../core/newsroom/logo.js'
import { apiRoutes, ErrorSchema } from '../api-app.js'

const { lookup, plain } = apiRoutes('Newsrooms', 'No such newsroom')

export const PerLangSchema = z
  .object({ fi: z.string().optional(), sv: z.string().optional(), en: z.string().optional() })
  .openapi('PerLang', { description: 'A text per language (fi, sv, en).' })

const PerLangInputSchema = z
  .record(z.string(), z.string({ error: 'Give the text as a string' }))
  .openapi({ description: 'A text per language, e.g. {"fi": "…", "sv": "…"}' })

const SocialLinkSchema = z.object({
  label: z.string({ error: 'Give a short label, e.g. LinkedIn' }),
  url: z.string({ error: 'Give an http(s) address' }),
})

export const NewsroomSchema = z
  .object({
    id: z.number().int(),
    slug: z.string().openapi({ example: 'lansi-uusimaa' }),
    languages: z.array(z.enum(['fi', 'sv', 'en'])).openapi({ example: ['fi', 'sv'] }),
    timezone: z.string().openapi({ example: 'Europe/Helsinki' }),
    name: PerLangSchema,
    boilerplate: PerLangSchema,
    description: PerLangSchema,
    socialLinks: z.array(SocialLinkSchema),
    website: z.string().nullable(),
    logo: z
      .object({
        path: z.string(),
        url: z.string().openapi({ example: 'https://news.example.fi/files/3f…a1.png/logo.png' }),
        mimeType: z.string().openapi({ example: 'image/png' }),
      })
      .nullable(),
    accentColor: z
      .string()
      .nullable()
      .openapi({ example: '#0b5394', description: 'Banner, link and button colour (#rrggbb)' }),
    replyTo: z
      .string()
      .nullable()
      .openapi({ example: 'viestinta@example.fi', description: 'Reply-To of its emails' }),
    /** Public newsroom page per language. */
    urls: PerLangSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Newsroom')

export const NewsroomCreateSchema = z
  .object({
    slug: z.string({ error: 'Give the slug, e.g. "city-news"' }).openapi({ example: 'city-news' }),
    name: PerLangInputSchema.openapi({ example: { fi: 'Kaupunki', sv: 'Staden' } }),
    languages: z
      .array(z.string({ error: 'Use fi, sv or en' }), {
        error: 'List the languages, e.g. ["fi", "sv"]',
      })
      .openapi({ example: ['fi', 'sv'] }),
    timezone: z.string().optional().openapi({ example: 'Europe/Helsinki' }),
    boilerplate: PerLangInputSchema.optional(),
    description: PerLangInputSchema.optional(),
    socialLinks: z.array(SocialLinkSchema).optional(),
    website: z.string().nullable().optional(),
    accentColor: z.string().nullable().optional().openapi({
      example: '#0b5394',
      description:
        'Banner, link and button colour as #rrggbb; refused (422) below a WCAG AA contrast of 4.5:1',
    }),
    replyTo: z.string().nullable().optional().openapi({
      example: 'viestinta@example.fi',
      description: 'Reply-To of the newsroom’s emails (its press office); null for none',
    }),
  })
  .openapi('NewsroomInput')

export const NewsroomPatchSchema = NewsroomCreateSchema.partial().openapi('NewsroomPatch')

const SlugParam = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'lansi-uusimaa' }),
})

export const createNewsroomRoute = plain({
  method: 'post',
  path: '/newsrooms',
  summary: 'Create a newsroom (admin)',
  request: {
    body: { required: true, content: { 'application/json': { schema: NewsroomCreateSchema } } },
  },
  responses: {
    201: json(NewsroomSchema, 'The newsroom'),
    409: json(ErrorSchema, 'The slug is already in use'),
  },
})

export const listNewsroomsRoute = plain({
  method: 'get',
  path: '/newsrooms',
  summary: 'List newsrooms',
  responses: {
    200: json(z.object({ items: z.array(NewsroomSchema) }), 'All newsrooms'),
  },
})

export const getNewsroomRoute = lookup({
  method: 'get',
  path: '/newsrooms/{slug}',
  summary: 'Read a newsroom',
  request: { params: SlugParam },
  responses: { 200: json(NewsroomSchema, 'The newsroom') },
})

export const updateNewsroomRoute = lookup({
  method: 'patch',
  path: '/newsrooms/{slug}',
  summary: 'Change a newsroom (admin); texts are merged per language',
  request: {
    params: SlugParam,
    body: { required: true, content: { 'application/json': { schema: NewsroomPatchSchema } } },
  },
  responses: {
    200: json(NewsroomSchema, 'The newsroom'),
    409: json(ErrorSchema, 'The slug is already in use'),
  },
})

export const deleteNewsroomRoute = lookup({
  method: 'delete',
  path: '/newsrooms/{slug}',
  summary: 'Delete an empty newsroom (admin); one with releases answers 409',
  request: { params: SlugParam },
  responses: {
    204: { description: 'Deleted' },
    409: json(ErrorSchema, 'The newsroom has releases'),
  },
})

/** Refuses oversized logos while they stream in. */
const logoLimit = bodyLimit({
  maxSize: MAX_LOGO_BYTES + 64 * 1024,
  onError: () => {
    throw new PayloadTooLargeError(
      `The logo is too large: at most ${MAX_LOGO_BYTES / 1024 / 1024} MB`,
    )
  },
})

const LogoUploadSchema = z
  .object({
    file: z
      .instanceof(File, { error: 'Attach the image in the "file" field' })
      .openapi({ type: 'string', format: 'binary' }),
  })
  .openapi('LogoUpload')

export const setLogoRoute = lookup({
  method: 'put',
  path: '/newsrooms/{slug}/logo',
  summary: `Set or replace the newsroom's logo (admin; PNG, JPEG, WebP, GIF or AVIF, at most ${MAX_LOGO_BYTES / 1024 / 1024} MB)`,
  middleware: [logoLimit] as const,
  request: {
    params: SlugParam,
    body: { required: true, content: { 'multipart/form-data': { schema: LogoUploadSchema } } },
  },
  responses: {
    200: json(NewsroomSchema, 'The newsroom with its new logo'),
    413: json(ErrorSchema, 'The file is too large'),
  },
})

export const removeLogoRoute = lookup({
  method: 'delete',
  path: '/newsrooms/{slug}/logo',
  summary: "Remove the newsroom's logo (admin)",
  request: { params: SlugParam },
  responses: { 200: json(NewsroomSchema, 'The newsroom') },
})
