/**
 * Admin: a newsroom's contacts directory (`/admin/contacts?newsroom=`). Staff of the newsroom
 * see it; editors and administrators add, change, list or unlist and delete contacts.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  removeContactPhoto,
  setContactPhoto,
  updateContact,
} from '../../core/contacts/directory.js'
import type { DirectoryContact, DirectoryContactInput } from '../../core/contacts/directory.js'
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '../../core/errors.js'
import { getNewsroom } from '../../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import {
  ContactEditPage,
  ContactsAdminPage,
  emptyContact,
} from '../../views/admin/contact-pages.js'
import type { ContactFormValues } from '../../views/admin/contact-pages.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { contentDeps } from '../../wiring/content.js'
import { adminPage, messagePage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { chosenNewsroom } from './dashboard.routes.js'
import type { FormBody } from './form-body.js'
import { file, idParam, readForm, text } from './form-body.js'

type C = Context<AdminEnv>

function valuesFrom(body: FormBody, newsroom: NewsroomView): ContactFormValues {
  const perLang = (prefix: string) =>
    Object.fromEntries(newsroom.languages.map((l) => [l, text(body, `${prefix}.${l}`).trim()]))
  return {
    name: text(body, 'name').trim(),
    title: perLang('title'),
    group: perLang('group'),
    phone: text(body, 'phone').trim(),
    email: text(body, 'email').trim(),
    inDirectory: text(body, 'inDirectory') === '1',
    position: text(body, 'position').trim() || '0',
  }
}

const toInput = (values: ContactFormValues): DirectoryContactInput => ({
  name: values.name,
  title: values.title,
  group: values.group,
  phone: values.phone || null,
  email: values.email || null,
  inDirectory: values.inDirectory,
  position: /^\d{1,5}$/.test(values.position) ? Number(values.position) : -1,
})

const valuesOf = (contact: DirectoryContact): ContactFormValues => ({
  name: contact.name,
  title: contact.title,
  group: contact.group,
  phone: contact.phone ?? '',
  email: contact.email ?? '',
  inDirectory: contact.inDirectory,
  position: String(contact.position),
})

/** The core's refusal as messages by form field, in the staff member's language. */
function fieldErrors(error: ValidationError, t: AdminStrings, first: Lang) {
  const out: Record<string, string> = {}
  for (const path of Object.keys(error.fields)) {
    const code = error.fieldCodes[path]
    const [field, lang] = path.split('.')
    if (field === 'name') out.name = code === 'too_long' ? t.tooLong : t.fieldRequired
    else if (field === 'email') out.email = t.emailInvalid
    else if (field === 'phone') out.phone = t.phoneInvalid
    else if (field === 'position') out.position = t.fieldRequired
    else if (field === 'title' || field === 'group') out[`${field}-${lang ?? first}`] = t.tooLong
    else out.name = t.fieldRequired
  }
  return out
}

export function createContactRoutes() {
  const router = new Hono<AdminEnv>()

  const listPage = async (
    c: C,
    options: { values?: ContactFormValues; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    const { newsroom, all } = await chosenNewsroom(c)
    const contacts = await listContacts(contentDeps(c.var.deps), session.actor, newsroom.id)
    return c.html(
      adminPage(
        c,
        { title: t.contactsTitle, current: '/admin/contacts' },
        <ContactsAdminPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          newsrooms={all}
          contacts={contacts}
          canEdit={can(session.actor, 'release.publish', newsroom.id)}
          values={options.values ?? emptyContact}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  const editPage = async (
    c: C,
    contact: DirectoryContact,
    newsroom: NewsroomView,
    options: { values?: ContactFormValues; errors?: Record<string, string> } = {},
    status: 200 | 409 | 413 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    return c.html(
      adminPage(
        c,
        { title: t.contactsTitle, current: '/admin/contacts' },
        <ContactEditPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          contact={contact}
          values={options.values ?? valuesOf(contact)}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  /** The contact of the path, if the staff member may change it (else 403/404). */
  const contactOf = async (c: C) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const contact = await getContact(contentDeps(c.var.deps), c.var.session.actor, id)
    const newsroom = await getNewsroom(c.var.deps.repos, contact.newsroomId)
    if (!can(c.var.session.actor, 'release.publish', newsroom.id)) throw new ForbiddenError()
    return { contact, newsroom }
  }

  router.get('/contacts', (c) => listPage(c))

  router.post('/contacts', async (c) => {
    const { newsroom } = await chosenNewsroom(c)
    const values = valuesFrom(await readForm(c), newsroom)
    try {
      await createContact(
        contentDeps(c.var.deps),
        c.var.session.actor,
        newsroom.id,
        toInput(values),
      )
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return listPage(
        c,
        { values, errors: fieldErrors(error, c.var.t, newsroom.languages[0]) },
        422,
      )
    }
    return c.redirect(`/admin/contacts?newsroom=${newsroom.id}&ok=contactAdded`, 303)
  })

  router.get('/contacts/:id', async (c) => {
    const { contact, newsroom } = await contactOf(c)
    return editPage(c, contact, newsroom)
  })

  router.post('/contacts/:id', async (c) => {
    const { contact, newsroom } = await contactOf(c)
    const values = valuesFrom(await readForm(c), newsroom)
    try {
      await updateContact(contentDeps(c.var.deps), c.var.session.actor, contact.id, toInput(values))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return editPage(
        c,
        contact,
        newsroom,
        { values, errors: fieldErrors(error, c.var.t, newsroom.languages[0]) },
        422,
      )
    }
    return c.redirect(`/admin/contacts?newsroom=${newsroom.id}&ok=contactSaved`, 303)
  })

  router.post('/contacts/:id/photo', async (c) => {
    const { contact, newsroom } = await contactOf(c)
    const upload = file(await readForm(c), 'file')
    const refuse = (message: string, status: 413 | 422) =>
      editPage(c, contact, newsroom, { errors: { 'contact-photo': message } }, status)
    if (!upload) return refuse(c.var.t.fileRequired, 422)
    try {
      await setContactPhoto(contentDeps(c.var.deps), c.var.session.actor, contact.id, {
        filename: upload.name,
        bytes: new Uint8Array(await upload.arrayBuffer()),
      })
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return refuse(c.var.t.fileTooLarge, 413)
      if (error instanceof ValidationError) return refuse(c.var.t.contactPhotoRejected, 422)
      throw error
    }
    return c.redirect(`/admin/contacts/${contact.id}?ok=contactPhotoSaved`, 303)
  })

  router.post('/contacts/:id/photo/remove', async (c) => {
    const { contact } = await contactOf(c)
    await removeContactPhoto(contentDeps(c.var.deps), c.var.session.actor, contact.id)
    return c.redirect(`/admin/contacts/${contact.id}?ok=contactPhotoRemoved`, 303)
  })

  router.post('/contacts/:id/delete', async (c) => {
    const { contact, newsroom } = await contactOf(c)
    try {
      await deleteContact(contentDeps(c.var.deps), c.var.session.actor, contact.id)
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error
      return c.html(messagePage(c, c.var.t.conflict, c.var.t.contactNamedByReleases), 409)
    }
    return c.redirect(`/admin/contacts?newsroom=${newsroom.id}&ok=contactDeleted`, 303)
  })

  return router
}
