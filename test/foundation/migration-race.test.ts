import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createDb } from '../../src/db/index.js'
import { testEnv } from '../../src/env.js'
import { createTestDatabase, uniqueName } from '../helpers/env.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

describe('migrations on a PostgreSQL shared with other installations', () => {
  const client = new pg.Client({ connectionString: testEnv.databaseUrl() })
  afterAll(() => client.end())

  it('succeed while other schemas are created and dropped at the same time', async () => {
    await client.connect()
    let churning = true
    const churn = (async () => {
      while (churning) {
        const name = uniqueName('churn')
        await client.query(
          `create schema ${name}; create table ${name}.t (id serial primary key, a text, b text)`,
        )
        await client.query(`drop schema ${name} cascade`)
      }
    })()
    try {
      for (let i = 0; i < 6; i++) {
        const test = await createTestDatabase('postgres', mkdtempSync(join(tmpdir(), 'tdt-')))
        const database = createDb(test.url)
        try {
          expect(await database.migrate()).toContain('0001-initial')
        } finally {
          await database.close()
          await test.drop()
        }
      }
    } finally {
      churning = false
      await churn
    }
  })
})
