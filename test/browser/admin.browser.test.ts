/**
 * The staff newsroom in a real browser (Chromium through playwright-core) against the real app,
 * workers, Redis, SQLite and an SMTP server in this process: an editor writes a Finnish–Swedish
 * release with an image, previews it, schedules it seconds ahead and watches it go public and the
 * delivery reach 100 %, then publishes another one at once after the subscriber-count
 * confirmation. A contributor cannot publish; a wrong password is refused. axe-core checks the
 * main admin pages (WCAG 2.1 A/AA) and the editor is checked at phone width (375 px).
 *
 * The app's clock is real time plus an offset the test can move forward, so "a few seconds
 * before the next full minute" can be arranged for the minute-precision schedule form.
 */
import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'
import { axeViolations, launchChromium, serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminStrings } from '../../src/views/i18n/admin/index.js'
import type { Container } from '../../src/container.js'
import { contentDeps } from '../../src/wiring/content.js'
import { getRelease } from '../../src/core/release/releases.js'
import { addMediaContact, createMediaList } from '../../src/core/media-lists/lists.js'
import { utcToZoned } from '../../src/views/admin/zoned-time.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { SYSTEM, createStaffUser } from '../helpers/actors.js'
import { PNG, seedNewsroom } from '../helpers/fixtures.js'
import { startAppProcess } from '../helpers/harness.js'
import type { AppProcess } from '../helpers/harness.js'

const ARTIFACTS = 'test/artifacts'
const PASSWORD = 'a long browser password'

