/**
 * What the publishing core needs from the outside world. Routes, the admin UI, workers and the
 * demo seed all build this from the container with `contentDeps(container)`, so the core never
 * touches Redis, BullMQ or HTTP itself and tests can hand in a manual clock.
 */
import type { Clock } from '../../clock.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { FileStore, ImageProcessor } from '../files/uploads.js'

export interface ContentDeps {
  repos: Repositories
  clock: Clock
  /** Absolute base for URLs handed to API clients (`PUBLIC_URL`). */
  publicUrl: string
  files: FileStore
  /** Web renditions of uploaded images (sharp). */
  images: ImageProcessor
  /** Enqueue outbox rows; call only after the transaction that wrote them has committed. */
  dispatch(outboxIds: number[]): Promise<void>
  /**
   * Drop the delayed jobs of publish outbox rows that are no longer wanted (rescheduled or
   * cancelled). Best effort: the processor re-checks the outbox row, so a job that survives
   * does nothing.
   */
  cancelPublishJobs(rows: { id: number; releaseId: number }[]): Promise<void>
  /** WEBSUB_HUB_URL is set: changes to public releases ping the hub about their feeds. */
  websub?: boolean
  /**
   * Tell other processes' caches (feeds, edge) that public content changed; after commit. An
   * `addition` (publication, edit) may be served from the previous copy while it is rendered
   * again; anything else (the default) is gone from the next answer.
   */
  announceContentChange(change?: 'addition' | 'removal'): Promise<void>
}
