/**
 * Everything a release view is assembled from, read in one round of parallel queries for a
 * page of releases (never one query per release).
 */
import type { Release } from '../schema.js'
import type { Executor } from './index.js'

export type ReleaseRow = Release

export function createReleaseViewRepository(db: Executor) {
  return {
    async parts(releaseIds: number[], newsroomIds: number[]) {
      const ids = releaseIds
      const [newsrooms, versions, keywords, contacts, attachments, renditions, corrections] =
        await Promise.all([
          db
            .selectFrom('newsrooms')
            .select(['id', 'slug', 'languages'])
            .where('id', 'in', newsroomIds)
            .execute(),
          // Named columns: on PostgreSQL the row also holds its search vector, which no page needs.
          db
            .selectFrom('release_versions')
            .select([
              'id',
              'release_id',
              'newsroom_id',
              'lang',
              'slug',
              'title',
              'lead',
              'body_md',
              'body_html',
              'updated_at',
            ])
            .where('release_id', 'in', ids)
            .execute(),
          db
            .selectFrom('release_terms')
            .innerJoin('keyword_terms', 'keyword_terms.id', 'release_terms.term_id')
            .select(['release_terms.release_id', 'keyword_terms.slug', 'keyword_terms.labels'])
            .where('release_terms.release_id', 'in', ids)
            .orderBy('release_terms.position')
            .execute(),
          db
            .selectFrom('release_contacts')
            .innerJoin('contacts', 'contacts.id', 'release_contacts.contact_id')
            .select([
              'release_contacts.release_id',
              'contacts.id',
              'contacts.name',
              'contacts.titles',
              'contacts.phone',
              'contacts.email',
            ])
            .where('release_contacts.release_id', 'in', ids)
            .orderBy('release_contacts.position')
            .execute(),
          db
            .selectFrom('attachments')
            .selectAll()
            .where('release_id', 'in', ids)
            .orderBy('position')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('image_renditions')
            .selectAll()
            .where('attachment_id', 'in', (eb) =>
              eb.selectFrom('attachments').select('id').where('release_id', 'in', ids),
            )
            .orderBy('width')
            .execute(),
          db
            .selectFrom('corrections')
            .selectAll()
            .where('release_id', 'in', ids)
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
        ])
      return { newsrooms, versions, keywords, contacts, attachments, renditions, corrections }
    },

    /** The events of those of the releases that are invitations with one. */
    events(releaseIds: number[]) {
      return db
        .selectFrom('release_events')
        .selectAll()
        .where('release_id', 'in', releaseIds)
        .execute()
    },
  }
}

export type ReleaseViewRepository = ReturnType<typeof createReleaseViewRepository>
