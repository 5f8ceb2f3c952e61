/** Release overviews for staff: the dashboard, the filtered list and the scheduled overview. */
import type { Child } from 'hono/jsx'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { RELEASE_TYPES } from '../../core/types.js'
import type { ReleaseView } from '../../core/release/views.js'
import type { ReleaseStatus } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { StatusBadge, DataTable } from './components.js'
import { localName } from './newsroom-pages.js'
import { formatDateTime } from '../format-time.js'
import { countdown, countdownLabels } from './zoned-time.js'

export interface ListContext {
  t: AdminStrings
  lang: Lang
  now: Date
  newsrooms: Map<number, NewsroomView>
}

/** The title to show staff: their own language if the release has it, else the first version. */
export function releaseTitle(release: ReleaseView, lang: Lang, untitled: string): string {
  const version = release.versions[lang] ?? release.versions[release.languages[0]]
  return version?.title || untitled
}

function zoneOf(ctx: ListContext, release: ReleaseView) {
  return ctx.newsrooms.get(release.newsroom.id)?.timezone ?? 'Europe/Helsinki'
}

/** The date that matters for the status: when it was (or will be) published, else last edit. */
function keyDate(release: ReleaseView): string {
  if (release.status === 'scheduled' && release.publishAt) return release.publishAt
  if (release.publishedAt) return release.publishedAt
  return release.updatedAt
}

export function Countdown(props: { at: string; now: Date; lang: Lang }) {
  return (
    <span
      data-countdown={props.at}
      data-now={props.now.toISOString()}
      data-labels={JSON.stringify(countdownLabels(props.lang))}
    >
      {countdown(props.at, props.now, props.lang)}
    </span>
  )
}

/** Languages of the release, with the newsroom's languages it lacks marked as missing. */
function Languages(props: { ctx: ListContext; release: ReleaseView }) {
  const { t } = props.ctx
  const offered = props.ctx.newsrooms.get(props.release.newsroom.id)?.languages ?? []
  const missing = offered.filter((l) => !props.release.languages.includes(l))
  return (
    <>
      {props.release.languages.map((l) => l.toUpperCase()).join(', ')}
      {missing.map((l) => (
        <>
          {' '}
          <span class="missing">
            <abbr title={`${t.versionMissing}: ${t.languageNames[l]}`}>
              <s>{l.toUpperCase()}</s>
            </abbr>
            <span class="visually-hidden">
              {' '}
              ({t.versionMissing}: {t.languageNames[l]})
            </span>
          </span>
        </>
      ))}
    </>
  )
}

export function ReleaseTable(props: { ctx: ListContext; releases: ReleaseView[]; label: string }) {
  const { ctx } = props
  const { t } = ctx
  if (props.releases.length === 0) return <p>{t.noReleases}</p>
  return (
    <DataTable
      stack
      label={props.label}
      columns={[t.title, t.newsroom, t.type, t.languages, t.status, t.time]}
    >
      {props.releases.map((release) => {
        const newsroom = ctx.newsrooms.get(release.newsroom.id)
        return (
          <tr>
            <td data-label={t.title}>
              <a href={`/admin/releases/${release.id}`}>
                {releaseTitle(release, ctx.lang, t.untitled)}
              </a>
            </td>
            <td data-label={t.newsroom}>
              {newsroom ? localName(newsroom, ctx.lang) : release.newsroom.slug}
            </td>
            <td data-label={t.type}>{t.types[release.type]}</td>
            <td data-label={t.languages}>
              <Languages ctx={ctx} release={release} />
            </td>
            <td data-label={t.status}>
              <StatusBadge t={t} status={release.status} />
            </td>
            <td data-label={t.time}>{formatDateTime(keyDate(release), zoneOf(ctx, release))}</td>
          </tr>
        )
      })}
    </DataTable>
  )
}

