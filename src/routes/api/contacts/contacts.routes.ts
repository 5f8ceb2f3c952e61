/** OpenAPI contract of a newsroom's contacts directory. */
import { z } from '@hono/zod-openapi'
import { apiRoutes, ErrorSchema } from '../api-app.js'
import { NewsroomParam, idParam, json, jsonBody } from '../openapi.js'
import { MAX_PHOTO_BYTES } from '../../../core/contacts/directory.js'
import { PayloadTooLargeError } from '../../../core/errors.js'
import { bodyLimit } from 'hono/body-limit'
import { MediaSchema } from '../media/media.routes.js'

const { lookup } = apiRoutes('Contacts', 'No such newsroom or contact')

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

const IdParam = idParam('contact', 3)

export const listContactsRoute = lookup({
  method: 'get',
  path: '/newsrooms/{slug}/contacts',
  summary: 'List a newsroom’s contacts, those in the directory first',
  request: { params: NewsroomParam },
  responses: {
    200: json(z.object({ items: z.array(ContactSchema) }), 'The contacts'),
  },
})

export const createContactRoute = lookup({
  method: 'post',
  path: '/newsrooms/{slug}/contacts',
  summary: 'Add a contact to the newsroom’s directory (editor)',
  request: { params: NewsroomParam, body: jsonBody(ContactInputSchema) },
  responses: { 201: json(ContactSchema, 'The contact') },
})

export const getContactRoute = lookup({
  method: 'get',
  path: '/contacts/{id}',
  summary: 'Read a contact',
  request: { params: IdParam },
  responses: { 200: json(ContactSchema, 'The contact') },
})

export const updateContactRoute = lookup({
  method: 'patch',
  path: '/contacts/{id}',
  summary: 'Change a contact; fields left out stay as they are (editor)',
  request: { params: IdParam, body: jsonBody(ContactPatchSchema) },
  responses: { 200: json(ContactSchema, 'The contact') },
})

export const deleteContactRoute = lookup({
  method: 'delete',
  path: '/contacts/{id}',
  summary: 'Delete a contact no release names (editor); otherwise 409',
  request: { params: IdParam },
  responses: {
    204: { description: 'Deleted' },
    409: json(ErrorSchema, 'Releases name the contact'),
  },
})

const PhotoUploadSchema = z
  .object({
    file: z
      .instanceof(File, { error: 'Attach the photo in the "file" field' })
      .openapi({ type: 'string', format: 'binary' }),
  })
  .openapi('ContactPhotoUpload')

export const setContactPhotoRoute = lookup({
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
  summary: `Give a contact a portrait (multipart, JPEG/PNG/WebP/AVIF/GIF, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB; editor)`,
  description: 'Web sizes are made and location and camera metadata removed; replaces the old one.',
  request: {
    params: IdParam,
    body: { required: true, content: { 'multipart/form-data': { schema: PhotoUploadSchema } } },
  },
  responses: {
    200: json(ContactSchema, 'The contact'),
    413: json(ErrorSchema, 'The photo is too large'),
  },
})

export const removeContactPhotoRoute = lookup({
  method: 'delete',
  path: '/contacts/{id}/photo',
  summary: 'Remove a contact’s portrait (editor)',
  request: { params: IdParam },
  responses: { 200: json(ContactSchema, 'The contact') },
})
