/**
 * The numbers on the dashboard and a release's reading figures. Bars are `<meter>` elements in
 * tables, so the figures read the same to a screen reader as they look (no inline styles).
 */
import type { DashboardFigures } from '../../core/readings/figures.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { formatCount } from '../i18n/plural.js'
import { DataTable } from './components.js'

export interface TitledFigures extends DashboardFigures {
  /** Titles of the releases named in the figures, by id. */
  titles: Map<number, string>
}

/** `2026-01-10` as the staff member's language writes a day. */
function dayText(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`))
}

function DayTable(props: {
  t: AdminStrings
  lang: Lang
  label: string
  days: { day: string; views: number }[]
}) {
  const { t } = props
  const max = Math.max(1, ...props.days.map((d) => d.views))
  return (
    <DataTable label={props.label} columns={[t.figDay, t.figViews]}>
      {[...props.days].reverse().map((d) => (
        <tr>
          <td>{dayText(d.day, props.lang)}</td>
          <td class="bar-cell">
            <meter min={0} max={max} value={d.views} aria-hidden="true"></meter>{' '}
            {formatCount(props.lang, d.views)}
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

export function FiguresSection(props: { t: AdminStrings; lang: Lang; figures: TitledFigures }) {
  const { t, lang, figures } = props
  const title = (id: number) => figures.titles.get(id) ?? t.untitled
  return (
    <section aria-labelledby="figures-h" class="figures">
      <h2 id="figures-h">{t.figures}</h2>
      <ul class="stats">
        {figures.subscribers ? (
          <li>
            <span class="value" data-figure="confirmed">
              {formatCount(lang, figures.subscribers.confirmed)}
            </span>
            {t.figConfirmed} <span class="meta">({t.figChange(figures.subscribers.change)})</span>
          </li>
        ) : null}
        <li>
          <span class="value" data-figure="releases-this-month">
            {formatCount(lang, figures.releasesThisMonth)}
          </span>
          {t.figReleasesThisMonth}
        </li>
        <li>
          <span class="value" data-figure="views">
            {formatCount(lang, figures.viewsTotal)}
          </span>
          {t.figViews30}
        </li>
      </ul>
      <div class="figure-grid">
        <section aria-labelledby="sends-h">
          <h3 id="sends-h">{t.figLatestSends}</h3>
          {figures.latestSends.length === 0 ? (
            <p>{t.figNone}</p>
          ) : (
            <DataTable
              label={t.figLatestSends}
              columns={[t.figRelease, t.audience, t.figDelivered, t.failed]}
            >
              {figures.latestSends.map((send) => (
                <tr>
                  <td>
                    <a href={`/admin/releases/${send.releaseId}/delivery`}>
                      {title(send.releaseId)}
                    </a>
                  </td>
                  <td>{formatCount(lang, send.progress.audience)}</td>
                  <td>{formatCount(lang, send.progress.sent)}</td>
                  <td>{formatCount(lang, send.progress.failed)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
        <section aria-labelledby="most-read-h">
          <h3 id="most-read-h">{t.figMostRead}</h3>
          {figures.mostRead.length === 0 ? (
            <p>{t.figNone}</p>
          ) : (
            <DataTable label={t.figMostRead} columns={[t.figRelease, t.figViews]}>
              {figures.mostRead.map((item) => (
                <tr>
                  <td>
                    <a href={`/admin/releases/${item.releaseId}/delivery#readings-h`}>
                      {title(item.releaseId)}
                    </a>
                  </td>
                  <td data-views={String(item.releaseId)}>{formatCount(lang, item.views)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
        <section aria-labelledby="feeds-h">
          <h3 id="feeds-h">{t.figFeedFetches}</h3>
          {figures.feedFetches.length === 0 ? (
            <p>{t.figNone}</p>
          ) : (
            <DataTable label={t.figFeedFetches} columns={[t.figFeed, t.figFetches]}>
              {figures.feedFetches.map((feed) => (
                <tr>
                  <td>
                    <code>{feed.feed}</code>
                  </td>
                  <td>{formatCount(lang, feed.fetches)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      </div>
      <details>
        <summary>{t.figViewsPerDay}</summary>
        <DayTable t={t} lang={lang} label={t.figViewsPerDay} days={figures.viewsPerDay} />
      </details>
      <p class="hint">{t.figuresPrivacy}</p>
    </section>
  )
}

/** A release's readers, on its delivery page. */
export function ReleaseReadingsSection(props: {
  t: AdminStrings
  lang: Lang
  readings: { total: number; days: { day: string; views: number }[] }
}) {
  const { t, lang, readings } = props
  return (
    <section aria-labelledby="readings-h">
      <h2 id="readings-h">{t.figReadings}</h2>
      <p>
        <strong data-figure="release-views">{t.figReleaseViews(readings.total)}</strong>
      </p>
      <details>
        <summary>{t.figViewsPerDay}</summary>
        <DayTable t={t} lang={lang} label={t.figViewsPerDay} days={readings.days} />
      </details>
      <p class="hint">{t.figuresPrivacy}</p>
    </section>
  )
}
