/**
 * Keywords become terms of a newsroom with a label per language. Before, `keywords` was one
 * list for the whole installation with one label (the text as first typed), so a Swedish page
 * showed the Finnish word. Now:
 *
 * - `keyword_terms(newsroom_id, slug, labels)`: the slug is stable and unique in the newsroom;
 *   `labels` is JSON `{ fi?, sv?, en? }`;
 * - `keyword_names(newsroom_id, match_key, term_id)`: every label of a term, lower-cased and
 *   without accents, so that "Sote-palvelut", "sote-palvelut" and "SOTE-PALVELUT" find the same
 *   term — and the primary key keeps one name from naming two terms of a newsroom;
 * - `release_terms(release_id, term_id, position)` replaces `release_keywords`.
 *
 * Every keyword a release or a subscription of a newsroom uses becomes a term of that newsroom
 * with today's text as its label in each of the newsroom's languages (staff translate later);
 * subscriptions keep their slugs, which stay the terms' slugs. No release or subscription loses
 * a keyword.
 */
import type { Kysely } from 'kysely'
import type { Dialect } from '../index.js'

/** Frozen copy of the core's `matchKey` as it was when this migration was written. */
const matchKey = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema changes under it
type Db = Kysely<any>

export function keywordTermsMigration(dialect: Dialect) {
  const id = dialect === 'postgres' ? 'serial' : 'integer'
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as Db
      await db.schema
        .createTable('keyword_terms')
        .addColumn('id', id, (col) =>
          dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
        )
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addColumn('slug', 'text', (col) => col.notNull())
        .addColumn('labels', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addUniqueConstraint('keyword_terms_slug_uq', ['newsroom_id', 'slug'])
        .execute()
      await db.schema
        .createTable('keyword_names')
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addColumn('match_key', 'text', (col) => col.notNull())
        .addColumn('term_id', 'integer', (col) =>
          col.notNull().references('keyword_terms.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('keyword_names_pk', ['newsroom_id', 'match_key'])
        .execute()
      await db.schema
        .createIndex('keyword_names_term_idx')
        .on('keyword_names')
        .column('term_id')
        .execute()
      await db.schema
        .createTable('release_terms')
        .addColumn('release_id', 'integer', (col) =>
          col.notNull().references('releases.id').onDelete('cascade'),
        )
        .addColumn('term_id', 'integer', (col) =>
          col.notNull().references('keyword_terms.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('release_terms_pk', ['release_id', 'term_id'])
        .execute()
      await db.schema
        .createIndex('release_terms_term_idx')
        .on('release_terms')
        .columns(['term_id', 'release_id'])
        .execute()

      // Today's keywords as the terms of each newsroom that uses them.
      const now = new Date().toISOString()
      const newsrooms = (await db
        .selectFrom('newsrooms')
        .select(['id', 'languages'])
        .execute()) as {
        id: number
        languages: string
      }[]
      const labelOf = new Map(
        (
          (await db.selectFrom('keywords').select(['slug', 'label']).execute()) as {
            slug: string
            label: string
          }[]
        ).map((k) => [k.slug, k.label]),
      )
      const tagged = (await db
        .selectFrom('release_keywords')
        .innerJoin('keywords', 'keywords.id', 'release_keywords.keyword_id')
        .innerJoin('releases', 'releases.id', 'release_keywords.release_id')
        .select([
          'releases.newsroom_id',
          'release_keywords.release_id',
          'release_keywords.position',
          'keywords.slug',
        ])
        .execute()) as { newsroom_id: number; release_id: number; position: number; slug: string }[]
      const followed = (await db
        .selectFrom('subscriptions')
        .select(['newsroom_id', 'keywords'])
        .where('keywords', 'is not', null)
        .execute()) as { newsroom_id: number; keywords: string }[]

      for (const newsroom of newsrooms) {
        const languages = JSON.parse(newsroom.languages) as string[]
        const slugs = new Set<string>()
        for (const row of tagged) if (row.newsroom_id === newsroom.id) slugs.add(row.slug)
        for (const row of followed)
          if (row.newsroom_id === newsroom.id)
            for (const slug of JSON.parse(row.keywords) as string[]) slugs.add(slug)
        const termOf = new Map<string, number>()
        const taken = new Set<string>()
        for (const slug of [...slugs].sort()) {
          const label = labelOf.get(slug) ?? slug
          const labels = Object.fromEntries(languages.map((lang) => [lang, label]))
          const inserted = (await db
            .insertInto('keyword_terms')
            .values({
              newsroom_id: newsroom.id,
              slug,
              labels: JSON.stringify(labels),
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()) as { id: number }
          termOf.set(slug, inserted.id)
          // Two old keywords whose texts differ only in case or accents: the first keeps the name.
          const key = matchKey(label)
          if (key && !taken.has(key)) {
            taken.add(key)
            await db
              .insertInto('keyword_names')
              .values({ newsroom_id: newsroom.id, match_key: key, term_id: inserted.id })
              .execute()
          }
        }
        const rows = tagged
          .filter((row) => row.newsroom_id === newsroom.id)
          .map((row) => ({
            release_id: row.release_id,
            term_id: termOf.get(row.slug)!,
            position: row.position,
          }))
        for (let i = 0; i < rows.length; i += 300)
          await db
            .insertInto('release_terms')
            .values(rows.slice(i, i + 300))
            .execute()
      }
      await db.schema.dropTable('release_keywords').execute()
      await db.schema.dropTable('keywords').execute()
    },
    // No way down: the terms' translations cannot be folded back into one global label.
  }
}
