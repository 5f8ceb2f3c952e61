/**
 * Admin: the release editor and everything done to one release — save, preview, publish now or
 * at a time (after a confirmation showing how many subscribers will be emailed), unschedule,
 * withdraw, delete, corrections and attachments. Roles are enforced by the core on every write
 * (a contributor's publish attempt fails there) and checked here before showing a step.
 */
import { listKeywordTerms } from '../../core/keywords/terms.js'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { can } from '../../core/auth/actor.js'
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '../../core/errors.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import {
  addAttachment,
  describeAttachment,
  readAttachmentFile,
  removeAttachment,
} from '../../core/release/attachments.js'
import { contentDeps } from '../../wiring/content.js'
import {
  addCorrection,
  previewPublication,
  publishRelease,
  unscheduleRelease,
  withdrawRelease,
} from '../../core/release/publishing.js'
import {
  createRelease,
  deleteRelease,
  getReleaseForEditing,
  listNewsroomContacts,
  updateRelease,
} from '../../core/release/releases.js'
import type { ContactView, ReleaseView } from '../../core/release/views.js'
import { ReleaseEditor } from '../../views/admin/release-editor.js'
import type { ReleaseFormValues } from '../../views/admin/release-editor.js'
import {
  AttachmentList,
  AttachmentsSection,
  ConfirmActionPage,
  ConfirmCorrectionPage,
  ConfirmPublishPage,
  CorrectionsSection,
  DangerLinks,
} from '../../views/admin/release-extras.js'
import { releaseTitle } from '../../views/admin/release-lists.js'
import { formatDateTime } from '../../views/format-time.js'
import { zonedToUtc } from '../../views/admin/zoned-time.js'
import { isLang } from '../../views/i18n/index.js'
import type { Lang } from '../../views/i18n/index.js'
import { Layout } from '../../views/layout.js'
import { ReleasePage } from '../../views/public/release-page.js'
import { adminPage, htmlDocument, messagePage } from './admin-page.js'
import type { Flash } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { countAudience } from '../../core/delivery/audience.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { visibleNewsrooms } from './dashboard.routes.js'
import { file, idParam, readForm, text, texts } from './form-body.js'
import {
  emptyValues,
  localiseReleaseErrors,
  previewReleaseView,
  toReleaseInput,
  toReleasePatch,
  valuesFromForm,
  valuesFromRelease,
} from './release-form.js'

type C = Context<AdminEnv>

/** The editor's script asks for JSON: it stays on the page instead of following a redirect. */
const wantsJson = (c: C) => (c.req.header('accept') ?? '').includes('application/json')

/**
 * After a change to a release's files: the editor's script gets the list rendered anew and the
 * message; a plain form goes back to the editor.
 */
async function attachmentsAnswer(
  c: C,
  releaseId: number,
  ok: 'uploaded' | 'removed' | 'leadImageSaved' | 'attachmentDescribed',
  status: 200 | 201 = 200,
) {
  if (!wantsJson(c)) return c.redirect(`/admin/releases/${releaseId}?ok=${ok}#attachments-h`, 303)
  const { t, lang, session } = c.var
  const { release, newsroom } = await getReleaseForEditing(content(c), session.actor, releaseId)
  const html = await (
    <AttachmentList
      t={t}
      lang={lang}
      csrf={session.csrfToken}
      release={release}
      languages={newsroom.languages}
      canEdit
    />
  ).toString()
  return c.json({ html, message: t[ok] }, status)
}

const content = (c: C) => contentDeps(c.var.deps)

const newsroomContacts = (c: C, newsroomId: number): Promise<ContactView[]> =>
  listNewsroomContacts(content(c), c.var.session.actor, newsroomId)

interface EditorState {
  newsroom: NewsroomView
  release?: ReleaseView
  values: ReleaseFormValues
  errors?: Record<string, string>
  attachmentErrors?: Record<string, string>
  correctionError?: string
  previewLang?: string
  flash?: Flash
}

