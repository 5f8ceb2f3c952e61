/**
 * PostgreSQL plans queries from table statistics that autovacuum refreshes only some time after
 * a bulk change. A fan-out right after many subscribers were imported would otherwise page
 * through them with a plan made for a nearly empty table: measured at 100,000 subscribers,
 * ~200 ms per audience page instead of ~5 ms, and the first email half a second later.
 * SQLite needs nothing here.
 */
import { PostgresAdapter, sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** The tables a release's audience is read from, and the rows written for it. */
export const AUDIENCE_TABLES = [
  'subscribers',
  'subscriptions',
  'subscriber_languages',
  'deliveries',
] as const

/** Below this many changed rows a table's statistics are left to autovacuum. */
export const BULK_CHANGE_ROWS = 1000

/**
 * Analyzes those of `tables` that changed by more than 10 % (and 1,000 rows) since they were
 * last analyzed; returns their names. A no-op on SQLite.
 */
export async function refreshStaleStatistics(
  db: Kysely<Database>,
  tables: readonly string[] = AUDIENCE_TABLES,
): Promise<string[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return []
  const { rows } = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and relname = any(${[...tables]})
      and n_mod_since_analyze > greatest(${BULK_CHANGE_ROWS}, 0.1 * n_live_tup)`.execute(db)
  const stale = rows.map((row) => row.relname)
  await analyzeTables(db, stale)
  return stale
}

/**
 * Analyzes `tables` now (PostgreSQL; a no-op on SQLite). For a writer that knows it has just
 * changed many rows: its own counters reach `pg_stat_user_tables` only about a second later.
 */
export async function analyzeTables(db: Kysely<Database>, tables: readonly string[]) {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db)
}
