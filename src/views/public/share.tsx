/**
 * Share links and social-profile icons. Plain links only: no third-party script, pixel or
 * iframe is loaded until the reader follows one, and the strict CSP allows no inline script,
 * so "copy link" is the page's own address as a link the reader can copy.
 */
import type { Child } from 'hono/jsx'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'

export type ShareService = 'x' | 'facebook' | 'linkedin' | 'whatsapp' | 'email'

export interface ShareLink {
  service: ShareService | 'link'
  href: string
}

/** The share addresses of a page: absolute URL and title, each properly URL-encoded. */
export function shareLinks(url: string, title: string): ShareLink[] {
  const u = encodeURIComponent(url)
  const text = encodeURIComponent(title)
  return [
    { service: 'x', href: `https://x.com/intent/post?url=${u}&text=${text}` },
    { service: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { service: 'linkedin', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { service: 'whatsapp', href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    // mailto wants %20 for spaces (not +), which encodeURIComponent gives.
    {
      service: 'email',
      href: `mailto:?subject=${text}&body=${encodeURIComponent(`${title}\n\n${url}`)}`,
    },
    { service: 'link', href: url },
  ]
}

const SERVICE_NAMES: Record<ShareService, string> = {
  x: 'X',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  whatsapp: 'WhatsApp',
  email: '',
}

/** 24×24 single-path icons, drawn in the text colour. */
const ICON_PATHS: Record<string, string> = {
  x: 'M17.8 3h3.1l-6.8 7.7L22 21h-6.2l-4.9-6.3L5.3 21H2.2l7.2-8.3L2 3h6.4l4.4 5.8zm-1.1 16.2h1.7L7.4 4.7H5.6z',
  facebook:
    'M14 8.5V6.6c0-.9.2-1.4 1.5-1.4H17V2.2c-.3 0-1.3-.2-2.5-.2-2.5 0-4.1 1.5-4.1 4.2v2.3H7.8v3.2h2.6V22H14v-10.3h2.7l.4-3.2z',
  linkedin:
    'M4.98 3.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zM3 9.8h4V21H3zm6.6 0h3.8v1.5h.1c.5-1 1.8-2 3.8-2 4 0 4.7 2.6 4.7 6V21h-4v-5c0-1.2 0-2.8-1.7-2.8s-2 1.3-2 2.7V21h-4z',
  whatsapp:
    'M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 18.2a8.2 8.2 0 0 1-4.2-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8-.2-.1-.4-.1-.6.1l-.8 1c-.1.2-.3.2-.5.1a6.7 6.7 0 0 1-3.3-2.9c-.2-.4.3-.4.8-1.3.1-.2 0-.3 0-.4l-.8-1.8c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.2 5.2 0 0 0 1.1 2.8 11.9 11.9 0 0 0 4.6 4c1.7.7 2.3.8 3.2.7.5-.1 1.5-.6 1.8-1.2.2-.6.2-1.1.1-1.2z',
  email:
    'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.4V17h16V7.4l-8 5.3zM5.2 7 12 11.5 18.8 7z',
  link: 'M10.6 13.4a1 1 0 0 1 0-1.4l3-3a3 3 0 1 1 4.2 4.2l-2.1 2.1a1 1 0 1 1-1.4-1.4l2.1-2.1a1 1 0 0 0-1.4-1.4l-3 3a1 1 0 0 1-1.4 0zm2.8-2.8a1 1 0 0 1 0 1.4l-3 3a3 3 0 1 1-4.2-4.2l2.1-2.1a1 1 0 0 1 1.4 1.4L7.6 11a1 1 0 1 0 1.4 1.4l3-3a1 1 0 0 1 1.4 0z',
  instagram:
    'M12 2.2c3.2 0 3.6 0 4.8.1 3.3.1 4.8 1.7 4.9 4.9.1 1.3.1 1.6.1 4.8s0 3.6-.1 4.8c-.1 3.2-1.7 4.8-4.9 4.9-1.3.1-1.6.1-4.8.1s-3.6 0-4.8-.1c-3.3-.1-4.8-1.7-4.9-4.9C2.2 15.6 2.2 15.2 2.2 12s0-3.6.1-4.8C2.4 3.9 3.9 2.4 7.2 2.3 8.4 2.2 8.8 2.2 12 2.2zm0 4.7a5.1 5.1 0 1 0 0 10.2 5.1 5.1 0 0 0 0-10.2zm0 8.4a3.3 3.3 0 1 1 0-6.6 3.3 3.3 0 0 1 0 6.6zm5.3-9.8a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z',
  youtube:
    'M23 7.2a3 3 0 0 0-2.1-2.1C19 4.6 12 4.6 12 4.6s-7 0-8.9.5A3 3 0 0 0 1 7.2 31 31 0 0 0 .5 12a31 31 0 0 0 .5 4.8 3 3 0 0 0 2.1 2.1c1.9.5 8.9.5 8.9.5s7 0 8.9-.5a3 3 0 0 0 2.1-2.1 31 31 0 0 0 .5-4.8 31 31 0 0 0-.5-4.8zM9.7 15V9l5.8 3z',
  mastodon:
    'M21.3 8.3c0-4.3-2.8-5.6-2.8-5.6C17.1 2 14.7 1.8 12.1 1.8H12c-2.6 0-5 .3-6.4.9 0 0-2.8 1.3-2.8 5.6 0 1-.1 2.2 0 3.4.1 4.2.8 8.4 4.7 9.4 1.8.5 3.3.6 4.6.5 2.2-.1 3.5-.8 3.5-.8l-.1-1.6s-1.6.5-3.4.4c-1.8-.1-3.6-.2-3.9-2.4v-.6s1.7.4 3.9.5c1.3.1 2.6-.1 3.9-.2 2.5-.3 4.6-1.8 4.9-3.2.4-2.2.4-5.4.4-5.4zm-3.3 5.6h-2.1V8.8c0-1.1-.5-1.6-1.4-1.6-1 0-1.5.6-1.5 1.9v2.8h-2.1V9.1c0-1.3-.5-1.9-1.5-1.9-.9 0-1.4.5-1.4 1.6v5.1H5.9V8.6c0-1.1.3-1.9.8-2.6.6-.6 1.3-.9 2.2-.9 1.1 0 1.9.4 2.4 1.2l.5.9.5-.9c.5-.8 1.3-1.2 2.4-1.2.9 0 1.7.3 2.2.9.6.6.8 1.5.8 2.6z',
  bluesky:
    'M5.2 3.6C7.6 5.4 10.2 9 11.9 11c1.7-2 4.3-5.6 6.7-7.4 1.7-1.3 4.5-2.3 4.5.9 0 .6-.4 5.3-.6 6-.7 2.6-3.4 3.3-5.8 2.9 4.2.7 5.2 3.1 2.9 5.4-4.4 4.5-6.3-1.1-6.8-2.5l-.1-.3-.1.3c-.5 1.4-2.4 7-6.8 2.5-2.3-2.3-1.3-4.7 2.9-5.4-2.4.4-5.1-.3-5.8-2.9-.2-.7-.6-5.4-.6-6 0-3.2 2.8-2.2 4.5-.9z',
  globe:
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4a14 14 0 0 1 1.9 4h-3.8A14 14 0 0 1 12 4zM4.3 14a8 8 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.4-3.6A15.7 15.7 0 0 0 8.1 8zM12 20a14 14 0 0 1-1.9-4h3.8A14 14 0 0 1 12 20zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.2 5.6a15.7 15.7 0 0 0 1.4-3.6h3a8 8 0 0 1-4.4 3.6zm1.8-5.6a16.5 16.5 0 0 0 0-4h3.4a8 8 0 0 1 0 4z',
}

/** An inline icon, hidden from assistive technology: the link around it carries the name. */
export function Icon(props: { name: string }) {
  const path = ICON_PATHS[props.name] ?? ICON_PATHS.globe
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path d={path} fill="currentColor" />
    </svg>
  )
}

/** Which icon a social profile gets, from its address (the label is the publisher's). */
export function socialIcon(url: string): string {
  let host = ''
  try {
    host = new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return 'globe'
  }
  if (host === 'x.com' || host === 'twitter.com') return 'x'
  if (host.endsWith('facebook.com')) return 'facebook'
  if (host.endsWith('linkedin.com')) return 'linkedin'
  if (host.endsWith('instagram.com')) return 'instagram'
  if (host.endsWith('youtube.com') || host === 'youtu.be') return 'youtube'
  if (host.startsWith('bsky.') || host.endsWith('bsky.app')) return 'bluesky'
  if (host.includes('mastodon') || host.startsWith('some.') || host.endsWith('.social'))
    return 'mastodon'
  if (host === 'wa.me' || host.endsWith('whatsapp.com')) return 'whatsapp'
  return 'globe'
}

/** "Share": one plain link per service, named in the page's language. */
export function ShareLinks(props: { lang: Lang; url: string; title: string }) {
  const t = publicStrings[props.lang]
  return (
    <section class="share" aria-labelledby="share-heading">
      <h2 id="share-heading">{t.share}</h2>
      <ul class="share-list">
        {shareLinks(props.url, props.title).map((link) => {
          const label: Child =
            link.service === 'email'
              ? t.shareByEmail
              : link.service === 'link'
                ? t.linkToRelease
                : t.shareOn(SERVICE_NAMES[link.service])
          const external = link.service !== 'email' && link.service !== 'link'
          return (
            <li>
              <a
                href={link.href}
                class={`share-${link.service}`}
                {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
              >
                <Icon name={link.service} />
                <span>{label}</span>
                {external ? <span class="visually-hidden"> ({t.opensInNewWindow})</span> : null}
              </a>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
