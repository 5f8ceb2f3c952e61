/**
 * What digests need from the outside world: the delivery core's repositories, clock, log,
 * policy (the lease), Message-ID key and transport, plus a composer for the digest email.
 * `src/wiring/digest.ts` builds it from the container.
 */
import type { DigestRow } from '../../db/repositories/digests.js'
import type { DeliveryDeps, OutgoingMessage } from '../delivery/ports.js'

export interface DigestRecipient {
  subscriberId: number
  address: string
  tokenSecret: string
}

export interface DigestComposer {
  /** The digest email for one recipient; undefined when none of its releases is public any more. */
  compose(digest: DigestRow, recipient: DigestRecipient): Promise<OutgoingMessage | undefined>
}

export type DigestDeps = Pick<
  DeliveryDeps,
  'repos' | 'clock' | 'log' | 'policy' | 'secretKey' | 'messageIdDomain' | 'transmit'
> & { digests: DigestComposer }
