/**
 * Tenant isolation: an editor of one newsroom sees and acts on the subscribers of that newsroom
 * only — lists, search, counts, export, import, suppressions — and never reads the outbox, where
 * every newsroom's emails carry personal links. Someone outside the scope is answered as
 * someone who does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { createSubscriber, listSubscribers } from '../../src/core/subscription/staff.js'
import { addSuppression, checkSuppression } from '../../src/core/subscription/suppressions.js'
import { subscriptionDeps } from '../../src/wiring/subscription.js'
import { SYSTEM } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

const consent = { source: 'press event sign-up 2025', at: '2025-09-29T10:00:00Z' }

describe.each(DB_KINDS)('tenant isolation of subscriber data (%s)', (kind) => {
  let h: AdminHarness
  /** Editor of the other newsroom ("muu") only. */
  let outsider: Session
  let editor: Session
  let homeSlug = ''
  let homeSubscriber = 0

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    const other = await createNewsroom(h.content, SYSTEM, {
      slug: 'muu',
      languages: ['fi'],
      name: { fi: 'Muu uutishuone' },
    })
    const subs = subscriptionDeps(h.deps)
    const home = await createSubscriber(subs, SYSTEM, {
      email: 'koti.toimittaja@example.fi',
      newsrooms: ['lansi-uusimaa'],
      languages: ['fi'],
      status: 'confirmed',
      consent,
    })
    homeSubscriber = home.id
    homeSlug = home.newsrooms[0]
    await createSubscriber(subs, SYSTEM, {
      email: 'muu.toimittaja@example.fi',
      newsrooms: ['muu'],
      languages: ['fi'],
      status: 'confirmed',
      consent,
    })
    await addSuppression(subs, SYSTEM, { email: 'koti.toimittaja@example.fi', reason: 'manual' })
    outsider = await h.signIn('editor', { newsroomIds: [other.id] })
    editor = await h.signIn('editor')
  })
  afterAll(() => h.close())

  it('lists, searches and counts only the subscribers of their own newsroom', async () => {
    const page = await (await outsider.get('/admin/subscribers')).text()
    expect(page).toContain('muu.toimittaja@example.fi')
    expect(page).not.toContain('koti.toimittaja@example.fi')
    const search = await (await outsider.get('/admin/subscribers?q=koti')).text()
    expect(search).not.toContain('koti.toimittaja@example.fi')
    const mine = await (await editor.get('/admin/subscribers?q=toimittaja')).text()
    expect(mine).toContain('koti.toimittaja@example.fi')
    expect(mine).not.toContain('muu.toimittaja@example.fi')
  })

  it('exports only their own subscribers, refuses another newsroom and names an unknown one', async () => {
    const csv = await (await outsider.get('/admin/subscribers/export.csv')).text()
    expect(csv).toContain('muu.toimittaja@example.fi')
    expect(csv).not.toContain('koti.toimittaja@example.fi')
    expect((await outsider.get(`/admin/subscribers/export.csv?newsroom=${homeSlug}`)).status).toBe(
      403,
    )
    expect((await outsider.get('/admin/subscribers/export.csv?newsroom=ei-ole')).status).toBe(422)
  })

  it('cannot import confirmed subscribers into another newsroom; nothing is written', async () => {
    const form = new FormData()
    form.set('_csrf', outsider.csrf)
    const csv = `email,newsrooms,consent_source,consented_at\nohitus@example.fi,${homeSlug},x,2025-09-29T10:00:00Z`
    form.set('file', new File([csv], 'list.csv', { type: 'text/csv' }))
    const res = await h.app.request('http://tiedote.test/admin/subscribers/import', {
      method: 'POST',
      body: form,
      headers: { cookie: [...outsider.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Nothing was imported')
    expect(await h.deps.repos.subscribers.findByEmail('ohitus@example.fi')).toBeUndefined()
  })

  it('cannot lift, check or see the suppression of another newsroom’s subscriber', async () => {
    const page = await (await outsider.get('/admin/subscribers')).text()
    expect(page).not.toContain('koti.toimittaja@example.fi')
    const lift = await outsider.post('/admin/subscribers/suppressions/lift', {
      _csrf: outsider.csrf,
      email: 'koti.toimittaja@example.fi',
    })
    expect(lift.status).toBe(200)
    const subs = subscriptionDeps(h.deps)
    expect(await checkSuppression(subs, SYSTEM, 'koti.toimittaja@example.fi')).toMatchObject({
      suppressed: true,
    })
    const actor = { ...SYSTEM, role: 'editor' as const, newsroomIds: [-1], label: 'user:x' }
    await expect(checkSuppression(subs, actor, 'koti.toimittaja@example.fi')).rejects.toThrow(
      /No subscriber/,
    )
    await expect(
      addSuppression(subs, actor, { email: 'koti.toimittaja@example.fi', reason: 'manual' }),
    ).rejects.toThrow(/No subscriber/)
    // Their own editor sees it and may lift it.
    expect(await (await editor.get('/admin/subscribers')).text()).toContain(
      'koti.toimittaja@example.fi',
    )
  })

  it('is answered "no such subscriber" for one outside the scope, in the core', async () => {
    const subs = subscriptionDeps(h.deps)
    const actor = { ...SYSTEM, role: 'editor' as const, newsroomIds: [-1], label: 'user:x' }
    const { items } = await listSubscribers(subs, actor)
    expect(items).toEqual([])
    const { getSubscriber, deleteSubscriber } = await import('../../src/core/subscription/staff.js')
    await expect(getSubscriber(subs, actor, homeSubscriber)).rejects.toThrow(/No subscriber/)
    await expect(deleteSubscriber(subs, actor, homeSubscriber)).rejects.toThrow(/No subscriber/)
    await expect(
      createSubscriber(subs, actor, {
        email: 'uusi@example.fi',
        languages: ['fi'],
        newsrooms: [homeSlug],
      }),
    ).rejects.toThrow(/access to this newsroom/)
    expect(await h.deps.repos.subscribers.findByEmail('uusi@example.fi')).toBeUndefined()
  })

  it('keeps the outbox, with every newsroom’s personal links, to administrators', async () => {
    expect((await outsider.get('/admin/outbox')).status).toBe(403)
    expect((await editor.get('/admin/outbox')).status).toBe(403)
  })
})
