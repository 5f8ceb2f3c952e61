/**
 * The keyword terms page: staff see each term's name in every language with missing ones
 * flagged; editors add, rename, merge and delete; contributors only read. Refusals are shown in
 * the staff member's language and write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelease } from '../../src/core/release/releases.js'
import { SYSTEM } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

describe.each(DB_KINDS)('keyword terms in the admin (%s)', (kind) => {
  let h: AdminHarness
  let editor: Session
  let page = ''

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    editor = await h.signIn('editor', { locale: 'en' })
    page = `/admin/keywords?newsroom=${h.newsroomId}`
  })
  afterAll(() => h.close())

  const terms = () =>
    h.deps.database.db
      .selectFrom('keyword_terms')
      .select(['slug', 'labels'])
      .orderBy('slug')
      .execute()

  it('adds a term with a name per language and lists it, flagging a missing translation', async () => {
    const added = await editor.post(page, {
      _csrf: editor.csrf,
      'label.fi': 'terveysasemat',
      'label.sv': 'hälsostationer',
    })
    expect(added.status).toBe(303)
    await editor.post(page, { _csrf: editor.csrf, 'label.fi': 'Lohja', 'label.sv': '' })
    const html = await (await editor.get(page)).text()
    expect(html).toContain('<td lang="sv" data-label="Swedish">hälsostationer</td>')
    expect(html).toContain('1 translation missing')
    expect(await terms()).toEqual([
      { slug: 'lohja', labels: '{"fi":"Lohja"}' },
      { slug: 'terveysasemat', labels: '{"fi":"terveysasemat","sv":"hälsostationer"}' },
    ])
  })

  it('refuses a name another term has, in the staff member’s language, writing nothing', async () => {
    const before = await terms()
    const clash = await editor.post(page, { _csrf: editor.csrf, 'label.fi': 'LOHJA' })
    expect(clash.status).toBe(409)
    const html = await clash.text()
    expect(html).toContain('Another keyword already has this name. Merge the two instead.')
    expect(html).toContain('aria-invalid="true"')
    const empty = await editor.post(page, { _csrf: editor.csrf, 'label.fi': ' ', 'label.sv': '' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Give a name in at least one language.')
    expect(await terms()).toEqual(before)
  })

  it('renames, merges and deletes; the editor suggests the newsroom’s terms', async () => {
    const edit = await (await editor.get(`/admin/keywords/lohja?newsroom=${h.newsroomId}`)).text()
    expect(edit).toContain('value="Lohja"')
    const saved = await editor.post(`/admin/keywords/lohja?newsroom=${h.newsroomId}`, {
      _csrf: editor.csrf,
      'label.fi': 'Lohja',
      'label.sv': 'Lojo',
      slug: 'lohja',
    })
    expect(saved.status).toBe(303)
    const release = await createRelease(h.content, SYSTEM, {
      newsroom: h.newsroomId,
      keywords: ['Lojo'],
      versions: { fi: { title: 'Lohjan asema' } },
    })
    const editor_ = await (await editor.get(`/admin/releases/${release.id}`)).text()
    expect(editor_).toContain('list="keyword-terms"')
    expect(editor_).toMatch(/<option value="terveysasemat" label="terveysasemat · hälsostationer">/)
    expect(editor_).toContain('value="Lohja"')

    const merged = await editor.post(`/admin/keywords/lohja/merge?newsroom=${h.newsroomId}`, {
      _csrf: editor.csrf,
      into: 'terveysasemat',
    })
    expect(merged.status).toBe(303)
    const after = await h.deps.repos.releaseViews.parts([release.id], [h.newsroomId])
    expect(after.keywords.map((k) => k.slug)).toEqual(['terveysasemat'])
    const deleted = await editor.post(
      `/admin/keywords/terveysasemat/delete?newsroom=${h.newsroomId}`,
      { _csrf: editor.csrf },
    )
    expect(deleted.status).toBe(303)
    expect(await terms()).toEqual([])
  })

  it('lets a contributor read the list but not change it', async () => {
    const contributor = await h.signIn('contributor', { locale: 'en' })
    const html = await (await contributor.get(page)).text()
    expect(html).not.toContain('Add keyword</button>')
    const refused = await contributor.post(page, { _csrf: contributor.csrf, 'label.fi': 'x' })
    expect(refused.status).toBe(403)
    expect(await terms()).toEqual([])
  })
})
