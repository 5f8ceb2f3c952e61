/**
 * Subscribers for staff: counts by status and language, search, CSV export and import, and the
 * suppression list with a lift action.
 */
import type { ImportReport } from '../../core/subscription/csv.js'
import type { SubscriberCounts, SubscriberSummary } from '../../core/subscription/staff.js'
import type { SuppressionView } from '../../core/subscription/suppressions.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { SubscriberStatus } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { LANGS } from '../i18n/index.js'
import { Csrf, Input, DataTable, TableWrap } from './components.js'
import { localName } from './newsroom-pages.js'
import { formatDateTime } from '../format-time.js'

export interface SubscribersPageProps {
  t: AdminStrings
  lang: Lang
  csrf: string
  zone: string
  counts: SubscriberCounts
  q: string
  status?: SubscriberStatus
  results: SubscriberSummary[]
  nextHref?: string
  suppressions: SuppressionView[]
  newsrooms: NewsroomView[]
  importReport?: ImportReport
  importError?: string
}

const STATUSES: SubscriberStatus[] = ['pending', 'confirmed', 'unsubscribed']

function Counts(props: SubscribersPageProps) {
  const { t, counts } = props
  return (
    <div class="dashboard">
      <TableWrap label={t.countsByStatus}>
        <table>
          <caption>{t.countsByStatus}</caption>
          <thead>
            <tr>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.count}</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((status) => (
              <tr>
                <th scope="row">{t.subscriberStatuses[status]}</th>
                <td data-status-count={status}>{counts.byStatus[status]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t.suppressed}</th>
              <td>{counts.suppressed}</td>
            </tr>
            <tr>
              <th scope="row">{t.paused}</th>
              <td>{counts.paused}</td>
            </tr>
            <tr>
              <th scope="row">{t.activeCount}</th>
              <td>
                <strong>{counts.active}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <TableWrap label={t.countsByLanguage}>
        <table>
          <caption>{t.countsByLanguage}</caption>
          <thead>
            <tr>
              <th scope="col">{t.languages}</th>
              <th scope="col">{t.count}</th>
            </tr>
          </thead>
          <tbody>
            {LANGS.map((l) => (
              <tr>
                <th scope="row">{t.languageNames[l]}</th>
                <td data-lang-count={l}>{counts.byLanguage[l]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  )
}

function Search(props: SubscribersPageProps) {
  const { t } = props
  const exportQuery = props.status ? `?status=${props.status}` : ''
  return (
    <section aria-labelledby="search-h">
      <h2 id="search-h">{t.subscriberList}</h2>
      <form method="get" action="/admin/subscribers" class="toolbar" role="search">
        <div class="field">
          <label for="q">{t.searchEmail}</label>
          <input type="search" id="q" name="q" value={props.q} autocomplete="off" />
        </div>
        <div class="field">
          <label for="status">{t.status}</label>
          <select id="status" name="status">
            <option value="">{t.all}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={props.status === s}>
                {t.subscriberStatuses[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.search}</button>
        <a class="button secondary" href={`/admin/subscribers/export.csv${exportQuery}`}>
          {t.exportCsv}
        </a>
      </form>
      {props.results.length === 0 ? (
        <p>{t.noResults}</p>
      ) : (
        <DataTable
          label={t.results}
          columns={[t.email, t.status, t.languages, t.newsrooms, t.subscribedSince]}
        >
          {props.results.map((s) => (
            <tr>
              <td>
                <a href={`/admin/subscribers/${s.id}`}>{s.email}</a>
              </td>
              <td>
                {t.subscriberStatuses[s.status]}
                {s.suppressed ? `, ${t.suppressed}` : ''}
                {s.paused ? `, ${t.paused}` : ''}
              </td>
              <td>{s.languages.map((l) => l.toUpperCase()).join(', ')}</td>
              <td>{s.newsrooms.join(', ')}</td>
              <td>{formatDateTime(s.createdAt, props.zone)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.nextHref ? (
        <nav class="pagination" aria-label={t.results}>
          <a href={props.nextHref}>{t.olderItems}</a>
        </nav>
      ) : null}
    </section>
  )
}

function Import(props: SubscribersPageProps) {
  const { t, importReport: report } = props
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">{t.importCsv}</h2>
      <p class="hint">{t.importHint}</p>
      {props.importError ? (
        <div class="notice error" role="alert">
          {props.importError}
        </div>
      ) : null}
      {report ? (
        <div
          class={`notice ${report.errors.length ? 'error' : 'ok'}`}
          role={report.errors.length ? 'alert' : 'status'}
        >
          <p>
            {report.errors.length
              ? t.importNothing
              : report.imported
                ? t.importDone(report)
                : t.importChecked(report.rows)}
          </p>
          {report.errors.length ? (
            <TableWrap label={t.importErrors}>
              <table>
                <caption>{t.importErrors}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.row}</th>
                    <th scope="col">{t.column}</th>
                    <th scope="col">{t.problem}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.slice(0, 200).map((e) => (
                    <tr>
                      <td>{e.line}</td>
                      <td>
                        <code>{e.field}</code>
                      </td>
                      <td>{t.csvProblems[e.code] ?? t.csvProblemOther}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/admin/subscribers/import" enctype="multipart/form-data">
        <Csrf token={props.csrf} />
        <div class="field">
          <label for="import-file">{t.file}</label>
          <input type="file" id="import-file" name="file" accept=".csv,text/csv" />
        </div>
        <div class="field">
          <label for="import-newsroom">{t.defaultNewsroom}</label>
          <select id="import-newsroom" name="newsroom">
            <option value="">—</option>
            {props.newsrooms.map((n) => (
              <option value={n.slug}>{localName(n, props.lang)}</option>
            ))}
          </select>
        </div>
        <div class="field checks">
          <label>
            <input type="checkbox" name="dry_run" value="1" /> {t.dryRun}
          </label>
        </div>
        <button type="submit">{t.importCsv}</button>
      </form>
    </section>
  )
}

function Suppressions(props: SubscribersPageProps) {
  const { t } = props
  return (
    <section aria-labelledby="suppressions-h">
      <h2 id="suppressions-h">{t.suppressions}</h2>
      <p class="hint">{t.suppressionsHint}</p>
      {props.suppressions.length === 0 ? (
        <p>{t.noSuppressions}</p>
      ) : (
        <DataTable
          label={t.suppressions}
          columns={[t.email, t.reason, t.smtpReply, t.time, t.actions]}
        >
          {props.suppressions.map((s) => (
            <tr>
              <td>{s.email ?? t.erasedAddress}</td>
              <td>{t.suppressionReasons[s.reason]}</td>
              <td>{s.detail ? <code>{s.detail}</code> : t.none}</td>
              <td>{formatDateTime(s.createdAt, props.zone)}</td>
              <td>
                {s.email ? (
                  <form method="post" action="/admin/subscribers/suppressions/lift">
                    <Csrf token={props.csrf} />
                    <input type="hidden" name="email" value={s.email} />
                    <button type="submit" class="secondary" aria-label={`${t.lift}: ${s.email}`}>
                      {t.lift}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action="/admin/subscribers/suppressions/lift" class="toolbar">
        <Csrf token={props.csrf} />
        <Input id="lift-email" name="email" type="email" label={t.liftByAddress} />
        <button type="submit" class="secondary">
          {t.lift}
        </button>
      </form>
    </section>
  )
}

export function SubscribersPage(props: SubscribersPageProps) {
  return (
    <>
      <h1>{props.t.subscribers}</h1>
      <p class="actions">
        <a class="button" href="/admin/subscribers/new">
          {props.t.subscriberAddButton}
        </a>
      </p>
      <Counts {...props} />
      <Search {...props} />
      <Suppressions {...props} />
      <Import {...props} />
    </>
  )
}
