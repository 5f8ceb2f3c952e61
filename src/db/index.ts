/**
 * One `createDb(url)` for both storage engines: `sqlite:PATH` (embedded default) and
 * `postgres://…`. A `?schema=NAME` parameter on a PostgreSQL URL selects a schema, which is how
 * test runs are isolated from each other on one database.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely'
import type { SqliteDatabase } from 'kysely'
import type { Migration, MigrationProvider } from 'kysely'
import pg from 'pg'
import { initialMigration } from './migrations/0001-initial.js'
import { rateLimitsMigration } from './migrations/0002-rate-limits.js'
import { auditIndexesMigration } from './migrations/0003-audit-indexes.js'
import { outboxReleaseMigration } from './migrations/0004-outbox-release.js'
import { newsroomBrandMigration } from './migrations/0005-newsroom-brand.js'
import { keywordTermsMigration } from './migrations/0006-keyword-terms.js'
import { contactsDirectoryMigration } from './migrations/0007-contacts-directory.js'
import { searchMigration } from './migrations/0008-search.js'
import { mediaBankMigration } from './migrations/0009-media-bank.js'
import { deliveryLeasesMigration } from './migrations/0010-delivery-leases.js'
import { newsroomOldSlugsMigration } from './migrations/0011-newsroom-old-slugs.js'
import { mediaListsMigration } from './migrations/0012-media-lists.js'
import { webhooksMigration } from './migrations/0013-webhooks.js'
import { calendarDigestsMigration } from './migrations/0014-calendar-digests.js'
import { readingCountsMigration } from './migrations/0015-reading-counts.js'
import { mediaOptoutMigration } from './migrations/0016-media-optout.js'
import { deliveryBatchIndexMigration } from './migrations/0017-delivery-batch-index.js'
import { searchStems } from '../core/search/stems.js'
import type { Database } from './schema.js'

export type Dialect = 'sqlite' | 'postgres'

export interface Db {
  db: Kysely<Database>
  /**
   * For reads that must not wait behind this process's own write transactions: public pages,
   * feeds and files. On SQLite a second connection (reads only; WAL lets it read while the other
   * writes), since Kysely runs one SQLite connection's queries one at a time and a send's fan-out
   * holds it for a whole transaction. On PostgreSQL the same pool, which already has several.
   */
  reader: Kysely<Database>
  dialect: Dialect
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<string[]>
  /** Cheap round trip for health checks. */
  ping(): Promise<void>
  close(): Promise<void>
}

export function createDb(url: string): Db {
  const { kysely, reader, dialect, schema } = url.startsWith('sqlite:')
    ? { ...openSqlite(url), schema: undefined }
    : { ...openPostgres(url), reader: undefined }
  return {
    db: kysely,
    reader: reader ?? kysely,
    dialect,
    migrate: () => migrate(kysely, dialect, schema),
    async ping() {
      await sql`select 1`.execute(kysely)
    },
    async close() {
      if (reader) await reader.destroy()
      await kysely.destroy()
    },
  }
}

/** How many prepared statements a SQLite connection keeps: every query shape the app has, twice. */
const STATEMENT_CACHE_SIZE = 500

/**
 * A SQLite connection that prepares each SQL text once. Kysely's driver prepares a statement for
 * every query it runs; compiling the same few hundred query shapes again and again was about 8 % of
 * the web process's time on the subscriber API. Least recently used statements go first, so
 * queries whose text varies (an `in (…)` of many values) cannot grow the cache without bound.
 * A cached statement stays valid across schema changes: SQLite prepares it again itself.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text)
      if (statement) statements.delete(text)
      else statement = database.prepare(text)
      statements.set(text, statement)
      if (statements.size > STATEMENT_CACHE_SIZE)
        statements.delete(statements.keys().next().value as string)
      return statement
    },
  }
}

function openSqlite(url: string) {
  const path = url.slice('sqlite:'.length)
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const database = new SQLite(path)
  // WAL lets web and worker processes read while one writes; busy_timeout waits out short locks.
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('foreign_keys = ON')
  // The full-text index's triggers stem what they index (0008-search).
  database.function('search_stems', { deterministic: true }, (lang, text) =>
    searchStems(String(lang ?? ''), String(text ?? '')),
  )
  let reader: Kysely<Database> | undefined
  if (path !== ':memory:') {
    const readOnly = new SQLite(path)
    readOnly.pragma('busy_timeout = 5000')
    readOnly.pragma('query_only = ON')
    readOnly.function('search_stems', { deterministic: true }, (lang, text) =>
      searchStems(String(lang ?? ''), String(text ?? '')),
    )
    reader = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(readOnly) }),
    })
  }
  return {
    kysely: new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
    }),
    reader,
    dialect: 'sqlite' as const,
  }
}

function openPostgres(url: string) {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema')
  parsed.searchParams.delete('schema')
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {})
  return {
    kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres' as const,
    schema: schema ?? undefined,
  }
}

export const migrationsFor = (dialect: Dialect): Record<string, Migration> => ({
  '0001-initial': initialMigration(dialect),
  '0002-rate-limits': rateLimitsMigration,
  '0003-audit-indexes': auditIndexesMigration,
  '0004-outbox-release': outboxReleaseMigration(dialect),
  '0005-newsroom-brand': newsroomBrandMigration(),
  '0006-keyword-terms': keywordTermsMigration(dialect),
  '0007-contacts-directory': contactsDirectoryMigration(),
  '0008-search': searchMigration(dialect),
  '0009-media-bank': mediaBankMigration(),
  '0010-delivery-leases': deliveryLeasesMigration(),
  '0011-newsroom-old-slugs': newsroomOldSlugsMigration(),
  '0012-media-lists': mediaListsMigration(dialect),
  '0013-webhooks': webhooksMigration(dialect),
  '0014-calendar-digests': calendarDigestsMigration(dialect),
  '0015-reading-counts': readingCountsMigration(),
  '0016-media-optout': mediaOptoutMigration(),
  '0017-delivery-batch-index': deliveryBatchIndexMigration(),
})

async function migrate(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) }
  // The migration bookkeeping tables live in the same schema as the data.
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema })
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest()
    if (!error)
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
    // Kysely looks for its bookkeeping table through the catalogue of every schema; a table or
    // schema dropped by someone else at that moment makes the lookup fail. Each run is one
    // transaction, so trying again is safe.
    if (attempt >= MIGRATION_ATTEMPTS || !isCatalogueRace(error))
      throw error instanceof Error ? error : new Error(String(error))
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50))
  }
}

/**
 * Each attempt can lose the race again while other schemas keep changing (measured: five
 * attempts were not always enough beside a loop creating and dropping schemas nonstop).
 */
const MIGRATION_ATTEMPTS = 10

const CATALOGUE_RACE_CODES = new Set(['3F000', '42703', '42P01', 'XX000'])

function isCatalogueRace(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code
  return code !== undefined && CATALOGUE_RACE_CODES.has(code)
}

export { isUniqueViolation } from './errors.js'