/** The preview document (a whole page) for the sandboxed frame. */
async function previewDocument(
  c: C,
  state: Pick<EditorState, 'newsroom' | 'release' | 'values'>,
  contacts: ContactView[],
  wanted: string | undefined,
): Promise<{ lang: Lang; html: string }> {
  const { newsroom } = state
  const now = c.var.deps.clock.now()
  const view = previewReleaseView(state.values, newsroom, state.release, contacts, now)
  const lang: Lang =
    isLang(wanted) && view.versions[wanted] ? wanted : (view.languages[0] ?? newsroom.languages[0])
  const version = view.versions[lang]
  if (!version) {
    return {
      lang,
      html: await htmlDocument(
        <Layout lang={c.var.lang} title={c.var.t.livePreview} noindex homeHref="#">
          <p>{c.var.t.previewEmpty}</p>
        </Layout>,
      ),
    }
  }
  // The real public page template, with the files linked through the admin.
  const html = await htmlDocument(
    <ReleasePage
      lang={lang}
      publicUrl={c.var.deps.config.publicUrl}
      newsroom={newsroom}
      release={view}
      version={version}
      more={[]}
    />,
  )
  return { lang, html }
}

async function editorPage(c: C, state: EditorState, status: 200 | 403 | 409 | 413 | 422 = 200) {
  const { t, lang, session } = c.var
  const { newsroom, release } = state
  const canPublish = can(session.actor, 'release.publish', newsroom.id)
  const contacts = await newsroomContacts(c, newsroom.id)
  const preview = await previewDocument(c, state, contacts, state.previewLang)
  // A new release takes files too: the editor's script saves it as a draft first.
  const canEdit =
    !release || (release.status !== 'withdrawn' && (release.status !== 'published' || canPublish))
  const title = release
    ? `${t.editRelease}: ${releaseTitle(release, lang, t.untitled)}`
    : t.newRelease
  const body: Child = (
    <>
      <ReleaseEditor
        t={t}
        lang={lang}
        csrf={session.csrfToken}
        now={c.var.deps.clock.now()}
        newsroom={newsroom}
        release={release}
        values={state.values}
        errors={state.errors ?? {}}
        contacts={contacts}
        keywordTerms={await listKeywordTerms(content(c), session.actor, newsroom.id)}
        canPublish={canPublish}
        preview={preview}
      />
      <AttachmentsSection
        t={t}
        lang={lang}
        csrf={session.csrfToken}
        release={release}
        languages={newsroom.languages}
        canEdit={canEdit}
        errors={state.attachmentErrors ?? {}}
      />
      {release && (release.status === 'published' || release.corrections.length) ? (
        <CorrectionsSection
          t={t}
          csrf={session.csrfToken}
          release={release}
          newsroom={newsroom}
          canPublish={canPublish}
          error={state.correctionError}
        />
      ) : null}
      {release ? <DangerLinks t={t} release={release} canPublish={canPublish} /> : null}
    </>
  )
  return c.html(
    adminPage(c, { title, current: '/admin/releases', wide: true, flash: state.flash }, body),
    status,
  )
}

/** The release for the signed-in user, with its newsroom; 404 for a malformed id. */
async function loadRelease(c: C) {
  const id = idParam(c.req.param('id'))
  if (!id) throw new NotFoundError()
  return getReleaseForEditing(content(c), c.var.session.actor, id)
}

/** A confirmation step before a destructive action (withdraw, delete, remove a file). */
const confirmStep = (
  c: C,
  props: Omit<Parameters<typeof ConfirmActionPage>[0], 't' | 'csrf'>,
  pageTitle = props.title,
) =>
  c.html(
    adminPage(
      c,
      { title: pageTitle, current: '/admin/releases' },
      <ConfirmActionPage t={c.var.t} csrf={c.var.session.csrfToken} {...props} />,
    ),
  )

