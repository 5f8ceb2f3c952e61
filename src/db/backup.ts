/**
 * `tiedote backup PATH` and `tiedote restore PATH`: everything an installation's state is made
 * of, in one folder — the database (SQLite through its online backup API, safe while the service
 * runs; PostgreSQL through `pg_dump` in its custom format), the uploaded files and the secret key
 * that signs subscribers' links. Redis holds nothing to keep (queues are rebuilt from the
 * database's outbox), and the dev outbox is left out.
 */
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'

export class BackupError extends Error {}

export interface BackupManifest {
  format: 1
  createdAt: string
  database: 'sqlite' | 'postgres'
  /** The file under the backup folder holding the database. */
  databaseFile: string
  files: number
}

interface BackupConfig {
  databaseUrl: string
  filesDir: string
  secretKey: string
}

const sqlitePath = (url: string) => url.slice('sqlite:'.length)

/** PostgreSQL connection URL without our own `schema` parameter, and that schema. */
function postgresTarget(url: string): { url: string; schema?: string } {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? undefined
  parsed.searchParams.delete('schema')
  return { url: parsed.toString(), schema }
}

function run(command: string, args: string[], what: string) {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new BackupError(
      `${command} is not installed: install the PostgreSQL client tools (Debian: apt-get install postgresql-client) to ${what}`,
    )
  if (result.status !== 0)
    throw new BackupError(`${command} failed: ${(result.stderr || result.stdout).trim()}`)
}

const countFiles = (dir: string): number =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).reduce(
        (n, entry) => n + (entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1),
        0,
      )
    : 0

export async function backup(config: BackupConfig, target: string, now: Date) {
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new BackupError(`${target} is not empty: give a new or empty folder`)
  mkdirSync(target, { recursive: true })
  const sqlite = config.databaseUrl.startsWith('sqlite:')
  const databaseFile = sqlite ? 'database.sqlite' : 'database.pgdump'
  if (sqlite) {
    const source = new BetterSqlite3(sqlitePath(config.databaseUrl), { fileMustExist: true })
    try {
      await source.backup(join(target, databaseFile))
    } finally {
      source.close()
    }
  } else {
    const { url, schema } = postgresTarget(config.databaseUrl)
    run(
      'pg_dump',
      [
        '--format=custom',
        '--no-owner',
        ...(schema ? [`--schema=${schema}`] : []),
        `--file=${join(target, databaseFile)}`,
        url,
      ],
      'back up a PostgreSQL database',
    )
  }
  if (existsSync(config.filesDir))
    cpSync(config.filesDir, join(target, 'files'), { recursive: true })
  writeFileSync(join(target, 'secret'), config.secretKey, { mode: 0o600 })
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    database: sqlite ? 'sqlite' : 'postgres',
    databaseFile,
    files: countFiles(join(target, 'files')),
  }
  writeFileSync(join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/**
 * Puts a backup back: the database replaced (stop the service and its workers first), the files
 * added back, and the secret key written where the configuration reads it (`DATA_DIR/secret`)
 * unless `SECRET_KEY` is set — then the two must match.
 */
export function restore(
  config: BackupConfig & { dataDir: string },
  source: string,
): BackupManifest {
  const manifestPath = join(source, 'manifest.json')
  if (!existsSync(manifestPath)) throw new BackupError(`${source} holds no Tiedote backup`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest
  const sqlite = config.databaseUrl.startsWith('sqlite:')
  if ((manifest.database === 'sqlite') !== sqlite)
    throw new BackupError(
      `The backup is of a ${manifest.database} database; DATABASE_URL names ${sqlite ? 'SQLite' : 'PostgreSQL'}`,
    )
  const secret = readFileSync(join(source, 'secret'), 'utf8')
  // The configuration's key came from SECRET_KEY unless it is the one in DATA_DIR/secret.
  const secretFile = join(config.dataDir, 'secret')
  const secretFromEnv =
    !existsSync(secretFile) || readFileSync(secretFile, 'utf8').trim() !== config.secretKey
  if (secretFromEnv && secret !== config.secretKey)
    throw new BackupError(
      'SECRET_KEY differs from the backup’s secret key: links in emails sent before would stop working. Set SECRET_KEY to the backup’s (its file "secret") or unset it',
    )
  if (sqlite) {
    const path = sqlitePath(config.databaseUrl)
    // The backup is one consistent file; leftover WAL files of the old database must not apply.
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    cpSync(join(source, manifest.databaseFile), path)
  } else {
    const { url, schema } = postgresTarget(config.databaseUrl)
    run(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        ...(schema ? [`--schema=${schema}`] : []),
        `--dbname=${url}`,
        join(source, manifest.databaseFile),
      ],
      'restore a PostgreSQL database',
    )
  }
  if (existsSync(join(source, 'files')))
    cpSync(join(source, 'files'), config.filesDir, { recursive: true })
  if (!secretFromEnv) writeFileSync(secretFile, secret, { mode: 0o600 })
  return manifest
}
