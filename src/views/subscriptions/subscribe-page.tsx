/** The full subscribe form at /{lang}/{newsroom}/subscribe (and re-shown with errors). */
import type { ReleaseType, SubscriberFrequency } from '../../core/types.js'
import type { Alternate } from '../layout.js'
import { Layout } from '../layout.js'
import type { Lang } from '../i18n/index.js'
import { subscriptionStrings } from '../i18n/subscriptions/index.js'
import {
  ConsentNotice,
  EmailField,
  ErrorSummary,
  FieldError,
  Honeypot,
  LanguageChoice,
  TopicChoice,
} from './form-parts.js'
import type { FieldErrors } from './form-parts.js'

export interface SubscribeFormValues {
  email: string
  languages: Lang[]
  types: ReleaseType[]
  keywords: string[]
  frequency?: SubscriberFrequency
}

export interface SubscribePageProps {
  lang: Lang
  newsroom: { slug: string; name: string }
  keywords: { slug: string; label: string }[]
  values: SubscribeFormValues
  errors: FieldErrors
  /** The page the visitor subscribed from, kept in the consent record. */
  source: string
  alternates?: Alternate[]
}

export function SubscribePage(props: SubscribePageProps) {
  const t = subscriptionStrings[props.lang]
  const prefix = 'subscribe'
  const title = t.subscribeTitleFor(props.newsroom.name)
  return (
    <Layout
      lang={props.lang}
      title={title}
      description={t.subscribeIntro}
      alternates={props.alternates}
      homeHref={`/${props.lang}/${props.newsroom.slug}`}
      noindex={Object.keys(props.errors).length > 0}
    >
      <h1>{title}</h1>
      <p>{t.subscribeIntro}</p>
      <ErrorSummary t={t} prefix={prefix} errors={props.errors} />
      <form method="post" action="/subscribe" novalidate>
        <input type="hidden" name="lang" value={props.lang} />
        <input type="hidden" name="newsroom" value={props.newsroom.slug} />
        <input type="hidden" name="source" value={props.source} />
        <FieldError t={t} prefix={prefix} field="newsrooms" errors={props.errors} />
        <EmailField t={t} prefix={prefix} value={props.values.email} errors={props.errors} />
        <LanguageChoice
          t={t}
          prefix={prefix}
          selected={props.values.languages}
          errors={props.errors}
        />
        <TopicChoice
          t={t}
          prefix={prefix}
          keywords={props.keywords}
          selected={props.values}
          errors={props.errors}
        />
        <Honeypot t={t} prefix={prefix} />
        <ConsentNotice t={t} prefix={prefix} />
        <button type="submit">{t.subscribeButton}</button>
      </form>
    </Layout>
  )
}
