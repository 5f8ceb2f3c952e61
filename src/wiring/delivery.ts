/**
 * Builds the delivery core's dependencies from the application container: the release email
 * composer (one per process, it caches rendered emails), the send queue, the SMTP transport.
 */
import type { Container } from '../container.js'
import { DEFAULT_POLICY } from '../core/delivery/ports.js'
import type { DeliveryDeps, DeliveryPolicy, SendBatch } from '../core/delivery/ports.js'
import type { TransactionalEmailDeps } from '../core/delivery/transactional.js'
import { createReleaseEmailComposer, parseMailFrom } from '../mail/release-email.js'
import type { ReleaseEmailDeps } from '../mail/release-email.js'
import { renderTransactionalEmail } from '../mail/transactional.js'
import type { MailMessage } from '../mail/transport.js'
import { jobId } from '../queue/jobs.js'

/**
 * The job id of a send batch: deterministic, so adding the same batch twice is a no-op. The
 * reconciler's batches get a fresh id per round, since Redis may still hold the first one.
 */
export function sendJobId(batch: SendBatch): string {
  const id = jobId('send', batch.releaseId, batch.kind, batch.fromDeliveryId, batch.toDeliveryId)
  return batch.round === undefined ? id : jobId(id, 're', batch.round)
}

export function deliveryDeps(
  container: Pick<
    Container,
    | 'config'
    | 'queues'
    | 'clock'
    | 'workerId'
    | 'database'
    | 'repos'
    | 'log'
    | 'templates'
    | 'mailer'
    | 'metrics'
  >,
  overrides: { policy?: Partial<DeliveryPolicy> } = {},
): DeliveryDeps {
  const { config, queues, clock } = container
  return {
    repos: container.repos,
    clock,
    log: container.log,
    policy: { ...DEFAULT_POLICY, leaseMs: config.deliveryLeaseMs, ...overrides.policy },
    workerId: container.workerId,
    secretKey: config.secretKey,
    messageIdDomain: parseMailFrom(config.mailFrom).address.split('@')[1] || 'localhost',
    async enqueueSends(batches) {
      if (batches.length === 0) return
      const now = clock.now().getTime()
      await queues.send.addBulk(
        batches.map((batch) => ({
          name: 'send',
          data: {
            releaseId: batch.releaseId,
            kind: batch.kind,
            fromDeliveryId: batch.fromDeliveryId,
            toDeliveryId: batch.toDeliveryId,
          },
          opts: {
            jobId: sendJobId(batch),
            ...(batch.notBefore ? { delay: Math.max(0, batch.notBefore.getTime() - now) } : {}),
          },
        })),
      )
    },
    composer: createReleaseEmailComposer(subscriberEmailDeps(container)),
    transmit: (message) => container.mailer.send(message as MailMessage),
    throttle: (ms) => queues.send.rateLimit(ms),
    metrics: container.metrics.delivery,
  }
}

/** What emails to subscribers (releases, corrections, digests) are rendered with. */
export function subscriberEmailDeps(
  container: Pick<Container, 'config' | 'repos' | 'templates'>,
): ReleaseEmailDeps {
  const { config } = container
  return {
    repos: container.repos,
    templates: container.templates,
    publicUrl: config.publicUrl,
    secretKey: config.secretKey,
    mailFrom: config.mailFrom,
    dkim: config.dkim,
  }
}

/** What the `email` job needs: the outbox, the transactional renderers and the transport. */
export function transactionalEmailDeps(container: Container): TransactionalEmailDeps {
  return {
    repos: container.repos,
    clock: container.clock,
    log: container.log,
    render: (payload) => renderTransactionalEmail(container, payload),
    send: (message) => container.mailer.send(message as MailMessage),
  }
}
