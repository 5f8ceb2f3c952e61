/** Admin: the delivery dashboard of a release, its JSON progress, cancel and test send. */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import { deliveryProgress, listDeliveryFailures } from '../../core/delivery/progress.js'
import { cancelSending } from '../../core/delivery/state.js'
import { NotFoundError } from '../../core/errors.js'
import { getNewsroom } from '../../core/newsroom/newsrooms.js'
import { contentDeps } from '../../wiring/content.js'
import { getRelease } from '../../core/release/releases.js'
import type { ReleaseView } from '../../core/release/views.js'
import { composeTestEmail } from '../../mail/release-email.js'
import { DeliveryPage, summariseProgress, testSentText } from '../../views/admin/delivery-page.js'
import { ConfirmActionPage } from '../../views/admin/release-extras.js'
import { releaseTitle } from '../../views/admin/release-lists.js'
import { isLang } from '../../views/i18n/index.js'
import { adminPage } from './admin-page.js'
import type { Flash } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { idParam, readForm, text } from './form-body.js'
import { recordAudit } from '../../core/audit.js'

type C = Context<AdminEnv>

async function loadRelease(c: C) {
  const id = idParam(c.req.param('id'))
  if (!id) throw new NotFoundError()
  const release = await getRelease(contentDeps(c.var.deps), c.var.session.actor, id)
  const newsroom = await getNewsroom(c.var.deps.database.db, release.newsroom.id)
  return { release, newsroom }
}

async function summary(c: C, release: ReleaseView) {
  const progress = await deliveryProgress(c.var.deps.database.db, release.id)
  return summariseProgress(c.var.t, release, progress)
}

export function createDeliveryRoutes() {
  const router = new Hono<AdminEnv>()

  const dashboard = async (c: C, flash?: Flash, status: 200 | 502 = 200) => {
    const { release, newsroom } = await loadRelease(c)
    const { t, lang, session } = c.var
    const progress = await summary(c, release)
    const failures = await listDeliveryFailures(c.var.deps.database.db, release.id, {
      limit: 200,
    })
    const canCancel =
      can(session.actor, 'release.publish', newsroom.id) &&
      release.status !== 'draft' &&
      release.status !== 'scheduled' &&
      release.notify &&
      !progress.done
    // The staff member's own language first, if the release has it.
    const testLanguages = [...release.languages].sort(
      (a, b) => Number(b === session.user.locale) - Number(a === session.user.locale),
    )
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
          newsroom={newsroom}
          progress={progress}
          failures={failures}
          canCancel={canCancel}
          testLanguages={testLanguages}
        />,
      ),
      status,
    )
  }

  router.get('/releases/:id/delivery', (c) => dashboard(c))

  router.get('/releases/:id/delivery.json', async (c) => {
    const { release } = await loadRelease(c)
    const progress = await summary(c, release)
    c.header('Cache-Control', 'no-store')
    return c.json({ ...progress, open: progress.pending + progress.sending })
  })

  router.get('/releases/:id/cancel-sending', async (c) => {
    const { release, newsroom } = await loadRelease(c)
    const { t } = c.var
    if (!can(c.var.session.actor, 'release.publish', newsroom.id))
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
    const { release } = await loadRelease(c)
    await cancelSending(
      { db: c.var.deps.database.db, clock: c.var.deps.clock },
      c.var.session.actor,
      release.id,
    )
    return c.redirect(`/admin/releases/${release.id}/delivery?ok=sendingCancelled`, 303)
  })

  /** The real message to the signed-in user's own address only, sent at once. */
  router.post('/releases/:id/test-send', async (c) => {
    const { release } = await loadRelease(c)
    const body = await readForm(c)
    const wanted = text(body, 'lang')
    const lang = isLang(wanted) && release.versions[wanted] ? wanted : release.languages[0]
    if (!lang) throw new NotFoundError()
    const { config, database, templates, mailer } = c.var.deps
    const to = c.var.session.user.email
    const message = await composeTestEmail(
      {
        db: database.db,
        templates,
        publicUrl: config.publicUrl,
        secretKey: config.secretKey,
        mailFrom: config.mailFrom,
        dkim: config.dkim,
      },
      release.id,
      lang,
      to,
    )
    try {
      const result = await mailer.send(message)
      await recordAudit(database.db, c.var.session.actor, c.var.deps.clock.now(), {
        action: 'release.test-send',
        subject: `release:${release.id}`,
        details: { to, lang },
      })
      c.var.log.info({ releaseId: release.id, lang }, 'test email sent')
      return dashboard(c, { kind: 'ok', text: `${testSentText(c.var.t, to)} ${result.response}` })
    } catch (error) {
      c.var.log.warn({ releaseId: release.id, err: (error as Error).message }, 'test send failed')
      return dashboard(c, { kind: 'error', text: (error as Error).message }, 502)
    }
  })

  return router
}
