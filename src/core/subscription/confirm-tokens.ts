/**
 * Confirmation tokens for double opt-in: 32 random bytes in the link, only their SHA-256 in
 * `subscriber_tokens` (a leaked database confirms nobody), one purpose, valid 48 hours, spent on
 * first use. Manage and unsubscribe links use signed tokens instead (links.ts): they must work
 * in every email for as long as the subscription lasts, without a row per email.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock.js'
import type { Database } from '../../db/schema.js'
import { generateToken, sha256 } from '../auth/secrets.js'

export const CONFIRM_TOKEN_TTL_MS = 48 * 3600_000

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/

export const isConfirmTokenFormat = (token: string) => TOKEN_FORMAT.test(token)

export async function issueConfirmToken(
  db: Pick<Kysely<Database>, 'insertInto'>,
  clock: Clock,
  subscriberId: number,
): Promise<string> {
  const token = generateToken()
  const now = clock.now()
  await db
    .insertInto('subscriber_tokens')
    .values({
      subscriber_id: subscriberId,
      purpose: 'confirm',
      token_hash: sha256(token),
      expires_at: new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS).toISOString(),
      created_at: now.toISOString(),
    })
    .execute()
  return token
}

export type ConfirmTokenState =
  | { state: 'valid'; tokenId: number; subscriberId: number }
  | { state: 'invalid' | 'expired' | 'used' }

/** What a token is, without changing anything (the GET page). */
export async function inspectConfirmToken(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  clock: Clock,
  token: string,
): Promise<ConfirmTokenState> {
  if (!isConfirmTokenFormat(token)) return { state: 'invalid' }
  const row = await db
    .selectFrom('subscriber_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', 'confirm')
    .executeTakeFirst()
  if (!row) return { state: 'invalid' }
  if (row.used_at || row.subscriber_id === null) return { state: 'used' }
  if (row.expires_at <= clock.now().toISOString()) return { state: 'expired' }
  return { state: 'valid', tokenId: row.id, subscriberId: row.subscriber_id }
}
