/**
 * Admin: adding one subscriber by hand (with a confirmation email, or as already confirmed with
 * proof of consent) and one subscriber's page (status and its times, preferences, consent
 * records, latest emails, audit entries).
 */
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { SubscriberRecord } from '../../core/subscription/staff.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { formatDateTime } from '../format-time.js'
import { AuditTable } from './audit-page.js'
import { Checks, Csrf, DataTable, ErrorSummary, Input, TextArea } from './components.js'

const LANGS: Lang[] = ['fi', 'sv', 'en']

export interface NewSubscriberValues {
  email: string
  languages: string[]
  newsrooms: string[]
  status: 'pending' | 'confirmed'
  consentSource: string
  consentDate: string
  consentText: string
}

export const emptySubscriberValues = (newsrooms: NewsroomView[]): NewSubscriberValues => ({
  email: '',
  languages: ['fi'],
  newsrooms: newsrooms.length === 1 ? [newsrooms[0].slug] : [],
  status: 'pending',
  consentSource: '',
  consentDate: '',
  consentText: '',
})

export function NewSubscriberPage(props: {
  t: AdminStrings
  csrf: string
  newsrooms: NewsroomView[]
  lang: Lang
  values: NewSubscriberValues
  errors: Record<string, string>
  /** The page of the subscriber who already has the address. */
  existingHref?: string
}) {
  const { t, values, errors } = props
  return (
    <>
      <h1>{t.subscriberAddTitle}</h1>
      <p class="hint">{t.subscriberAddIntro}</p>
      <form method="post" action="/admin/subscribers/new" novalidate>
        <Csrf token={props.csrf} />
        <ErrorSummary t={t} errors={errors} />
        {props.existingHref ? (
          <p>
            <a href={props.existingHref}>{t.subscriberOpenExisting}</a>
          </p>
        ) : null}
        <Input
          id="email"
          name="email"
          type="email"
          label={t.email}
          value={values.email}
          error={errors.email}
          autocomplete="off"
          required
        />
        <Checks
          id="languages"
          name="languages"
          legend={t.subscriberLanguagesLegend}
          error={errors.languages}
          options={LANGS.map((l) => ({ value: l, label: t.languageNames[l] }))}
          checked={values.languages}
        />
        <Checks
          id="newsrooms"
          name="newsrooms"
          legend={t.newsrooms}
          error={errors.newsrooms}
          options={props.newsrooms.map((n) => ({
            value: n.slug,
            label: n.name[props.lang] ?? n.name[n.languages[0]] ?? n.slug,
          }))}
          checked={values.newsrooms}
        />
        <fieldset class="field" id="status">
          <legend>{t.subscriberConsentLegend}</legend>
          <label class="radio">
            <input
              type="radio"
              name="status"
              value="pending"
              checked={values.status === 'pending'}
            />{' '}
            {t.subscriberSendConfirmation}
          </label>
          <label class="radio">
            <input
              type="radio"
              name="status"
              value="confirmed"
              checked={values.status === 'confirmed'}
            />{' '}
            {t.subscriberAlreadyConfirmed}
          </label>
          <p class="hint">{t.subscriberConsentHint}</p>
          <Input
            id="consentSource"
            name="consentSource"
            label={t.subscriberConsentSource}
            value={values.consentSource}
            error={errors.consentSource}
            hint={t.subscriberConsentSourceHint}
          />
          <Input
            id="consentDate"
            name="consentDate"
            type="date"
            label={t.subscriberConsentDate}
            value={values.consentDate}
            error={errors.consentDate}
          />
          <TextArea
            id="consentText"
            name="consentText"
            label={t.subscriberConsentText}
            value={values.consentText}
            error={errors.consentText}
            rows={3}
          />
        </fieldset>
        <p class="actions">
          <button type="submit">{t.subscriberAdd}</button>
          <a href="/admin/subscribers">{t.cancel}</a>
        </p>
      </form>
    </>
  )
}

