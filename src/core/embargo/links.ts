/**
 * Personal links of embargo recipients: `/embargo/{token}`. The token is an HMAC (keyed with
 * the installation's secret) of a random salt stored with the recipient, so it is random to
 * everyone without the key, and the same each time the email is rendered (a resend after a
 * crash carries a working link). Only the token's SHA-256 is stored and looked up; the token
 * given is then compared with the one the salt makes, in constant time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { sha256 } from '../auth/secrets.js'

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/

export const isEmbargoTokenFormat = (token: string) => TOKEN_FORMAT.test(token)

export const newTokenSalt = () => randomBytes(16).toString('base64url')

export function embargoToken(secretKey: string, releaseId: number, salt: string): string {
  return createHmac('sha256', secretKey)
    .update(`embargo-link.${releaseId}.${salt}`)
    .digest('base64url')
}

/** A new recipient's salt, and the hash the link is found by. */
export function issueEmbargoLink(secretKey: string, releaseId: number) {
  const salt = newTokenSalt()
  return { token_salt: salt, token_hash: sha256(embargoToken(secretKey, releaseId, salt)) }
}

export const embargoTokenHash = (token: string) => sha256(token)

/** Does `token` belong to the recipient with this salt? Constant time. */
export function tokenMatches(
  secretKey: string,
  recipient: { release_id: number; token_salt: string },
  token: string,
): boolean {
  const expected = Buffer.from(embargoToken(secretKey, recipient.release_id, recipient.token_salt))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