type Action = 'save' | 'publish' | 'schedule'
const actionOf = (value: string): Action =>
  value === 'publish' || value === 'schedule' ? value : 'save'

/** The schedule time typed in the newsroom's zone, or the message saying what is wrong. */
function parseSchedule(c: C, values: ReleaseFormValues, newsroom: NewsroomView) {
  const { t } = c.var
  const parsed = zonedToUtc(values.scheduleDate, values.scheduleTime, newsroom.timezone)
  if (!parsed.ok)
    return {
      error:
        parsed.reason === 'nonexistent'
          ? t.scheduleNonexistent(newsroom.timezone)
          : t.scheduleInvalid,
    }
  if (parsed.at.getTime() <= c.var.deps.clock.now().getTime()) return { error: t.schedulePast }
  return { at: parsed.at }
}

/** Where to go after a successful save: back to the editor, or on to the confirmation. */
function afterSave(id: number, action: Action, at: Date | undefined) {
  if (action === 'publish') return `/admin/releases/${id}/publish`
  if (action === 'schedule' && at)
    return `/admin/releases/${id}/publish?at=${encodeURIComponent(at.toISOString())}`
  return `/admin/releases/${id}?ok=saved`
}

export function createReleaseRoutes() {
  const router = new Hono<AdminEnv>()

  router.get('/releases/new', async (c) => {
    const { t } = c.var
    const newsrooms = [...(await visibleNewsrooms(c)).values()]
    const wanted = idParam(c.req.query('newsroom'))
    const newsroom =
      newsrooms.find((n) => n.id === wanted) ?? (newsrooms.length === 1 ? newsrooms[0] : undefined)
    if (newsroom) {
      return editorPage(c, {
        newsroom,
        values: emptyValues(newsroom),
        previewLang: c.req.query('preview'),
      })
    }
    if (newsrooms.length === 0) throw new ForbiddenError()
    return c.html(
      adminPage(
        c,
        { title: t.newRelease, current: '/admin/releases' },
        <>
          <h1>{t.newRelease}</h1>
          <form method="get" action="/admin/releases/new">
            <div class="field">
              <label for="newsroom">{t.chooseNewsroom}</label>
              <select id="newsroom" name="newsroom">
                {newsrooms.map((n) => (
                  <option value={String(n.id)}>
                    {n.name[c.var.lang] ?? n.name[n.languages[0]]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t.continueAction}</button>
          </form>
        </>,
      ),
    )
  })

  /** Save (create or update), then go where the pressed button leads. */
  const save = async (c: C, existing?: { release: ReleaseView; newsroom: NewsroomView }) => {
    const body = await readForm(c)
    const actor = c.var.session.actor
    let newsroom = existing?.newsroom
    if (!newsroom) {
      const id = idParam(text(body, 'newsroom'))
      newsroom = id ? (await visibleNewsrooms(c)).get(id) : undefined
      if (!newsroom) throw new ForbiddenError()
    }
    const release = existing?.release
    const values = valuesFromForm(body, newsroom)
    const action = actionOf(text(body, 'action'))
    if (action !== 'save' && !can(actor, 'release.publish', newsroom.id)) throw new ForbiddenError()
    let at: Date | undefined
    if (action === 'schedule') {
      const schedule = parseSchedule(c, values, newsroom)
      if (schedule.error)
        return editorPage(
          c,
          { newsroom, release, values, errors: { 'schedule-date': schedule.error } },
          422,
        )
      at = schedule.at
    }
    const contacts = await newsroomContacts(c, newsroom.id)
    try {
      const saved = release
        ? await updateRelease(
            content(c),
            actor,
            release.id,
            toReleasePatch(values, newsroom, release, contacts),
          )
        : await createRelease(content(c), actor, toReleaseInput(values, newsroom, contacts))
      // The editor's script saving a new release as a draft before its first upload.
      if (wantsJson(c))
        return c.json({ id: saved.id, path: `/admin/releases/${saved.id}` }, release ? 200 : 201)
      return c.redirect(afterSave(saved.id, action, at), 303)
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) {
        const refused = Object.keys(error.fields).length
          ? error
          : { fields: { general: error.message }, fieldCodes: {} }
        const errors = localiseReleaseErrors(c.var.t, refused, values, newsroom.languages)
        if (wantsJson(c)) {
          const first = Object.values(errors)[0]
          const message = errors[`title-${newsroom.languages[0]}`] ? c.var.t.draftNeedsTitle : first
          return c.json({ message, errors }, error instanceof ConflictError ? 409 : 422)
        }
        return editorPage(
          c,
          { newsroom, release, values, errors },
          error instanceof ConflictError ? 409 : 422,
        )
      }
      throw error
    }
  }

  router.post('/releases', (c) => save(c))

  const preview = async (c: C, existing?: { release: ReleaseView; newsroom: NewsroomView }) => {
    const body = await readForm(c)
    let newsroom = existing?.newsroom
    if (!newsroom) {
      const id = idParam(text(body, 'newsroom'))
      newsroom = id ? (await visibleNewsrooms(c)).get(id) : undefined
      if (!newsroom) throw new ForbiddenError()
    }
    const values = valuesFromForm(body, newsroom)
    const contacts = await newsroomContacts(c, newsroom.id)
    const doc = await previewDocument(
      c,
      { newsroom, release: existing?.release, values },
      contacts,
      text(body, 'preview_lang') || undefined,
    )
    // The editor's script asks for the document alone and puts it in the preview frame.
    if (c.req.header('x-preview')) return c.html(doc.html)
    const { t } = c.var
    const title = values.versions[doc.lang]?.title || t.untitled
    return c.html(
      adminPage(
        c,
        { title: t.previewFor(title), current: '/admin/releases', wide: true },
        <>
          <h1>{t.previewFor(title)}</h1>
          <p class="notice" role="status">
            {t.previewNotice}
          </p>
          <iframe
            class="preview-frame"
            title={t.livePreview}
            sandbox="allow-same-origin"
            srcdoc={doc.html}
          ></iframe>
        </>,
      ),
    )
  }

  router.post('/releases/preview', (c) => preview(c))

  router.get('/releases/:id', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    const { t } = c.var
    const flash: Flash | undefined =
      c.req.query('ok') === 'scheduled' && release.publishAt
        ? {
            kind: 'ok',
            text: t.scheduledDone(formatDateTime(release.publishAt, newsroom.timezone)),
          }
        : undefined
    return editorPage(c, {
      newsroom,
      release,
      values: valuesFromRelease(release, newsroom),
      previewLang: c.req.query('preview'),
      flash,
    })
  })

  router.post('/releases/:id', async (c) => save(c, await loadRelease(c)))
  router.post('/releases/:id/preview', async (c) => preview(c, await loadRelease(c)))

  const requirePublisher = (c: C, newsroomId: number) => {
    if (!can(c.var.session.actor, 'release.publish', newsroomId)) throw new ForbiddenError()
  }

  /**
   * The publish confirmation. `lists` are the media lists as the form or the address gives them
   * (undefined: those already chosen for the release); lists the core refuses fall back to the
   * stored choice, the refusal shown as `error`.
   */
  const confirmPage = async (
    c: C,
    release: ReleaseView,
    newsroom: NewsroomView,
    at: Date | undefined,
    lists?: unknown[],
    error?: string,
  ) => {
    const { t, lang, session } = c.var
    const actor = session.actor
    let preview
    try {
      preview = await previewPublication(content(c), actor, release, lists)
    } catch (refused) {
      if (!(refused instanceof ValidationError)) throw refused
      error ??= publishError(t, refused)
      preview = await previewPublication(content(c), actor, release)
    }
    return c.html(
      adminPage(
        c,
        { title: at ? t.confirmScheduleTitle : t.confirmPublishTitle, current: '/admin/releases' },
        <ConfirmPublishPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          now={c.var.deps.clock.now()}
          release={release}
          newsroom={newsroom}
          at={at}
          preview={preview}
          error={error}
        />,
      ),
      error ? 422 : 200,
    )
  }

  /** Media list ids as a form or query gives them; anything not a whole number stays as typed. */
  const listIds = (values: string[]) =>
    values.map((value) => (/^\d{1,12}$/.test(value) ? Number(value) : value))

  router.get('/releases/:id/publish', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    requirePublisher(c, newsroom.id)
    if (release.status !== 'draft' && release.status !== 'scheduled')
      return c.redirect(`/admin/releases/${release.id}`, 303)
    const atQuery = c.req.query('at')
    const at = atQuery ? new Date(atQuery) : undefined
    if (at && Number.isNaN(at.getTime())) return c.redirect(`/admin/releases/${release.id}`, 303)
    // After "Update the recipient count": the lists as they were ticked (none is a choice too).
    const lists =
      c.req.query('lists') === 'chosen' ? listIds(c.req.queries('list') ?? []) : undefined
    return confirmPage(c, release, newsroom, at, lists)
  })

  router.post('/releases/:id/publish', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    const body = await readForm(c)
    const atText = text(body, 'at')
    const at = atText ? new Date(atText) : undefined
    // Without the lists' fieldset (the release is not emailed) the stored choice stays.
    const lists = text(body, 'listsShown') ? listIds(texts(body, 'list')) : undefined
    if (text(body, 'intent') === 'count') {
      const query = new URLSearchParams(at ? { at: at.toISOString() } : {})
      query.set('lists', 'chosen')
      for (const id of lists ?? []) query.append('list', String(id))
      return c.redirect(`/admin/releases/${release.id}/publish?${query}#audience`, 303)
    }
    if (at && at.getTime() <= c.var.deps.clock.now().getTime())
      return confirmPage(c, release, newsroom, at, lists, c.var.t.schedulePast)
    try {
      const result = await publishRelease(content(c), c.var.session.actor, release.id, {
        at,
        mediaLists: lists,
      })
      return c.redirect(
        result.status === 'published'
          ? `/admin/releases/${release.id}/delivery?ok=publishedNow`
          : `/admin/releases/${release.id}?ok=scheduled`,
        303,
      )
    } catch (error) {
      if (error instanceof ValidationError)
        return confirmPage(c, release, newsroom, at, lists, publishError(c.var.t, error))
      throw error
    }
  })

  router.post('/releases/:id/unschedule', async (c) => {
    const { release } = await loadRelease(c)
    await unscheduleRelease(content(c), c.var.session.actor, release.id)
    return c.redirect(`/admin/releases/${release.id}?ok=unscheduled`, 303)
  })

  router.get('/releases/:id/withdraw', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    requirePublisher(c, newsroom.id)
    const { t } = c.var
    return confirmStep(
      c,
      {
        title: `${t.withdrawTitle}: ${releaseTitle(release, c.var.lang, t.untitled)}`,
        text: t.withdrawText,
        action: `/admin/releases/${release.id}/withdraw`,
        button: t.withdrawConfirm,
        backHref: `/admin/releases/${release.id}`,
        reasonLabel: t.withdrawReason,
      },
      t.withdrawTitle,
    )
  })

  router.post('/releases/:id/withdraw', async (c) => {
    const { release } = await loadRelease(c)
    const body = await readForm(c)
    await withdrawRelease(content(c), c.var.session.actor, release.id, {
      reason: text(body, 'reason'),
    })
    return c.redirect(`/admin/releases/${release.id}?ok=withdrawn`, 303)
  })

  router.get('/releases/:id/delete', async (c) => {
    const { release } = await loadRelease(c)
    const { t } = c.var
    if (release.status === 'published' || release.status === 'withdrawn')
      return c.html(messagePage(c, t.conflict, t.publishedEditNote), 409)
    return confirmStep(
      c,
      {
        title: `${t.deleteTitle}: ${releaseTitle(release, c.var.lang, t.untitled)}`,
        text: t.deleteText,
        action: `/admin/releases/${release.id}/delete`,
        button: t.deleteConfirm,
        backHref: `/admin/releases/${release.id}`,
      },
      t.deleteTitle,
    )
  })

  router.post('/releases/:id/delete', async (c) => {
    const { release } = await loadRelease(c)
    await deleteRelease(content(c), c.var.session.actor, release.id)
    return c.redirect('/admin/releases?ok=deleted', 303)
  })

  router.post('/releases/:id/corrections', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    const body = await readForm(c)
    const note: Record<string, string> = {}
    for (const lang of release.languages) {
      const value = text(body, `note.${lang}`).trim()
      if (value) note[lang] = value
    }
    const notify = text(body, 'notify') === '1'
    // A correction that emails subscribers is confirmed first, with the recipient count.
    if (notify && release.notify && Object.keys(note).length && text(body, 'confirm') !== '1') {
      const { t, lang, session } = c.var
      return c.html(
        adminPage(
          c,
          { title: t.correctionConfirmTitle, current: '/admin/releases' },
          <ConfirmCorrectionPage
            t={t}
            lang={lang}
            csrf={session.csrfToken}
            release={release}
            note={note}
            audience={await countAudience(c.var.deps.repos, release)}
          />,
        ),
      )
    }
    try {
      await addCorrection(content(c), c.var.session.actor, release.id, { note, notify })
    } catch (error) {
      if (error instanceof ValidationError)
        return editorPage(
          c,
          {
            newsroom,
            release,
            values: valuesFromRelease(release, newsroom),
            correctionError: Object.values(error.fieldCodes).includes('too_long')
              ? c.var.t.tooLong
              : c.var.t.correctionRequired,
          },
          422,
        )
      throw error
    }
    return c.redirect(`/admin/releases/${release.id}?ok=correctionAdded#corrections-h`, 303)
  })

  router.post('/releases/:id/attachments', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    const { t } = c.var
    const body = await readForm(c)
    const upload = file(body, 'file')
    const perLang = (name: string) =>
      Object.fromEntries(
        newsroom.languages.map((l) => [l, text(body, `${name}.${l}`).trim()]).filter(([, v]) => v),
      ) as Record<string, string>
    const render = (errors: Record<string, string>, status: 413 | 422) =>
      editorPage(
        c,
        {
          newsroom,
          release,
          values: valuesFromRelease(release, newsroom),
          attachmentErrors: errors,
        },
        status,
      )
    const refuse = (errors: Record<string, string>, status: 413 | 422) =>
      wantsJson(c)
        ? c.json({ message: Object.values(errors).join(' '), errors }, status)
        : render(errors, status)
    if (!upload) return refuse({ 'attachment-file': t.fileRequired }, 422)
    try {
      await addAttachment(content(c), c.var.session.actor, release.id, {
        filename: upload.name,
        bytes: new Uint8Array(await upload.arrayBuffer()),
        alt: perLang('alt'),
        caption: perLang('caption'),
        credit: text(body, 'credit'),
      })
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return refuse({ 'attachment-file': t.fileTooLarge }, 413)
      if (error instanceof ValidationError) {
        const errors: Record<string, string> = {}
        for (const path of Object.keys(error.fields)) {
          const m = /^(alt|caption)\.(fi|sv|en)$/.exec(path)
          if (path === 'file') errors['attachment-file'] = t.fileRejected
          else if (m) errors[`attachment-${m[1]}-${m[2]}`] = t.tooLong
          else errors['attachment-credit'] = t.tooLong
        }
        return refuse(errors, 422)
      }
      throw error
    }
    return attachmentsAnswer(c, release.id, 'uploaded', 201)
  })

  /** Chooses the lead image (`attachment` = an image's id) or none (`attachment` empty). */
  router.post('/releases/:id/lead-image', async (c) => {
    const { release } = await loadRelease(c)
    const body = await readForm(c)
    const chosen = text(body, 'attachment')
    const leadImage = chosen === '' ? null : idParam(chosen)
    if (leadImage === undefined) throw new NotFoundError()
    await updateRelease(content(c), c.var.session.actor, release.id, { leadImage })
    return attachmentsAnswer(c, release.id, 'leadImageSaved')
  })

  /** The release and one of its files, from the path (404 for either missing). */
  const loadAttachment = async (c: C) => {
    const loaded = await loadRelease(c)
    const attachment = loaded.release.attachments.find(
      (a) => a.id === idParam(c.req.param('attachmentId')),
    )
    if (!attachment) throw new NotFoundError()
    return { ...loaded, attachment }
  }

  /** Captions, alternative texts and credit of an uploaded file. */
  router.post('/releases/:id/attachments/:attachmentId', async (c) => {
    const { release, newsroom, attachment } = await loadAttachment(c)
    const body = await readForm(c)
    const perLang = (name: string) =>
      Object.fromEntries(newsroom.languages.map((l) => [l, text(body, `${name}.${l}`)]))
    try {
      await describeAttachment(content(c), c.var.session.actor, release.id, attachment.id, {
        alt: perLang('alt'),
        caption: perLang('caption'),
        credit: text(body, 'credit'),
      })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      if (wantsJson(c)) return c.json({ message: c.var.t.tooLong }, 422)
      return c.html(messagePage(c, c.var.t.tooLong, c.var.t.tooLong), 422)
    }
    return attachmentsAnswer(c, release.id, 'attachmentDescribed')
  })

  /** Removing a file asks first (the editor's script asks in a dialog and posts). */
  router.get('/releases/:id/attachments/:attachmentId/remove', async (c) => {
    const { release, attachment } = await loadAttachment(c)
    const { t } = c.var
    return confirmStep(c, {
      title: t.removeAttachmentTitle,
      text: t.removeAttachmentConfirm(attachment.filename),
      action: `/admin/releases/${release.id}/attachments/${attachment.id}/remove`,
      button: t.remove,
      backHref: `/admin/releases/${release.id}#attachments-h`,
    })
  })

  router.post('/releases/:id/attachments/:attachmentId/remove', async (c) => {
    const { release, attachment } = await loadAttachment(c)
    await removeAttachment(content(c), c.var.session.actor, release.id, attachment.id)
    return attachmentsAnswer(c, release.id, 'removed')
  })

  /** Files of any release the user may see, drafts included (the public route serves published). */
  router.get('/releases/:id/attachments/:attachmentId/file', async (c) => {
    const { release } = await loadRelease(c)
    const attachmentId = idParam(c.req.param('attachmentId'))
    if (!attachmentId) throw new NotFoundError()
    const file = await readAttachmentFile(content(c), c.var.session.actor, release.id, attachmentId)
    const disposition = file.kind === 'image' ? 'inline' : 'attachment'
    c.header('Content-Type', file.mimeType)
    c.header(
      'Content-Disposition',
      `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    c.header('Cache-Control', 'private, max-age=300')
    return c.body(new Uint8Array(file.bytes))
  })

  return router
}

/** What to tell staff when the core refuses a publication, by its field codes. */
function publishError(t: AdminStrings, error: ValidationError): string {
  const refused = Object.entries(error.fieldCodes)
  if (refused.some(([path, code]) => path.startsWith('mediaLists') && code === 'not_allowed'))
    return t.publishListsNotEmailed
  if (refused.some(([path]) => path.startsWith('mediaLists'))) return t.publishListsRefused
  return t.schedulePast
}
