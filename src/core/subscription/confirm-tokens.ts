/**
 * Confirmation tokens for double opt-in: 32 random bytes in the link, only their SHA-256 in
 * `subscriber_tokens` (a leaked database confirms nobody), one purpose, valid 48 hours, spent on
 * first use. Manage and unsubscribe links use signed tokens instead (links.ts): they must work
 * in every email for as long as the subscription lasts, without a row per email.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { generateToken, sha256 } from '../auth/secrets.js'

export const CONFIRM_TOKEN_TTL_MS = 48 * 3600_000

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/

export const isConfirmTokenFormat = (token: string) => TOKEN_FORMAT.test(token)

type TokenRepos = Pick<Repositories, 'subscriberTokens'>

/**
 * Stores a new token's hash and returns the token.
 */
export async function issueConfirmToken(
  repos: TokenRepos,
  clock: Clock,
  subscriberId: number,
): Promise<string> {
  const token = generateToken()
  const now = clock.now()
  await repos.subscriberTokens.addConfirm({
    subscriberId,
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS),
    at: now,
  })
  return token
}

export type ConfirmTokenState =
  | { state: 'valid'; tokenId: number; subscriberId: number }
  | { state: 'invalid' | 'expired' | 'used' }

/** What a token is, without changing anything (the GET page). */
export async function inspectConfirmToken(
  repos: TokenRepos,
  clock: Clock,
  token: string,
): Promise<ConfirmTokenState> {
  if (!isConfirmTokenFormat(token)) return { state: 'invalid' }
  const row = await repos.subscriberTokens.findConfirm(sha256(token))
  if (!row) return { state: 'invalid' }
  if (row.used_at || row.subscriber_id === null) return { state: 'used' }
  if (row.expires_at <= clock.now().toISOString()) return { state: 'expired' }
  return { state: 'valid', tokenId: row.id, subscriberId: row.subscriber_id }
}
