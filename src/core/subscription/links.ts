/**
 * Links carried by every email to a subscriber: manage preferences and unsubscribe. The tokens
 * are signed (HMAC-SHA256 with SECRET_KEY) over the subscriber id, the purpose and the
 * subscriber's token_secret, so nothing needs storing per email, a token for one purpose cannot
 * be used for another, and rotating token_secret (e.g. after erasure) revokes them all.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export type LinkPurpose = 'manage' | 'unsubscribe'

interface TokenSubject {
  id: number
  token_secret: string
}

function signature(secretKey: string, purpose: LinkPurpose, subject: TokenSubject): string {
  return createHmac('sha256', secretKey)
    .update(`${purpose}.${subject.id}.${subject.token_secret}`)
    .digest('base64url')
    .slice(0, 32)
}

export function signSubscriberToken(
  secretKey: string,
  purpose: LinkPurpose,
  subject: TokenSubject,
): string {
  return `${subject.id}.${signature(secretKey, purpose, subject)}`
}

/** The subscriber id a token claims; check it with verifySubscriberToken after loading the row. */
export function subscriberIdOf(token: string): number | undefined {
  const match = /^(\d{1,12})\.[A-Za-z0-9_-]{32}$/.exec(token)
  return match ? Number(match[1]) : undefined
}

export function verifySubscriberToken(
  secretKey: string,
  purpose: LinkPurpose,
  token: string,
  subject: TokenSubject,
): boolean {
  const expected = Buffer.from(signSubscriberToken(secretKey, purpose, subject))
  const actual = Buffer.from(token)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

export function subscriberLinks(publicUrl: string, secretKey: string, subject: TokenSubject) {
  return {
    manageUrl: `${publicUrl}/subscriptions/manage/${signSubscriberToken(secretKey, 'manage', subject)}`,
    unsubscribeUrl: `${publicUrl}/unsubscribe/${signSubscriberToken(secretKey, 'unsubscribe', subject)}`,
  }
}