export function ScheduledList(props: { ctx: ListContext; releases: ReleaseView[] }) {
  const { ctx } = props
  const { t } = ctx
  if (props.releases.length === 0) return <p>{t.nothingScheduled}</p>
  return (
    <ul class="release-list">
      {props.releases.map((release) => (
        <li>
          <a href={`/admin/releases/${release.id}`}>
            {releaseTitle(release, ctx.lang, t.untitled)}
          </a>
          <br />
          <span class="meta">
            {t.publishesAt} {formatDateTime(release.publishAt!, zoneOf(ctx, release))} (
            <Countdown at={release.publishAt!} now={ctx.now} lang={ctx.lang} />) ·{' '}
            {localName(ctx.newsrooms.get(release.newsroom.id)!, ctx.lang)}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function ReleaseListPage(props: {
  ctx: ListContext
  releases: ReleaseView[]
  status?: ReleaseStatus
  newsroomId?: number
  /** The text search and the type and keyword filters, as given. */
  filter?: { q?: string; type?: string; keyword?: string }
  nextHref?: string
  firstHref?: string
}) {
  const { ctx } = props
  const { t } = ctx
  const newsrooms = [...ctx.newsrooms.values()]
  return (
    <>
      <div class="toolbar">
        <h1>{t.releases}</h1>
        <a class="button" href="/admin/releases/new">
          {t.newRelease}
        </a>
      </div>
      <form method="get" action="/admin/releases" class="toolbar" role="search">
        <div class="field">
          <label for="filter-q">{t.search}</label>
          <input type="search" id="filter-q" name="q" value={props.filter?.q ?? ''} />
        </div>
        <div class="field">
          <label for="filter-type">{t.type}</label>
          <select id="filter-type" name="type">
            <option value="">{t.all}</option>
            {RELEASE_TYPES.map((type) => (
              <option value={type} selected={props.filter?.type === type}>
                {t.types[type]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-keyword">{t.keywords}</label>
          <input
            type="text"
            id="filter-keyword"
            name="keyword"
            value={props.filter?.keyword ?? ''}
            autocomplete="off"
          />
        </div>
        <div class="field">
          <label for="filter-status">{t.status}</label>
          <select id="filter-status" name="status">
            <option value="">{t.all}</option>
            {(['draft', 'scheduled', 'published', 'withdrawn'] as const).map((status) => (
              <option value={status} selected={props.status === status}>
                {t.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        {newsrooms.length > 1 ? (
          <div class="field">
            <label for="filter-newsroom">{t.newsroom}</label>
            <select id="filter-newsroom" name="newsroom">
              <option value="">{t.all}</option>
              {newsrooms.map((newsroom) => (
                <option value={String(newsroom.id)} selected={props.newsroomId === newsroom.id}>
                  {localName(newsroom, ctx.lang)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" class="secondary">
          {t.filter}
        </button>
      </form>
      <ReleaseTable ctx={ctx} releases={props.releases} label={t.releases} />
      <nav class="pagination" aria-label={t.releases}>
        {props.firstHref ? <a href={props.firstHref}>{t.newerItems}</a> : null}
        {props.nextHref ? <a href={props.nextHref}>{t.olderItems}</a> : null}
      </nav>
    </>
  )
}

export function DashboardPage(props: {
  ctx: ListContext
  greeting: string
  recent: ReleaseView[]
  scheduled: ReleaseView[]
  links: { href: string; label: string }[]
}) {
  const { ctx } = props
  const { t } = ctx
  return (
    <>
      <h1>{props.greeting}</h1>
      <nav aria-labelledby="quick-links">
        <h2 id="quick-links" class="visually-hidden">
          {t.quickLinks}
        </h2>
        <ul class="quick-links">
          {props.links.map((link, i) => (
            <li>
              <a class={i === 0 ? 'button' : 'button secondary'} href={link.href}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="dashboard">
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t.recentReleases}</h2>
          <ReleaseTable ctx={ctx} releases={props.recent} label={t.recentReleases} />
          <p>
            <a href="/admin/releases">{t.releases} →</a>
          </p>
        </section>
        <section aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">{t.scheduledReleases}</h2>
          <ScheduledList ctx={ctx} releases={props.scheduled} />
        </section>
      </div>
    </>
  )
}

export function ScheduledPage(props: { ctx: ListContext; releases: ReleaseView[] }): Child {
  const { t } = props.ctx
  return (
    <>
      <h1>{t.scheduledReleases}</h1>
      <p class="hint">{t.scheduledHint}</p>
      <ScheduledList ctx={props.ctx} releases={props.releases} />
    </>
  )
}
