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

    /** Storage keys of the release's files, to remove them once the rows are gone. */
    async storageKeys(releaseId: number): Promise<string[]> {
      const rows = await db
        .selectFrom('attachments')
        .select('storage_key')
        .where('release_id', '=', releaseId)
        .execute()
      return rows.map((r) => r.storage_key)
    },

    /** Adds an attachment after the release's last one; returns its id and position. */
    async append(values: {
      releaseId: number
      kind: AttachmentRow['kind']
      filename: string
      storageKey: string
      mimeType: string
      size: number
      sha256: string
      caption: string
      altText: string
      credit: string | null
      now: Date
    }): Promise<{ id: number; position: number }> {
      const last = await db
        .selectFrom('attachments')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('release_id', '=', values.releaseId)
        .executeTakeFirst()
      return db
        .insertInto('attachments')
        .values({
          release_id: values.releaseId,
          kind: values.kind,
          filename: values.filename,
          storage_key: values.storageKey,
          mime_type: values.mimeType,
          size: values.size,
          sha256: values.sha256,
          caption: values.caption,
          alt_text: values.altText,
          credit: values.credit,
          position: Number(last?.max ?? -1) + 1,
          created_at: values.now.toISOString(),
        })
        .returning(['id', 'position'])
        .executeTakeFirstOrThrow()
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
