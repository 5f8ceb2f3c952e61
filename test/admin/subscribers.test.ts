import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import { addSuppression } from '../../src/core/subscription/suppressions.js'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness, multipart } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

const CSV = [
  'email,languages,newsrooms,consent_source,consented_at',
  'anna.andersson@example.fi,sv fi,lansi-uusimaa,press event sign-up 2025,2025-09-29T10:00:00Z',
  'matti.virtanen@example.fi,fi,lansi-uusimaa,press event sign-up 2025,2025-09-29T10:00:00Z',
].join('\n')

describe.each(DB_KINDS)('subscribers page (%s)', (kind) => {
  let h: AdminHarness
  let editor: Session

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    editor = await h.signIn('editor')
  })
  afterAll(() => h.close())

  it('checks a CSV first, then imports it and shows the counts', async () => {
    const check = await multipart(h, editor, '/admin/subscribers/import', {
      file: new File([CSV], 'list.csv', { type: 'text/csv' }),
      dry_run: '1',
    })
    expect(check.status).toBe(200)
    expect(await check.text()).toContain(
      'Checked: 2 rows, all valid. Nothing has been imported yet.',
    )

    const imported = await multipart(h, editor, '/admin/subscribers/import', {
      file: new File([CSV], 'list.csv', { type: 'text/csv' }),
    })
    const html = await imported.text()
    expect(html).toContain('Imported: 2 new, 0 updated, 0 skipped.')
    expect(html).toMatch(/data-status-count="confirmed">2</)
    expect(html).toMatch(/data-lang-count="sv">1</)
    expect(html).toMatch(/data-lang-count="fi">1</)
  })

  it('shows row errors and imports nothing from a file with a bad row', async () => {
    const bad = `${CSV.split('\n')[0]}\nnot-an-address,fi,lansi-uusimaa,x,2025-09-29T10:00:00Z\nnew.person@example.fi,fi,lansi-uusimaa,,`
    const res = await multipart(h, editor, '/admin/subscribers/import', {
      file: new File([bad], 'bad.csv', { type: 'text/csv' }),
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Nothing was imported because the file has errors.')
    expect(html).toContain('<code>consent_source</code>')
    const search = await (await editor.get('/admin/subscribers?q=new.person')).text()
    expect(search).toContain('No matches.')
  })

  it('searches by address and exports CSV', async () => {
    const html = await (await editor.get('/admin/subscribers?q=ANNA')).text()
    expect(html).toContain('anna.andersson@example.fi')
    expect(html).not.toContain('matti.virtanen@example.fi</td>')

    const csv = await editor.get('/admin/subscribers/export.csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toContain('attachment')
    const body = await csv.text()
    expect(body.split('\n')[0]).toContain('email,languages,newsrooms')
    expect(body).toContain('anna.andersson@example.fi,sv fi,lansi-uusimaa')
  })

  it('lists suppressions and lifts one', async () => {
    await addSuppression(subscriptionDeps(h.deps), null, {
      email: 'matti.virtanen@example.fi',
      reason: 'hard-bounce',
      detail: '550 5.1.1 <matti.virtanen@example.fi> User unknown',
    })
    const list = await (await editor.get('/admin/subscribers')).text()
    expect(list).toContain('Hard bounce')
    expect(list).toContain('550 5.1.1 &lt;address&gt; User unknown')
    expect(list).toContain('aria-label="Lift: matti.virtanen@example.fi"')

    const lifted = await editor.post('/admin/subscribers/suppressions/lift', {
      _csrf: editor.csrf,
      email: 'matti.virtanen@example.fi',
    })
    const html = await lifted.text()
    expect(html).toContain('Suppression lifted: matti.virtanen@example.fi.')
    expect(html).toContain('The suppression list is empty.')
    const row = await h.deps.database.db
      .selectFrom('subscribers')
      .select('suppressed_at')
      .where('email_normalized', '=', 'matti.virtanen@example.fi')
      .executeTakeFirstOrThrow()
    expect(row.suppressed_at).toBeNull()
  })

  it('keeps contributors out and refuses forms without the CSRF token', async () => {
    const contributor = await h.signIn('contributor')
    expect((await contributor.get('/admin/subscribers')).status).toBe(403)
    expect((await contributor.get('/admin/subscribers/export.csv')).status).toBe(403)
    const lift = await contributor.post('/admin/subscribers/suppressions/lift', {
      _csrf: contributor.csrf,
      email: 'anna.andersson@example.fi',
    })
    expect(lift.status).toBe(403)
    const noToken = await editor.post('/admin/subscribers/suppressions/lift', {
      email: 'anna.andersson@example.fi',
    })
    expect(noToken.status).toBe(403)
  })
})
