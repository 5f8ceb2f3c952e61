/** Admin: newsrooms (list, create, edit). Administrators only. */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { ConflictError, PayloadTooLargeError, ValidationError } from '../../core/errors.js'
import type { FieldCode } from '../../core/errors.js'
import { removeNewsroomLogo, setNewsroomLogo } from '../../core/newsroom/logo.js'
import {
  createNewsroom,
  getNewsroom,
  listNewsroomsWithReleaseCounts,
  updateNewsroom,
} from '../../core/newsroom/newsrooms.js'
import type { NewsroomInput, NewsroomView } from '../../core/newsroom/newsrooms.js'
import { contentDeps } from '../../wiring/content.js'
import {
  NewsroomForm,
  NewsroomLogo,
  NewsroomList,
  newsroomFieldId,
  newsroomFormValues,
} from '../../views/admin/newsroom-pages.js'
import type { NewsroomFormValues } from '../../views/admin/newsroom-pages.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { isLang, LANGS } from '../../views/i18n/index.js'
import type { Lang } from '../../views/i18n/index.js'
import { adminPage } from './admin-page.js'
import { requirePermission } from './admin-session.js'
import type { AdminEnv } from './admin-session.js'
import { file, idParam, readForm, text, texts } from './form-body.js'
import type { FormBody } from './form-body.js'

function valuesFromForm(body: FormBody): NewsroomFormValues {
  const perLang = (name: string) =>
    Object.fromEntries(LANGS.map((lang) => [lang, text(body, `${name}.${lang}`)]))
  const labels = texts(body, 'social_label')
  const urls = texts(body, 'social_url')
  const defaultLang = text(body, 'default_lang')
  return {
    slug: text(body, 'slug').trim(),
    languages: texts(body, 'languages').filter(isLang),
    defaultLang: isLang(defaultLang) ? defaultLang : 'fi',
    timezone: text(body, 'timezone').trim(),
    name: perLang('name'),
    boilerplate: perLang('boilerplate'),
    description: perLang('description'),
    website: text(body, 'website').trim(),
    social: labels
      .map((label, i) => ({ label: label.trim(), url: (urls[i] ?? '').trim() }))
      .filter((link) => link.label || link.url),
    accentColor: text(body, 'accent_color').trim(),
    replyTo: text(body, 'reply_to').trim(),
  }
}

/** The default language first, then the others in the usual order. */
function orderedLanguages(values: NewsroomFormValues): Lang[] {
  return [values.defaultLang, ...LANGS.filter((l) => l !== values.defaultLang)].filter((l) =>
    values.languages.includes(l),
  )
}

function toInput(values: NewsroomFormValues): NewsroomInput {
  const languages = orderedLanguages(values)
  const only = (texts: Partial<Record<Lang, string>>) =>
    Object.fromEntries(languages.map((l) => [l, texts[l] ?? '']))
  return {
    slug: values.slug,
    languages,
    timezone: values.timezone,
    name: only(values.name),
    boilerplate: only(values.boilerplate),
    description: only(values.description),
    website: values.website || null,
    socialLinks: values.social,
    accentColor: values.accentColor || null,
    replyTo: values.replyTo || null,
  }
}

/** What to tell the staff member about one refused field, in the UI language. */
function fieldMessage(t: AdminStrings, path: string, code: FieldCode | undefined): string {
  if (path === 'slug') {
    if (code === 'slug_taken') return t.slugTaken
    if (code === 'not_allowed') return t.slugReserved
    return t.slugHint
  }
  if (path.startsWith('languages')) return code === 'in_use' ? t.languageInUse : t.languageRequired
  if (path === 'timezone') return t.timezoneHint
  if (path === 'accentColor')
    return code === 'low_contrast' ? t.accentColorContrast : t.accentColorInvalid
  if (path === 'replyTo') return t.replyToInvalid
  if (code === 'too_long') return t.tooLong
  if (path === 'website' || path.endsWith('.url')) return t.urlInvalid
  return t.fieldRequired
}

/** The core's field paths and codes, as form field ids and messages in the UI language. */
function localiseErrors(error: ValidationError | ConflictError, t: AdminStrings) {
  const out: Record<string, string> = {}
  for (const path of Object.keys(error.fields)) {
    out[newsroomFieldId(path)] = fieldMessage(t, path, error.fieldCodes[path])
  }
  return out
}

