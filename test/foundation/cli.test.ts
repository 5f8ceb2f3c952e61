import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/index.js'
import { sha256, verifyPassword } from '../../src/core/auth/secrets.js'
import { startService } from '../../src/main.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { runCli } from '../helpers/process.js'

async function run(args: string[], env: Record<string, string>) {
  const proc = runCli(args, env)
  const code = await proc.exited()
  return { code, output: proc.output() }
}

describe('tiedote CLI', () => {
  const setups: TestSetup[] = []
  afterAll(async () => {
    for (const setup of setups) await setup.cleanup()
  })

  it('stops on bad configuration with one line per problem and exit code 1', async () => {
    const { code, output } = await run(['serve'], {
      DATABASE_URL: 'mysql://x',
      PORT: 'abc',
      DATA_DIR: '/tmp/tiedote-cli-bad',
    })
    expect(code).toBe(1)
    const lines = output.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^Configuration error: PORT="abc"/)
    expect(lines[1]).toMatch(/^Configuration error: DATABASE_URL="mysql:\/\/x"/)
    expect(output).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it('creates API tokens, printing the token last and storing only its hash', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const { code, output } = await run(['token', 'create', '--name', 'newsdesk'], setup.childEnv)
    expect(code).toBe(0)
    const token = output.trim().split('\n').at(-1)!
    expect(token).toMatch(/^tdt_[A-Za-z0-9_-]{40,}$/)
    const database = createDb(setup.config.databaseUrl)
    const rows = await sql<{ token_hash: string }>`select token_hash from api_tokens`.execute(
      database.db,
    )
    await database.close()
    expect(rows.rows).toEqual([{ token_hash: sha256(token) }])
  })

  it('creates users with a one-time password', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const { code, output } = await run(
      ['user', 'create', '--email', 'Editor@Example.fi', '--role', 'editor'],
      setup.childEnv,
    )
    expect(code).toBe(0)
    const password = output.trim().split('\n').at(-1)!
    const database = createDb(setup.config.databaseUrl)
    const user = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    await database.close()
    expect(user.email).toBe('editor@example.fi')
    expect(user.role).toBe('editor')
    expect(user.must_change_password).toBe(1)
    expect(await verifyPassword(password, user.password_hash)).toBe(true)

    const again = await run(
      ['user', 'create', '--email', 'editor@example.fi', '--role', 'editor'],
      setup.childEnv,
    )
    expect(again.code).toBe(1)
    expect(again.output.trim()).toBe(
      'Error: A user with the email editor@example.fi already exists',
    )
  })

  it('resets a password and disables a user, as an administrator would', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const created = await run(
      ['user', 'create', '--email', 'toimittaja@example.fi', '--role', 'editor'],
      setup.childEnv,
    )
    const first = created.output.trim().split('\n').at(-1)!
    const reset = await run(
      ['user', 'reset-password', '--email', 'toimittaja@example.fi'],
      setup.childEnv,
    )
    expect(reset.code).toBe(0)
    const second = reset.output.trim().split('\n').at(-1)!
    expect(second).not.toBe(first)
    const disabled = await run(
      ['user', 'disable', '--email', 'toimittaja@example.fi'],
      setup.childEnv,
    )
    expect(disabled.code).toBe(0)
    expect(disabled.output.trim()).toBe('toimittaja@example.fi: editor, disabled.')
    const database = createDb(setup.config.databaseUrl)
    const user = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    const actions = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .orderBy('id')
      .execute()
    await database.close()
    expect(await verifyPassword(second, user.password_hash)).toBe(true)
    expect(user.disabled_at).not.toBeNull()
    expect(actions).toEqual([
      { actor: 'system:cli', action: 'user.create' },
      { actor: 'system:cli', action: 'user.password-reset' },
      { actor: 'system:cli', action: 'user.update' },
    ])
    const unknown = await run(['user', 'disable', '--email', 'ei@example.fi'], setup.childEnv)
    expect(unknown.code).toBe(1)
    expect(unknown.output.trim()).toBe('Error: No user with the email ei@example.fi')
  })

  it('records users and tokens it creates in the audit log, as the command line', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const user = await run(
      ['user', 'create', '--email', 'desk@example.fi', '--role', 'contributor'],
      setup.childEnv,
    )
    expect(user.code).toBe(0)
    const token = await run(['token', 'create', '--name', 'newsdesk'], setup.childEnv)
    expect(token.code).toBe(0)
    const database = createDb(setup.config.databaseUrl)
    const { id: userId } = await database.db
      .selectFrom('users')
      .select('id')
      .executeTakeFirstOrThrow()
    const { id: tokenId } = await database.db
      .selectFrom('api_tokens')
      .select('id')
      .executeTakeFirstOrThrow()
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject', 'details'])
      .orderBy('id')
      .execute()
    await database.close()
    expect(entries.map((e) => ({ ...e, details: JSON.parse(e.details) }))).toEqual([
      {
        actor: 'system:cli',
        action: 'user.create',
        subject: `user:${userId}`,
        details: { role: 'contributor', newsroomIds: [] },
      },
      {
        actor: 'system:cli',
        action: 'token.create',
        subject: `token:${tokenId}`,
        details: { name: 'newsdesk', role: 'admin' },
      },
    ])
  })

  it('records the administrator of the first start in the audit log', async () => {
    const setup = await createTestSetup('sqlite')
    setups.push(setup)
    const service = await startService(setup.config, 'web')
    const admin = await service.container.database.db
      .selectFrom('users')
      .select(['id', 'email'])
      .executeTakeFirstOrThrow()
    const entries = await service.container.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject'])
      .where('action', '=', 'user.create')
      .execute()
    await service.stop()
    expect(admin.email).toBe('admin@example.com')
    expect(entries).toEqual([
      { actor: 'system:first-start', action: 'user.create', subject: `user:${admin.id}` },
    ])
  })

  it('explains wrong arguments without a stack trace', async () => {
    const { code, output } = await run(['user', 'create', '--email', 'x@y.fi', '--role', 'boss'], {
      DATA_DIR: '/tmp/tiedote-cli-bad',
    })
    expect(code).toBe(1)
    expect(output.trim()).toBe('--role must be admin, editor or contributor')
  })
})
