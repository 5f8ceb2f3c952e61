/** The preference centre at /subscriptions/manage/{token}. */
import type { ReleaseType, SubscriberFrequency } from '../../core/types.js'
import type { SubscriberState } from '../../core/subscription/manage.js'
import { Layout } from '../layout.js'
import type { Alternate } from '../layout.js'
import type { Lang } from '../i18n/index.js'
import { subscriptionStrings } from '../i18n/subscriptions/index.js'
import { CheckboxGroup, ErrorSummary, LanguageChoice, Notice, TopicChoice } from './form-parts.js'
import type { FieldErrors } from './form-parts.js'

export interface ManagePageProps {
  lang: Lang
  token: string
  state: SubscriberState
  newsrooms: { slug: string; name: string }[]
  keywords: { slug: string; label: string }[]
  /** Values to show: the stored ones, or what was just posted when it had errors. */
  values: {
    languages: Lang[]
    newsrooms: string[]
    types: ReleaseType[]
    keywords: string[]
    frequency?: SubscriberFrequency
  }
  paused: boolean
  errors: FieldErrors
  notice?: 'saved' | 'resubscribed'
  alternates?: Alternate[]
}

export function ManagePage(props: ManagePageProps) {
  const t = subscriptionStrings[props.lang]
  const prefix = 'manage'
  const base = `/subscriptions/manage/${props.token}`
  const q = `?lang=${props.lang}`
  const { state } = props
  return (
    <Layout lang={props.lang} title={t.manageTitle} alternates={props.alternates} noindex>
      <h1>{t.manageTitle}</h1>
      <p>{t.manageIntro(state.email)}</p>
      {props.notice === 'saved' ? <Notice kind="ok">{t.savedNotice}</Notice> : null}
      {props.notice === 'resubscribed' ? <Notice kind="ok">{t.resubscribedNotice}</Notice> : null}
      {state.suppressed ? <Notice>{t.statusSuppressed}</Notice> : null}
      {state.status === 'pending' ? <Notice>{t.statusPending}</Notice> : null}
      {state.status === 'confirmed' && state.paused ? <Notice>{t.statusPaused}</Notice> : null}
      {state.status === 'unsubscribed' ? (
        <div class="notice" role="status">
          <p>{t.statusUnsubscribed}</p>
          <form method="post" action={`${base}/resubscribe${q}`}>
            <button type="submit">{t.resubscribeButton}</button>
          </form>
        </div>
      ) : null}
      <ErrorSummary t={t} prefix={prefix} errors={props.errors} />
      <form method="post" action={`${base}${q}`} novalidate>
        <LanguageChoice
          t={t}
          prefix={prefix}
          selected={props.values.languages}
          errors={props.errors}
        />
        <CheckboxGroup
          t={t}
          prefix={prefix}
          field="newsrooms"
          legend={t.newsroomsLegend}
          options={props.newsrooms.map((n) => ({ value: n.slug, label: n.name }))}
          selected={props.values.newsrooms}
          errors={props.errors}
        />
        <TopicChoice
          t={t}
          prefix={prefix}
          keywords={props.keywords}
          selected={props.values}
          errors={props.errors}
        />
        <div class="field checks">
          <label for={`${prefix}-paused`}>
            <input
              id={`${prefix}-paused`}
              type="checkbox"
              name="paused"
              value="1"
              checked={props.paused}
            />
            {t.pauseLabel}
          </label>
        </div>
        <button type="submit">{t.saveButton}</button>
      </form>
      {state.status !== 'unsubscribed' ? (
        <p>
          <a href={`${base}/unsubscribe${q}`}>{t.unsubscribeLink}</a>
        </p>
      ) : null}
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t.exportHeading}</h2>
        <p>{t.exportText}</p>
        <p>
          <a href={`${base}/export.json`} download="tiedote-subscription.json">
            {t.exportLink}
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t.deleteHeading}</h2>
        <p>{t.deleteText}</p>
        <p>
          <a class="button secondary" href={`${base}/delete${q}`}>
            {t.deleteButton}
          </a>
        </p>
      </section>
    </Layout>
  )
}