export function createNewsroomRoutes() {
  const router = new Hono<AdminEnv>()
  router.use('/newsrooms', requirePermission('newsroom.manage'))
  router.use('/newsrooms/*', requirePermission('newsroom.manage'))

  const timezones = Intl.supportedValuesOf('timeZone')
  const form = (
    c: Context<AdminEnv>,
    options: {
      heading: string
      action: string
      values: NewsroomFormValues
      errors?: Record<string, string>
      /** An existing newsroom: its logo section is shown too. */
      newsroom?: NewsroomView
      logoError?: string
    },
  ) =>
    adminPage(
      c,
      { title: options.heading, current: '/admin/newsrooms' },
      <>
        <NewsroomForm
          t={c.var.t}
          csrf={c.var.session.csrfToken}
          action={options.action}
          heading={options.heading}
          values={options.values}
          errors={options.errors ?? {}}
          timezones={timezones}
        />
        {options.newsroom ? (
          <NewsroomLogo
            t={c.var.t}
            csrf={c.var.session.csrfToken}
            newsroomId={options.newsroom.id}
            logo={options.newsroom.logo}
            error={options.logoError}
          />
        ) : null}
      </>,
    )

  router.get('/newsrooms', async (c) => {
    const newsrooms = await listNewsroomsWithReleaseCounts(c.var.deps.repos, c.var.session.actor)
    return c.html(
      adminPage(
        c,
        { title: c.var.t.newsroomsTitle, current: '/admin/newsrooms' },
        <NewsroomList t={c.var.t} lang={c.var.lang} newsrooms={newsrooms} />,
      ),
    )
  })

  router.get('/newsrooms/new', (c) =>
    c.html(
      form(c, {
        heading: c.var.t.newNewsroom,
        action: '/admin/newsrooms',
        values: newsroomFormValues(),
      }),
    ),
  )

  const save = async (c: Context<AdminEnv>, id: number | undefined) => {
    const { t } = c.var
    const values = valuesFromForm(await readForm(c))
    const heading = id ? t.editNewsroom : t.newNewsroom
    const action = id ? `/admin/newsrooms/${id}` : '/admin/newsrooms'
    const errors: Record<string, string> = {}
    if (values.languages.length === 0) errors['nr-languages'] = t.languageRequired
    else if (!values.languages.includes(values.defaultLang))
      errors['nr-default'] = t.defaultNotOffered
    if (Object.keys(errors).length > 0)
      return c.html(form(c, { heading, action, values, errors }), 422)
    const deps = contentDeps(c.var.deps)
    try {
      if (id) {
        await updateNewsroom(deps, c.var.session.actor, id, toInput(values))
        return c.redirect(`/admin/newsrooms/${id}?ok=saved`, 303)
      }
      await createNewsroom(deps, c.var.session.actor, toInput(values))
      return c.redirect('/admin/newsrooms?ok=newsroomCreated', 303)
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) {
        const status = error instanceof ConflictError ? 409 : 422
        return c.html(
          form(c, { heading, action, values, errors: localiseErrors(error, t) }),
          status,
        )
      }
      throw error
    }
  }

  router.post('/newsrooms', (c) => save(c, undefined))

  router.get('/newsrooms/:id', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) return c.notFound()
    const newsroom = await getNewsroom(c.var.deps.repos, id)
    return c.html(editForm(c, newsroom))
  })

  const editForm = (c: Context<AdminEnv>, newsroom: NewsroomView, logoError?: string) =>
    form(c, {
      heading: c.var.t.editNewsroom,
      action: `/admin/newsrooms/${newsroom.id}`,
      values: newsroomFormValues(newsroom),
      newsroom,
      logoError,
    })

  router.post('/newsrooms/:id/logo', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) return c.notFound()
    const newsroom = await getNewsroom(c.var.deps.repos, id)
    const { t } = c.var
    const upload = file(await readForm(c), 'file')
    if (!upload) return c.html(editForm(c, newsroom, t.fileRequired), 422)
    try {
      await setNewsroomLogo(contentDeps(c.var.deps), c.var.session.actor, id, {
        filename: upload.name,
        bytes: new Uint8Array(await upload.arrayBuffer()),
      })
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return c.html(editForm(c, newsroom, t.logoTooLarge), 413)
      if (error instanceof ValidationError)
        return c.html(editForm(c, newsroom, t.logoRejected), 422)
      throw error
    }
    return c.redirect(`/admin/newsrooms/${id}?ok=logoSaved#logo-h`, 303)
  })

  router.post('/newsrooms/:id/logo/remove', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) return c.notFound()
    await removeNewsroomLogo(contentDeps(c.var.deps), c.var.session.actor, id)
    return c.redirect(`/admin/newsrooms/${id}?ok=logoRemoved#logo-h`, 303)
  })

  router.post('/newsrooms/:id', async (c) => {
    const id = idParam(c.req.param('id'))
    if (!id) return c.notFound()
    await getNewsroom(c.var.deps.repos, id)
    return save(c, id)
  })

  return router
}
