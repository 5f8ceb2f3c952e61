/** Builds the webhook and WebSub cores' dependencies from the application container. */
import type { Container } from '../container.js'
import type { WebhookDeps, WebhookPolicy } from '../core/webhooks/ports.js'
import { DEFAULT_WEBHOOK_POLICY } from '../core/webhooks/ports.js'
import type { HubPingDeps } from '../core/websub/pings.js'
import { changedFeedUrls } from '../feeds/urls.js'
import { createOutboundHttp } from '../http/outbound.js'

/** A hub answers quickly or not at all. */
const HUB_TIMEOUT_MS = 10_000

export function webhookDeps(
  container: Pick<Container, 'repos' | 'clock' | 'config'>,
  overrides: { policy?: Partial<WebhookPolicy> } = {},
): WebhookDeps {
  return {
    repos: container.repos,
    clock: container.clock,
    http: createOutboundHttp({ allowPrivate: container.config.webhookAllowPrivate }),
    policy: { ...DEFAULT_WEBHOOK_POLICY, ...overrides.policy },
  }
}

export function hubPingDeps(container: Pick<Container, 'repos' | 'clock' | 'config'>): HubPingDeps {
  const { config } = container
  // The hub is the operator's own choice in the configuration, so no address check.
  const http = createOutboundHttp({ allowPrivate: true })
  return {
    repos: container.repos,
    clock: container.clock,
    hubUrl: config.websubHubUrl,
    feedUrls: (topics) => changedFeedUrls(config.publicUrl, topics),
    post: (url, body, headers) => http.post(url, body, headers, HUB_TIMEOUT_MS),
  }
}
