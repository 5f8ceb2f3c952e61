/** /api/v1/newsrooms/{slug}/contacts and /api/v1/contacts/{id}: the contacts directory. */
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from '../../../core/contacts/directory.js'
import { contentDeps } from '../../../wiring/content.js'
import { createApiRouter } from '../api-app.js'
import {
  createContactRoute,
  deleteContactRoute,
  getContactRoute,
  listContactsRoute,
  updateContactRoute,
} from './contacts.routes.js'

export function createContactsApi() {
  const api = createApiRouter()

  api.openapi(listContactsRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const items = await listContacts(deps, c.var.actor, c.req.valid('param').slug)
    return c.json({ items }, 200)
  })

  api.openapi(createContactRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const contact = await createContact(
      deps,
      c.var.actor,
      c.req.valid('param').slug,
      c.req.valid('json'),
    )
    return c.json(contact, 201)
  })

  api.openapi(getContactRoute, async (c) => {
    const contact = await getContact(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.json(contact, 200)
  })

  api.openapi(updateContactRoute, async (c) => {
    const deps = contentDeps(c.var.deps)
    const contact = await updateContact(
      deps,
      c.var.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(contact, 200)
  })

  api.openapi(deleteContactRoute, async (c) => {
    await deleteContact(contentDeps(c.var.deps), c.var.actor, c.req.valid('param').id)
    return c.body(null, 204)
  })

  return api
}
