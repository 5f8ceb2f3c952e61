/**
 * URL slugs for releases and keywords. Finnish and Swedish letters map to their plain vowels
 * (ä→a, ö→o, å→a) as readers of those languages expect, not to the German ae/oe.
 */
import slugify from '@sindresorhus/slugify'

const NORDIC: [string, string][] = [
  ['ä', 'a'],
  ['ö', 'o'],
  ['å', 'a'],
  ['Ä', 'A'],
  ['Ö', 'O'],
  ['Å', 'A'],
]

export const MAX_SLUG_LENGTH = 80

export function makeSlug(text: string): string {
  const slug = slugify(text, { customReplacements: NORDIC })
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  // Cut at a word boundary so that the slug stays readable.
  const cut = slug.slice(0, MAX_SLUG_LENGTH)
  const lastDash = cut.lastIndexOf('-')
  return lastDash > 20 ? cut.slice(0, lastDash) : cut
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export function isValidSlug(value: string): boolean {
  return value.length > 0 && value.length <= MAX_SLUG_LENGTH && SLUG.test(value)
}

/**
 * Release slugs that would collide with pages other features serve under
 * `/{lang}/{newsroom}/…` (the full subscription form, feeds); a release titled "Subscribe"
 * gets `subscribe-2` instead.
 */
export const RESERVED_RELEASE_SLUGS: ReadonlySet<string> = new Set([
  'subscribe',
  'feeds',
  'feed',
  'files',
  'unsubscribe',
  'contacts',
  'media',
  'search',
  'sitemap',
])

export function isReservedReleaseSlug(slug: string): boolean {
  return RESERVED_RELEASE_SLUGS.has(slug)
}
