/**
 * What the webhook core needs from the outside world: a way to check an address before it is
 * stored, and an HTTP client that refuses private addresses when it connects (the check at
 * call time, which DNS rebinding cannot get past). Built by `src/wiring/webhooks.ts`.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'

/** Why an address is refused: a private, loopback or link-local one, or a name that resolves nowhere. */
export type AddressRefusal = 'private_address' | 'unresolvable'

export interface OutboundResult {
  status: number
}

export interface OutboundHttp {
  /** Resolves the host; a refusal when any address it resolves to is not public. */
  checkAddress(url: URL): Promise<AddressRefusal | undefined>
  /**
   * POSTs the body. Connects only to an address the same check passed; throws
   * `OutboundRefusedError` otherwise, and any network error or the timeout as it comes.
   */
  post(
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<OutboundResult>
}

export class OutboundRefusedError extends Error {
  constructor(readonly reason: AddressRefusal) {
    super(
      reason === 'private_address'
        ? 'the address resolves to a private, loopback or link-local address'
        : 'the host name does not resolve',
    )
    this.name = 'OutboundRefusedError'
  }
}

/** Retry timings of webhook calls, in one place (tests shorten them). */
export interface WebhookPolicy {
  /** Wait before retry n (1-based); the last entry repeats. */
  retryDelaysMs: number[]
  /** A message not delivered this long after its event is given up. */
  giveUpAfterMs: number
  /** A hook whose calls have failed without a success for this long is disabled. */
  disableAfterMs: number
  /** One call may take this long. */
  timeoutMs: number
  /** The previous secret keeps signing this long after a rotation. */
  rotationOverlapMs: number
}

export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = {
  // 5 s, then growing to 4 h between calls: 20 calls in the first day.
  retryDelaysMs: [
    5_000,
    30_000,
    120_000,
    600_000,
    1_800_000,
    3_600_000,
    2 * 3_600_000,
    4 * 3_600_000,
  ],
  giveUpAfterMs: 24 * 3_600_000,
  disableAfterMs: 5 * 24 * 3_600_000,
  timeoutMs: 10_000,
  rotationOverlapMs: 24 * 3_600_000,
}

/** The wait before retry `n` (1 for the first retry). */
export function retryDelay(policy: Pick<WebhookPolicy, 'retryDelaysMs'>, n: number): number {
  const delays = policy.retryDelaysMs
  return delays[Math.min(Math.max(n, 1), delays.length) - 1]
}

export interface WebhookDeps {
  repos: Repositories
  clock: Clock
  http: OutboundHttp
  policy: WebhookPolicy
}
