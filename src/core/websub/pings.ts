/**
 * WebSub (W3C): when a release is published, edited or withdrawn, the hub named in every feed
 * is told which feeds changed (`hub.mode=publish`, `hub.url=<feed>`), and fetches them for its
 * subscribers. The ping is an outbox row written with the change, so it survives a Redis
 * restart; its job retries until the hub has taken every URL.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import { OUTBOX_KINDS, addOutboxRow } from '../outbox.js'
import type { Lang, ReleaseType } from '../types.js'

/** What a release shows up in: its newsroom's, languages', type's and keywords' feeds. */
export interface FeedTopic {
  newsroom: string
  langs: Lang[]
  type: ReleaseType
  keywords: string[]
}

/** Writes the ping of the feeds these topics are in; call inside the change's transaction. */
export function queueFeedPings(
  tx: Pick<Repositories, 'outbox'>,
  clock: Clock,
  topics: FeedTopic[],
): Promise<number> {
  return addOutboxRow(tx, clock, { kind: OUTBOX_KINDS.websub, payload: { topics } })
}

export interface HubPingDeps {
  repos: Pick<Repositories, 'outbox'>
  clock: Clock
  hubUrl: string | undefined
  /** Every feed URL (each format and filter) the topics appear in. */
  feedUrls(topics: FeedTopic[]): string[]
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }>
}

export class HubPingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HubPingError'
  }
}

/**
 * Sends the pings of one outbox row. Throws when the hub refuses or cannot be reached (the job
 * is retried); without a hub the row is simply closed.
 */
export async function sendHubPings(deps: HubPingDeps, job: { outboxId: number }): Promise<number> {
  const row = await deps.repos.outbox.find(job.outboxId)
  if (!row || row.done_at) return 0
  const { topics } = JSON.parse(row.payload) as { topics: FeedTopic[] }
  const urls = deps.hubUrl ? deps.feedUrls(topics) : []
  for (const url of urls) {
    const body = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString()
    const { status } = await deps
      .post(deps.hubUrl!, body, { 'content-type': 'application/x-www-form-urlencoded' })
      .catch((error: Error) => {
        throw new HubPingError(`hub unreachable: ${error.message}`)
      })
    if (status < 200 || status > 299) throw new HubPingError(`hub answered ${status} for ${url}`)
  }
  await deps.repos.outbox.markDone(job.outboxId, deps.clock.now())
  return urls.length
}
