/**
 * The delivery dashboard of one release: how far the email has gone (a progress bar that the
 * page script refreshes from a JSON endpoint), the failures with the server's reply, the
 * emergency stop and a test send to the staff member's own address.
 */
import type { DeliveryFailure, DeliveryProgress } from '../../core/delivery/progress.js'
import type { ReleaseView } from '../../core/release/views.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import type { Child } from 'hono/jsx'
import { Csrf, StatusBadge, DataTable } from './components.js'
import { releaseTitle } from './release-lists.js'
import { formatDateTime } from '../format-time.js'

export interface ProgressSummary extends DeliveryProgress {
  /** Deliveries in a final state. */
  processed: number
  percent: number
  progressText: string
  statusText: string
}

export function summariseProgress(
  t: AdminStrings,
  release: Pick<ReleaseView, 'status' | 'notify'>,
  progress: DeliveryProgress,
): ProgressSummary {
  const processed = progress.sent + progress.failed + progress.suppressed + progress.cancelled
  const percent = progress.audience
    ? Math.floor((processed / progress.audience) * 100)
    : progress.done
      ? 100
      : 0
  const statusText = !release.notify
    ? t.deliveryNoNotify
    : release.status === 'draft' || release.status === 'scheduled'
      ? t.deliveryNotPublished
      : progress.done
        ? t.deliveryDone
        : progress.audience === 0
          ? t.deliveryNotStarted
          : t.deliveryRunning
  return {
    ...progress,
    processed,
    percent,
    progressText: `${processed} / ${progress.audience} (${percent} %)`,
    statusText,
  }
}

export function DeliveryPage(props: {
  t: AdminStrings
  lang: Lang
  csrf: string
  release: ReleaseView
  /** The newsroom's time zone, for the times shown. */
  timezone: string
  progress: ProgressSummary
  failures: DeliveryFailure[]
  canCancel: boolean
  testLanguages: Lang[]
  /** The signed-in user's address, where a test goes by default. */
  userEmail: string
  /** The sends of correction notices, newest first. */
  corrections?: { createdAt: string; progress: DeliveryProgress }[]
  /** More sections after the progress (the release's reading figures). */
  children?: Child
}) {
  const { t, release, timezone, progress } = props
  const title = releaseTitle(release, props.lang, t.untitled)
  const stats: { key: keyof ProgressSummary; label: string; value: number }[] = [
    { key: 'audience', label: t.audience, value: progress.audience },
    { key: 'sent', label: t.sent, value: progress.sent },
    { key: 'pending', label: t.pending, value: progress.pending + progress.sending },
    { key: 'failed', label: t.failed, value: progress.failed },
    { key: 'suppressed', label: t.suppressedCount, value: progress.suppressed },
    { key: 'cancelled', label: t.cancelledCount, value: progress.cancelled },
  ]
  return (
    <>
      <h1>
        {t.delivery}: {title} <StatusBadge t={t} status={release.status} />
      </h1>
      <p>
        <a href={`/admin/releases/${release.id}`}>{t.backToEditor}</a>
      </p>
      <section
        aria-labelledby="progress-h"
        data-progress-url={
          progress.done ? undefined : `/admin/releases/${release.id}/delivery.json`
        }
      >
        <h2 id="progress-h">{t.deliveryProgress}</h2>
        <p role="status" data-progress-status>
          {progress.statusText}
        </p>
        <label for="delivery-progress">{t.deliveryProgress}</label>
        <progress
          id="delivery-progress"
          max={Math.max(1, progress.audience)}
          value={progress.audience ? progress.processed : progress.done ? 1 : 0}
          aria-describedby="delivery-progress-text"
        >
          {progress.percent} %
        </progress>
        <p class="progress-text" id="delivery-progress-text">
          {progress.progressText}
        </p>
        <ul class="stats">
          {stats.map((stat) => (
            <li>
              <span class="value" data-count={stat.key === 'pending' ? 'open' : stat.key}>
                {stat.value}
              </span>
              {stat.label}
            </li>
          ))}
        </ul>
        {progress.mediaLists.length > 0 ? (
          <p class="meta">
            {t.embargoLists}:{' '}
            {progress.mediaLists.map((list) => `${list.name} (${list.recipients})`).join(', ')}
          </p>
        ) : null}
        {progress.firstSentAt ? (
          <p class="meta">
            {t.firstSent}: {formatDateTime(progress.firstSentAt, timezone)}
            {progress.lastSentAt
              ? ` · ${t.lastSent}: ${formatDateTime(progress.lastSentAt, timezone)}`
              : ''}
          </p>
        ) : null}
        {progress.done ? null : (
          <p data-hide-when-done>
            <a href={`/admin/releases/${release.id}/delivery`}>{t.refresh}</a>
          </p>
        )}
      </section>
      {props.corrections?.length ? (
        <section aria-labelledby="corrections-sends-h">
          <h2 id="corrections-sends-h">{t.correctionSends}</h2>
          <DataTable
            label={t.correctionSends}
            columns={[t.correctionSendOf, t.audience, t.sent, t.pending, t.failed]}
          >
            {props.corrections.map((send) => (
              <tr data-correction-send>
                <td>{formatDateTime(send.createdAt, timezone)}</td>
                <td>{send.progress.audience}</td>
                <td>{send.progress.sent}</td>
                <td>{send.progress.pending + send.progress.sending}</td>
                <td>{send.progress.failed}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
      {props.children}
      <section aria-labelledby="failures-h">
        <h2 id="failures-h">{t.failures}</h2>
        {props.failures.length === 0 ? (
          <p>{t.noFailures}</p>
        ) : (
          <DataTable
            label={t.failures}
            columns={[t.recipient, t.languages, t.status, t.attempts, t.smtpReply, t.time]}
          >
            {props.failures.map((failure) => (
              <tr>
                <td>{failure.email ?? t.none}</td>
                <td>{failure.lang.toUpperCase()}</td>
                <td>{failure.status === 'failed' ? t.failed : t.suppressedCount}</td>
                <td>{failure.attempts}</td>
                <td>
                  <code>{failure.smtpResponse ?? ''}</code>
                </td>
                <td>{formatDateTime(failure.updatedAt, timezone)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="actions-h">
        <h2 id="actions-h">{t.actions}</h2>
        {props.testLanguages.length ? (
          <form
            method="post"
            action={`/admin/releases/${release.id}/test-send`}
            class="toolbar"
            id="test-send"
          >
            <Csrf token={props.csrf} />
            <div class="field">
              <label for="test-to">{t.testSendTo}</label>
              <input
                type="email"
                id="test-to"
                name="to"
                autocomplete="email"
                placeholder={props.userEmail}
                aria-describedby="test-to-hint"
              />
              <p class="hint" id="test-to-hint">
                {t.testSendToHint}
              </p>
            </div>
            <div class="field">
              <label for="test-lang">{t.messageLanguage}</label>
              <select id="test-lang" name="lang">
                {props.testLanguages.map((l) => (
                  <option value={l}>{t.languageNames[l]}</option>
                ))}
              </select>
            </div>
            <button type="submit" class="secondary">
              {t.testSendAction}
            </button>
          </form>
        ) : null}
        {props.canCancel ? (
          <p data-hide-when-done>
            <a class="button danger" href={`/admin/releases/${release.id}/cancel-sending`}>
              {t.cancelSending}
            </a>
          </p>
        ) : null}
      </section>
    </>
  )
}
