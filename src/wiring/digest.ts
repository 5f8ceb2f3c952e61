/**
 * The digest core's dependencies: the delivery core's (repositories, clock, lease, transport)
 * and the digest email composer.
 */
import type { Container } from '../container.js'
import type { DeliveryDeps } from '../core/delivery/ports.js'
import type { DigestDeps } from '../core/digest/ports.js'
import { createDigestComposer } from '../mail/digest-email.js'
import { subscriberEmailDeps } from './delivery.js'

export function digestDeps(
  container: Pick<Container, 'config' | 'repos' | 'templates'>,
  delivery: DeliveryDeps,
): DigestDeps {
  return { ...delivery, digests: createDigestComposer(subscriberEmailDeps(container)) }
}
