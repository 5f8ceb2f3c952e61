/** OpenAPI contract of a newsroom's contacts directory. */
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorSchema, errorResponses } from '../api-app.js'
import { json, jsonBody, pathId } from '../openapi.js'
import { MAX_PHOTO_BYTES } from '../../../core/contacts/directory.js'
import { PayloadTooLargeError } from '../../../core/errors.js'
import { bodyLimit } from 'hono/body-limit'
import { MediaSchema } from '../media/media.routes.js'

const PerLang = z.record(z.string(), z.string())

export const ContactSchema = z
  .object({
    id: z.number().int(),
    newsroomId: z.number().int(),
    name: z.string().openapi({ example: 'Mikaela Lindholm' }),
    title: PerLang.openapi({ example: { fi: 'viestintäjohtaja', sv: 'kommunikationsdirektör' } }),
    group: PerLang.openapi({ example: { fi: 'Viestintä', sv: 'Kommunikation' } }),
    phone: z.string().nullable().openapi({ example: '+358 40 000 0002' }),
    email: z.string().nullable().openapi({ example: 'mikaela.lindholm@example.fi' }),
    inDirectory: z.boolean().openapi({ description: 'Listed on the public contacts page' }),
    position: z.number().int().openapi({ description: 'Order in the directory, smallest first' }),
    releases: z.number().int().openapi({ description: 'Releases naming the contact' }),
    photo: MediaSchema.nullable().openapi({ description: 'A portrait in web sizes' }),
  })
  .openapi('Contact')

const fields = {
  name: z.string({ error: 'Give the name as text' }),
  title: z
    .union([z.string(), z.record(z.string(), z.string().nullable())], {
      error: 'Give the job title per language, e.g. {"fi": "…", "sv": "…"}',
    })
    .openapi({ description: 'Per language (one text applies to every language)' }),
  group: z
    .record(z.string(), z.string().nullable(), { error: 'Give the group per language' })
    .nullable()
    .openapi({ description: 'Directory group per language, e.g. {"fi": "Viestintä"}' }),
  phone: z.string({ error: 'Give the phone number as text' }).nullable(),
  email: z.string({ error: 'Give the email address as text' }).nullable(),
  inDirectory: z.boolean({ error: 'Use true or false' }),
  position: z.number({ error: 'Give a whole number' }).int({ error: 'Give a whole number' }),
}

const ContactInputSchema = z
  .object({
    ...fields,
    title: fields.title.optional(),
    group: fields.group.optional(),
    phone: fields.phone.optional(),
    email: fields.email.optional(),
    inDirectory: fields.inDirectory.optional().openapi({ description: 'Default true' }),
    position: fields.position.optional(),
  })
  .openapi('ContactInput')
const ContactPatchSchema = ContactInputSchema.partial().openapi('ContactPatch')

const NewsroomParam = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'lansi-uusimaa' }),
})
const IdParam = z.object({ id: pathId('id', 'Give the contact id as a number', 3) })

const tags = ['Contacts']
const security = [{ bearer: [] }]
const notFound = { 404: json(ErrorSchema, 'No such newsroom or contact') }

export const listContactsRoute = createRoute({
  method: 'get',
  path: '/newsrooms/{slug}/contacts',
  tags,
  summary: 'List a newsroom’s contacts, those in the directory first',
  security,
  request: { params: NewsroomParam },
  responses: {
    200: json(z.object({ items: z.array(ContactSchema) }), 'The contacts'),
    ...notFound,
    ...errorResponses,
  },
})

export const createContactRoute = createRoute({
  method: 'post',
  path: '/newsrooms/{slug}/contacts',
  tags,
  summary: 'Add a contact to the newsroom’s directory (editor)',
  security,
  request: { params: NewsroomParam, body: jsonBody(ContactInputSchema) },
  responses: { 201: json(ContactSchema, 'The contact'), ...notFound, ...errorResponses },
})

export const getContactRoute = createRoute({
  method: 'get',
  path: '/contacts/{id}',
  tags,
  summary: 'Read a contact',
  security,
  request: { params: IdParam },
  responses: { 200: json(ContactSchema, 'The contact'), ...notFound, ...errorResponses },
})

export const updateContactRoute = createRoute({
  method: 'patch',
  path: '/contacts/{id}',
  tags,
  summary: 'Change a contact; fields left out stay as they are (editor)',
  security,
  request: { params: IdParam, body: jsonBody(ContactPatchSchema) },
  responses: { 200: json(ContactSchema, 'The contact'), ...notFound, ...errorResponses },
})

export const deleteContactRoute = createRoute({
  method: 'delete',
  path: '/contacts/{id}',
  tags,
  summary: 'Delete a contact no release names (editor); otherwise 409',
  security,
  request: { params: IdParam },
  responses: {
    204: { description: 'Deleted' },
    409: json(ErrorSchema, 'Releases name the contact'),
    ...notFound,
    ...errorResponses,
  },
})

const PhotoUploadSchema = z
  .object({
    file: z
      .instanceof(File, { error: 'Attach the photo in the "file" field' })
      .openapi({ type: 'string', format: 'binary' }),
  })
  .openapi('ContactPhotoUpload')

export const setContactPhotoRoute = createRoute({
  method: 'put',
  path: '/contacts/{id}/photo',
  middleware: [
    bodyLimit({
      maxSize: MAX_PHOTO_BYTES + 64 * 1024,
      onError: () => {
        throw new PayloadTooLargeError(
          `The photo is too large: at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
        )
      },
    }),
  ] as const,
  tags,
  summary: `Give a contact a portrait (multipart, JPEG/PNG/WebP/AVIF/GIF, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB; editor)`,
  description: 'Web sizes are made and location and camera metadata removed; replaces the old one.',
  security,
  request: {
    params: IdParam,
    body: { required: true, content: { 'multipart/form-data': { schema: PhotoUploadSchema } } },
  },
  responses: {
    200: json(ContactSchema, 'The contact'),
    413: json(ErrorSchema, 'The photo is too large'),
    ...notFound,
    ...errorResponses,
  },
})

export const removeContactPhotoRoute = createRoute({
  method: 'delete',
  path: '/contacts/{id}/photo',
  tags,
  summary: 'Remove a contact’s portrait (editor)',
  security,
  request: { params: IdParam },
  responses: { 200: json(ContactSchema, 'The contact'), ...notFound, ...errorResponses },
})
