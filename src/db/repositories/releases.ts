/**
 * Releases as staff write them: the release row, its language versions, keywords, contact
 * people, and correction notes. Status changes are conditional updates that say whether they
 * happened, so the core can tell "done" from "someone else changed it meanwhile".
 */
import { isUniqueViolation } from '../errors.js'
import type { Release, ReleaseVersion } from '../schema.js'
import type { Lang, ReleaseStatus, ReleaseType } from '../../core/types.js'
import { taggedWith } from './release-filters.js'
import type { Executor } from './index.js'

export type { ReleaseRow } from './release-views.js'
export type ReleaseVersionRow = ReleaseVersion

/** The unique index on (newsroom, language, slug) refused a version: another writer won. */
export class SlugInUseError extends Error {
  constructor() {
    super('slug already in use')
    this.name = 'SlugInUseError'
  }
}

export interface VersionValues {
  lang: Lang
  slug: string
  title: string
  lead: string
  bodyMarkdown: string
  bodyHtml: string
}

export interface ContactRow {
  id: number
  name: string
  /** JSON object { fi?, sv?, en? }. */
  titles: string
  phone: string | null
  email: string | null
}

export interface NewContact {
  name: string
  titles: string
  phone: string | null
  email: string | null
}

export interface StaffListQuery {
  newsroomIds?: number[]
  status?: ReleaseStatus
  type?: ReleaseType
  lang?: Lang
  keywordSlug?: string
  /** Only ids below this (keyset pagination). */
  beforeId?: number
  limit: number
}

const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) > 0

async function refusingTakenSlugs<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isUniqueViolation(error)) throw new SlugInUseError()
    throw error
  }
}

