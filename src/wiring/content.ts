/** Builds the publishing core's dependencies from the application container. */
import type { Container } from '../container.js'
import { dispatchAfterCommit } from './dispatch.js'
import { announceContentChange } from '../content-version.js'
import type { ContentDeps } from '../core/release/ports.js'
import type { EmbargoDeps } from '../core/embargo/embargo.js'
import { OUTBOX_KINDS } from '../core/outbox.js'
import { createFileStore } from '../files/storage.js'
import { createImageProcessor } from '../files/images.js'
import { routeOutboxRow } from '../queue/outbox.js'

/** What the publishing core's dependencies are built from (the demo seed takes the same). */
export type ContentSource = Pick<
  Container,
  | 'database'
  | 'repos'
  | 'clock'
  | 'config'
  | 'dispatcher'
  | 'queues'
  | 'redis'
  | 'redisGuard'
  | 'log'
>

export function contentDeps(
  container: ContentSource & Partial<Pick<Container, 'feedCache' | 'pageCache'>>,
): ContentDeps {
  const { config, log } = container
  return {
    repos: container.repos,
    clock: container.clock,
    publicUrl: config.publicUrl,
    websub: config.websubHubUrl !== undefined,
    files: createFileStore(config.filesDir),
    images: createImageProcessor(),
    dispatch: dispatchAfterCommit(container),
    cancelPublishJobs: async (rows) => {
      for (const row of rows) {
        const { jobId } = routeOutboxRow({
          id: row.id,
          kind: OUTBOX_KINDS.publish,
          payload: JSON.stringify({ releaseId: row.releaseId }),
        })!
        try {
          // A job left behind finds its row closed and does nothing: never wait long for this.
          await container.redisGuard.run(jobId, () => container.queues.publish.remove(jobId))
        } catch (error) {
          log.warn({ err: (error as Error).message, jobId }, 'could not remove publish job')
        }
      }
    },
    announceContentChange: async (change = 'removal') => {
      // This process shows its own change at once (whoever made it sees it on the next page);
      // the others drop theirs on the message, and after an addition serve the previous copy
      // while they render it again.
      container.feedCache?.invalidate()
      container.pageCache?.invalidate()
      await container.redisGuard
        .run('announce content change', () =>
          announceContentChange(container.redis, config.redisPrefix, change),
        )
        .catch(() => {
          // Redis does not answer: the other processes' version check catches the change.
        })
    },
  }
}

/** The embargo core's dependencies: the publishing core's, and the key of personal links. */
export function embargoDeps(
  container: ContentSource & Partial<Pick<Container, 'feedCache' | 'pageCache'>>,
): EmbargoDeps {
  return { ...contentDeps(container), secretKey: container.config.secretKey }
}
