/**
 * The tables of this test's own database. Kysely's introspection reads the whole PostgreSQL
 * catalogue, which fails when a test running beside this one drops its schema at that moment;
 * this asks for the current schema only.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'

export async function ownTables<DB>(
  db: Kysely<DB>,
  kind: 'sqlite' | 'postgres',
): Promise<string[]> {
  const rows =
    kind === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(db)
  return rows.rows.map((r) => r.name).sort()
}
