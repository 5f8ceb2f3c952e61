/**
 * The one-purpose pages of subscribing: "check your inbox", confirm (a button, because mail
 * scanners follow GET links), unsubscribe (same), erasure confirmation, and their outcomes.
 * Token pages carry `noindex` and no third-party resources.
 */
import type { Child } from 'hono/jsx'
import { MessagePage, Layout } from '../layout.js'
import type { Alternate } from '../layout.js'
import type { Lang } from '../i18n/index.js'
import { subscriptionStrings } from '../i18n/subscriptions/index.js'

export function CheckInboxPage(props: { lang: Lang; backHref?: string }) {
  const t = subscriptionStrings[props.lang]
  return (
    <MessagePage
      lang={props.lang}
      title={t.checkInboxTitle}
      body={t.checkInboxBody}
      homeHref={props.backHref}
    />
  )
}

export function RateLimitedPage(props: { lang: Lang; retryAfterSeconds: number }) {
  const t = subscriptionStrings[props.lang]
  const minutes = Math.max(1, Math.ceil(props.retryAfterSeconds / 60))
  return (
    <MessagePage lang={props.lang} title={t.rateLimitedTitle} body={t.rateLimitedBody(minutes)} />
  )
}

export type LinkProblem = 'invalid' | 'expired' | 'used'

export function LinkProblemPage(props: { lang: Lang; problem: LinkProblem }) {
  const t = subscriptionStrings[props.lang]
  const [title, body] =
    props.problem === 'expired'
      ? [t.linkExpiredTitle, t.linkExpiredBody]
      : props.problem === 'used'
        ? [t.linkUsedTitle, t.linkUsedBody]
        : [t.linkInvalidTitle, t.linkInvalidBody]
  return <MessagePage lang={props.lang} title={title} body={body} />
}

export function ForbiddenFormPage(props: { lang: Lang }) {
  const t = subscriptionStrings[props.lang]
  return <MessagePage lang={props.lang} title={t.forbiddenTitle} body={t.forbiddenBody} />
}

/** A page whose only action is one button posting back to the same address. */
export function ActionPage(props: {
  lang: Lang
  title: string
  body: Child
  action: string
  button: string
  danger?: boolean
  cancelHref?: string
  cancelLabel?: string
  alternates?: Alternate[]
}) {
  return (
    <Layout lang={props.lang} title={props.title} alternates={props.alternates} noindex>
      <h1>{props.title}</h1>
      {typeof props.body === 'string' ? <p>{props.body}</p> : props.body}
      <form method="post" action={props.action}>
        <button type="submit" class={props.danger ? 'danger' : undefined}>
          {props.button}
        </button>
        {props.cancelHref ? (
          <>
            {' '}
            <a href={props.cancelHref}>{props.cancelLabel}</a>
          </>
        ) : null}
      </form>
    </Layout>
  )
}

export function OutcomePage(props: {
  lang: Lang
  title: string
  body: string
  link?: { href: string; label: string }
}) {
  return (
    <MessagePage
      lang={props.lang}
      title={props.title}
      body={
        <>
          <p>{props.body}</p>
          {props.link ? (
            <p>
              <a href={props.link.href}>{props.link.label}</a>
            </p>
          ) : null}
        </>
      }
    />
  )
}
