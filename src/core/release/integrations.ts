/**
 * What a release's publication, edit, withdrawal or correction tells machines: a webhook event
 * (release data: id, newsroom, type, keywords, and per language title, lead and URL), and with
 * WebSub on, a hub ping for every feed the release is (or was) in. Both are outbox rows written
 * in the change's own transaction; dispatch the returned ids after commit.
 */
import type { Repositories } from '../../db/repositories/index.js'
import type { ReleaseRow } from '../../db/repositories/releases.js'
import { queueWebhookEvent } from '../webhooks/events.js'
import type { WebhookEvent } from '../webhooks/events.js'
import { queueFeedPings } from '../websub/pings.js'
import type { FeedTopic } from '../websub/pings.js'
import type { ContentDeps } from './ports.js'
import { loadReleaseViews } from './views.js'
import type { ReleaseView } from './views.js'

export function feedTopicOf(view: ReleaseView): FeedTopic {
  return {
    newsroom: view.newsroom.slug,
    langs: view.languages,
    type: view.type,
    keywords: view.keywords.map((k) => k.slug),
  }
}

export function releaseEventData(view: ReleaseView, publicUrl: string) {
  return {
    id: view.id,
    newsroom: view.newsroom.slug,
    type: view.type,
    keywords: view.keywords.map((k) => k.slug),
    publishedAt: view.publishedAt,
    versions: Object.fromEntries(
      view.languages.map((lang) => {
        const version = view.versions[lang]!
        return [
          lang,
          { title: version.title, lead: version.lead, url: `${publicUrl}${version.path}` },
        ]
      }),
    ),
  }
}

/**
 * Queues the event's webhook messages and feed pings. `before` is how the release looked before
 * an edit: feeds it left (a keyword removed) changed too.
 */
export async function recordReleaseEvent(
  tx: Repositories,
  deps: Pick<ContentDeps, 'clock' | 'publicUrl' | 'websub'>,
  type: Extract<WebhookEvent, `release.${string}`>,
  row: ReleaseRow,
  options: { before?: ReleaseView; extra?: Record<string, unknown> } = {},
): Promise<number[]> {
  const [view] = await loadReleaseViews(tx, [(await tx.releases.findById(row.id)) ?? row])
  const ids = await queueWebhookEvent(tx, deps.clock, {
    type,
    data: { ...releaseEventData(view, deps.publicUrl), ...options.extra },
  })
  if (deps.websub) {
    const topics = [feedTopicOf(view)]
    if (options.before) topics.push(feedTopicOf(options.before))
    ids.push(await queueFeedPings(tx, deps.clock, topics))
  }
  return ids
}
