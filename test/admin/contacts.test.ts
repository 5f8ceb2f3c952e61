/**
 * The contacts directory in the admin: editors add a press contact with a job title and group
 * per language and list it on the public page; refusals are shown in the staff member's language
 * and write nothing; contributors only read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

describe.each(DB_KINDS)('contacts in the admin (%s)', (kind) => {
  let h: AdminHarness
  let editor: Session
  let page = ''

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    editor = await h.signIn('editor', { locale: 'sv' })
    page = `/admin/contacts?newsroom=${h.newsroomId}`
  })
  afterAll(() => h.close())

  const count = async () =>
    (await h.deps.database.db.selectFrom('contacts').select('id').execute()).length

  it('adds a contact with titles and groups per language; the public page lists it', async () => {
    const added = await editor.post(page, {
      _csrf: editor.csrf,
      name: 'Mikaela Lindholm',
      'title.fi': 'viestintäjohtaja',
      'title.sv': 'kommunikationsdirektör',
      'group.fi': 'Viestintä',
      'group.sv': 'Kommunikation',
      phone: '+358 40 000 0002',
      email: 'mikaela.lindholm@example.fi',
      position: '1',
      inDirectory: '1',
    })
    expect(added.status).toBe(303)
    const list = await (await editor.get(page)).text()
    expect(list).toContain('Mikaela Lindholm')
    expect(list).toContain('viestintäjohtaja / kommunikationsdirektör')
    expect(list).toContain('På sidan · Kommunikation')
    const pub = await (await h.app.request('http://tiedote.test/sv/lansi-uusimaa/contacts')).text()
    expect(pub).toContain('kommunikationsdirektör')
  })

  it('refuses a bad address in Swedish, keeping what was typed, writing nothing', async () => {
    const before = await count()
    const res = await editor.post(page, {
      _csrf: editor.csrf,
      name: 'Anna Sahiluoma',
      email: 'inte en adress',
      phone: 'ring mig',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Anna Sahiluoma"')
    expect(html).toMatch(/id="email-error"/)
    expect(html).toMatch(/id="phone-error"/)
    expect(await count()).toBe(before)
  })

  it('takes a contact off the page and deletes one no release names', async () => {
    const [contact] = await h.deps.database.db.selectFrom('contacts').select('id').execute()
    const edit = await (await editor.get(`/admin/contacts/${contact.id}`)).text()
    expect(edit).toContain('value="kommunikationsdirektör"')
    const saved = await editor.post(`/admin/contacts/${contact.id}`, {
      _csrf: editor.csrf,
      name: 'Mikaela Lindholm',
      'title.fi': 'viestintäjohtaja',
      'title.sv': 'kommunikationsdirektör',
      position: '1',
    })
    expect(saved.status).toBe(303)
    const pub = await (await h.app.request('http://tiedote.test/sv/lansi-uusimaa/contacts')).text()
    expect(pub).not.toContain('Mikaela Lindholm')
    const deleted = await editor.post(`/admin/contacts/${contact.id}/delete`, {
      _csrf: editor.csrf,
    })
    expect(deleted.status).toBe(303)
    expect(await count()).toBe(0)
  })

  it('lets a contributor read the list but not change it', async () => {
    const contributor = await h.signIn('contributor')
    expect((await contributor.get(page)).status).toBe(200)
    const refused = await contributor.post(page, { _csrf: contributor.csrf, name: 'X' })
    expect(refused.status).toBe(403)
    expect(await count()).toBe(0)
  })
})
