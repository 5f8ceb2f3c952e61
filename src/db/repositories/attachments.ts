/** Files attached to releases (images and documents); the bytes live in the file store. */
import type { Attachment } from '../schema.js'
import type { Executor } from './index.js'

export type AttachmentRow = Attachment

export function createAttachmentRepository(db: Executor) {
  return {
    /** One attachment of one release (any status). */
    findOnRelease(releaseId: number, attachmentId: number): Promise<AttachmentRow | undefined> {
      return db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', attachmentId)
        .where('release_id', '=', releaseId)
        .executeTakeFirst()
    },

    /**
     * Storage keys of the release's files and of their web sizes, to remove them once the rows
     * are gone (a video link has no file).
     */
    async storageKeys(releaseId: number): Promise<string[]> {
      const [files, renditions] = await Promise.all([
        db
          .selectFrom('attachments')
          .select('storage_key')
          .where('release_id', '=', releaseId)
          .where('kind', '!=', 'link')
          .execute(),
        db
          .selectFrom('image_renditions')
          .innerJoin('attachments', 'attachments.id', 'image_renditions.attachment_id')
          .select('image_renditions.storage_key')
          .where('attachments.release_id', '=', releaseId)
          .execute(),
      ])
      return [...files, ...renditions].map((r) => r.storage_key)
    },

    async remove(id: number): Promise<void> {
      await db.deleteFrom('attachments').where('id', '=', id).execute()
    },

    async removeForRelease(releaseId: number): Promise<void> {
      await db.deleteFrom('attachments').where('release_id', '=', releaseId).execute()
    },
  }
}

export type AttachmentRepository = ReturnType<typeof createAttachmentRepository>
