/**
 * Admin: "Send under embargo…" of a release (`/admin/releases/{id}/embargo`): a form, a
 * confirmation showing how many get it, then the embargo's status with revocation.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import {
  getEmbargo,
  moveEmbargo,
  previewEmbargo,
  revokeEmbargo,
  sendUnderEmbargo,
} from '../../core/embargo/embargo.js'
import type { EmbargoInput } from '../../core/embargo/embargo.js'
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js'
import { listMediaLists } from '../../core/media-lists/lists.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { getReleaseForEditing } from '../../core/release/releases.js'
import { EmbargoPage } from '../../views/admin/embargo-page.js'
import type { EmbargoFormValues } from '../../views/admin/embargo-page.js'
import { zonedToUtc } from '../../views/admin/zoned-time.js'
import { embargoDeps } from '../../wiring/content.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import type { FormBody } from './form-body.js'
import { idParam, readForm, text, texts } from './form-body.js'

type C = Context<AdminEnv>

const emptyForm: EmbargoFormValues = { date: '', time: '09:00', lists: [], contacts: '', note: '' }

function valuesFrom(body: FormBody): EmbargoFormValues {
  return {
    date: text(body, 'date').trim(),
    time: text(body, 'time').trim(),
    lists: texts(body, 'lists')
      .map((id) => idParam(id))
      .filter((id): id is number => id !== undefined),
    contacts: text(body, 'contacts'),
    note: text(body, 'note'),
  }
}

function inputOf(values: EmbargoFormValues, newsroom: NewsroomView): EmbargoInput | undefined {
  const at = zonedToUtc(values.date, values.time, newsroom.timezone)
  if (!at.ok) return undefined
  return {
    until: at.at.toISOString(),
    mediaLists: values.lists,
    contacts: values.contacts
      .split(/[\s,;]+/)
      .map((a) => a.trim())
      .filter(Boolean),
    note: values.note,
  }
}

export function createEmbargoAdminRoutes() {
  const router = new Hono<AdminEnv>()

  const load = async (c: C) => {
    const id = idParam(c.req.param('id'))
    if (!id) throw new NotFoundError()
    const deps = embargoDeps(c.var.deps)
    const { release, newsroom } = await getReleaseForEditing(deps, c.var.session.actor, id)
    return { deps, release, newsroom }
  }

  const page = async (
    c: C,
    options: {
      values?: EmbargoFormValues
      errors?: Record<string, string>
      review?: { recipients: number; until: string }
      move?: { date: string; time: string; error?: string }
      moveEarlier?: { date: string; time: string; from: string; to: string }
    } = {},
    status: 200 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    const { deps, release, newsroom } = await load(c)
    const lists = await listMediaLists(deps, session.actor, newsroom.id)
    const embargo = await getEmbargo(deps, session.actor, release.id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined
      throw error
    })
    const title = release.versions[release.languages[0]]?.title ?? ''
    return c.html(
      adminPage(
        c,
        { title: t.embargoTitle, current: '/admin/releases' },
        <EmbargoPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          releaseId={release.id}
          title={title}
          canEdit={
            can(session.actor, 'release.publish', newsroom.id) &&
            (release.status === 'draft' || release.status === 'scheduled')
          }
          lists={lists}
          values={options.values ?? emptyForm}
          errors={options.errors ?? {}}
          review={options.review}
          embargo={embargo}
          move={options.move}
          moveEarlier={options.moveEarlier}
        />,
      ),
      status,
    )
  }

  router.get('/releases/:id/embargo', (c) => page(c))

  router.post('/releases/:id/embargo', async (c) => {
    const { deps, release, newsroom } = await load(c)
    const body = await readForm(c)
    const values = valuesFrom(body)
    const t = c.var.t
    const input = inputOf(values, newsroom)
    if (!input) return page(c, { values, errors: { date: t.embargoInvalid } }, 422)
    try {
      if (text(body, 'step') !== 'send') {
        const review = await previewEmbargo(deps, c.var.session.actor, release.id, input)
        return page(c, { values, review })
      }
      await sendUnderEmbargo(deps, c.var.session.actor, release.id, input)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const errors: Record<string, string> = {}
      for (const path of Object.keys(error.fields)) {
        if (path === 'until') errors.date = t.embargoInvalid
        else if (path.startsWith('contacts')) errors.contacts = t.emailInvalid
        else errors.lists = t.embargoInvalid
      }
      return page(c, { values, errors }, 422)
    }
    return c.redirect(`/admin/releases/${release.id}/embargo?ok=embargoSent`, 303)
  })

  // Moving the end: earlier than announced takes a second step naming the old and new time.
  router.post('/releases/:id/embargo/move', async (c) => {
    const { deps, release, newsroom } = await load(c)
    const body = await readForm(c)
    const date = text(body, 'date').trim()
    const time = text(body, 'time').trim()
    const t = c.var.t
    const at = zonedToUtc(date, time, newsroom.timezone)
    if (!at.ok) return page(c, { move: { date, time, error: t.embargoInvalid } }, 422)
    const confirmEarlier = text(body, 'confirmEarlier') === '1'
    try {
      await moveEmbargo(deps, c.var.session.actor, release.id, {
        until: at.at.toISOString(),
        confirmEarlier,
      })
    } catch (error) {
      if (error instanceof ConflictError && !confirmEarlier && error.fields?.until) {
        const embargo = await getEmbargo(deps, c.var.session.actor, release.id)
        return page(c, {
          moveEarlier: { date, time, from: embargo.until, to: at.at.toISOString() },
        })
      }
      if (!(error instanceof ValidationError)) throw error
      return page(c, { move: { date, time, error: t.embargoInvalid } }, 422)
    }
    return c.redirect(`/admin/releases/${release.id}/embargo?ok=embargoMoved`, 303)
  })

  router.post('/releases/:id/embargo/revoke', async (c) => {
    const { deps, release } = await load(c)
    const email = text(await readForm(c), 'email').trim()
    await revokeEmbargo(deps, c.var.session.actor, release.id, email ? { email } : {})
    return c.redirect(`/admin/releases/${release.id}/embargo?ok=embargoRevokedFlash`, 303)
  })

  return router
}
