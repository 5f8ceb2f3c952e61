/**
 * Prometheus metrics: one prom-client Registry per container (never the global default one), so
 * two containers in one process — tests, the benchmark — never mix their numbers.
 *
 * Counters count what this process did; queue depths are read from Redis at scrape time and are
 * the same whichever process answers.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { DeliveryMetrics } from '../../core/delivery/ports.js'
import { QUEUE_NAMES } from '../../queue/jobs.js'
import type { QueueName } from '../../queue/jobs.js'

export interface Metrics {
  registry: Registry
  delivery: DeliveryMetrics
  /** Wires the queue-depth gauge to a reader of job counts (called at scrape time). */
  observeQueues(read: (queue: QueueName) => Promise<Record<string, number>>): void
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  const sent = new Counter({
    name: 'tiedote_emails_sent_total',
    help: 'Emails accepted by the SMTP relay, by kind (release, correction)',
    labelNames: ['kind'],
    registers: [registry],
  })
  const failed = new Counter({
    name: 'tiedote_emails_failed_total',
    help: 'Emails not accepted, by outcome: failed (5xx), suppressed (5.1.x), deferred (4xx, retried), throttled (421/4.7.x)',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  })
  const firstEmail = new Histogram({
    name: 'tiedote_publish_to_first_email_seconds',
    help: 'Time from publication of a release to its first email accepted by the relay',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [registry],
  })
  let readCounts: ((queue: QueueName) => Promise<Record<string, number>>) | undefined
  new Gauge({
    name: 'tiedote_queue_jobs',
    help: 'Jobs in each queue by state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      if (!readCounts) return
      this.reset()
      // All queues at once, so a scrape waits at most one read's timeout while Redis is away;
      // /healthz says so, and the scrape still answers with the other metrics.
      const read = readCounts
      const results = await Promise.allSettled(QUEUE_NAMES.map((queue) => read(queue)))
      results.forEach((result, i) => {
        if (result.status !== 'fulfilled') return
        for (const state of ['waiting', 'active', 'delayed', 'failed'])
          this.set({ queue: QUEUE_NAMES[i], state }, result.value[state] ?? 0)
      })
    },
  })
  const kindLabel = (kind: string) => (kind === 'release' ? 'release' : 'correction')
  return {
    registry,
    delivery: {
      sent: (kind) => sent.inc({ kind: kindLabel(kind) }),
      failed: (kind, outcome) => failed.inc({ kind: kindLabel(kind), outcome }),
      firstEmail: (seconds) => firstEmail.observe(seconds),
    },
    observeQueues(read) {
      readCounts = read
    },
  }
}

/**
 * Adds the standard metrics of the Node.js process to `metrics`: CPU, memory, heap, garbage
 * collection and event-loop delay (`nodejs_eventloop_lag_p99_seconds` and kin, measured since
 * the previous scrape). They describe the process, not a container, so only the process that
 * serves calls this, once (`tiedote serve`); tests that build many containers in one process
 * leave them out.
 */
export function observeProcess(metrics: Metrics) {
  collectDefaultMetrics({ register: metrics.registry })
}