describe('staff newsroom in Chromium', () => {
  let setup: TestSetup
  let web: AppProcess
  let deps: Container
  let smtp: TestSmtpServer
  let served: ServedApp | undefined
  let browser: Browser
  let origin = ''
  let newsroomId = 0
  const offset = { ms: 0 }
  const clock = { now: () => new Date(Date.now() + offset.ms) }
  const errors: string[] = []

  async function signIn(context: BrowserContext, email: string, password = PASSWORD) {
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text())
    })
    // Every request the pages make succeeds, except the refused sign-in and the favicon.
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname
      if (response.status() >= 400 && path !== '/admin/login' && path !== '/favicon.ico')
        errors.push(`${response.status()} ${path}`)
    })
    await page.goto(`${origin}/admin/login`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    return page
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    smtp = await startSmtpServer()
    setup = await createTestSetup('sqlite', { SMTP_URL: smtp.url, SMTP_POOL_SIZE: '2' })
    web = await startAppProcess(setup.config, { clock })
    deps = web.deps
    const newsroom = await seedNewsroom(web.content, {
      timezone: 'Europe/Helsinki',
      boilerplate: { fi: 'Hyvinvointialue.', sv: 'Välfärdsområdet.' },
    })
    newsroomId = newsroom.id
    const db = deps.database.db
    for (const [role, email] of [
      ['editor', 'editor@example.fi'],
      ['contributor', 'writer@example.fi'],
      ['admin', 'admin@example.fi'],
    ] as const) {
      await createStaffUser(deps, {
        email,
        role,
        password: PASSWORD,
        locale: role === 'contributor' ? 'sv' : 'en',
        newsroomIds: role === 'admin' ? [] : [newsroom.id],
      })
    }
    const now = clock.now().toISOString()
    for (const [email, langs] of [
      ['anna@example.fi', ['fi']],
      ['bertil@example.fi', ['sv']],
      ['cecilia@example.fi', ['sv', 'fi']],
    ] as const) {
      const s = await db
        .insertInto('subscribers')
        .values({
          email,
          email_normalized: email,
          status: 'confirmed',
          token_secret: 'secret',
          confirmed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('subscriptions')
        .values({ subscriber_id: s.id, newsroom_id: newsroom.id, created_at: now })
        .execute()
      for (const [position, lang] of langs.entries())
        await db
          .insertInto('subscriber_languages')
          .values({ subscriber_id: s.id, lang, position })
          .execute()
    }
    web.startWorkers()
    served = await serveApp(web.app)
    origin = served.origin
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await web?.close()
    await smtp?.close()
    await setup?.cleanup()
  })

  it('an editor writes, previews, schedules and publishes releases; mail arrives', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    const refused = await signIn(context, 'editor@example.fi', 'wrong password')
    await expect
      .poll(() => refused.locator('#login-error').textContent())
      .toBe(adminStrings.en.invalidLogin)
    await refused.close()

    const page = await signIn(context, 'editor@example.fi')
    await page.waitForURL(`${origin}/admin`)

    // Write a Finnish–Swedish release.
    await page.getByRole('link', { name: 'New release' }).first().click()
    await page.waitForURL(`${origin}/admin/releases/new`)
    await page.fill('#title-fi', 'Uusi terveysasema avataan Raaseporissa')
    await page.fill('#lead-fi', 'Palvelut siirtyvät maaliskuussa uusiin tiloihin.')
    // The body is a rich-text editor that writes Markdown into the (hidden) textarea.
    await page.locator('#body-fi-rich').fill('Asema palvelee arkisin.')
    // At this width the writing area shows one language at a time, in tabs.
    expect(await page.locator('#title-sv').isVisible()).toBe(false)
    await page
      .getByRole('tablist', { name: 'Language versions' })
      .getByRole('tab', { name: /Swedish/ })
      .click()
    await page.fill('#title-sv', 'Ny hälsostation öppnas i Raseborg')
    await page.fill('#lead-sv', 'Tjänsterna flyttar i mars till nya lokaler.')
    await page.locator('#body-sv-rich').fill('Stationen betjänar vardagar.')
    await page.fill('#keywords', 'terveys, Raasepori')
    await page.getByText('Add a new contact').click()
    await page.fill('#contact-name', 'Maija Meikäläinen')
    await page.fill('#contact-title-fi', 'Viestintäpäällikkö')
    await page.fill('#contact-title-sv', 'Kommunikationschef')
    await page.fill('#contact-phone', '+358 40 123 4567')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.waitForURL(/\/admin\/releases\/\d+\?ok=saved$/)
    const id = Number(/releases\/(\d+)/.exec(page.url())![1])
    await expect.poll(() => page.locator('.notice.ok').textContent()).toBe('Saved.')

    expect(await page.inputValue('#body-fi')).toBe('Asema palvelee arkisin.')

    // An image, uploaded in place, then described in both languages.
    await page.setInputFiles('#attachment-file', {
      name: 'terveysasema.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    const item = page.locator('.attachment-list li', { hasText: 'terveysasema.png' })
    await item.getByText('Edit description').click()
    await item.getByLabel('Alternative text (Finnish)').fill('Terveysaseman julkisivu')
    await item.getByLabel('Alternative text (Swedish)').fill('Hälsostationens fasad')
    await item.getByLabel('Caption (Finnish)').fill('Uusi terveysasema')
    await item.getByLabel('Photographer or source').fill('Kuva: Hyvinvointialue')
    await item.getByRole('button', { name: 'Save description' }).click()
    await expect
      .poll(() => page.locator('.attachment-list img').getAttribute('alt'))
      .toBe('Terveysaseman julkisivu')

    // The live preview follows the typing, in the real page template, with the image.
    const preview = page.frameLocator('#preview-pane')
    await expect
      .poll(() => preview.locator('h1').textContent())
      .toBe('Uusi terveysasema avataan Raaseporissa')
    await page.fill('#title-fi', 'Uusi terveysasema avataan Raaseporissa maaliskuussa')
    await expect
      .poll(() => preview.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('Uusi terveysasema avataan Raaseporissa maaliskuussa')
    await expect
      .poll(() =>
        preview
          .locator('figure img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1)
    await page.selectOption('#preview-lang', 'sv')
    await expect
      .poll(() => preview.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('Ny hälsostation öppnas i Raseborg')
    await page.screenshot({ path: `${ARTIFACTS}/admin-editor.png`, fullPage: true })

    // Schedule it for the next full minute, which the app's clock reaches in a few seconds.
    const minute = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000
    offset.ms = minute - 8_000 - Date.now()
    const wall = utcToZoned(new Date(minute), 'Europe/Helsinki')
    await page.fill('#schedule-date', wall.date)
    await page.fill('#schedule-time', wall.time)
    await page.getByRole('button', { name: 'Schedule…' }).click()
    await page.waitForURL(/\/publish\?at=/)
    expect(await page.locator('#audience').textContent()).toContain(
      'The email goes to 3 confirmed subscribers.',
    )
    await page.screenshot({ path: `${ARTIFACTS}/admin-confirm.png`, fullPage: true })
    await page.getByRole('button', { name: 'Confirm schedule' }).click()
    await page.waitForURL(/ok=scheduled/)
    expect(await page.locator('.notice.ok').textContent()).toContain('The release is scheduled:')

    await page
      .getByRole('navigation', { name: 'Administration menu' })
      .getByRole('link', { name: 'Scheduled' })
      .click()
    await expect
      .poll(() => page.locator('.release-list').textContent())
      .toContain('Uusi terveysasema avataan Raaseporissa maaliskuussa')
    await page.goto(`${origin}/admin`)
    await page.screenshot({ path: `${ARTIFACTS}/admin-dashboard.png`, fullPage: true })

    // The worker publishes it on time; readers see it and subscribers get it.
    const content = contentDeps(deps)
    await expect
      .poll(async () => (await getRelease(content, SYSTEM, id)).status, { timeout: 20_000 })
      .toBe('published')
    const published = await getRelease(content, SYSTEM, id)
    const reader = await context.newPage()
    expect((await reader.goto(`${origin}${published.versions.sv!.path}`))?.status()).toBe(200)
    expect(await reader.locator('h1').textContent()).toBe('Ny hälsostation öppnas i Raseborg')
    await reader.close()

    await page.goto(`${origin}/admin/releases/${id}/delivery`)
    await expect
      .poll(() => page.locator('.progress-text').textContent(), { timeout: 20_000 })
      .toBe('3 / 3 (100 %)')
    await expect
      .poll(() => page.locator('[data-progress-status]').textContent())
      .toBe('Delivery is complete.')
    await page.screenshot({ path: `${ARTIFACTS}/admin-delivery.png`, fullPage: true })
    const mails = await smtp.waitFor(3)
    const subjectFor = (address: string) =>
      mails.find((m) => m.to.includes(address))?.parsed.subject ?? ''
    expect(subjectFor('anna@example.fi')).toContain('Uusi terveysasema')
    expect(subjectFor('bertil@example.fi')).toContain('Ny hälsostation')
    expect(subjectFor('cecilia@example.fi')).toContain('Ny hälsostation')

    // A second release, published at once after the confirmation.
    await page.goto(`${origin}/admin/releases/new`)
    await page.fill('#title-fi', 'Kutsu tiedotustilaisuuteen')
    await page.selectOption('#type', 'invitation')
    await page.getByRole('button', { name: 'Publish now…' }).click()
    await page.waitForURL(/\/admin\/releases\/\d+\/publish$/)
    expect(await page.locator('#audience').textContent()).toContain(
      'The email goes to 3 confirmed subscribers.',
    )
    expect(await page.locator('main').textContent()).toContain(
      'this release has no version: Swedish',
    )
    await page.getByRole('button', { name: 'Confirm and publish' }).click()
    await page.waitForURL(/\/delivery\?ok=publishedNow$/)
    await expect
      .poll(() => page.locator('.progress-text').textContent(), { timeout: 20_000 })
      .toBe('3 / 3 (100 %)')
    await smtp.waitFor(6)
    await context.close()
    expect(errors).toEqual([])
    // It waits for a scheduled minute to come and for two deliveries: slow on a busy machine.
  }, 60_000)

  it('a contributor can save a draft but is offered no publishing and is refused by the server', async () => {
    const context = await browser.newContext()
    const page = await signIn(context, 'writer@example.fi')
    await page.waitForURL(`${origin}/admin`)
    await page.goto(`${origin}/admin/releases/new`)
    expect(await page.locator('main').textContent()).toContain(
      'Som medarbetare kan du skriva och spara utkast.',
    )
    expect(await page.getByRole('button', { name: 'Publicera nu…' }).count()).toBe(0)
    await page.fill('#title-fi', 'Avustajan luonnos')
    await page.getByRole('button', { name: 'Spara utkast' }).click()
    await page.waitForURL(/\/admin\/releases\/\d+\?ok=saved$/)
    const id = Number(/releases\/(\d+)/.exec(page.url())![1])
    // Even a hand-made request with a valid form token is refused.
    const status = await page.evaluate(
      `(async () => {
        const csrf = document.querySelector('input[name=_csrf]').value
        const res = await fetch('/admin/releases/${id}/publish', {
          method: 'POST',
          body: new URLSearchParams({ _csrf: csrf }),
        })
        return res.status
      })()`,
    )
    expect(status).toBe(403)
    const noToken = await page.evaluate(
      `fetch('/admin/releases/${id}', { method: 'POST', body: new URLSearchParams({ 'title.fi': 'x' }) }).then((r) => r.status)`,
    )
    expect(noToken).toBe(403)
    expect((await getRelease(contentDeps(deps), SYSTEM, id)).status).toBe('draft')
    await context.close()
  })

  it('the main admin pages have no WCAG 2.1 A/AA violations at 1280 and 390 px', async () => {
    const context = await browser.newContext()
    const page = await signIn(context, 'admin@example.fi')
    await page.waitForURL(`${origin}/admin`)
    const [scheduled] = await deps.database.db
      .selectFrom('releases')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('id')
      .execute()
    const draft = await deps.database.db
      .selectFrom('releases')
      .select('id')
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow()
    const term = await deps.database.db
      .selectFrom('keyword_terms')
      .select('slug')
      .executeTakeFirst()
    const contact = await deps.database.db.selectFrom('contacts').select('id').executeTakeFirst()
    const staff = await deps.database.db.selectFrom('users').select('id').executeTakeFirst()
    const subscriber = await deps.database.db
      .selectFrom('subscribers')
      .select('id')
      .executeTakeFirstOrThrow()
    const media = await deps.database.db
      .selectFrom('attachments')
      .select('id')
      .where('kind', '=', 'image')
      .where('newsroom_id', 'is not', null)
      .executeTakeFirst()
    const file = await deps.database.db
      .selectFrom('attachments')
      .select(['id', 'release_id'])
      .where('release_id', 'is not', null)
      .executeTakeFirst()
    const mediaList = await createMediaList(contentDeps(deps), SYSTEM, newsroomId, {
      name: 'Maakuntalehdet',
    })
    const mediaListId = mediaList.id
    await addMediaContact(contentDeps(deps), SYSTEM, mediaListId, {
      email: 'toimitus@example.fi',
      name: 'Aino Toimittaja',
      outlet: 'Länsi-Lehti',
    })
    // A journalist who opted out: the list shows it with the confirmed "resume sending" step.
    const optedOut = await addMediaContact(contentDeps(deps), SYSTEM, mediaListId, {
      email: 'ei-kiitos@example.fi',
      name: 'Eero Uutinen',
    })
    expect(optedOut.optedOutAt).toBeNull()
    await deps.repos.mediaLists.optOut(
      mediaList.newsroomId,
      'ei-kiitos@example.fi',
      deps.clock.now(),
      'page',
    )
    const paths = [
      '/admin',
      '/admin/releases',
      '/admin/releases/new',
      `/admin/releases/${scheduled.id}`,
      `/admin/releases/${draft.id}`,
      `/admin/releases/${draft.id}/publish`,
      // A media list ticked: the recipient count with the journalists.
      `/admin/releases/${draft.id}/publish?lists=chosen&list=${mediaListId}`,
      `/admin/releases/${scheduled.id}/delivery`,
      `/admin/releases/${scheduled.id}/withdraw`,
      `/admin/releases/${draft.id}/delete`,
      ...(file ? [`/admin/releases/${file.release_id}/attachments/${file.id}/remove`] : []),
      '/admin/scheduled',
      '/admin/keywords',
      ...(term ? [`/admin/keywords/${term.slug}`] : []),
      '/admin/contacts',
      ...(contact ? [`/admin/contacts/${contact.id}`] : []),
      '/admin/media',
      ...(media ? [`/admin/media/${media.id}`] : []),
      '/admin/media-lists',
      `/admin/media-lists/${mediaListId}`,
      `/admin/releases/${draft.id}/embargo`,
      '/admin/subscribers',
      '/admin/subscribers/new',
      `/admin/subscribers/${subscriber.id}`,
      '/admin/newsrooms',
      '/admin/newsrooms/new',
      `/admin/newsrooms/${newsroomId}`,
      '/admin/users',
      ...(staff ? [`/admin/users/${staff.id}`] : []),
      '/admin/tokens',
      '/admin/audit',
      '/admin/webhooks',
      '/admin/password',
    ]
    const problems: Record<string, string[]> = {}
    // Every page at desktop and at phone width, the two widths checked side by side.
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const phone = await signIn(phoneContext, 'admin@example.fi')
    await phone.waitForURL(`${origin}/admin`)
    const checkAll = async (tab: typeof page, width: number) => {
      for (const path of paths) {
        const res = await tab.goto(`${origin}${path}`)
        expect(res?.status(), path).toBe(200)
        const violations = await axeViolations(tab)
        if (violations.length > 0) problems[`${path} at ${width} px`] = violations
        if (
          width === 1280 &&
          (path === '/admin/subscribers' ||
            path === '/admin/audit' ||
            path === `/admin/newsrooms/${newsroomId}`)
        )
          await tab.screenshot({
            path: `${ARTIFACTS}/admin-${path.split('/')[2]}.png`,
            fullPage: true,
          })
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 })
    await Promise.all([checkAll(page, 1280), checkAll(phone, 390)])
    await phoneContext.close()
    // With script, the publish confirmation's recipient count follows the ticked lists.
    await page.goto(`${origin}/admin/releases/${draft.id}/publish`)
    await page.getByLabel(/Maakuntalehdet/).check()
    await expect
      .poll(() => page.locator('#audience').textContent())
      .toContain('1 journalist of them from media lists')
    // The navigation: grouped pages are one click on their group away, the current page and
    // its group are marked, Escape closes an open group, and an open group passes axe.
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${origin}/admin/audit`)
    const nav = page.getByRole('navigation', { name: adminStrings.en.nav })
    expect(await nav.locator('[aria-current="page"]').textContent()).toBe('Audit log')
    expect(await nav.locator('summary.current').textContent()).toBe('Administration')
    const users = nav.getByRole('link', { name: 'Users' })
    expect(await users.isVisible()).toBe(false)
    await nav.locator('summary', { hasText: 'Administration' }).click()
    expect(await users.isVisible()).toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    expect(await users.isVisible()).toBe(false)
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Administration')
    await nav.locator('summary', { hasText: 'Newsroom' }).click()
    await nav.getByRole('link', { name: 'Media lists' }).click()
    await page.waitForURL(`${origin}/admin/media-lists`)
    // The primary links fit on one row at 1280 px.
    const tops = await nav
      .locator('.nav-primary > li')
      .evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
    await page.goto(`${origin}/admin/login`)
    await context.close()
    const guest = await browser.newPage()
    await guest.goto(`${origin}/admin/login`)
    const login = await axeViolations(guest)
    if (login.length) problems['/admin/login'] = login
    await guest.close()
    expect(problems).toEqual({})
  }, 120_000)

  it('the admin pages and the editor fit a 375 px phone screen, one language tab at a time', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } })
    const page = await signIn(context, 'editor@example.fi')
    await page.waitForURL(`${origin}/admin`)
    const release = await deps.database.db
      .selectFrom('releases')
      .select('id')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
    for (const path of [
      '/admin',
      '/admin/releases',
      '/admin/scheduled',
      '/admin/keywords',
      '/admin/contacts',
      '/admin/media',
      '/admin/media-lists',
      '/admin/subscribers',
      `/admin/releases/${release.id}/delivery`,
      `/admin/releases/${release.id}`,
      '/admin/releases/new',
    ]) {
      await page.goto(`${origin}${path}`)
      const width = await page.evaluate('document.documentElement.scrollWidth')
      expect(width, path).toBeLessThanOrEqual(375)
    }
    const tabs = page.getByRole('tablist', { name: 'Language versions' })
    await tabs.getByRole('tab', { name: /Swedish/ }).click()
    expect(await page.locator('#title-sv').isVisible()).toBe(true)
    expect(await page.locator('#title-fi').isVisible()).toBe(false)
    await page.screenshot({ path: `${ARTIFACTS}/admin-editor-phone.png`, fullPage: true })
    await context.close()
  })
})
