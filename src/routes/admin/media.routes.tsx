/**
 * Admin: a newsroom's media bank (`/admin/media?newsroom=`). Staff of the newsroom see it;
 * editors and administrators upload files, add video links, describe and remove items.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import {
  addBankFile,
  addBankLink,
  getBankItem,
  readMediaFile,
  removeBankItem,
  staffMediaBank,
  updateBankItem,
} from '../../core/media/bank.js'
import type { BankDescriptionInput, BankItem } from '../../core/media/bank.js'
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '../../core/errors.js'
import { getNewsroom } from '../../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { MediaAdminPage, MediaEditPage, emptyMedia } from '../../views/admin/media-pages.js'
import type { MediaFormValues } from '../../views/admin/media-pages.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { contentDeps } from '../../wiring/content.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { chosenNewsroom } from './dashboard.routes.js'
import type { FormBody } from './form-body.js'
import { file, idParam, readForm, text } from './form-body.js'

type C = Context<AdminEnv>

function valuesFrom(body: FormBody, newsroom: NewsroomView): MediaFormValues {
  const perLang = (prefix: string) =>
    Object.fromEntries(newsroom.languages.map((l) => [l, text(body, `${prefix}.${l}`).trim()]))
  return {
    caption: perLang('caption'),
    alt: perLang('alt'),
    credit: text(body, 'credit').trim(),
    licence: text(body, 'licence').trim(),
    url: text(body, 'url').trim(),
  }
}

const toInput = (values: MediaFormValues): BankDescriptionInput => ({
  caption: values.caption,
  alt: values.alt,
  credit: values.credit || null,
  licence: values.licence || null,
})

const valuesOf = (item: BankItem): MediaFormValues => ({
  caption: item.caption,
  alt: item.alt,
  credit: item.credit ?? '',
  licence: item.licence ?? '',
  url: item.externalUrl ?? '',
})

/** The core's refusal as messages by form field (`prefix` tells the two add forms apart). */
function fieldErrors(error: ValidationError, t: AdminStrings, prefix = '') {
  const out: Record<string, string> = {}
  for (const path of Object.keys(error.fields)) {
    const [field, lang] = path.split('.')
    if (field === 'file') out['media-file'] = t.fileRejected
    else if (field === 'url') out['link-url'] = t.mediaUrlInvalid
    else if (lang) out[`${prefix}${field}-${lang}`] = t.tooLong
    else out[`${prefix}${field}`] = t.tooLong
  }
  return out
}

export function createMediaRoutes() {
  const router = new Hono<AdminEnv>()
  const deps = (c: C) => contentDeps(c.var.deps)

  const listPage = async (
    c: C,
    options: { values?: MediaFormValues; errors?: Record<string, string> } = {},
    status: 200 | 413 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    const { newsroom, all } = await chosenNewsroom(c)
    const { items } = await staffMediaBank(deps(c), session.actor, newsroom.id)
    return c.html(
      adminPage(
        c,
        { title: t.mediaTitle, current: '/admin/media' },
        <MediaAdminPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          newsrooms={all}
          items={items}
          canEdit={can(session.actor, 'release.publish', newsroom.id)}
          values={options.values ?? emptyMedia}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  /** The item of the path, if the staff member may change it (else 403/404). */
  const itemOf = async (c: C) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const item = await getBankItem(deps(c), c.var.session.actor, id)
    const row = await c.var.deps.repos.media.findById(id)
    const newsroom = await getNewsroom(c.var.deps.repos, row!.newsroom_id!)
    if (!can(c.var.session.actor, 'release.publish', newsroom.id)) throw new ForbiddenError()
    return { item, newsroom }
  }

  const editPage = (
    c: C,
    item: BankItem,
    newsroom: NewsroomView,
    options: { values?: MediaFormValues; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    return c.html(
      adminPage(
        c,
        { title: t.mediaTitle, current: '/admin/media' },
        <MediaEditPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          item={item}
          values={options.values ?? valuesOf(item)}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  router.get('/media', (c) => listPage(c))

  router.post('/media', async (c) => {
    const { newsroom } = await chosenNewsroom(c)
    const body = await readForm(c)
    const values = valuesFrom(body, newsroom)
    const upload = file(body, 'file')
    if (!upload) return listPage(c, { values, errors: { 'media-file': c.var.t.fileRequired } }, 422)
    try {
      await addBankFile(deps(c), c.var.session.actor, newsroom.id, {
        ...toInput(values),
        filename: upload.name,
        bytes: new Uint8Array(await upload.arrayBuffer()),
      })
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return listPage(c, { values, errors: { 'media-file': c.var.t.fileTooLarge } }, 413)
      if (!(error instanceof ValidationError)) throw error
      return listPage(c, { values, errors: fieldErrors(error, c.var.t) }, 422)
    }
    return c.redirect(`/admin/media?newsroom=${newsroom.id}&ok=mediaAdded`, 303)
  })

  router.post('/media/links', async (c) => {
    const { newsroom } = await chosenNewsroom(c)
    const values = valuesFrom(await readForm(c), newsroom)
    try {
      await addBankLink(deps(c), c.var.session.actor, newsroom.id, {
        ...toInput(values),
        url: values.url,
      })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return listPage(c, { values, errors: fieldErrors(error, c.var.t, 'link-') }, 422)
    }
    return c.redirect(`/admin/media?newsroom=${newsroom.id}&ok=mediaAdded`, 303)
  })

  /** Thumbnails and originals for staff, drafts' images included. */
  router.get('/media/:id/file', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const media = await readMediaFile(deps(c), c.var.session.actor, id, {
      preview: c.req.query('original') === undefined,
    })
    c.header('Content-Type', media.mimeType)
    c.header(
      'Content-Disposition',
      `${media.kind === 'image' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(media.filename)}`,
    )
    c.header('Cache-Control', 'private, max-age=300')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(new Uint8Array(media.bytes))
  })

  router.get('/media/:id', async (c) => {
    const { item, newsroom } = await itemOf(c)
    return editPage(c, item, newsroom)
  })

  router.post('/media/:id', async (c) => {
    const { item, newsroom } = await itemOf(c)
    const values = valuesFrom(await readForm(c), newsroom)
    try {
      // Every language the form shows is sent: an emptied field removes that text.
      await updateBankItem(deps(c), c.var.session.actor, item.id, toInput(values))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return editPage(c, item, newsroom, { values, errors: fieldErrors(error, c.var.t) }, 422)
    }
    return c.redirect(`/admin/media?newsroom=${newsroom.id}&ok=mediaSaved`, 303)
  })

  router.post('/media/:id/remove', async (c) => {
    const { item, newsroom } = await itemOf(c)
    await removeBankItem(deps(c), c.var.session.actor, item.id)
    return c.redirect(`/admin/media?newsroom=${newsroom.id}&ok=mediaRemoved`, 303)
  })

  return router
}
