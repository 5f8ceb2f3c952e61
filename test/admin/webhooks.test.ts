/**
 * The webhooks page (administrators): a refused address is explained in the staff member's
 * language and writes nothing; a new hook's secret is shown once on a page no one keeps; a hook
 * is changed, turned off, rotated and deleted; one disabled after five days of failed calls is
 * announced at the top of the page. Editors do not get the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

describe.each(DB_KINDS)('webhooks in the admin (%s)', (kind) => {
  let h: AdminHarness
  let admin: Session

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    admin = await h.signIn('admin', { locale: 'fi' })
  })
  afterAll(() => h.close())

  const hooks = () => h.deps.database.db.selectFrom('webhooks').selectAll().execute()

  it('adds, shows the secret once, edits, rotates, announces a disabled hook and deletes', async () => {
    const refused = await admin.post('/admin/webhooks', {
      _csrf: admin.csrf,
      url: 'file:///etc/passwd',
      events: ['release.published'],
    })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Anna täysi http- tai https-osoite')
    const noEvents = await admin.post('/admin/webhooks', {
      _csrf: admin.csrf,
      url: 'https://93.184.216.34/hook',
    })
    expect(await noEvents.text()).toContain('Valitse vähintään yksi tapahtuma.')
    expect(await hooks()).toHaveLength(0)

    const added = await admin.post('/admin/webhooks', {
      _csrf: admin.csrf,
      url: 'https://93.184.216.34/hook',
      description: 'Uutisdeski',
      events: ['release.published', 'release.withdrawn'],
    })
    expect(added.status).toBe(200)
    expect(added.headers.get('cache-control')).toBe('no-store')
    const [hook] = await hooks()
    expect(await added.text()).toContain(hook.secret)
    // Shown once: neither the list nor the hook's page carries it.
    const list = await (await admin.get('/admin/webhooks')).text()
    expect(list).toContain('https://93.184.216.34/hook')
    expect(list).not.toContain(hook.secret)
    expect(await (await admin.get(`/admin/webhooks/${hook.id}`)).text()).not.toContain(hook.secret)

    // The form sends every field: leaving "enabled" unticked turns the hook off.
    const saved = await admin.post(`/admin/webhooks/${hook.id}`, {
      _csrf: admin.csrf,
      url: 'https://93.184.216.34/other',
      events: ['release.updated'],
    })
    expect(saved.status).toBe(303)
    const [changed] = await hooks()
    expect(changed).toMatchObject({
      url: 'https://93.184.216.34/other',
      events: '["release.updated"]',
    })
    expect(changed.disabled_at).not.toBeNull()

    const rotated = await admin.post(`/admin/webhooks/${hook.id}/rotate`, { _csrf: admin.csrf })
    const [afterRotation] = await hooks()
    expect(afterRotation.previous_secret).toBe(hook.secret)
    expect(await rotated.text()).toContain(afterRotation.secret)

    // A hook the workers disabled after five days of failures is announced.
    await h.deps.database.db
      .updateTable('webhooks')
      .set({ failing_since: '2026-01-01T10:00:00.000Z' })
      .execute()
    expect(await (await admin.get('/admin/webhooks')).text()).toContain(
      '1 webhook poistettiin käytöstä',
    )

    const editor = await h.signIn('editor')
    expect((await editor.get('/admin/webhooks')).status).toBe(403)
    expect(await (await editor.get('/admin')).text()).not.toContain('/admin/webhooks')

    const deleted = await admin.post(`/admin/webhooks/${hook.id}/delete`, { _csrf: admin.csrf })
    expect(deleted.status).toBe(303)
    expect(await hooks()).toHaveLength(0)
  })
})
