import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContainer } from '../../src/container.js'
import type { Container } from '../../src/container.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { contentDeps } from '../../src/wiring/content.js'
import { sql } from 'kysely'
import { importSubscribersCsv } from '../../src/core/subscription/csv.js'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import {
  AUDIENCE_TABLES,
  BULK_CHANGE_ROWS,
  refreshStaleStatistics,
} from '../../src/db/statistics.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { addManySubscribers } from '../helpers/subscribers.js'
import { SYSTEM as admin } from '../helpers/actors.js'

describe.each(['postgres', 'sqlite'] as const)('table statistics (%s)', (kind) => {
  let setup: TestSetup
  let container: Container
  beforeAll(async () => {
    setup = await createTestSetup(kind)
    container = await createContainer(setup.config)
    await container.database.migrate()
    if (kind === 'postgres') {
      // Autovacuum may analyze the new tables on its own at any moment; keep it out of the way
      // so the tests see what the product does.
      for (const table of AUDIENCE_TABLES) {
        await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(
          container.database.db,
        )
      }
    }
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

  it('are refreshed by a CSV import of many subscribers, so a release can go out right after', async () => {
    await createNewsroom(contentDeps(container), admin, {
      slug: 'tuonti',
      languages: ['fi', 'sv'],
      name: { fi: 'Tuonti', sv: 'Import' },
    })
    const lines = Array.from(
      { length: BULK_CHANGE_ROWS },
      (_, i) =>
        `tuotu${i}@example.fi,${i % 3 === 0 ? 'sv' : 'fi'},tuonti,Messut 2025,2025-09-29T14:48:00Z`,
    )
    const csv = ['email,languages,newsrooms,consent_source,consented_at', ...lines].join('\n')
    const report = await importSubscribersCsv(subscriptionDeps(container), admin, csv)
    expect(report).toMatchObject({ imported: true, created: BULK_CHANGE_ROWS, errors: [] })
    if (kind === 'sqlite') return
    const { rows } = await sql<{ relname: string; last_analyze: Date | null }>`
      select relname, last_analyze from pg_stat_user_tables
      where schemaname = current_schema()
        and relname in ('subscribers', 'subscriptions', 'subscriber_languages')`.execute(
      container.database.db,
    )
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(row.last_analyze, row.relname).not.toBeNull()
  })
})
