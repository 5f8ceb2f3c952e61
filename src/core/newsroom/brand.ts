/**
 * A newsroom's own look: an accent colour for its banner, links and buttons. The colour carries
 * white button text and sits as link text on the page and banner backgrounds, so it must reach
 * the WCAG AA contrast of 4.5:1 against the lightest of them (WCAG 2.1, 1.4.3).
 */
import type { Repositories } from '../../db/repositories/index.js'
import type { Lang } from '../types.js'
import { findNewsroom, newsroomName } from './newsrooms.js'

/** The banner's background (the lighter grey of the site stylesheet); the page is white. */
export const BANNER_BACKGROUND = '#f4f6f8'
export const MIN_CONTRAST = 4.5

const HEX = /^#[0-9a-f]{6}$/

/** `#0B5394`, `0b5394` or `#0b5` → `#0b5394`; undefined if it is no hex colour. */
export function normaliseHexColour(value: string): string | undefined {
  let hex = value.trim().toLowerCase()
  if (!hex.startsWith('#')) hex = `#${hex}`
  if (/^#[0-9a-f]{3}$/.test(hex)) hex = `#${[...hex.slice(1)].map((c) => c + c).join('')}`
  return HEX.test(hex) ? hex : undefined
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** The colour's contrast where it is weakest: as text on the banner (white text on it is higher). */
export function accentContrast(hex: string): number {
  return Math.min(contrastRatio(hex, '#ffffff'), contrastRatio(hex, BANNER_BACKGROUND))
}

/** The per-newsroom stylesheet: the accent colour as the custom property the site CSS reads. */
export function newsroomStylesheet(accent: string | null): string {
  if (!accent) return ''
  return `:root{--accent:${accent};}\n.site-header{border-top:4px solid ${accent};}\n`
}

/** Who a message about a subscription is from: the newsroom's name and press office. */
export interface Sender {
  /** Display name of From; the address stays MAIL_FROM's. */
  name: string | undefined
  replyTo: string | undefined
}

/**
 * The sender of a subscriber's confirmation: the newsroom subscribed to, in the message's
 * language, with its Reply-To. Several newsrooms have no one name, so then the installation's.
 */
export async function subscriptionSender(
  repos: Pick<Repositories, 'subscribers' | 'newsrooms'>,
  subscriberId: number,
  lang: Lang,
): Promise<Sender> {
  const ids = new Set(
    (await repos.subscribers.newsroomNamesOf(subscriberId)).map((r) => r.newsroom_id),
  )
  if (ids.size !== 1) return { name: undefined, replyTo: undefined }
  const newsroom = await findNewsroom(repos, [...ids][0])
  if (!newsroom) return { name: undefined, replyTo: undefined }
  return { name: newsroomName(newsroom, lang) || undefined, replyTo: newsroom.replyTo ?? undefined }
}
