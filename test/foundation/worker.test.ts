import { getPriority } from 'node:os'
import { createRepositories } from '../../src/db/repositories/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../src/container.js'
import { addOutboxRow, OUTBOX_KINDS } from '../../src/queue/outbox.js'
import type { TestSetup } from '../helpers/env.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { runCli } from '../helpers/process.js'
import type { ServiceProcess } from '../helpers/process.js'
import { startSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import type { TestSmtpServer } from '../helpers/smtp.js'

describe('web side → Redis → worker process → SMTP', () => {
  let app: TestApp
  let setup: TestSetup
  let smtp: TestSmtpServer
  let web: Container
  let worker: ServiceProcess | undefined

  beforeAll(async () => {
    smtp = await startSmtpServer()
    app = await startTestApp('sqlite', { smtp, realTime: true })
    ;({ setup, deps: web } = app)
  })
  afterAll(async () => {
    worker?.kill('SIGKILL')
    await app?.close()
  })

  it('a job enqueued by the web side is processed by a separate worker process', async () => {
    const id = await addOutboxRow(createRepositories(web.database.db), web.clock, {
      kind: OUTBOX_KINDS.email,
      payload: { template: 'diagnostic', to: 'desk@example.fi' },
    })
    await web.dispatcher.dispatch([id])

    // The default priority: other tests start their workers at normal priority (WORKER_NICE=0).
    const { WORKER_NICE: _, ...env } = setup.childEnv
    worker = runCli(['serve', '--role', 'worker'], { ...env, LOG_LEVEL: 'info' })
    const [mail] = await smtp.waitFor(1)
    expect(mail.to).toEqual(['desk@example.fi'])
    expect(mail.parsed.subject).toBe('Tiedote: test message')

    // The worker marks the row done just after the server accepted the message.
    const row = await eventually(async () => {
      const outbox = await web.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      return outbox.done_at ? outbox : undefined
    })
    expect(row?.done_at).not.toBeNull()
  })

  it('runs at a lower CPU priority than a web process (nice 10)', async () => {
    const running = worker!
    await running.waitForOutput(/workers started/)
    expect(getPriority(running.child.pid!)).toBe(10)
  })

  it('the worker stops cleanly on SIGTERM', async () => {
    const running = worker!
    await running.waitForOutput(/workers started/)
    running.kill('SIGTERM')
    expect(await running.exited()).toBe(0)
    worker = undefined
  })
})
