/**
 * The domain's vocabulary: the words every layer shares (languages, release types, statuses,
 * roles). It depends on nothing, so the database tables, the core, routes, views and workers may
 * all import it without bending the layer map.
 */

export const LANGS = ['fi', 'sv', 'en'] as const
export type Lang = (typeof LANGS)[number]

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

export const RELEASE_TYPES = ['press-release', 'news', 'invitation', 'article'] as const
export type ReleaseType = (typeof RELEASE_TYPES)[number]

export function isReleaseType(value: unknown): value is ReleaseType {
  return typeof value === 'string' && (RELEASE_TYPES as readonly string[]).includes(value)
}

export const RELEASE_STATUSES = ['draft', 'scheduled', 'published', 'withdrawn'] as const
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number]

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number]

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'cancelled'

export const USER_ROLES = ['admin', 'editor', 'contributor'] as const
export type UserRole = (typeof USER_ROLES)[number]

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value)
}

/** How often a subscriber gets mail: an email per release, or a digest. */
export const SUBSCRIBER_FREQUENCIES = ['immediate', 'daily', 'weekly'] as const
export type SubscriberFrequency = (typeof SUBSCRIBER_FREQUENCIES)[number]
export type DigestFrequency = Exclude<SubscriberFrequency, 'immediate'>
export const isSubscriberFrequency = (value: unknown): value is SubscriberFrequency =>
  typeof value === 'string' && (SUBSCRIBER_FREQUENCIES as readonly string[]).includes(value)
