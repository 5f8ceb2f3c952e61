/**
 * The digest core's dependencies: the delivery core's (repositories, clock, lease, transport)
 * and the digest email composer.
 */
import type { Container } from '../container.js'
import type { DeliveryDeps } from '../core/delivery/ports.js'
import type { DigestDeps } from '../core/digest/ports.js'
import { createDigestComposer } from '../mail/digest-email.js'

export function digestDeps(
  container: Pick<Container, 'config' | 'repos' | 'templates'>,
  delivery: DeliveryDeps,
): DigestDeps {
  const { config } = container
  return {
    ...delivery,
    digests: createDigestComposer({
      repos: container.repos,
      templates: container.templates,
      publicUrl: config.publicUrl,
      secretKey: config.secretKey,
      mailFrom: config.mailFrom,
      dkim: config.dkim,
    }),
  }
}
