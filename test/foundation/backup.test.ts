/**
 * Backups: `tiedote backup PATH` takes the database (SQLite's online backup while a connection is
 * open; PostgreSQL through pg_dump), the uploaded files and the secret key; `restore` puts them
 * back, refusing a different database kind and a SECRET_KEY that would break sent links.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../src/core/auth/actor.js'
import { createStaffUser } from '../../src/core/auth/users.js'
import { createManualClock } from '../../src/clock.js'
import { BackupError, backup, restore } from '../../src/db/backup.js'
import { createDb } from '../../src/db/index.js'
import { createRepositories } from '../../src/db/repositories/index.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { runCli } from '../helpers/process.js'

const clock = createManualClock(new Date('2026-03-02T08:00:00Z'))

describe.each(DB_KINDS)('backup and restore (%s)', (kind) => {
  const setups: TestSetup[] = []
  afterAll(async () => {
    for (const setup of setups) await setup.cleanup()
  })

  const emails = async (setup: TestSetup) => {
    const database = createDb(setup.config.databaseUrl)
    try {
      const users = await createRepositories(database.db).users.listByEmail()
      return users.map((u) => u.email)
    } finally {
      await database.close()
    }
  }
  const addUser = async (setup: TestSetup, email: string) => {
    const database = createDb(setup.config.databaseUrl)
    try {
      await database.migrate()
      await createStaffUser(createRepositories(database.db), clock, systemActor('cli'), {
        email,
        role: 'editor',
      })
    } finally {
      await database.close()
    }
  }

  it('takes the database, the files and the secret key, and puts them back', async () => {
    const setup = await createTestSetup(kind)
    setups.push(setup)
    await addUser(setup, 'ennen@example.fi')
    mkdirSync(join(setup.config.filesDir, 'ab'), { recursive: true })
    writeFileSync(join(setup.config.filesDir, 'ab', 'ab12.png'), 'kuva')
    const folder = join(mkdtempSync(join(tmpdir(), 'tiedote-backup-')), 'varmuuskopio')

    // Taken while a connection is open, as a running service would hold one.
    const open = createDb(setup.config.databaseUrl)
    const manifest = await backup(setup.config, folder, clock.now())
    await open.close()
    expect(manifest).toMatchObject({ format: 1, database: kind, files: 1 })
    expect(readdirSync(folder).sort()).toEqual(
      ['files', 'manifest.json', 'secret', manifest.databaseFile].sort(),
    )
    expect(readFileSync(join(folder, 'secret'), 'utf8')).toBe(setup.config.secretKey)
    await expect(backup(setup.config, folder, clock.now())).rejects.toBeInstanceOf(BackupError)

    // Later changes, then the restore: the database and files are as they were.
    await addUser(setup, 'jalkeen@example.fi')
    writeFileSync(join(setup.config.filesDir, 'ab', 'ab12.png'), 'muutettu')
    restore(setup.config, folder)
    expect(await emails(setup)).toEqual(['ennen@example.fi'])
    expect(readFileSync(join(setup.config.filesDir, 'ab', 'ab12.png'), 'utf8')).toBe('kuva')

    // A different key in the configuration would break the links in sent emails: refused.
    expect(() => restore({ ...setup.config, secretKey: 'x'.repeat(40) }, folder)).toThrow(
      /SECRET_KEY differs/,
    )
  })
})

// The command's wiring is the same for both databases; spawning it once is enough.
describe('tiedote backup and restore commands', () => {
  const setups: TestSetup[] = []
  afterAll(async () => {
    for (const setup of setups) await setup.cleanup()
  })

  it('is a command: one line for the folder, an error without a stack trace', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const database = createDb(setup.config.databaseUrl)
    await database.migrate()
    await createStaffUser(createRepositories(database.db), clock, systemActor('cli'), {
      email: 'komento@example.fi',
      role: 'editor',
    })
    await database.close()
    const folder = join(mkdtempSync(join(tmpdir(), 'tiedote-backup-')), 'kopio')
    const made = runCli(['backup', folder], setup.childEnv)
    expect(await made.exited()).toBe(0)
    expect(made.output().trim()).toMatch(new RegExp(`^Backed up the sqlite database`))
    const again = runCli(['restore', folder], setup.childEnv)
    expect(await again.exited()).toBe(1)
    expect(again.output().trim()).toBe(
      'The database already holds data: restoring replaces it. Stop the service and run again with --force',
    )
  })
})
