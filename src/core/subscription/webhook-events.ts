/**
 * Subscriber events for webhooks. The address goes only to hooks marked to receive it; the
 * others get the subscriber's id, newsrooms and languages.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { queueWebhookEvent } from '../webhooks/events.js'

export async function recordSubscriberEvent(
  tx: Repositories,
  clock: Clock,
  type: 'subscriber.confirmed' | 'subscriber.unsubscribed',
  subscriberId: number,
): Promise<number[]> {
  const subscriber = await tx.subscribers.findById(subscriberId)
  if (!subscriber) return []
  const [subscriptions, newsrooms, languages] = await Promise.all([
    tx.subscribers.subscriptionsOf([subscriberId]),
    tx.subscribers.allNewsrooms(),
    tx.subscribers.languagesOf([subscriberId]),
  ])
  const slugById = new Map(newsrooms.map((n) => [n.id, n.slug]))
  return queueWebhookEvent(tx, clock, {
    type,
    data: {
      id: subscriber.id,
      newsrooms: subscriptions.map((s) => slugById.get(s.newsroom_id)).filter(Boolean),
      languages: languages.get(subscriberId) ?? [],
    },
    personal: { email: subscriber.email },
  })
}
