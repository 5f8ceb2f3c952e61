import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelease } from '../../src/core/release/releases.js'
import { addCorrection, publishRelease } from '../../src/core/release/publishing.js'
import type { DeliveryStatus } from '../../src/core/types.js'
import { DB_KINDS } from '../helpers/env.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { SYSTEM } from '../helpers/actors.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

describe.each(DB_KINDS)('delivery dashboard (%s)', (kind) => {
  let smtp: TestSmtpServer
  let h: AdminHarness
  let editor: Session
  let releaseId = 0

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await createAdminHarness(kind, { env: { SMTP_URL: smtp.url } })
    editor = await h.signIn('editor', { locale: 'en' })
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      versions: {
        fi: { title: 'Uusi terveysasema', body: 'Teksti.' },
        sv: { title: 'Ny hälsostation', body: 'Text.' },
      },
    })
    releaseId = release.id
    await publishRelease(h.content, SYSTEM, release.id)
    // The ledger as the pipeline would leave it mid-way: two sent, one bounced, one waiting.
    const now = h.clock.now().toISOString()
    const rows: [DeliveryStatus, string | null][] = [
      ['sent', '250 2.0.0 Ok'],
      ['sent', '250 2.0.0 Ok'],
      ['failed', '550 5.1.1 <gone@example.fi>: Recipient address rejected: User unknown'],
      ['pending', null],
    ]
    for (const [i, [status, reply]] of rows.entries()) {
      await h.deps.database.db
        .insertInto('deliveries')
        .values({
          release_id: release.id,
          subscriber_id: null,
          kind: 'release',
          lang: 'fi',
          status,
          attempts: status === 'pending' ? 0 : 1,
          smtp_response: reply,
          message_id: `<test.${i}@tiedote.test>`,
          sent_at: status === 'sent' ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute()
    }
  })
  afterAll(async () => {
    await h.close()
    await smtp.close()
  })

  it('shows the send of a correction notice beside the publication’s, named as a correction', async () => {
    const before = await (await editor.get(`/admin/releases/${releaseId}/delivery`)).text()
    expect(before).not.toContain('Correction notices sent')
    const correction = await addCorrection(h.content, SYSTEM, releaseId, {
      note: { fi: 'Aukioloaika korjattu.' },
      notify: true,
    })
    // The correction's ledger as the pipeline leaves it: one sent, one failed.
    const now = h.clock.now().toISOString()
    for (const [i, status] of (['sent', 'failed'] as DeliveryStatus[]).entries()) {
      await h.deps.database.db
        .insertInto('deliveries')
        .values({
          release_id: releaseId,
          subscriber_id: null,
          kind: `correction-${correction.id}`,
          lang: 'fi',
          status,
          attempts: 1,
          smtp_response: status === 'sent' ? '250 2.0.0 Ok' : '550 5.1.1 User unknown',
          message_id: `<test.correction.${i}@tiedote.test>`,
          sent_at: status === 'sent' ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute()
    }
    const html = await (await editor.get(`/admin/releases/${releaseId}/delivery`)).text()
    expect(html).toContain('Correction notices sent')
    const row = /<tr data-correction-send[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1]!
    const cells = [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1])
    // Audience, sent, pending, failed after the date.
    expect(cells.slice(1)).toEqual(['2', '1', '0', '1'])
    // The publication's own figures are unchanged by the correction's send.
    expect(html).toContain('3 / 4 (75 %)')
  })

  it('shows progress and failures with the server’s reply, also as JSON for the page script', async () => {
    const html = await (await editor.get(`/admin/releases/${releaseId}/delivery`)).text()
    expect(html).toContain('3 / 4 (75 %)')
    expect(html).toContain('Delivery is in progress.')
    expect(html).toContain('550 5.1.1 &lt;gone@example.fi&gt;: Recipient address rejected')
    expect(html).toMatch(/<progress[^>]*max="4"[^>]*value="3"/)
    expect(html).toContain(`data-progress-url="/admin/releases/${releaseId}/delivery.json"`)

    const json = await (await editor.get(`/admin/releases/${releaseId}/delivery.json`)).json()
    expect(json).toMatchObject({
      audience: 4,
      sent: 2,
      failed: 1,
      pending: 1,
      open: 1,
      percent: 75,
      done: false,
      progressText: '3 / 4 (75 %)',
      statusText: 'Delivery is in progress.',
    })
  })

  it('sends a test of the real message to the signed-in user, answered with a redirect', async () => {
    const res = await editor.post(`/admin/releases/${releaseId}/test-send`, {
      _csrf: editor.csrf,
      lang: 'sv',
    })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(new RegExp(`^/admin/releases/${releaseId}/delivery\\?ok=testSent&`))
    const page = await (await editor.get(location)).text()
    expect(page).toContain(`Test message sent to ${editor.email}.`)
    // No transport internals on the page.
    expect(page).not.toMatch(/250 |queued|\.eml/)
    const [mail] = await smtp.waitFor(1)
    expect(mail.to).toEqual([editor.email])
    expect(mail.parsed.subject).toContain('Ny hälsostation')
  })

  it('sends a test to a chosen address, and back to the editor when sent from there', async () => {
    const res = await editor.post(`/admin/releases/${releaseId}/test-send`, {
      _csrf: editor.csrf,
      lang: 'fi',
      to: 'toimitus@example.fi',
      back: 'editor',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(new RegExp(`^/admin/releases/${releaseId}\\?`))
    const mails = await smtp.waitFor(2)
    expect(mails[1].to).toEqual(['toimitus@example.fi'])

    const bad = await editor.post(`/admin/releases/${releaseId}/test-send`, {
      _csrf: editor.csrf,
      to: 'not an address',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Check the recipient’s email address.')
  })

  it('stops sending after a confirmation step: what was pending is cancelled', async () => {
    const confirm = await (await editor.get(`/admin/releases/${releaseId}/cancel-sending`)).text()
    expect(confirm).toContain('Messages not yet sent are cancelled.')
    const res = await editor.post(`/admin/releases/${releaseId}/cancel-sending`, {
      _csrf: editor.csrf,
    })
    expect(res.headers.get('location')).toBe(
      `/admin/releases/${releaseId}/delivery?ok=sendingCancelled`,
    )
    const html = await (await editor.get(res.headers.get('location')!)).text()
    expect(html).toContain('Sending stopped.')
    expect(html).toContain('4 / 4 (100 %)')
    expect(html).toContain('Delivery is complete.')
    expect(html).not.toContain('Stop sending…')
  })
})
