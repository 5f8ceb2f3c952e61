/**
 * The subscription pages in a real browser (Chromium via playwright-core) with axe-core
 * checking WCAG 2.1 A and AA: the subscribe form (also with errors), the confirmation page,
 * the preference centre, the unsubscribe and delete pages, in Finnish, Swedish and English.
 * The subscription itself is done the way a person does it: typing and pressing buttons.
 */
import type { Browser } from 'playwright-core'
import { axeViolations, launchChromium, serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmPath, managePath, startHarness, subscriberRow } from './harness.js'
import type { Harness } from './harness.js'

describe('subscription pages in Chromium', () => {
  let h: Harness
  let served: ServedApp | undefined
  let browser: Browser
  let origin = ''

  beforeAll(async () => {
    h = await startHarness('sqlite')
    served = await serveApp(h.app)
    origin = served.origin
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await h.close()
  })

  it('a reader subscribes, confirms and manages with the keyboard-reachable forms; no WCAG 2.1 AA violations', async () => {
    const page = await browser.newPage()
    const problems: Record<string, string[]> = {}
    const check = async (label: string) => {
      const found = await axeViolations(page)
      if (found.length > 0) problems[label] = found
    }

    for (const path of [
      '/fi/lansi-uusimaa/subscribe',
      '/sv/lansi-uusimaa/subscribe',
      '/en/kaupunki/subscribe',
    ]) {
      expect((await page.goto(`${origin}${path}`))?.status()).toBe(200)
      await check(path)
    }

    // A mistyped address: the form comes back with the message tied to the field.
    await page.goto(`${origin}/fi/lansi-uusimaa/subscribe`)
    await page.getByLabel('Sähköpostiosoite').fill('nimi(at)esimerkki.fi')
    await page.getByRole('button', { name: 'Tilaa' }).click()
    await page.waitForLoadState()
    const email = page.getByLabel('Sähköpostiosoite')
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ')
    expect(await page.locator(`#${describedBy[0]}`).textContent()).toBe(
      'Kirjoita osoite muodossa nimi@esimerkki.fi.',
    )
    await check('subscribe form with errors')

    await email.fill('lukija@example.fi')
    await page.getByLabel('Toinen kieli').selectOption('sv')
    await page.getByLabel('Tiedote', { exact: true }).check()
    await page.getByRole('button', { name: 'Tilaa' }).click()
    await page.waitForLoadState()
    expect(await page.locator('h1').textContent()).toBe('Tarkista sähköpostisi')
    await check('check your inbox')

    const [mail] = await h.smtp.waitFor(1)
    await page.goto(`${origin}${confirmPath(mail)}`)
    expect(await page.getAttribute('html', 'lang')).toBe('fi')
    await check('confirm page')
    expect((await subscriberRow(h, 'lukija@example.fi'))!.status).toBe('pending')
    await page.getByRole('button', { name: 'Vahvista tilaus' }).click()
    await page.waitForLoadState()
    expect(await page.locator('h1').textContent()).toBe('Tilaus on vahvistettu')
    expect((await subscriberRow(h, 'lukija@example.fi'))!.status).toBe('confirmed')
    await check('confirmed page')

    const manage = managePath(await page.content())
    for (const lang of ['fi', 'sv', 'en']) {
      await page.goto(`${origin}${manage}?lang=${lang}`)
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      await check(`manage page ${lang}`)
    }
    await page.getByLabel('Pause my subscription for now').check()
    await page.getByRole('button', { name: 'Save choices' }).click()
    await page.waitForLoadState()
    expect(await page.getByRole('status').first().textContent()).toBe(
      'Your choices have been saved.',
    )
    await page.getByRole('link', { name: 'Unsubscribe' }).click()
    await page.waitForLoadState()
    await check('unsubscribe page')
    await page.goto(`${origin}${manage}/delete?lang=sv`)
    await check('delete page')
    await page.close()
    expect(problems).toEqual({})
  })
})
