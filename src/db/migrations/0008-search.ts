/**
 * Full-text search over release versions, stemmed in each version's language so that an
 * inflected Finnish or Swedish word finds its other forms ("strategiaa" finds "strategian").
 *
 * - PostgreSQL: a stored generated `tsvector` column on `release_versions` built with the
 *   `finnish`, `swedish` or `english` text search configuration, and a GIN index on it.
 * - SQLite: an FTS5 table of Snowball stems (`search_stems(lang, text)`, a function the app
 *   registers on each connection, `src/core/search/stems.ts`), kept current by triggers.
 *
 * Which versions may be found (published releases only) is decided at query time.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Dialect } from '../index.js'

const searchedText = sql.raw(
  `coalesce(title, '') || ' ' || coalesce(lead, '') || ' ' || coalesce(body_md, '')`,
)

export function searchMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await sql`alter table release_versions add column search tsvector generated always as (
          to_tsvector(
            case lang when 'fi' then 'finnish'::regconfig when 'sv' then 'swedish'::regconfig
              else 'english'::regconfig end,
            ${searchedText})) stored`.execute(db)
        await sql`create index release_versions_search_idx on release_versions using gin (search)`.execute(
          db,
        )
        return
      }
      await sql`create virtual table release_search using fts5(
        stems, version_id unindexed, tokenize = 'unicode61 remove_diacritics 0')`.execute(db)
      await sql`insert into release_search (rowid, stems, version_id)
        select id, search_stems(lang, ${searchedText}), id from release_versions`.execute(db)
      await sql`create trigger release_search_insert after insert on release_versions begin
        insert into release_search (rowid, stems, version_id)
        values (new.id, search_stems(new.lang, coalesce(new.title, '') || ' ' || coalesce(new.lead, '') || ' ' || coalesce(new.body_md, '')), new.id);
      end`.execute(db)
      await sql`create trigger release_search_update after update of title, lead, body_md, lang on release_versions begin
        delete from release_search where rowid = old.id;
        insert into release_search (rowid, stems, version_id)
        values (new.id, search_stems(new.lang, coalesce(new.title, '') || ' ' || coalesce(new.lead, '') || ' ' || coalesce(new.body_md, '')), new.id);
      end`.execute(db)
      await sql`create trigger release_search_delete after delete on release_versions begin
        delete from release_search where rowid = old.id;
      end`.execute(db)
    },
  }
}
