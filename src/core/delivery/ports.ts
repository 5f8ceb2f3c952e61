/**
 * What the delivery core needs from the outside world. `src/wiring/delivery.ts` builds this
 * from the container; the core itself never touches BullMQ, Redis or nodemailer, so tests and
 * the benchmark can hand in a manual clock or another policy.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { Lang } from '../types.js'

/** Structured log lines: details first, then the message (what pino and friends take). */
export interface DeliveryLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

/**
 * One `send` job: an inclusive range of delivery ids of one (release, kind). The queue gives
 * it a deterministic id from these fields, so adding the same batch twice is a no-op.
 */
export interface SendBatch {
  releaseId: number
  kind: string
  fromDeliveryId: number
  toDeliveryId: number
  /**
   * The reconciler's round when it enqueues a batch again: a batch that Redis still holds
   * under its first id must not block the new one.
   */
  round?: number
  /** Run no earlier than this (retries after a temporary SMTP failure). */
  notBefore?: Date
}

/** The recipient-specific parts of one email. */
export interface Recipient {
  deliveryId: number
  subscriberId: number
  /** Address for the header and the envelope. */
  address: string
  messageId: string
  tokenSecret: string
  /**
   * A journalist on a media list (distribution at publication): their email says why they get
   * it and carries their opt-out link instead of a subscriber's links.
   */
  mediaContact?: { id: number; emailNormalized: string }
}

/** A message ready for the transport (opaque to the core). */
export type OutgoingMessage = object

/** Builds messages; the MIME of a (release, kind, lang) is rendered once and reused. */
export interface MessageComposer {
  compose(
    release: { id: number; updatedAt: string },
    kind: string,
    lang: Lang,
    recipient: Recipient,
  ): Promise<OutgoingMessage>
  /** Starts rendering ahead of the first send (fan-out calls it); failures surface in compose. */
  warm?(release: { id: number; updatedAt: string }, kind: string, langs: Lang[]): void
  /**
   * The release email to one address for a test: the real message, but its links belong to no
   * subscriber and its Message-ID is unique.
   */
  composeTest(releaseId: number, lang: Lang, to: string): Promise<TestMessage>
}

export interface TestMessage {
  subject: string
  message: OutgoingMessage
}

export interface SendOutcome {
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4bX…". */
  response: string
}

export interface DeliveryPolicy {
  /** Deliveries per `send` job. */
  batchSize: number
  /** Deliveries claimed (and recorded as sent) per statement; a crash duplicates ≤ this per job. */
  claimChunk: number
  /** Messages of one batch in flight at once. */
  parallelPerBatch: number
  /** Subscribers read and delivery rows written per fan-out page. */
  pageSize: number
  /** First retry after a temporary (4xx) failure; doubles per attempt. */
  retryBaseMs: number
  /** Longest wait between two retries. */
  retryMaxDelayMs: number
  /** A temporary failure older than this (since the delivery was queued) becomes final. */
  giveUpAfterMs: number
  /** First retry of a batch when the SMTP relay cannot be reached; doubles per attempt. */
  connectionRetryBaseMs: number
  connectionRetryMaxMs: number
  /** How long the whole send queue pauses after 421 / 4.7.x. */
  throttleMs: number
  /**
   * How long a claim on deliveries holds without renewal. The worker renews it every third of
   * this while it sends; a `sending` row whose lease lapsed belonged to a worker that died.
   */
  leaseMs: number
  /** A row claimed without a lease (before leases existed) and `sending` this long is abandoned. */
  sendingTimeoutMs: number
  /** Due `pending` rows of a release with no progress for this long are enqueued again. */
  stallTimeoutMs: number
}

export const DEFAULT_POLICY: DeliveryPolicy = {
  batchSize: 100,
  claimChunk: 10,
  parallelPerBatch: 4,
  pageSize: 1000,
  retryBaseMs: 60_000,
  retryMaxDelayMs: 4 * 3600_000,
  giveUpAfterMs: 48 * 3600_000,
  connectionRetryBaseMs: 5_000,
  connectionRetryMaxMs: 5 * 60_000,
  throttleMs: 60_000,
  leaseMs: 30_000,
  sendingTimeoutMs: 5 * 60_000,
  stallTimeoutMs: 2 * 60_000,
}

export interface DeliveryDeps {
  repos: Repositories
  clock: Clock
  log: DeliveryLog
  policy: DeliveryPolicy
  /** Who claims deliveries: this worker process, unique among every process ever run. */
  workerId: string
  /** HMAC key for Message-IDs (and, in the composer, subscriber tokens). */
  secretKey: string
  /** Domain part of Message-IDs: the MAIL_FROM domain. */
  messageIdDomain: string
  /** Enqueue send batches (in bulk); a batch whose job id exists already is skipped. */
  enqueueSends(batches: SendBatch[]): Promise<void>
  composer: MessageComposer
  /** Sends one message; throws the transport's error (with responseCode / code) on failure. */
  transmit(message: OutgoingMessage): Promise<SendOutcome>
  /** Pause every send worker for `ms` (all processes share the queue's limiter). */
  throttle(ms: number): Promise<void>
  /** Counters for /metrics; optional so the core runs without them. */
  metrics?: DeliveryMetrics
}

export interface DeliveryMetrics {
  sent(kind: string): void
  failed(kind: string, status: 'failed' | 'suppressed' | 'deferred' | 'throttled'): void
  /** Seconds from publication to the first email of a release. */
  firstEmail?(seconds: number): void
}
