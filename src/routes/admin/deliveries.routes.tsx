/** Admin: the delivery dashboard of a release, its JSON progress, cancel and test send. */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import {
  TestSendFailedError,
  getDeliveryDashboard,
  getDeliveryProgress,
  sendTestEmail,
} from '../../core/delivery/staff.js'
import { releaseReadings } from '../../core/readings/figures.js'
import { ReleaseReadingsSection } from '../../views/admin/figures.js'
import { correctionKind } from '../../core/delivery/progress.js'
import { cancelSending } from '../../core/delivery/state.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { contentDeps } from '../../wiring/content.js'
import { deliveryDeps } from '../../wiring/delivery.js'
import { getRelease } from '../../core/release/releases.js'
import { DeliveryPage, summariseProgress } from '../../views/admin/delivery-page.js'
import { ConfirmActionPage } from '../../views/admin/release-extras.js'
import { releaseTitle } from '../../views/admin/release-lists.js'
import { adminPage } from './admin-page.js'
import type { Flash } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { idParam, readForm, text } from './form-body.js'

type C = Context<AdminEnv>

async function loadRelease(c: C) {
  const id = idParam(c.req.param('id'))
  if (!id) throw new NotFoundError()
  return getRelease(contentDeps(c.var.deps), c.var.session.actor, id)
}

export function createDeliveryRoutes() {
  const router = new Hono<AdminEnv>()

  const dashboard = async (c: C, flash?: Flash, status: 200 | 422 | 502 = 200) => {
    const release = await loadRelease(c)
    const { t, lang, session } = c.var
    const view = await getDeliveryDashboard(c.var.deps, session.actor, release.id, {
      failureLimit: 200,
    })
    const progress = summariseProgress(t, release, view.progress)
    const corrections = await Promise.all(
      release.corrections
        .filter((correction) => correction.notify)
        .map(async (correction) => ({
          createdAt: correction.createdAt,
          progress: await getDeliveryProgress(
            c.var.deps,
            session.actor,
            release.id,
            correctionKind(correction.id),
          ),
        })),
    )
    corrections.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    const readings = await releaseReadings(c.var.deps, session.actor, release.id)
    const canCancel =
      view.mayPublish &&
      release.status !== 'draft' &&
      release.status !== 'scheduled' &&
      release.notify &&
      !progress.done
    // Those who may send a test: the staff member's own language first, if the release has it.
    const testLanguages = view.mayPublish
      ? [...release.languages].sort(
          (a, b) => Number(b === session.user.locale) - Number(a === session.user.locale),
        )
      : []
    return c.html(
      adminPage(
        c,
        {
          title: `${t.delivery}: ${releaseTitle(release, lang, t.untitled)}`,
          current: '/admin/releases',
          flash,
        },
        <DeliveryPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          release={release}
          timezone={view.timezone}
          progress={progress}
          failures={view.failures}
          canCancel={canCancel}
          testLanguages={testLanguages}
          userEmail={session.user.email}
          corrections={corrections}
        >
          <ReleaseReadingsSection t={t} lang={lang} readings={readings} />
        </DeliveryPage>,
      ),
      status,
    )
  }

  router.get('/releases/:id/delivery', (c) => dashboard(c))

  router.get('/releases/:id/delivery.json', async (c) => {
    const release = await loadRelease(c)
    const progress = summariseProgress(
      c.var.t,
      release,
      await getDeliveryProgress(c.var.deps, c.var.session.actor, release.id),
    )
    c.header('Cache-Control', 'no-store')
    return c.json({ ...progress, open: progress.pending + progress.sending })
  })

  router.get('/releases/:id/cancel-sending', async (c) => {
    const release = await loadRelease(c)
    const { t } = c.var
    if (!can(c.var.session.actor, 'release.publish', release.newsroom.id))
      return c.html(adminPage(c, { title: t.forbidden }, <h1>{t.forbidden}</h1>), 403)
    return c.html(
      adminPage(
        c,
        { title: t.cancelSendingTitle, current: '/admin/releases' },
        <ConfirmActionPage
          t={t}
          csrf={c.var.session.csrfToken}
          title={`${t.cancelSendingTitle}: ${releaseTitle(release, c.var.lang, t.untitled)}`}
          text={t.cancelSendingText}
          action={`/admin/releases/${release.id}/cancel-sending`}
          button={t.cancelSendingConfirm}
          backHref={`/admin/releases/${release.id}/delivery`}
        />,
      ),
    )
  })

  router.post('/releases/:id/cancel-sending', async (c) => {
    const release = await loadRelease(c)
    await cancelSending(c.var.deps, c.var.session.actor, release.id)
    return c.redirect(`/admin/releases/${release.id}/delivery?ok=sendingCancelled`, 303)
  })

  /**
   * The real message, at once, to the signed-in user's own address unless another is given;
   * answered with a redirect (a reload does not send again) whose message names the address.
   */
  router.post('/releases/:id/test-send', async (c) => {
    const release = await loadRelease(c)
    const form = await readForm(c)
    const wanted = text(form, 'lang')
    // The form offers the release's languages; anything else gets its default language.
    const lang = release.languages.find((l) => l === wanted)
    const to = text(form, 'to').trim() || c.var.session.user.email
    try {
      const sent = await sendTestEmail(deliveryDeps(c.var.deps), c.var.session.actor, release.id, {
        to,
        lang,
      })
      const back = text(form, 'back') === 'editor' ? '' : '/delivery'
      const query = new URLSearchParams({ ok: 'testSent', to: sent.to })
      return c.redirect(`/admin/releases/${release.id}${back}?${query.toString()}`, 303)
    } catch (error) {
      const { t } = c.var
      if (error instanceof ValidationError && error.fields.to !== undefined)
        return dashboard(c, { kind: 'error', text: t.testSendBadAddress }, 422)
      if (!(error instanceof TestSendFailedError)) throw error
      // The transport's own words stay in the log: staff get what to do.
      const message = error.action === 'connection' ? t.testSendUnreachable : t.testSendRefused
      return dashboard(c, { kind: 'error', text: message }, 502)
    }
  })

  return router
}
