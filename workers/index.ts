/**
 * Worker wiring: one BullMQ Worker per queue, each running its processor, plus the outbox
 * sweep that makes the database — not Redis — the source of truth for pending work.
 * Job logic lives in `*.processor.ts`; this file only connects it.
 */
import { Worker } from 'bullmq'
import type { Processor, WorkerOptions } from 'bullmq'
import type { Container } from '../src/container.js'
import type { DeliveryDeps } from '../src/core/delivery/ports.js'
import type { QueueName } from '../src/queue/index.js'
import { renderMarkdown } from '../src/core/release/markdown.js'
import { createRedis } from '../src/redis.js'
import { deliveryDeps } from '../src/wiring/delivery.js'
import { createEmailProcessor } from './email.processor.js'
import { createFanoutProcessor } from './fanout.processor.js'
import { createMaintenanceProcessor, scheduleReconcile } from './maintenance.processor.js'
import { createPublishProcessor } from './publish.processor.js'
import { SEND_WORKER_OPTIONS, createSendProcessor } from './send.processor.js'
import { createWebhookProcessor, webhookWorkerOptions } from './webhook.processor.js'
import { createWebsubProcessor } from './websub.processor.js'
import { hubPingDeps, webhookDeps } from '../src/wiring/webhooks.js'
import type { WebhookDeps } from '../src/core/webhooks/ports.js'

export interface Workers {
  close(): Promise<void>
}

/** How often the sweep looks for outbox rows Redis does not know about. */
export const SWEEP_INTERVAL_MS = 2000

export type Processors = Partial<
  Record<QueueName, { process: Processor; concurrency: number; options?: Partial<WorkerOptions> }>
>

export function createProcessors(
  deps: Container,
  delivery: DeliveryDeps = deliveryDeps(deps),
  webhooks: WebhookDeps = webhookDeps(deps),
): Processors {
  return {
    email: { process: createEmailProcessor(deps), concurrency: 2 },
    publish: { process: createPublishProcessor(deps), concurrency: 2 },
    fanout: { process: createFanoutProcessor(delivery), concurrency: 2 },
    // One batch per pooled SMTP connection: more would only queue inside the pool.
    send: {
      process: createSendProcessor(delivery),
      concurrency: deps.mailer.poolSize,
      options: SEND_WORKER_OPTIONS,
    },
    maintenance: { process: createMaintenanceProcessor(deps, delivery), concurrency: 1 },
    // Calls wait on other servers (up to 10 s each): several at once, so one slow endpoint
    // does not hold the others up.
    webhook: {
      process: createWebhookProcessor(webhooks),
      concurrency: 10,
      options: webhookWorkerOptions(webhooks),
    },
    websub: { process: createWebsubProcessor(hubPingDeps(deps)), concurrency: 2 },
  }
}

export function startWorkers(deps: Container, processors = createProcessors(deps)): Workers {
  // Ready before the first job: a release's first email should not wait for compilation.
  const compiled = deps.templates.compileAll()
  renderMarkdown('**Tiedote**')
  deps.log.debug({ templates: compiled }, 'email templates compiled')
  const connection = createRedis(deps.redisUrl, 'blocking')
  const workers = Object.entries(processors).map(([name, { process, concurrency, options }]) => {
    const worker = new Worker(name, process, {
      // A job's lock is BullMQ's lease: a dead worker's jobs are found stalled and taken over
      // after about the same time as its claimed deliveries (DELIVERY_LEASE_SECONDS; default
      // 30 s, BullMQ's own default). The lock is renewed at half that while the job runs.
      lockDuration: deps.config.deliveryLeaseMs,
      stalledInterval: deps.config.deliveryLeaseMs,
      ...options,
      connection,
      prefix: deps.config.redisPrefix,
      concurrency,
    })
    worker.on('failed', (job, error) =>
      deps.log.warn({ queue: name, jobId: job?.id, err: error.message }, 'job failed'),
    )
    worker.on('error', (error) =>
      deps.log.warn({ queue: name, err: error.message }, 'worker error'),
    )
    return worker
  })

  let sweeping = false
  let lastFailure = 0
  const sweep = async () => {
    if (sweeping) return
    sweeping = true
    try {
      const count = await deps.dispatcher.sweep()
      if (count > 0) deps.log.info({ count }, 'outbox sweep dispatched rows')
      if (processors.maintenance) await scheduleReconcile(deps)
    } catch (error) {
      // The queue connection fails fast while Redis is away: one line a minute, not every 2 s.
      if (Date.now() - lastFailure >= 60_000) {
        lastFailure = Date.now()
        deps.log.warn({ err: (error as Error).message }, 'outbox sweep failed; will retry')
      }
    } finally {
      sweeping = false
    }
  }
  void sweep()
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS)

  return {
    async close() {
      clearInterval(timer)
      // Worker.close() waits for jobs in progress to finish.
      await Promise.all(workers.map((worker) => worker.close()))
      connection.disconnect()
    },
  }
}
