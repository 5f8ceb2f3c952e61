/**
 * Queue names and job payloads. Payloads carry ids only: the database is the source of truth
 * and a job re-reads what it needs, so a stale or duplicated job can never send stale content.
 * Job ids are deterministic (and contain no ':' — BullMQ reserves it) so that adding the same
 * work twice is a no-op.
 */
import { Queue } from 'bullmq'
import type { ConnectionOptions, JobsOptions } from 'bullmq'

export { QUEUE_NAMES, jobId } from './jobs.js'
export type * from './jobs.js'
import type { JobPayloads, QueueName } from './jobs.js'

export type Queues = { [K in QueueName]: Queue<JobPayloads[K]> } & { close(): Promise<void> }

/** Completed jobs are removed so that the sweep can re-add a deterministic id if it must. */
export const defaultJobOptions: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
}

/**
 * Webhook calls are retried by their own schedule (`WEBHOOK_BACKOFF`, see the webhook worker)
 * until the core gives a message up after a day; the attempt limit is only a backstop.
 */
export const WEBHOOK_BACKOFF = 'webhook'
const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, JobsOptions>> = {
  webhook: { ...defaultJobOptions, attempts: 500, backoff: { type: WEBHOOK_BACKOFF } },
  websub: { ...defaultJobOptions, attempts: 12, backoff: { type: 'exponential', delay: 2000 } },
}

export function createQueues(
  connection: ConnectionOptions,
  prefix: string,
  onError: (error: Error) => void = () => {},
): Queues {
  const make = <K extends QueueName>(name: K) => {
    const queue = new Queue<JobPayloads[K]>(name, {
      connection,
      prefix,
      defaultJobOptions: QUEUE_JOB_OPTIONS[name] ?? defaultJobOptions,
    })
    // Without a listener BullMQ prints every reconnect failure; /healthz reports Redis instead.
    queue.on('error', onError)
    return queue
  }
  const queues = {
    publish: make('publish'),
    fanout: make('fanout'),
    send: make('send'),
    email: make('email'),
    maintenance: make('maintenance'),
    webhook: make('webhook'),
    websub: make('websub'),
  }
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()))
    },
  }
}