export function SubscriberPage(props: {
  t: AdminStrings
  lang: Lang
  csrf: string
  zone: string
  record: SubscriberRecord
  /** Names of the newsrooms by slug, in the staff member's language. */
  newsroomNames: Record<string, string>
}) {
  const { t, zone } = props
  const { subscriber: s, consents, emails, audit } = props.record
  const when = (at: string | null) => (at ? formatDateTime(at, zone) : '–')
  return (
    <>
      <p>
        <a href="/admin/subscribers">{t.subscriberBack}</a>
      </p>
      <h1 class="break">{s.email}</h1>
      <dl class="headers">
        <dt>{t.status}</dt>
        <dd>
          {t.subscriberStatuses[s.status]}
          {s.paused ? `, ${t.paused}` : ''}
        </dd>
        <dt>{t.subscribedSince}</dt>
        <dd>{when(s.createdAt)}</dd>
        <dt>{t.subscriberConfirmedAt}</dt>
        <dd>{when(s.confirmedAt)}</dd>
        {s.unsubscribedAt ? (
          <>
            <dt>{t.subscriberUnsubscribedAt}</dt>
            <dd>{when(s.unsubscribedAt)}</dd>
          </>
        ) : null}
        <dt>{t.languages}</dt>
        <dd>{s.languages.map((l) => t.languageNames[l]).join(', ')}</dd>
        <dt>{t.subscriberFrequency}</dt>
        <dd>{t.subscriberFrequencies[s.frequency]}</dd>
        <dt>{t.newsrooms}</dt>
        <dd>
          {s.subscriptions.map((sub) => (
            <span class="subscription">
              {props.newsroomNames[sub.newsroom] ?? sub.newsroom}
              {sub.types?.length ? ` (${sub.types.map((ty) => t.types[ty]).join(', ')})` : ''}
              {sub.keywords?.length ? ` — ${sub.keywords.join(', ')}` : ''}{' '}
            </span>
          ))}
        </dd>
      </dl>
      {s.suppressed ? (
        <div class="notice error">
          <p>
            <strong>{t.suppressed}</strong>
            {s.suppressionReason ? `: ${s.suppressionReason}` : ''}
          </p>
          <form method="post" action="/admin/subscribers/suppressions/lift">
            <Csrf token={props.csrf} />
            <input type="hidden" name="email" value={s.email} />
            <button type="submit" class="secondary">
              {t.lift}
            </button>
          </form>
        </div>
      ) : null}
      <section aria-labelledby="consents-h">
        <h2 id="consents-h">{t.subscriberConsents}</h2>
        {consents.length === 0 ? (
          <p>{t.subscriberNoConsents}</p>
        ) : (
          <DataTable
            label={t.subscriberConsents}
            columns={[t.time, t.subscriberConsentAction, t.subscriberConsentSourceColumn]}
            stack
          >
            {consents.map((c) => (
              <tr>
                <td data-label={t.time}>{when(c.at)}</td>
                <td data-label={t.subscriberConsentAction}>
                  {t.subscriberConsentActions[
                    c.action as keyof typeof t.subscriberConsentActions
                  ] ?? c.action}
                </td>
                <td data-label={t.subscriberConsentSourceColumn}>
                  {c.source}
                  {c.text ? <span class="hint"> — {c.text}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="emails-h">
        <h2 id="emails-h">{t.subscriberEmails}</h2>
        {emails.length === 0 ? (
          <p>{t.subscriberNoEmails}</p>
        ) : (
          <DataTable
            label={t.subscriberEmails}
            columns={[t.time, t.subscriberEmailRelease, t.status]}
            stack
          >
            {emails.map((e) => (
              <tr>
                <td data-label={t.time}>{when(e.sentAt ?? e.createdAt)}</td>
                <td data-label={t.subscriberEmailRelease}>
                  <a href={`/admin/releases/${e.releaseId}/delivery`}>
                    {e.title ?? `#${e.releaseId}`}
                  </a>
                  {e.kind === 'release' ? '' : ` (${t.subscriberCorrectionNotice})`}{' '}
                  <span class="hint">{e.lang.toUpperCase()}</span>
                </td>
                <td data-label={t.status}>
                  {t.subscriberDeliveryStatuses[
                    e.status as keyof typeof t.subscriberDeliveryStatuses
                  ] ?? e.status}
                  {e.status === 'failed' && e.smtpResponse ? (
                    <span class="hint"> — {e.smtpResponse}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t.subscriberHistory}</h2>
        {audit.length === 0 ? (
          <p>{t.auditEmpty}</p>
        ) : (
          <AuditTable t={t} lang={props.lang} zone={zone} items={audit} />
        )}
      </section>
    </>
  )
}
