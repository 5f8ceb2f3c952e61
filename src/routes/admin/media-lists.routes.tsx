/**
 * Admin: a newsroom's media lists (`/admin/media-lists?newsroom=`) and one list
 * (`/admin/media-lists/{id}`). Staff of the newsroom see them; editors and administrators
 * create lists, add and remove journalists and import them from CSV.
 */
import { resumeMediaContact } from '../../core/media-lists/opt-out.js'
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import { ConflictError, PayloadTooLargeError, ValidationError } from '../../core/errors.js'
import {
  addMediaContact,
  createMediaList,
  deleteMediaList,
  getMediaList,
  importMediaListCsv,
  listMediaLists,
  removeMediaContact,
} from '../../core/media-lists/lists.js'
import type { ImportRowError } from '../../core/subscription/csv.js'
import { getNewsroom } from '../../core/newsroom/newsrooms.js'
import { MediaListPage, MediaListsPage } from '../../views/admin/media-list-pages.js'
import type { MediaContactFormValues } from '../../views/admin/media-list-pages.js'
import { contentDeps } from '../../wiring/content.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { chosenNewsroom } from './dashboard.routes.js'
import { file, idParam, readForm, text } from './form-body.js'
import { NotFoundError } from '../../core/errors.js'

type C = Context<AdminEnv>

const noContact: MediaContactFormValues = { email: '', name: '', outlet: '', language: '' }

export function createMediaListRoutes() {
  const router = new Hono<AdminEnv>()

  const listsPage = async (
    c: C,
    options: { name?: string; errors?: Record<string, string> } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    const { newsroom, all } = await chosenNewsroom(c)
    const lists = await listMediaLists(contentDeps(c.var.deps), session.actor, newsroom.id)
    return c.html(
      adminPage(
        c,
        { title: t.mediaListsTitle, current: '/admin/media-lists' },
        <MediaListsPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          newsrooms={all}
          lists={lists}
          canEdit={can(session.actor, 'release.publish', newsroom.id)}
          name={options.name ?? ''}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  const listPage = async (
    c: C,
    options: {
      values?: MediaContactFormValues
      errors?: Record<string, string>
      importErrors?: ImportRowError[]
    } = {},
    status: 200 | 413 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const list = await getMediaList(contentDeps(c.var.deps), session.actor, id)
    const newsroom = await getNewsroom(c.var.deps.repos, list.newsroomId)
    return c.html(
      adminPage(
        c,
        { title: list.name, current: '/admin/media-lists' },
        <MediaListPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          list={list}
          canEdit={can(session.actor, 'release.publish', newsroom.id)}
          values={options.values ?? noContact}
          errors={options.errors ?? {}}
          importErrors={options.importErrors ?? []}
        />,
      ),
      status,
    )
  }

  router.get('/media-lists', (c) => listsPage(c))

  router.post('/media-lists', async (c) => {
    const { newsroom } = await chosenNewsroom(c)
    const name = text(await readForm(c), 'name').trim()
    try {
      await createMediaList(contentDeps(c.var.deps), c.var.session.actor, newsroom.id, { name })
    } catch (error) {
      if (error instanceof ConflictError)
        return listsPage(c, { name, errors: { name: c.var.t.mediaListNameTaken } }, 409)
      if (error instanceof ValidationError)
        return listsPage(c, { name, errors: { name: c.var.t.fieldRequired } }, 422)
      throw error
    }
    return c.redirect(`/admin/media-lists?newsroom=${newsroom.id}&ok=mediaListCreated`, 303)
  })

  router.get('/media-lists/:id', (c) => listPage(c))

  router.post('/media-lists/:id/contacts', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const body = await readForm(c)
    const values: MediaContactFormValues = {
      email: text(body, 'email').trim(),
      name: text(body, 'name').trim(),
      outlet: text(body, 'outlet').trim(),
      language: text(body, 'language'),
    }
    let added
    try {
      added = await addMediaContact(contentDeps(c.var.deps), c.var.session.actor, id, values)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const t = c.var.t
      const errors: Record<string, string> = {}
      for (const field of Object.keys(error.fields))
        errors[field] = field === 'email' ? t.emailInvalid : t.tooLong
      return listPage(c, { values, errors }, 422)
    }
    const ok = added.optedOutAt ? 'mediaContactAddedOptedOut' : 'mediaContactAdded'
    return c.redirect(`/admin/media-lists/${id}?ok=${ok}`, 303)
  })

  router.post('/media-lists/:id/contacts/:contactId/resume', async (c) => {
    const id = idParam(c.req.param('id'))
    const contactId = idParam(c.req.param('contactId'))
    if (!id || !contactId) throw new NotFoundError()
    // The contact must be on this list (and so in a newsroom the user may see).
    const list = await getMediaList(contentDeps(c.var.deps), c.var.session.actor, id)
    if (!list.members.some((m) => m.id === contactId)) throw new NotFoundError()
    const confirm = text(await readForm(c), 'confirm') === '1'
    try {
      await resumeMediaContact(contentDeps(c.var.deps), c.var.session.actor, contactId, {
        confirm,
      })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return listPage(c, { errors: { resume: c.var.t.mediaContactResumeNeedsConfirm } }, 422)
    }
    return c.redirect(`/admin/media-lists/${id}?ok=mediaContactResumed`, 303)
  })

  router.post('/media-lists/:id/contacts/:contactId/remove', async (c) => {
    const id = idParam(c.req.param('id'))
    const contactId = idParam(c.req.param('contactId'))
    if (!id || !contactId) throw new NotFoundError()
    await removeMediaContact(contentDeps(c.var.deps), c.var.session.actor, id, contactId)
    return c.redirect(`/admin/media-lists/${id}?ok=mediaContactRemoved`, 303)
  })

  router.post('/media-lists/:id/import', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const upload = file(await readForm(c), 'file')
    const refuse = (message: string, status: 413 | 422) =>
      listPage(
        c,
        { importErrors: [{ line: 1, field: 'file', message, code: 'file.invalid' }] },
        status,
      )
    if (!upload) return refuse(c.var.t.fileRequired, 422)
    try {
      const report = await importMediaListCsv(
        contentDeps(c.var.deps),
        c.var.session.actor,
        id,
        new Uint8Array(await upload.arrayBuffer()),
      )
      if (report.errors.length > 0) return listPage(c, { importErrors: report.errors }, 422)
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return refuse(c.var.t.fileTooLarge, 413)
      if (error instanceof ValidationError) return refuse(error.message, 422)
      throw error
    }
    return c.redirect(`/admin/media-lists/${id}?ok=mediaListImported`, 303)
  })

  router.post('/media-lists/:id/delete', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const list = await getMediaList(contentDeps(c.var.deps), c.var.session.actor, id)
    await deleteMediaList(contentDeps(c.var.deps), c.var.session.actor, id)
    return c.redirect(`/admin/media-lists?newsroom=${list.newsroomId}&ok=mediaListDeleted`, 303)
  })

  return router
}
