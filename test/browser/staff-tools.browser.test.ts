/**
 * Staff tools in Chromium with mail written to the dev outbox: a test send answers with a
 * redirect and a message (a reload sends nothing), the outbox viewer shows the email with its
 * own inline styles in a frame fitted to its height, and the new pages pass axe (WCAG 2.1 AA).
 */
import { readdir } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelease } from '../../src/core/release/releases.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { axeViolations, launchChromium, serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { SYSTEM, createStaffUser } from '../helpers/actors.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { startAppProcess } from '../helpers/harness.js'
import type { AppProcess } from '../helpers/harness.js'

const PASSWORD = 'a long browser password'

/** The few browser types the page functions use (the project's TypeScript has no DOM library). */
type Win = { getComputedStyle(element: unknown): { fontSize: string } }
type Doc = { documentElement: { scrollHeight: number } }

describe('staff tools in Chromium', () => {
  let setup: TestSetup
  let web: AppProcess
  let served: ServedApp | undefined
  let browser: Browser
  let releaseId = 0

  beforeAll(async () => {
    setup = await createTestSetup('sqlite', {})
    web = await startAppProcess(setup.config)
    const newsroom = await seedNewsroom(web.content, { timezone: 'Europe/Helsinki' })
    await createStaffUser(web.deps, {
      email: 'admin@example.fi',
      role: 'admin',
      password: PASSWORD,
      locale: 'fi',
      newsroomIds: [],
    })
    const release = await createRelease(web.content, SYSTEM, {
      newsroom: newsroom.id,
      notify: false,
      versions: {
        fi: { title: 'Uusi terveysasema', lead: 'Asema avataan.', body: '## Aikataulu\n\nTeksti.' },
        sv: { title: 'Ny hälsostation', body: 'Text.' },
      },
    })
    releaseId = release.id
    await publishRelease(web.content, SYSTEM, release.id)
    served = await serveApp(web.app)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await web?.close()
    await setup?.cleanup()
  })

  it('test send redirects with a message; the outbox frame shows the email’s styles', async () => {
    const origin = served!.origin
    const page = await browser.newPage()
    await page.goto(`${origin}/admin/login`)
    await page.locator('#email').fill('admin@example.fi')
    await page.locator('#password').fill(PASSWORD)
    await page.locator('form button[type=submit]').click()
    await page.waitForURL(`${origin}/admin`)

    await page.goto(`${origin}/admin/releases/${releaseId}/delivery`)
    await page.getByLabel('Vastaanottaja').fill('toimitus@example.fi')
    await page.getByRole('button', { name: 'Lähetä testiviesti' }).click()
    await page.waitForURL(/\/delivery\?ok=testSent/)
    await expect
      .poll(() => page.locator('[role=status], .flash, .notice').allTextContents())
      .toContainEqual(
        expect.stringContaining('Testiviesti lähetetty osoitteeseen toimitus@example.fi'),
      )
    // A reload is a GET: nothing is sent again.
    await page.reload()
    const written = (await readdir(setup.config.outboxDir)).filter((n) => n.endsWith('.eml'))
    expect(written).toHaveLength(1)

    await page.goto(`${origin}/admin/outbox`)
    await page.getByRole('link', { name: /Uusi terveysasema/ }).click()
    const frame = page.frameLocator('iframe.email-frame')
    // The email's inline style (24 px) applies, not the browser's default h1 size (32 px).
    await expect
      .poll(() =>
        frame
          .locator('h1')
          .evaluate((h) => (globalThis as unknown as Win).getComputedStyle(h).fontSize),
      )
      .toBe('24px')
    const sizes = await page.locator('iframe.email-frame').evaluate((f) => {
      const frame = f as unknown as { clientHeight: number; contentDocument: Doc }
      return {
        frame: frame.clientHeight,
        content: frame.contentDocument.documentElement.scrollHeight,
      }
    })
    expect(Math.abs(sizes.frame - sizes.content)).toBeLessThan(8)
    // Headers decoded: the subject reads as written.
    expect(await page.locator('dl.headers').last().textContent()).toContain('Uusi terveysasema')

    const problems: Record<string, string[]> = {}
    for (const path of [
      page.url().replace(origin, ''),
      '/admin/outbox',
      '/admin',
      `/admin/releases/${releaseId}/delivery`,
      '/admin/audit',
      '/admin/subscribers',
    ]) {
      await page.goto(`${origin}${path}`)
      const violations = await axeViolations(page)
      if (violations.length) problems[path] = violations
    }
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(`${origin}/admin`)
      const violations = await axeViolations(page)
      if (violations.length) problems[`/admin@${width}`] = violations
    }
    expect(problems).toEqual({})
    await page.close()
  }, 120_000)
})
