import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRepositories } from '../../src/db/repositories/index.js'
import { systemClock } from '../../src/clock.js'
import { createDb } from '../../src/db/index.js'
import { createApiToken, createUser } from '../../src/core/auth/users.js'
import { createSession, hiddenField } from '../helpers/browserless.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { freePort } from '../helpers/postgres-server.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'

describe('logs at the most verbose level', () => {
  let setup: TestSetup
  let service: ServiceProcess
  let base = ''
  const password = 'very secret staff password'
  let token = ''

  beforeAll(async () => {
    setup = await createTestSetup('sqlite', { LOG_LEVEL: 'trace' })
    const database = createDb(setup.config.databaseUrl)
    await database.migrate()
    await createUser(createRepositories(database.db), systemClock, {
      email: 'viestinta@example.fi',
      role: 'admin',
      password,
      locale: 'fi',
    })
    token = (await createApiToken(createRepositories(database.db), systemClock, { name: 'ci' }))
      .token
    await database.close()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    service = runCli(['serve', '--role', 'web'], { ...setup.childEnv, PORT: String(port) })
    await service.waitForOutput(/web server listening/)
  })
  afterAll(async () => {
    service?.kill('SIGTERM')
    await service?.exited()
    await setup?.cleanup()
  })

  it('never contain passwords, API tokens, session cookies or the secret key', async () => {
    const http = {
      request: (input: string, init?: RequestInit) => fetch(input, { ...init, redirect: 'manual' }),
    }
    const session = createSession(http, base)
    const wrong = await session.get('/admin/login')
    await session.post('/admin/login', {
      _csrf: hiddenField(await wrong.text(), '_csrf'),
      email: 'viestinta@example.fi',
      password: 'a wrong password 123',
    })
    const login = await session.get('/admin/login')
    const signedIn = await session.post('/admin/login', {
      _csrf: hiddenField(await login.text(), '_csrf'),
      email: 'viestinta@example.fi',
      password,
      next: '/admin',
    })
    expect(signedIn.status).toBe(303)
    expect((await session.get('/admin')).status).toBe(200)

    expect((await fetch(`${base}/api/v1/openapi.json?token=${token}`)).status).toBe(200)
    const api = await fetch(`${base}/api/v1/releases`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(api.status).toBeLessThan(500)
    await fetch(`${base}/api/v1/releases`, { headers: { authorization: 'Bearer tdt_forged' } })

    const logs = service.output()
    expect(logs).toContain('"path":"/admin/login"')
    const sessionCookie = session.jar.get('tiedote_session') ?? ''
    expect(sessionCookie.length).toBeGreaterThan(10)
    for (const secret of [
      password,
      'a wrong password 123',
      token,
      'tdt_forged',
      sessionCookie,
      setup.childEnv.SECRET_KEY,
    ]) {
      expect(logs).not.toContain(secret)
    }
  })
})
