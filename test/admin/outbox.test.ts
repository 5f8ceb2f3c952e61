import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminHarness } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

describe('dev outbox viewer', () => {
  let h: AdminHarness
  /** The outbox holds every newsroom's emails with personal links: administrators only. */
  let editor: Session

  beforeAll(async () => {
    h = await createAdminHarness('sqlite')
    editor = await h.signIn('admin')
    await h.deps.mailer.send({
      from: 'Tiedote <no-reply@tiedote.test>',
      to: 'anna@example.fi',
      subject: 'Uusi terveysasema – Ny hälsostation',
      text: 'Tekstiversio: asema avataan maaliskuussa.',
      html: '<p>HTML-versio</p><script>parent.document.title="pwned"</script><img src=x onerror="alert(1)">',
    })
  })
  afterAll(() => h.close())

  it('lists the messages written instead of sent', async () => {
    const res = await editor.get('/admin/outbox')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('SMTP_URL is not set')
    expect(html).toContain('Uusi terveysasema – Ny hälsostation')
    expect(html).toContain('anna@example.fi')
  })

  it('shows a message’s HTML only inside a sandboxed frame, and its text as text', async () => {
    const list = await (await editor.get('/admin/outbox')).text()
    const name = /href="\/admin\/outbox\/([^"]+\.eml)"/.exec(list)![1]
    const res = await editor.get(`/admin/outbox/${name}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`sandbox="allow-same-origin"`)
    expect(html).toContain(`src="/admin/outbox/${name}/html"`)
    // The message's markup never reaches the admin page as markup.
    expect(html).not.toContain('HTML-versio')
    expect(html).not.toContain('<script>parent')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('Tekstiversio: asema avataan maaliskuussa.')
    // Headers as people read them: the encoded subject decoded.
    expect(html).toMatch(
      /<dt>Subject<\/dt>\s*<dd>\s*<code>Uusi terveysasema – Ny hälsostation<\/code>/,
    )

    // The frame's own document: the email's inline styles allowed, scripts and the rest not.
    const frame = await editor.get(`/admin/outbox/${name}/html`)
    expect(frame.status).toBe(200)
    expect(await frame.text()).toContain('<p>HTML-versio</p>')
    const csp = frame.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("style-src 'unsafe-inline'")
    expect(csp).toMatch(/sandbox allow-same-origin$/)
    expect(csp).not.toContain('script-src')
    expect(frame.headers.get('x-frame-options')).toBe('SAMEORIGIN')

    const raw = await editor.get(`/admin/outbox/${name}/raw`)
    expect(raw.headers.get('content-type')).toBe('message/rfc822')
    expect(await raw.text()).toContain('Subject:')
  })

  it('opens nothing outside the outbox and keeps editors and contributors out', async () => {
    expect((await editor.get('/admin/outbox/..%2F..%2Fsecret')).status).toBe(404)
    expect((await editor.get('/admin/outbox/secret')).status).toBe(404)
    const contributor = await h.signIn('contributor')
    expect((await contributor.get('/admin/outbox')).status).toBe(403)
    const newsroomEditor = await h.signIn('editor')
    expect((await newsroomEditor.get('/admin/outbox')).status).toBe(403)
  })
})

describe('outbox viewer with SMTP configured', () => {
  it('does not exist', async () => {
    const h = await createAdminHarness('sqlite', { env: { SMTP_URL: 'smtp://127.0.0.1:2525' } })
    try {
      const admin = await h.signIn('admin')
      expect((await admin.get('/admin/outbox')).status).toBe(404)
      expect(await (await admin.get('/admin')).text()).not.toContain('href="/admin/outbox"')
    } finally {
      await h.close()
    }
  })
})
