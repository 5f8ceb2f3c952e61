/** /api/v1/newsrooms/{slug}/contacts and /api/v1/contacts/{id}: the contacts directory. */
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  removeContactPhoto,
  setContactPhoto,
  updateContact,
} from '../../../core/contacts/directory.js'
import type { DirectoryContact } from '../../../core/contacts/directory.js'
import { toApiMedia } from '../media/media.handlers.js'
import { contentDeps } from '../../../wiring/content.js'
import { createApiRouter } from '../api-app.js'
import {
  createContactRoute,
  deleteContactRoute,
  getContactRoute,
  listContactsRoute,
  removeContactPhotoRoute,
  setContactPhotoRoute,
  updateContactRoute,
} from './contacts.routes.js'

/** The API shape of a contact: the photo's addresses absolute. */
const toApiContact = (contact: DirectoryContact, publicUrl: string) => ({
  ...contact,
  photo: contact.photo ? toApiMedia(contact.photo, publicUrl) : null,
})

export function createContactsApi() {
  const api = createApiRouter()

  api.openapi(listContactsRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const items = await listContacts(deps, c.var.actor, c.req.valid('param').slug)
    return c.json({ items: items.map((item) => toApiContact(item, deps.publicUrl)) }, 200)
  })

  api.openapi(createContactRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const contact = await createContact(
      deps,
      c.var.actor,
      c.req.valid('param').slug,
      c.req.valid('json'),
    )
    return c.json(toApiContact(contact, deps.publicUrl), 201)
  })

  api.openapi(getContactRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const contact = await getContact(deps, c.var.actor, c.req.valid('param').id)
    return c.json(toApiContact(contact, deps.publicUrl), 200)
  })

  api.openapi(updateContactRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const contact = await updateContact(
      deps,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(toApiContact(contact, deps.publicUrl), 200)
  })

  api.openapi(setContactPhotoRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const { file } = c.req.valid('form')
    const contact = await setContactPhoto(deps, c.var.actor, c.req.valid('param').id, {
      filename: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })
    return c.json(toApiContact(contact, deps.publicUrl), 200)
  })

  api.openapi(removeContactPhotoRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const contact = await removeContactPhoto(deps, c.var.actor, c.req.valid('param').id)
    return c.json(toApiContact(contact, deps.publicUrl), 200)
  })

  api.openapi(deleteContactRoute, async (c) => {
    await deleteContact(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  return api
}
