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

interface NavItem {
  href: string
  label: string
  show: boolean
}

/**
 * The staff navigation: the everyday pages as links, the rest in two groups ("Newsroom" and
 * "Administration") that open as disclosure menus — `<details>`, so they work without script
 * and every page is at most two clicks away; the admin script closes an open group on Escape,
 * on a click elsewhere and when another opens. The current page is `aria-current="page"`, and
 * the group holding it is marked too.
 */
function AdminNav(props: AdminPageProps) {
  const { t, actor } = props
  const primary: NavItem[] = [
    { href: '/admin', label: t.navHome, show: true },
    { href: '/admin/releases', label: t.navReleases, show: true },
    { href: '/admin/scheduled', label: t.navScheduled, show: true },
    { href: '/admin/media', label: t.navMedia, show: true },
    {
      href: '/admin/subscribers',
      label: t.navSubscribers,
      show: can(actor, 'subscriber.manage'),
    },
  ]
  const groups: { label: string; items: NavItem[] }[] = [
    {
      label: t.navGroupNewsroom,
      items: [
        { href: '/admin/contacts', label: t.navContacts, show: true },
        { href: '/admin/media-lists', label: t.navMediaLists, show: true },
        { href: '/admin/keywords', label: t.navKeywords, show: true },
        { href: '/admin/newsrooms', label: t.navNewsrooms, show: can(actor, 'newsroom.manage') },
      ],
    },
    {
      label: t.navGroupAdmin,
      items: [
        { href: '/admin/users', label: t.navUsers, show: can(actor, 'user.manage') },
        { href: '/admin/tokens', label: t.navTokens, show: can(actor, 'token.manage') },
        { href: '/admin/webhooks', label: t.navWebhooks, show: can(actor, 'webhook.manage') },
        { href: '/admin/audit', label: t.navAudit, show: can(actor, 'user.manage') },
        {
          href: '/admin/outbox',
          label: t.navOutbox,
          show: Boolean(props.outboxEnabled) && can(actor, 'outbox.read'),
        },
      ],
    },
  ]
  const link = (item: NavItem) => (
    <li>
      <a href={item.href} aria-current={props.current === item.href ? 'page' : undefined}>
        {item.label}
      </a>
    </li>
  )
  return (
    <nav aria-label={t.nav} class="admin-nav">
      <ul class="nav-primary">
        {primary.filter((item) => item.show).map(link)}
        {groups.map((group) => {
          const items = group.items.filter((item) => item.show)
          if (items.length === 0) return null
          const holdsCurrent = items.some((item) => item.href === props.current)
          return (
            <li class="nav-group">
              <details>
                <summary class={holdsCurrent ? 'current' : undefined}>{group.label}</summary>
                <ul>{items.map(link)}</ul>
              </details>
            </li>
          )
        })}
      </ul>
      <div class="nav-account">
        <a
          href="/admin/password"
          aria-current={props.current === '/admin/password' ? 'page' : undefined}
        >
          {t.navAccount}
        </a>
        <span class="meta">{props.userEmail}</span>
        <form method="post" action="/admin/logout" class="inline">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="secondary">
            {t.signOut}
          </button>
        </form>
      </div>
    </nav>
  )
}

export function AdminPage(props: AdminPageProps) {
  const { t } = props
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
      <AdminNav {...props} />
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
