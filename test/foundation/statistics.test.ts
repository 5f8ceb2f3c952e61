import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import type { Actor } from '../../src/core/auth/actor.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/core/release/deps.js'
import { sql } from 'kysely'
import { AUDIENCE_TABLES, refreshStaleStatistics } from '../../src/db/statistics.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { addManySubscribers } from '../helpers/subscribers.js'

const admin: Actor = { kind: 'token', id: 0, role: 'admin', newsroomIds: 'all', label: 'test' }

describe.each(['postgres', 'sqlite'] as const)('table statistics (%s)', (kind) => {
  let setup: TestSetup
  let container: Container
  beforeAll(async () => {
    setup = await createTestSetup(kind)
    container = await createContainer(setup.config)
    await container.database.migrate()
  })
  afterAll(async () => {
    await container.close()
    await setup.cleanup()
  })

  it('are refreshed after a bulk import of subscribers, and only then', async () => {
    const { db } = container.database
    const newsroom = await createNewsroom(contentDeps(container), admin, {
      slug: 'tilastot',
      languages: ['fi'],
      name: { fi: 'Tilastot' },
    })
    if (kind === 'sqlite') {
      await addManySubscribers(db, new Date().toISOString(), 3000, newsroom.id)
      expect(await refreshStaleStatistics(db)).toEqual([])
      return
    }
    // Autovacuum may analyze the new tables on its own at any moment; keep it out of the way so
    // the test sees what refreshStaleStatistics does.
    for (const table of AUDIENCE_TABLES) {
      await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(db)
    }
    // PostgreSQL publishes a connection's table counters when it goes idle, at most about once a
    // second. Write on one connection and make it publish them before reading.
    await db.connection().execute(async (connection) => {
      await addManySubscribers(connection, new Date().toISOString(), 3000, newsroom.id)
      await sql`select pg_stat_force_next_flush()`.execute(connection)
      await sql`select 1`.execute(connection)
    })
    expect((await refreshStaleStatistics(db)).sort()).toEqual([
      'subscriber_languages',
      'subscribers',
      'subscriptions',
    ])
    expect(await refreshStaleStatistics(db)).toEqual([])
  })
})
