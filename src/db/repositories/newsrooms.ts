/**
 * Newsrooms: the row, its texts per language (newsroom_translations), its contacts list and its
 * logo (an attachment that belongs to no release).
 */
import type { Lang } from '../../core/types.js'
import { isUniqueViolation } from '../errors.js'
import type { Newsroom, Release } from '../schema.js'
import type { Executor } from './index.js'

export type NewsroomRow = Newsroom

export interface NewsroomTranslationRow {
  newsroom_id: number
  lang: Lang
  name: string
  boilerplate: string
  description: string
}

export interface NewsroomLogoRow {
  id: number
  storage_key: string
  filename: string
  mime_type: string
}

/** The columns a create or an edit writes; ids and times are the repository's and caller's. */
export interface NewsroomValues {
  slug: string
  languages: Lang[]
  timezone: string
  socialLinks: { label: string; url: string }[]
  website: string | null
  accentColor: string | null
  replyTo: string | null
}

export interface LogoFile {
  filename: string
  storageKey: string
  mimeType: string
  size: number
  sha256: string
}

/** Another newsroom has the slug (the unique index said so, for a race the check missed). */
export const SLUG_TAKEN = 'slug_taken' as const

export function createNewsroomRepository(db: Executor) {
  const columns = (values: NewsroomValues) => ({
    slug: values.slug,
    languages: JSON.stringify(values.languages),
    timezone: values.timezone,
    social_links: JSON.stringify(values.socialLinks),
    website: values.website,
    accent_color: values.accentColor,
    reply_to: values.replyTo,
  })

  return {
    /** Every newsroom (or the one with this id or slug), oldest first. */
    find(where: { id?: number; slug?: string } = {}): Promise<NewsroomRow[]> {
      let query = db.selectFrom('newsrooms').selectAll()
      if (where.id !== undefined) query = query.where('id', '=', where.id)
      if (where.slug !== undefined) query = query.where('slug', '=', where.slug)
      return query.orderBy('id').execute()
    },

    translations(newsroomIds: number[]): Promise<NewsroomTranslationRow[]> {
      if (newsroomIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('newsroom_translations')
        .selectAll()
        .where('newsroom_id', 'in', newsroomIds)
        .execute()
    },

    logos(attachmentIds: number[]): Promise<NewsroomLogoRow[]> {
      if (attachmentIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('attachments')
        .select(['id', 'storage_key', 'filename', 'mime_type'])
        .where('id', 'in', attachmentIds)
        .execute()
    },

    /** Is the slug used by a newsroom other than `exceptId`? */
    async isSlugTaken(slug: string, exceptId?: number): Promise<boolean> {
      let query = db.selectFrom('newsrooms').select('id').where('slug', '=', slug)
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
      return (await query.executeTakeFirst()) !== undefined
    },

    /** Keeps a slug the newsroom had, so its old addresses redirect. */
    async rememberOldSlug(newsroomId: number, slug: string, now: Date): Promise<void> {
      await db.deleteFrom('newsroom_old_slugs').where('slug', '=', slug).execute()
      await db
        .insertInto('newsroom_old_slugs')
        .values({ slug, newsroom_id: newsroomId, created_at: now.toISOString() })
        .execute()
    },

    /** A newsroom takes this slug: the old addresses are its now, no longer a redirect. */
    async forgetOldSlug(slug: string): Promise<void> {
      await db.deleteFrom('newsroom_old_slugs').where('slug', '=', slug).execute()
    },

    /** The current slug of the newsroom that had this one, if any. */
    async currentSlugOf(oldSlug: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('newsroom_old_slugs')
        .innerJoin('newsrooms', 'newsrooms.id', 'newsroom_old_slugs.newsroom_id')
        .select('newsrooms.slug')
        .where('newsroom_old_slugs.slug', '=', oldSlug)
        .executeTakeFirst()
      return row?.slug
    },

    async exists(): Promise<boolean> {
      return (
        (await db.selectFrom('newsrooms').select('id').limit(1).executeTakeFirst()) !== undefined
      )
    },

    /** Inserts a newsroom; its id, or SLUG_TAKEN when the unique index refuses the slug. */
    async insert(values: NewsroomValues, now: Date): Promise<number | typeof SLUG_TAKEN> {
      try {
        const row = await db
          .insertInto('newsrooms')
          .values({
            ...columns(values),
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        return row.id
      } catch (error) {
        if (isUniqueViolation(error)) return SLUG_TAKEN
        throw error
      }
    },

    /** Writes an edit; SLUG_TAKEN when the unique index refuses the slug. */
    async update(id: number, values: NewsroomValues, now: Date): Promise<void | typeof SLUG_TAKEN> {
      try {
        await db
          .updateTable('newsrooms')
          .set({ ...columns(values), updated_at: now.toISOString() })
          .where('id', '=', id)
          .execute()
      } catch (error) {
        if (isUniqueViolation(error)) return SLUG_TAKEN
        throw error
      }
    },

    /** Replaces the newsroom's texts with these, one row per language, in one insert. */
    async replaceTranslations(
      newsroomId: number,
      rows: Omit<NewsroomTranslationRow, 'newsroom_id'>[],
    ): Promise<void> {
      await db.deleteFrom('newsroom_translations').where('newsroom_id', '=', newsroomId).execute()
      if (rows.length === 0) return
      await db
        .insertInto('newsroom_translations')
        .values(rows.map((row) => ({ ...row, newsroom_id: newsroomId })))
        .execute()
    },

    async hasReleases(newsroomId: number): Promise<boolean> {
      const release = await db
        .selectFrom('releases')
        .select('id')
        .where('newsroom_id', '=', newsroomId)
        .limit(1)
        .executeTakeFirst()
      return release !== undefined
    },

    /** Deletes the newsroom with its contacts list (its texts go by cascade). */
    async delete(newsroomId: number): Promise<void> {
      await db.deleteFrom('contacts').where('newsroom_id', '=', newsroomId).execute()
      await db.deleteFrom('newsrooms').where('id', '=', newsroomId).execute()
    },

    /** How many releases (any status) each newsroom has; newsrooms without any are left out. */
    async releaseCounts(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('releases')
        .select(['newsroom_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('newsroom_id')
        .execute()
      return new Map(rows.map((row) => [row.newsroom_id, Number(row.n)]))
    },

    /** Scheduled releases, next due first; of the given newsrooms, or of all when undefined. */
    scheduledReleases(newsroomIds: number[] | undefined, limit: number): Promise<Release[]> {
      let query = db.selectFrom('releases').selectAll().where('status', '=', 'scheduled')
      if (newsroomIds !== undefined) query = query.where('newsroom_id', 'in', newsroomIds)
      return query.orderBy('publish_at').orderBy('id').limit(limit).execute()
    },

    /** Stores the row of a new logo file; its attachment id. */
    async insertLogo(file: LogoFile, now: Date): Promise<number> {
      const row = await db
        .insertInto('attachments')
        .values({
          release_id: null,
          kind: 'image',
          filename: file.filename,
          storage_key: file.storageKey,
          mime_type: file.mimeType,
          size: file.size,
          sha256: file.sha256,
          caption: '{}',
          alt_text: '{}',
          credit: null,
          position: 0,
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    /** Detaches and deletes the newsroom's current logo row; returns its file's key. */
    async dropLogo(newsroomId: number): Promise<string | undefined> {
      const current = await db
        .selectFrom('newsrooms')
        .innerJoin('attachments', 'attachments.id', 'newsrooms.logo_attachment_id')
        .select(['attachments.id', 'attachments.storage_key'])
        .where('newsrooms.id', '=', newsroomId)
        .executeTakeFirst()
      if (!current) return undefined
      await db
        .updateTable('newsrooms')
        .set({ logo_attachment_id: null })
        .where('id', '=', newsroomId)
        .execute()
      await db.deleteFrom('attachments').where('id', '=', current.id).execute()
      return current.storage_key
    },

    async setLogo(newsroomId: number, attachmentId: number | null, now: Date): Promise<void> {
      await db
        .updateTable('newsrooms')
        .set({ logo_attachment_id: attachmentId, updated_at: now.toISOString() })
        .where('id', '=', newsroomId)
        .execute()
    },
  }
}

export type NewsroomRepository = ReturnType<typeof createNewsroomRepository>
