/**
 * Page shell for the staff interface: the public Layout plus the admin navigation, the
 * signed-in user and a sign-out form (a POST with the CSRF token, never a GET link).
 */
import type { Child } from 'hono/jsx'
import type { Actor } from '../../core/auth/actor.js'
import { can } from '../../core/auth/actor.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { Layout } from '../layout.js'

export interface AdminPageProps {
  lang: Lang
  t: AdminStrings
  title: string
  csrfToken: string
  actor: Actor
  userEmail: string
  /** Which navigation entry is current. */
  current?: string
  /** Shown above the content, e.g. "Saved." */
  flash?: { kind: 'ok' | 'error'; text: string }
  outboxEnabled?: boolean
  /** Pages that use the full screen width (the release editor). */
  wide?: boolean
  children?: Child
}

export function AdminPage(props: AdminPageProps) {
  const { t } = props
  const items: { href: string; label: string; show: boolean }[] = [
    { href: '/admin', label: t.navHome, show: true },
    { href: '/admin/releases', label: t.navReleases, show: true },
    { href: '/admin/scheduled', label: t.navScheduled, show: true },
    { href: '/admin/keywords', label: t.navKeywords, show: true },
    { href: '/admin/contacts', label: t.navContacts, show: true },
    { href: '/admin/media-lists', label: t.navMediaLists, show: true },
    { href: '/admin/media', label: t.navMedia, show: true },
    {
      href: '/admin/newsrooms',
      label: t.navNewsrooms,
      show: can(props.actor, 'newsroom.manage'),
    },
    {
      href: '/admin/subscribers',
      label: t.navSubscribers,
      show: can(props.actor, 'subscriber.manage'),
    },
    { href: '/admin/users', label: t.navUsers, show: can(props.actor, 'user.manage') },
    { href: '/admin/tokens', label: t.navTokens, show: can(props.actor, 'token.manage') },
    { href: '/admin/audit', label: t.navAudit, show: can(props.actor, 'user.manage') },
    { href: '/admin/webhooks', label: t.navWebhooks, show: can(props.actor, 'webhook.manage') },
    {
      href: '/admin/outbox',
      label: t.navOutbox,
      show: Boolean(props.outboxEnabled) && can(props.actor, 'outbox.read'),
    },
    { href: '/admin/password', label: t.navAccount, show: true },
  ]
  return (
    <Layout
      lang={props.lang}
      title={`${props.title} – ${t.admin}`}
      homeHref="/admin"
      noindex
      head={
        <>
          <link rel="stylesheet" href="/admin/assets/admin.css" />
          <script src="/admin/assets/admin.js" defer></script>
        </>
      }
    >
      <nav aria-label={t.nav} class="admin-nav">
        <ul>
          {items
            .filter((item) => item.show)
            .map((item) => (
              <li>
                <a href={item.href} aria-current={props.current === item.href ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
        </ul>
        <form method="post" action="/admin/logout" class="inline">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <span class="meta">{props.userEmail}</span>{' '}
          <button type="submit" class="secondary">
            {t.signOut}
          </button>
        </form>
      </nav>
      {props.flash ? (
        <div
          class={`notice ${props.flash.kind}`}
          role={props.flash.kind === 'error' ? 'alert' : 'status'}
        >
          {props.flash.text}
        </div>
      ) : null}
      {props.wide ? <div class="admin-wide">{props.children}</div> : props.children}
    </Layout>
  )
}

/** A labelled input with its error tied to it through aria-describedby (sign-in, users). */
export { Input as Field } from './components.js'
