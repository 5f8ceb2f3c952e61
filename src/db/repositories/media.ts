/**
 * The media register: release attachments, media-bank items, logos and contact photos are rows of
 * `attachments`; an image's web sizes are rows of `image_renditions`. The public media bank of a
 * newsroom is its bank items plus the images and videos of its published releases.
 */
import type { Attachment, ImageRenditionsTable } from '../schema.js'
import type { Selectable } from 'kysely'
import type { Executor } from './index.js'

export type MediaRow = Attachment
export type ImageRenditionRow = Selectable<ImageRenditionsTable>

/** The columns of a media row that describe the stored file itself. */
export interface StoredFileColumns {
  filename: string
  storageKey: string
  mimeType: string
  size: number
  sha256: string
  width: number | null
  height: number | null
}

export interface NewMedia extends StoredFileColumns {
  newsroomId: number
  releaseId: number | null
  inBank: boolean
  kind: MediaRow['kind']
  caption: string
  altText: string
  credit: string | null
  licence: string | null
  externalUrl: string | null
  now: Date
}

/** A bank entry: the media row and, for release images, the release it came with. */
export type BankRow = MediaRow & { release_status: string | null }

export function createMediaRepository(db: Executor) {
  return {
    /** Adds a media row after the last of its release (or of the bank); returns its id. */
    async insert(values: NewMedia): Promise<{ id: number; position: number }> {
      let last = db.selectFrom('attachments').select((eb) => eb.fn.max('position').as('max'))
      last =
        values.releaseId === null
          ? last.where('newsroom_id', '=', values.newsroomId).where('release_id', 'is', null)
          : last.where('release_id', '=', values.releaseId)
      const max = await last.executeTakeFirst()
      return db
        .insertInto('attachments')
        .values({
          newsroom_id: values.newsroomId,
          release_id: values.releaseId,
          in_bank: values.inBank ? 1 : 0,
          kind: values.kind,
          filename: values.filename,
          storage_key: values.storageKey,
          mime_type: values.mimeType,
          size: values.size,
          sha256: values.sha256,
          width: values.width,
          height: values.height,
          caption: values.caption,
          alt_text: values.altText,
          credit: values.credit,
          licence: values.licence,
          external_url: values.externalUrl,
          position: Number(max?.max ?? -1) + 1,
          created_at: values.now.toISOString(),
        })
        .returning(['id', 'position'])
        .executeTakeFirstOrThrow()
    },

    async insertRenditions(
      attachmentId: number,
      renditions: Omit<ImageRenditionRow, 'attachment_id'>[],
    ): Promise<void> {
      if (renditions.length === 0) return
      await db
        .insertInto('image_renditions')
        .values(renditions.map((r) => ({ ...r, attachment_id: attachmentId })))
        .execute()
    },

    renditionsOf(attachmentIds: number[]): Promise<ImageRenditionRow[]> {
      if (attachmentIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('image_renditions')
        .selectAll()
        .where('attachment_id', 'in', attachmentIds)
        .orderBy('width')
        .execute()
    },

    /** Storage keys of the rows' files and of their renditions, to remove them after a delete. */
    async storageKeys(attachmentIds: number[]): Promise<string[]> {
      if (attachmentIds.length === 0) return []
      const [files, renditions] = await Promise.all([
        db
          .selectFrom('attachments')
          .select('storage_key')
          .where('id', 'in', attachmentIds)
          .where('kind', '!=', 'link')
          .execute(),
        db
          .selectFrom('image_renditions')
          .select('storage_key')
          .where('attachment_id', 'in', attachmentIds)
          .execute(),
      ])
      return [...files, ...renditions].map((r) => r.storage_key)
    },

    findByIds(ids: number[]): Promise<MediaRow[]> {
      if (ids.length === 0) return Promise.resolve([])
      return db.selectFrom('attachments').selectAll().where('id', 'in', ids).execute()
    },

    findById(id: number): Promise<MediaRow | undefined> {
      return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /**
     * The bank of a newsroom, newest first: items put there directly, and the images and
     * videos of its releases — only published ones when `publicOnly`.
     */
    bank(
      newsroomId: number,
      options: { publicOnly: boolean; limit: number; offset: number },
    ): Promise<BankRow[]> {
      return db
        .selectFrom('attachments')
        .leftJoin('releases', 'releases.id', 'attachments.release_id')
        .selectAll('attachments')
        .select('releases.status as release_status')
        .where('attachments.newsroom_id', '=', newsroomId)
        .where((eb) =>
          eb.or([
            eb('attachments.in_bank', '=', 1),
            eb.and([
              eb('attachments.release_id', 'is not', null),
              eb('attachments.kind', 'in', ['image', 'video']),
              ...(options.publicOnly ? [eb('releases.status', '=', 'published')] : []),
            ]),
          ]),
        )
        .orderBy('attachments.created_at', 'desc')
        .orderBy('attachments.id', 'desc')
        .limit(options.limit)
        .offset(options.offset)
        .execute() as Promise<BankRow[]>
    },

    /** Titles per language of the releases media came with (for "from the release …"). */
    releaseTitles(releaseIds: number[]) {
      if (releaseIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('release_versions')
        .select(['release_id', 'lang', 'slug', 'title'])
        .where('release_id', 'in', releaseIds)
        .execute()
    },

    async updateDescription(
      id: number,
      values: { caption: string; altText: string; credit: string | null; licence: string | null },
    ): Promise<void> {
      await db
        .updateTable('attachments')
        .set({
          caption: values.caption,
          alt_text: values.altText,
          credit: values.credit,
          licence: values.licence,
        })
        .where('id', '=', id)
        .execute()
    },

    async remove(id: number): Promise<void> {
      await db.deleteFrom('attachments').where('id', '=', id).execute()
    },

    /** Images without renditions (stored before renditions were made), a page at a time. */
    imagesWithoutRenditions(limit: number): Promise<MediaRow[]> {
      return db
        .selectFrom('attachments')
        .selectAll()
        .where('kind', '=', 'image')
        .where('width', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute()
    },

    /** Sets the size of an image that has none yet; false if another process was first. */
    async setImageSize(id: number, width: number, height: number): Promise<boolean> {
      const result = await db
        .updateTable('attachments')
        .set({ width, height })
        .where('id', '=', id)
        .where('width', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}

export type MediaRepository = ReturnType<typeof createMediaRepository>
