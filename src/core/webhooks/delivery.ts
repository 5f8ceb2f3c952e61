/**
 * Delivering one webhook message (the webhook job). Each attempt is logged; a non-2xx answer,
 * a timeout or a refused address makes the job fail so that BullMQ retries it after
 * `retryDelay(policy, n)`, until the message is a day old. A hook whose calls have failed for
 * five days without one success is disabled, which the staff pages show.
 */
import type { WebhookDeps } from './ports.js'
import { retryDelay } from './ports.js'
import { signatureHeader } from './events.js'
import type { Repositories } from '../../db/repositories/index.js'

export type WebhookOutcome = 'delivered' | 'retry' | 'given-up' | 'disabled' | 'skipped'

/** Thrown after a failed attempt that will be retried; BullMQ schedules the retry. */
export class WebhookRetryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookRetryError'
  }
}

async function close(
  repos: Pick<Repositories, 'webhooks' | 'outbox'>,
  job: { outboxId: number; messageId: number },
  status: string,
  at: Date,
) {
  await repos.webhooks.closeMessage(job.messageId, status, at)
  await repos.outbox.markDone(job.outboxId, at)
}

/**
 * One attempt at a message. Returns what happened; throws `WebhookRetryError` when the attempt
 * failed and another is due (the job's retry).
 */
export async function deliverWebhookMessage(
  deps: WebhookDeps,
  job: { outboxId: number; messageId: number },
): Promise<WebhookOutcome> {
  const { repos, clock, policy } = deps
  const message = await repos.webhooks.findMessage(job.messageId)
  const hook = message && (await repos.webhooks.find(message.webhook_id))
  if (!message || message.done_at || !hook || hook.disabled_at) {
    // Delivered already, or its hook was deleted or turned off meanwhile.
    if (message && !message.done_at) await close(repos, job, 'skipped', clock.now())
    else await repos.outbox.markDone(job.outboxId, clock.now())
    return 'skipped'
  }

  const started = clock.now()
  const timestamp = Math.floor(started.getTime() / 1000)
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Tiedote-Webhooks/1',
    'webhook-id': message.message_id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(
      hook,
      message.message_id,
      timestamp,
      message.body,
      started,
    ),
  }
  const t0 = performance.now()
  let statusCode: number | null = null
  let error: string | null = null
  try {
    statusCode = (await deps.http.post(hook.url, message.body, headers, policy.timeoutMs)).status
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`
  } catch (caught) {
    error = ((caught as Error).message || String(caught)).slice(0, 500)
  }
  const durationMs = Math.round(performance.now() - t0)
  const now = clock.now()

  const attempt = await repos.transaction(async (tx) => {
    const attempt = await tx.webhooks.recordAttempt({
      webhookId: hook.id,
      messageId: message.id,
      statusCode,
      durationMs,
      error,
      at: now,
    })
    if (!error) {
      await tx.webhooks.markHealthy(hook.id)
      await close(tx, job, 'delivered', now)
    } else {
      await tx.webhooks.markFailing(hook.id, started)
    }
    return attempt
  })
  if (!error) return 'delivered'

  const failingSince = new Date(hook.failing_since ?? started.toISOString())
  if (now.getTime() - failingSince.getTime() >= policy.disableAfterMs) {
    await repos.transaction(async (tx) => {
      await tx.webhooks.disable(hook.id, now)
      await close(tx, job, 'failed', now)
    })
    return 'disabled'
  }
  const nextAt = now.getTime() + retryDelay(policy, attempt)
  if (nextAt - new Date(message.created_at).getTime() > policy.giveUpAfterMs) {
    await repos.transaction((tx) => close(tx, job, 'failed', now))
    return 'given-up'
  }
  throw new WebhookRetryError(`webhook ${hook.id} message ${message.message_id}: ${error}`)
}
