/**
 * Consent records: the evidence that a person asked for email (GDPR art. 7(1)). One row per
 * consent-relevant action — subscribe (when, from which page, which text, from which IP, as a
 * keyed hash), confirm, preference change, pause, unsubscribe, import, delete. Rows outlive the
 * subscriber: erasure detaches them (subscriber_id null, IP hash cleared) so that what remains
 * proves the action happened without identifying anyone.
 */
import { createHmac } from 'node:crypto'
import type { Clock } from '../../clock.js'
import type { ConsentAction } from '../../db/repositories/consents.js'
import type { Repositories } from '../../db/repositories/index.js'

/**
 * Version of the consent wording shown next to subscribe forms. Bump it whenever the text in
 * src/views/i18n/subscriptions/ (`consentText`) changes, so records say which wording applied.
 */
export const CONSENT_TEXT_VERSION = '2026-01'

export type { ConsentAction }

/** HMAC with SECRET_KEY: equal inputs give equal hashes, but nobody can reverse or guess them. */
export function keyedHash(secretKey: string, purpose: string, value: string): string {
  return createHmac('sha256', secretKey).update(`${purpose}\0${value}`).digest('hex')
}

export const ipHash = (secretKey: string, ip: string | undefined) =>
  ip ? keyedHash(secretKey, 'ip', ip) : null

export interface ConsentRecord {
  subscriberId: number | null
  action: ConsentAction
  source: string
  ipHash?: string | null
  textVersion?: string | null
  text?: string | null
}

/** The stored row of a consent record made at `at`. */
export function consentRow(row: ConsentRecord, at: Date | string) {
  return {
    subscriber_id: row.subscriberId,
    action: row.action,
    source: row.source.slice(0, 500),
    ip_hash: row.ipHash ?? null,
    text_version: row.textVersion ?? null,
    text: row.text ?? null,
    created_at: typeof at === 'string' ? at : at.toISOString(),
  }
}

export async function recordConsent(
  repos: Pick<Repositories, 'consents'>,
  clock: Clock,
  row: ConsentRecord,
): Promise<void> {
  await repos.consents.add(consentRow(row, clock.now()))
}

/** A consent source must be a site path or a short label; anything else is replaced. */
export function cleanSource(source: unknown, fallback: string): string {
  if (typeof source !== 'string') return fallback
  const value = source.trim()
  if (/^\/[\w\-./~%]{0,300}$/.test(value) && !value.startsWith('//')) return value
  if (/^[a-z][a-z0-9-]{0,40}$/.test(value)) return value
  return fallback
}
