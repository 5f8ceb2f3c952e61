/**
 * Staff add one subscriber by hand and open one subscriber's page, on SQLite and PostgreSQL with
 * real Redis, workers and an SMTP server: a pending subscriber gets the same confirmation email
 * the public form sends; "already confirmed" needs proof of consent, which is kept; refusals come
 * in the staff member's language, keep what was typed and write nothing; the page shows status,
 * consent records, the latest emails and the audit entries, and only to staff of the
 * subscriber's newsrooms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import { SYSTEM, staffSignIn } from '../helpers/actors.js'
import type { SignIn } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'
import { releaseInput } from '../pipeline/fixtures.js'

describe.each(DB_KINDS)('adding and viewing one subscriber in the admin (%s)', (kind) => {
  let h: TestApp
  let smtp: TestSmtpServer
  let signIn: SignIn
  let newsroomId: number

  beforeAll(async () => {
    smtp = await startSmtpServer()
    h = await startTestApp(kind, { smtp, workers: true })
    newsroomId = (await seedNewsroom(h.content)).id
    await seedNewsroom(h.content, { slug: 'naapuri', name: { fi: 'Naapuri', sv: 'Grannen' } })
    signIn = staffSignIn(h.app, h.deps, { newsroomIds: [newsroomId] })
  })
  afterAll(async () => {
    await h?.close()
  })

  const subscriberCount = async () =>
    Number(
      (
        await h.deps.database.db
          .selectFrom('subscribers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  const idFrom = (location: string | null) =>
    Number(/\/admin\/subscribers\/(\d+)/.exec(location!)![1])

  it('adds a pending subscriber who gets the confirmation email; the page and audit show it', async () => {
    const editor = await signIn('editor')
    const form = await editor.get('/admin/subscribers/new')
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Send a confirmation email (recommended)')
    const before = smtp.messages.length
    const added = await editor.post('/admin/subscribers/new', {
      _csrf: editor.csrf,
      email: 'Uusi.Tilaaja@Example.fi',
      languages: ['sv', 'fi'],
      newsrooms: 'lansi-uusimaa',
      status: 'pending',
    })
    expect(added.status).toBe(303)
    const id = idFrom(added.headers.get('location'))
    const [mail] = await smtp.waitFor(before + 1).then((all) => all.slice(before))
    expect(mail.to.map((a) => a.toLowerCase())).toEqual(['uusi.tilaaja@example.fi'])
    // In the subscriber's first language, with a confirmation link.
    expect(String(mail.parsed.text)).toMatch(/\/confirm\//)

    const page = await editor.get(added.headers.get('location')!)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(
      'Subscriber added. A confirmation email was sent to Uusi.Tilaaja@example.fi.',
    )
    expect(html).toContain('Awaiting confirmation')
    expect(html).toContain('Swedish, Finnish')
    // The history names the staff member and the event.
    expect(html).toMatch(/data-label="Action">Subscriber added</)
    expect(html).toContain(editor.email)
    const audit = await h.deps.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('subject', '=', `subscriber:${id}`)
      .execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'subscriber.create' })])
    expect(audit[0].actor).toMatch(/^user:\d+$/)
    // The list links to the page.
    expect(await (await editor.get('/admin/subscribers?q=uusi')).text()).toContain(
      `href="/admin/subscribers/${id}"`,
    )
  })

  it('refuses in the staff member’s language, keeps the input and writes nothing', async () => {
    const editor = await signIn('editor', { locale: 'fi' })
    const count = await subscriberCount()
    const noProof = await editor.post('/admin/subscribers/new', {
      _csrf: editor.csrf,
      email: 'todiste@example.fi',
      languages: 'fi',
      newsrooms: 'lansi-uusimaa',
      status: 'confirmed',
      consentSource: '',
      consentDate: '',
    })
    expect(noProof.status).toBe(422)
    const html = await noProof.text()
    expect(html).toContain('Kerro, missä suostumus annettiin')
    expect(html).toContain('Anna suostumuksen päivämäärä')
    expect(html).toContain('value="todiste@example.fi"')
    expect(html).toContain('aria-invalid="true"')

    const future = await editor.post('/admin/subscribers/new', {
      _csrf: editor.csrf,
      email: 'todiste@example.fi',
      languages: 'fi',
      newsrooms: 'lansi-uusimaa',
      status: 'confirmed',
      consentSource: 'Messut',
      consentDate: '2099-01-01',
    })
    expect(future.status).toBe(422)
    expect(await future.text()).toContain('Anna suostumuksen päivämäärä')

    const badAddress = await editor.post('/admin/subscribers/new', {
      _csrf: editor.csrf,
      email: 'ei osoite',
      newsrooms: 'lansi-uusimaa',
      status: 'pending',
    })
    expect(badAddress.status).toBe(422)
    const badHtml = await badAddress.text()
    expect(badHtml).toContain('Anna kelvollinen sähköpostiosoite.')
    expect(badHtml).toContain('Valitse vähintään yksi kieli.')

    // Without the form token: refused before anything is read.
    const forged = await editor.post('/admin/subscribers/new', {
      email: 'vaarennetty@example.fi',
      languages: 'fi',
      newsrooms: 'lansi-uusimaa',
    })
    expect(forged.status).toBe(403)
    expect(await subscriberCount()).toBe(count)
  })

  it('adds a confirmed subscriber with proof of consent, and names an address already there', async () => {
    const editor = await signIn('editor')
    const before = smtp.messages.length
    const added = await editor.post('/admin/subscribers/new', {
      _csrf: editor.csrf,
      email: 'messut@example.fi',
      languages: 'fi',
      newsrooms: 'lansi-uusimaa',
      status: 'confirmed',
      consentSource: 'Mässa Åbo, sign-up sheet',
      consentDate: '2026-01-05',
      consentText: 'Haluan tiedotteet sähköpostiin.',
    })
    expect(added.status).toBe(303)
    const id = idFrom(added.headers.get('location'))
    const html = await (await editor.get(added.headers.get('location')!)).text()
    expect(html).toContain('Subscriber added as confirmed; their consent is on record.')
    expect(html).toContain('Mässa Åbo, sign-up sheet')
    expect(html).toContain('Haluan tiedotteet sähköpostiin.')

    const duplicate = await editor.post('/admin/subscribers/new', {
      _csrf: editor.csrf,
      email: 'MESSUT@example.fi',
      languages: 'fi',
      newsrooms: 'lansi-uusimaa',
      status: 'pending',
    })
    expect(duplicate.status).toBe(422)
    const dupHtml = await duplicate.text()
    expect(dupHtml).toContain('This address is already a subscriber.')
    expect(dupHtml).toContain(`href="/admin/subscribers/${id}"`)

    // A release reaches them; their page lists the email.
    const release = await createRelease(h.content, SYSTEM, releaseInput('lansi-uusimaa'))
    await publishRelease(h.content, SYSTEM, release.id, {})
    await eventually(
      async () => smtp.messages.slice(before).some((m) => m.to.includes('messut@example.fi')),
      { what: 'the release email' },
    )
    const page = await eventually(
      async () => {
        const text = await (await editor.get(`/admin/subscribers/${id}`)).text()
        return text.includes('>Sent<') ? text : undefined
      },
      { what: 'the email on the subscriber page' },
    )
    expect(page).toContain(`href="/admin/releases/${release.id}/delivery"`)

    // Staff of another newsroom cannot see them.
    const other = await signIn('editor', {
      newsroomIds: [
        (
          await h.deps.database.db
            .selectFrom('newsrooms')
            .select('id')
            .where('slug', '=', 'naapuri')
            .executeTakeFirstOrThrow()
        ).id,
      ],
    })
    expect((await other.get(`/admin/subscribers/${id}`)).status).toBe(404)
  })
})
