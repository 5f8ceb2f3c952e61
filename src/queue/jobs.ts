/**
 * Queue names, id-only job payloads and deterministic job ids. Free of BullMQ so that code which
 * only writes outbox rows (also on the edge runtime) can use it.
 */
export const QUEUE_NAMES = ['publish', 'fanout', 'send', 'email', 'maintenance'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

/** Make a scheduled or immediate release public, then start notification. */
export interface PublishJob {
  releaseId: number
  outboxId: number
}
/** Freeze the audience of a release (or of a correction notice) and enqueue send batches. */
export interface FanoutJob {
  releaseId: number
  /** 'release' or 'correction-<id>' */
  kind: string
  outboxId?: number
}
/** Send one batch of deliveries, identified by an inclusive id range. */
export interface SendJob {
  releaseId: number
  kind: string
  fromDeliveryId: number
  toDeliveryId: number
}
/** A single transactional email described by an outbox row (confirmation, test send…). */
export interface EmailJob {
  outboxId: number
}
export interface MaintenanceJob {
  /**
   * 'reconcile': re-enqueue deliveries Redis lost, mark delivered releases. 'digests': plan the
   * digests that are due and send what the digest ledger holds.
   */
  task: 'sweep' | 'reconcile' | 'digests'
}

export interface JobPayloads {
  publish: PublishJob
  fanout: FanoutJob
  send: SendJob
  email: EmailJob
  maintenance: MaintenanceJob
}

/** BullMQ forbids ':' in custom job ids; keep every id to [A-Za-z0-9-]. */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((part) => String(part).replace(/[^A-Za-z0-9-]/g, '-')).join('-')
}