export function createReleaseRepository(db: Executor) {
  return {
    findById(id: number): Promise<Release | undefined> {
      return db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async insert(values: {
      newsroomId: number
      type: ReleaseType
      notify: boolean
      createdByUserId: number | null
      now: Date
    }): Promise<number> {
      const now = values.now.toISOString()
      const row = await db
        .insertInto('releases')
        .values({
          newsroom_id: values.newsroomId,
          type: values.type,
          status: 'draft',
          notify: values.notify ? 1 : 0,
          created_by_user_id: values.createdByUserId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    /** Writes the invitation's event; an existing one keeps its sequence, raised by one. */
    async saveEvent(
      releaseId: number,
      event: { startAt: string; endAt: string; location: string; url: string | null },
      now: Date,
    ): Promise<void> {
      const values = {
        start_at: event.startAt,
        end_at: event.endAt,
        location: event.location,
        online_url: event.url,
        updated_at: now.toISOString(),
      }
      await db
        .insertInto('release_events')
        .values({ release_id: releaseId, ...values })
        .onConflict((oc) =>
          oc.column('release_id').doUpdateSet((eb) => ({
            ...values,
            sequence: eb(eb.ref('release_events.sequence'), '+', 1),
          })),
        )
        .execute()
    },

    async deleteEvent(releaseId: number): Promise<void> {
      await db.deleteFrom('release_events').where('release_id', '=', releaseId).execute()
    },

    /** Calendars replace an event when its SEQUENCE grows: after an edit or a withdrawal. */
    async bumpEventSequence(releaseId: number, now: Date): Promise<void> {
      await db
        .updateTable('release_events')
        .set((eb) => ({
          sequence: eb(eb.ref('sequence'), '+', 1),
          updated_at: now.toISOString(),
        }))
        .where('release_id', '=', releaseId)
        .execute()
    },

    /** Sets type and notify (when given) and the edit time. */
    async updateSettings(
      id: number,
      values: { type?: ReleaseType; notify?: boolean; leadImageId?: number | null; now: Date },
    ): Promise<void> {
      await db
        .updateTable('releases')
        .set({
          ...(values.type ? { type: values.type } : {}),
          ...(values.notify !== undefined ? { notify: values.notify ? 1 : 0 } : {}),
          ...(values.leadImageId !== undefined ? { lead_image_id: values.leadImageId } : {}),
          updated_at: values.now.toISOString(),
        })
        .where('id', '=', id)
        .execute()
    },

    /** How many of the newsroom's releases have a version in any of these languages. */
    async countWithVersionsIn(newsroomId: number, langs: Lang[]): Promise<number> {
      const row = await db
        .selectFrom('release_versions')
        .select((eb) => eb.fn.count<number>('release_id').distinct().as('n'))
        .where('newsroom_id', '=', newsroomId)
        .where('lang', 'in', langs)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async touch(id: number, now: Date): Promise<void> {
      await db
        .updateTable('releases')
        .set({ updated_at: now.toISOString() })
        .where('id', '=', id)
        .execute()
    },

    /** Deletes a release that is still a draft or scheduled; false if it is not (any more). */
    async deleteUnpublished(id: number): Promise<boolean> {
      const deleted = await db
        .deleteFrom('releases')
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'scheduled'])
        .executeTakeFirst()
      return Number(deleted.numDeletedRows) > 0
    },

    /** Draft or scheduled → published (now) or scheduled (later); false if not in those states. */
    async markPublishing(
      id: number,
      values: {
        status: 'published' | 'scheduled'
        publishAt: Date
        publishedAt: Date | null
        /** Seeding: a backdated release emails nobody. */
        silence: boolean
        now: Date
      },
    ): Promise<boolean> {
      return changed(
        await db
          .updateTable('releases')
          .set({
            status: values.status,
            publish_at: values.publishAt.toISOString(),
            published_at: values.publishedAt?.toISOString() ?? null,
            ...(values.silence ? { notify: 0 } : {}),
            updated_at: values.now.toISOString(),
          })
          .where('id', '=', id)
          .where('status', 'in', ['draft', 'scheduled'])
          .executeTakeFirst(),
      )
    },

    /** Scheduled → draft; false if it was not scheduled. */
    async markUnscheduled(id: number, now: Date): Promise<boolean> {
      return changed(
        await db
          .updateTable('releases')
          .set({ status: 'draft', publish_at: null, updated_at: now.toISOString() })
          .where('id', '=', id)
          .where('status', '=', 'scheduled')
          .executeTakeFirst(),
      )
    },

    /** Published → withdrawn; false if it was not published. */
    async markWithdrawn(id: number, reason: string | null, now: Date): Promise<boolean> {
      const at = now.toISOString()
      return changed(
        await db
          .updateTable('releases')
          .set({ status: 'withdrawn', withdrawn_at: at, withdrawn_reason: reason, updated_at: at })
          .where('id', '=', id)
          .where('status', '=', 'published')
          .executeTakeFirst(),
      )
    },

    /** Scheduled → published at its publication time (the publish job). */
    async markScheduledPublished(id: number, publishedAt: string, now: Date): Promise<void> {
      await db
        .updateTable('releases')
        .set({ status: 'published', published_at: publishedAt, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .execute()
    },

    /** Staff listing, newest first. */
    listForStaff(query: StaffListQuery): Promise<Release[]> {
      let q = db.selectFrom('releases').selectAll('releases')
      if (query.newsroomIds) q = q.where('releases.newsroom_id', 'in', query.newsroomIds)
      if (query.status) q = q.where('releases.status', '=', query.status)
      if (query.type) q = q.where('releases.type', '=', query.type)
      const lang = query.lang
      if (lang) {
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('release_versions')
              .select('release_versions.id')
              .whereRef('release_versions.release_id', '=', 'releases.id')
              .where('release_versions.lang', '=', lang),
          ),
        )
      }
      const keyword = query.keywordSlug
      if (keyword !== undefined) {
        q = q.where(taggedWith(keyword))
      }
      if (query.beforeId !== undefined) q = q.where('releases.id', '<', query.beforeId)
      return q.orderBy('releases.id', 'desc').limit(query.limit).execute()
    },

    // ---- versions ----

    async versionTitles(releaseId: number): Promise<{ lang: Lang; title: string }[]> {
      return db
        .selectFrom('release_versions')
        .select(['lang', 'title'])
        .where('release_id', '=', releaseId)
        .execute()
    },

    /**
     * Slugs other releases of the newsroom use in this language that are `base` or start with
     * `base-`: everything a unique slug made from `base` must avoid, in one query.
     */
    async slugsLike(
      newsroomId: number,
      lang: Lang,
      releaseId: number,
      base: string,
    ): Promise<Set<string>> {
      const rows = await db
        .selectFrom('release_versions')
        .select('slug')
        .where('newsroom_id', '=', newsroomId)
        .where('lang', '=', lang)
        .where('release_id', '!=', releaseId)
        // Slugs hold only a–z, 0–9 and hyphens, so the prefix has no LIKE wildcards.
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
      return new Set(rows.map((r) => r.slug))
    },

    /** Adds versions in one insert; SlugInUseError if a slug was taken meanwhile. */
    async insertVersions(
      release: { id: number; newsroomId: number },
      versions: VersionValues[],
      now: Date,
    ): Promise<void> {
      if (versions.length === 0) return
      const at = now.toISOString()
      await refusingTakenSlugs(() =>
        db
          .insertInto('release_versions')
          .values(
            versions.map((v) => ({
              release_id: release.id,
              newsroom_id: release.newsroomId,
              lang: v.lang,
              slug: v.slug,
              title: v.title,
              lead: v.lead,
              body_md: v.bodyMarkdown,
              body_html: v.bodyHtml,
              updated_at: at,
            })),
          )
          .execute(),
      )
    },

    /** Rewrites an existing version; SlugInUseError if its slug was taken meanwhile. */
    async updateVersion(releaseId: number, version: VersionValues, now: Date): Promise<void> {
      await refusingTakenSlugs(() =>
        db
          .updateTable('release_versions')
          .set({
            slug: version.slug,
            title: version.title,
            lead: version.lead,
            body_md: version.bodyMarkdown,
            body_html: version.bodyHtml,
            updated_at: now.toISOString(),
          })
          .where('release_id', '=', releaseId)
          .where('lang', '=', version.lang)
          .execute(),
      )
    },

    async deleteVersions(releaseId: number, langs: Lang[]): Promise<void> {
      if (langs.length === 0) return
      await db
        .deleteFrom('release_versions')
        .where('release_id', '=', releaseId)
        .where('lang', 'in', langs)
        .execute()
    },

    /** Release rows by id (any order). */
    findByIds(ids: number[]): Promise<Release[]> {
      if (ids.length === 0) return Promise.resolve([])
      return db.selectFrom('releases').selectAll().where('id', 'in', ids).execute()
    },

    // ---- keywords ----

    /** Links exactly these keyword terms to the release, in this order. */
    async replaceKeywords(releaseId: number, termIds: number[]): Promise<void> {
      await db.deleteFrom('release_terms').where('release_id', '=', releaseId).execute()
      if (termIds.length === 0) return
      await db
        .insertInto('release_terms')
        .values(
          termIds.map((termId, position) => ({ release_id: releaseId, term_id: termId, position })),
        )
        .execute()
    },

    // ---- contacts ----

    /** The newsroom's contact people, by name. */
    listContacts(newsroomId: number): Promise<ContactRow[]> {
      return db
        .selectFrom('contacts')
        .select(['id', 'name', 'titles', 'phone', 'email'])
        .where('newsroom_id', '=', newsroomId)
        .orderBy('name')
        .orderBy('id')
        .execute()
    },

    /** Contacts of the newsroom with any of these names, oldest first. */
    findContactsByName(newsroomId: number, names: string[]): Promise<ContactRow[]> {
      if (names.length === 0) return Promise.resolve([])
      return db
        .selectFrom('contacts')
        .select(['id', 'name', 'titles', 'phone', 'email'])
        .where('newsroom_id', '=', newsroomId)
        .where('name', 'in', names)
        .orderBy('id')
        .execute()
    },

    async updateContact(id: number, values: { titles: string; phone: string | null }) {
      await db.updateTable('contacts').set(values).where('id', '=', id).execute()
    },

    /** Adds contacts in one insert; returns them with their ids. */
    async insertContacts(
      newsroomId: number,
      contacts: NewContact[],
      now: Date,
    ): Promise<ContactRow[]> {
      if (contacts.length === 0) return []
      return db
        .insertInto('contacts')
        .values(
          contacts.map((c) => ({
            newsroom_id: newsroomId,
            name: c.name,
            titles: c.titles,
            phone: c.phone,
            email: c.email,
            created_at: now.toISOString(),
          })),
        )
        .returning(['id', 'name', 'titles', 'phone', 'email'])
        .execute()
    },

    /** Links exactly these contacts to the release. */
    async replaceContactLinks(
      releaseId: number,
      links: { contactId: number; position: number }[],
    ): Promise<void> {
      await db.deleteFrom('release_contacts').where('release_id', '=', releaseId).execute()
      if (links.length === 0) return
      await db
        .insertInto('release_contacts')
        .values(
          links.map((l) => ({
            release_id: releaseId,
            contact_id: l.contactId,
            position: l.position,
          })),
        )
        .execute()
    },

    // ---- corrections ----

    async insertCorrection(values: {
      releaseId: number
      note: string
      notify: boolean
      now: Date
    }): Promise<number> {
      const row = await db
        .insertInto('corrections')
        .values({
          release_id: values.releaseId,
          note: values.note,
          notify: values.notify ? 1 : 0,
          created_at: values.now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },
  }
}

export type ReleaseRepository = ReturnType<typeof createReleaseRepository>
