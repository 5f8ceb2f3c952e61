import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

const HEADER = 'email,languages,newsrooms,consent_source,consented_at'
const row = (email: string) =>
  `${email},fi,lansi-uusimaa,press event sign-up 2025,2025-09-29T10:00:00Z`

function importCsv(h: AdminHarness, session: Session, lines: string[], dryRun = false) {
  const form = new FormData()
  form.set('_csrf', session.csrf)
  form.set('file', new File([[HEADER, ...lines].join('\n')], 'list.csv', { type: 'text/csv' }))
  if (dryRun) form.set('dry_run', '1')
  return h.app.request('http://tiedote.test/admin/subscribers/import', {
    method: 'POST',
    body: form,
    headers: { cookie: [...session.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
  })
}

/** Starts publishing a new release and returns the text of its confirmation page. */
async function publishConfirmation(h: AdminHarness, session: Session): Promise<string> {
  const created = await session.post('/admin/releases', {
    _csrf: session.csrf,
    newsroom: String(h.newsroomId),
    type: 'press-release',
    'title.fi': 'Terveysasema avataan',
    notify: '1',
    action: 'publish',
  })
  expect(created.status).toBe(303)
  return (await session.get(created.headers.get('location')!)).text()
}

describe.each(DB_KINDS)('counts agree with their number (%s)', (kind) => {
  let h: AdminHarness
  let swedish: Session
  let english: Session

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    swedish = await h.signIn('editor', { locale: 'sv' })
    english = await h.signIn('editor', { locale: 'en' })
  })
  afterAll(() => h.close())

  it('says one subscriber and one row in the singular, two in the plural', async () => {
    const checked = await importCsv(h, swedish, [row('anna@example.fi')], true)
    expect(await checked.text()).toContain('Kontrollerat: 1 rad, alla korrekta.')
    const first = await importCsv(h, swedish, [row('anna@example.fi')])
    expect(await first.text()).toContain('Importerat: 1 ny, 0 uppdaterade, 0 överhoppade.')

    expect(await publishConfirmation(h, swedish)).toContain(
      'E-post skickas till 1 bekräftad prenumerant.',
    )
    expect(await publishConfirmation(h, english)).toContain(
      'The email goes to 1 confirmed subscriber.',
    )

    const second = await importCsv(h, english, [row('anna@example.fi'), row('matti@example.fi')])
    expect(await second.text()).toContain('Imported: 1 new, 0 updated, 1 skipped.')

    expect(await publishConfirmation(h, swedish)).toContain(
      'E-post skickas till 2 bekräftade prenumeranter.',
    )
    expect(await publishConfirmation(h, english)).toContain(
      'The email goes to 2 confirmed subscribers.',
    )
  })
})
