/** Pings the WebSub hub about the feeds one change altered (logic in core `sendHubPings`). */
import type { Job } from 'bullmq'
import type { HubPingDeps } from '../src/core/websub/pings.js'
import { sendHubPings } from '../src/core/websub/pings.js'
import type { WebsubJob } from '../src/queue/index.js'

export function createWebsubProcessor(deps: HubPingDeps) {
  return async function processWebsub(job: Job<WebsubJob>): Promise<number> {
    return sendHubPings(deps, job.data)
  }
}
