/** Admin: the home dashboard, the release list with filters and the scheduled overview. */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import { NotFoundError } from '../../core/errors.js'
import { listNewsroomsOf, listScheduledReleases } from '../../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { contentDeps } from '../../wiring/content.js'
import { getRelease, listReleases } from '../../core/release/releases.js'
import { dashboardFigures } from '../../core/readings/figures.js'
import { FiguresSection } from '../../views/admin/figures.js'
import { RELEASE_STATUSES, isReleaseType } from '../../core/release/views.js'
import type { ReleaseStatus } from '../../core/types.js'
import {
  DashboardPage,
  ReleaseListPage,
  ScheduledPage,
  releaseTitle,
} from '../../views/admin/release-lists.js'
import type { ListContext } from '../../views/admin/release-lists.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { idParam } from './form-body.js'

/** The newsrooms the signed-in user works in (all of them for administrators). */
export async function visibleNewsrooms(c: Context<AdminEnv>): Promise<Map<number, NewsroomView>> {
  const newsrooms = await listNewsroomsOf(c.var.deps.repos, c.var.session.actor)
  return new Map(newsrooms.map((newsroom) => [newsroom.id, newsroom]))
}

/** The newsroom `?newsroom=` names among the staff member's, else their first (404: none). */
export async function chosenNewsroom(
  c: Context<AdminEnv>,
): Promise<{ newsroom: NewsroomView; all: NewsroomView[] }> {
  const all = [...(await visibleNewsrooms(c)).values()]
  const id = idParam(c.req.query('newsroom'))
  const newsroom = all.find((n) => n.id === id) ?? all[0]
  if (!newsroom) throw new NotFoundError()
  return { newsroom, all }
}

async function listContext(c: Context<AdminEnv>): Promise<ListContext> {
  return {
    t: c.var.t,
    lang: c.var.lang,
    now: c.var.deps.clock.now(),
    newsrooms: await visibleNewsrooms(c),
  }
}

/** Titles of releases named in figures, in the staff member's language where there is one. */
async function releaseTitles(c: Context<AdminEnv>, ids: number[]): Promise<Map<number, string>> {
  const deps = contentDeps(c.var.deps)
  const titles = new Map<number, string>()
  for (const id of new Set(ids)) {
    const release = await getRelease(deps, c.var.session.actor, id).catch(() => undefined)
    if (release) titles.set(id, releaseTitle(release, c.var.lang, c.var.t.untitled))
  }
  return titles
}

export function createDashboardRoutes() {
  const router = new Hono<AdminEnv>()

  router.get('/', async (c) => {
    const { t, session } = c.var
    const ctx = await listContext(c)
    const { items } = await listReleases(contentDeps(c.var.deps), session.actor, { limit: 8 })
    const scheduled = await listScheduledReleases(c.var.deps.repos, session.actor, 10)
    const actor = session.actor
    const figures = await dashboardFigures(c.var.deps, actor)
    const titles = await releaseTitles(c, [
      ...figures.latestSends.map((s) => s.releaseId),
      ...figures.mostRead.map((r) => r.releaseId),
    ])
    const links = [
      { href: '/admin/releases/new', label: t.newRelease, show: true },
      { href: '/admin/releases', label: t.releases, show: true },
      { href: '/admin/scheduled', label: t.scheduledReleases, show: true },
      { href: '/admin/subscribers', label: t.subscribers, show: can(actor, 'subscriber.manage') },
      { href: '/admin/newsrooms', label: t.newsroomsTitle, show: can(actor, 'newsroom.manage') },
      {
        href: '/admin/outbox',
        label: t.outbox,
        show: !c.var.deps.config.smtpUrl && can(actor, 'outbox.read'),
      },
    ].filter((link) => link.show)
    return c.html(
      adminPage(
        c,
        { title: t.home, current: '/admin' },
        <>
          <DashboardPage
            ctx={ctx}
            greeting={`${t.welcome}, ${session.user.name || session.user.email}`}
            recent={items}
            scheduled={scheduled}
            links={links}
          />
          <FiguresSection t={t} lang={c.var.lang} figures={{ ...figures, titles }} />
        </>,
      ),
    )
  })

  router.get('/releases', async (c) => {
    const { t, session } = c.var
    const ctx = await listContext(c)
    const statusQuery = c.req.query('status')
    const status = (RELEASE_STATUSES as readonly string[]).includes(statusQuery ?? '')
      ? (statusQuery as ReleaseStatus)
      : undefined
    const newsroomId = idParam(c.req.query('newsroom'))
    const newsroom = newsroomId && ctx.newsrooms.has(newsroomId) ? newsroomId : undefined
    const cursor = c.req.query('cursor')
    // Text search (published versions, best first) and the type and keyword filters.
    const q = (c.req.query('q') ?? '').trim().slice(0, 200) || undefined
    const typeQuery = c.req.query('type')
    const type = typeQuery && isReleaseType(typeQuery) ? typeQuery : undefined
    const keyword = (c.req.query('keyword') ?? '').trim().slice(0, 100) || undefined
    const { items, nextCursor } = await listReleases(contentDeps(c.var.deps), session.actor, {
      status,
      newsroom,
      q,
      type,
      keyword,
      limit: 25,
      cursor: cursor && /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? cursor : undefined,
    })
    const query = (extra: Record<string, string>) => {
      const params = new URLSearchParams()
      if (status) params.set('status', status)
      if (newsroom) params.set('newsroom', String(newsroom))
      if (q) params.set('q', q)
      if (type) params.set('type', type)
      if (keyword) params.set('keyword', keyword)
      for (const [k, v] of Object.entries(extra)) params.set(k, v)
      const s = params.toString()
      return `/admin/releases${s ? `?${s}` : ''}`
    }
    return c.html(
      adminPage(
        c,
        { title: t.releases, current: '/admin/releases' },
        <ReleaseListPage
          ctx={ctx}
          releases={items}
          status={status}
          newsroomId={newsroom}
          filter={{ q, type, keyword }}
          nextHref={nextCursor ? query({ cursor: nextCursor }) : undefined}
          firstHref={cursor ? query({}) : undefined}
        />,
      ),
    )
  })

  router.get('/scheduled', async (c) => {
    const ctx = await listContext(c)
    const releases = await listScheduledReleases(c.var.deps.repos, c.var.session.actor, 200)
    return c.html(
      adminPage(
        c,
        { title: c.var.t.scheduledReleases, current: '/admin/scheduled' },
        <ScheduledPage ctx={ctx} releases={releases} />,
      ),
    )
  })

  return router
}
