/**
 * The release editor's script in Chromium against the real app: files attached to a release that
 * was never saved (it becomes a draft, the address changes, nothing typed is lost, the page never
 * reloads), described and removed after a confirmation; Word's clipboard pasted into the body
 * becomes a heading, a list, bold and a link, stored as Markdown without Word's styles; a
 * warning guards unsaved changes.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRelease } from '../../src/core/release/releases.js'
import { contentDeps } from '../../src/wiring/content.js'
import { SYSTEM, createStaffUser } from '../helpers/actors.js'
import { axeViolations, launchChromium, serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import sharp from 'sharp'
import { PNG, seedNewsroom } from '../helpers/fixtures.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'

const PASSWORD = 'a long editor password'

/** What Word 365 puts on the clipboard for a heading, a paragraph and a two-level list. */
const WORD_CLIPBOARD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head>
<body lang=FI style='tab-interval:36.0pt;word-wrap:break-word'><!--StartFragment-->
<h1 style='mso-margin-top-alt:auto;mso-outline-level:1'><span style='font-family:"Calibri Light";mso-fareast-language:FI'>Valtuusto päätti talousarviosta<o:p></o:p></span></h1>
<p class=MsoNormal><span style='font-size:12.0pt;mso-bidi-font-family:Calibri'>Lue <b style='mso-bidi-font-weight:normal'>päätökset</b> ja <a href="https://example.fi/paatokset"><span style='color:#0563C1;mso-themecolor:hyperlink'>pöytäkirja</span></a>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Investoinnit<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Henkilöstö<o:p></o:p></p>
<!--EndFragment--></body></html>`

describe('release editor script in Chromium', () => {
  let h: TestApp
  let served: ServedApp
  let browser: Browser
  let newsroomId = 0
  const errors: string[] = []

  async function signIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(`${served.origin}/admin/login`)
    await page.getByLabel('Email').fill('editor@example.fi')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${served.origin}/admin`)
    return page
  }

  beforeAll(async () => {
    h = await startTestApp('sqlite', { realTime: true })
    const newsroom = await seedNewsroom(h.content)
    newsroomId = newsroom.id
    await createStaffUser(h.deps, {
      email: 'editor@example.fi',
      role: 'editor',
      password: PASSWORD,
      locale: 'en',
      newsroomIds: [newsroom.id],
    })
    served = await serveApp(h.app)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await h?.close()
  })

  it('attaches files to a new, unsaved release without losing the typed text', async () => {
    const page = await signIn()
    await page.goto(`${served.origin}/admin/releases/new?newsroom=${newsroomId}`)
    await page.fill('#title-fi', 'Uusi kirjasto avataan')
    await page.locator('#body-fi-rich').fill('Kirjasto palvelee kaikkia.')
    // A mark on this document: a reload would lose it.
    await page.evaluate('window.notReloaded = true')

    // Two files at once, chosen in the picker (a drop goes the same way).
    await page.setInputFiles('#attachment-file', [
      { name: 'kirjasto.png', mimeType: 'image/png', buffer: PNG },
      { name: 'aukioloajat.txt', mimeType: 'text/plain', buffer: Buffer.from('Ma–Pe 9–20\n') },
    ])
    await page.waitForURL(/\/admin\/releases\/\d+$/)
    const id = Number(/releases\/(\d+)$/.exec(page.url())![1])
    await expect.poll(() => page.locator('.attachment-list li').count()).toBe(2)
    await expect
      .poll(async () =>
        (await page.locator('.upload-queue li').allTextContents()).map((text) =>
          text.replace(/\s+/g, ' '),
        ),
      )
      .toEqual(['kirjasto.png Done', 'aukioloajat.txt Done'])
    expect(await page.evaluate('window.notReloaded')).toBe(true)
    expect(await page.inputValue('#title-fi')).toBe('Uusi kirjasto avataan')
    expect(await page.locator('#body-fi-rich').textContent()).toBe('Kirjasto palvelee kaikkia.')
    expect(await page.getAttribute('#release-form', 'action')).toBe(`/admin/releases/${id}`)
    const draft = await getRelease(contentDeps(h.deps), SYSTEM, id)
    expect(draft.status).toBe('draft')
    expect(draft.versions.fi).toMatchObject({
      title: 'Uusi kirjasto avataan',
      bodyMarkdown: 'Kirjasto palvelee kaikkia.',
    })
    expect(draft.attachments.map((a) => a.filename)).toEqual(['kirjasto.png', 'aukioloajat.txt'])

    // Describing a file after the upload.
    const image = page.locator('.attachment-list li', { hasText: 'kirjasto.png' })
    await image.getByText('Edit description').click()
    await image.getByLabel('Alternative text (Finnish)').fill('Kirjaston lukusali')
    await image.getByLabel('Photographer or source').fill('Kuva: Kaupunki')
    await image.getByRole('button', { name: 'Save description' }).click()
    await expect
      .poll(() => page.locator('.attachment-list img').getAttribute('alt'))
      .toBe('Kirjaston lukusali')
    expect(await page.locator('.upload-status').textContent()).toBe('Description saved.')

    // Removing asks first: cancelled, nothing goes; confirmed, the file goes.
    const remove = page.getByRole('link', { name: 'Remove: aukioloajat.txt' })
    const questions: string[] = []
    page.once('dialog', (dialog) => {
      questions.push(dialog.message())
      void dialog.dismiss()
    })
    await remove.click()
    expect(questions).toEqual([
      'Remove the file aukioloajat.txt from the release? This cannot be undone.',
    ])
    expect(await page.locator('.attachment-list li').count()).toBe(2)
    page.once('dialog', (dialog) => void dialog.accept())
    await remove.click()
    await expect.poll(() => page.locator('.attachment-list li').count()).toBe(1)
    const described = await getRelease(contentDeps(h.deps), SYSTEM, id)
    expect(described.attachments).toMatchObject([
      { filename: 'kirjasto.png', alt: { fi: 'Kirjaston lukusali' }, credit: 'Kuva: Kaupunki' },
    ])

    // Leaving with unsaved changes asks first: the page cancels the unload event.
    const leaving = `(() => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    })()`
    expect(await page.evaluate(leaving)).toBe(false)
    await page.fill('#title-fi', 'Uusi kirjasto avataan kesäkuussa')
    expect(await page.evaluate(leaving)).toBe(true)
    await page.close()
    expect(errors).toEqual([])
  })

  it("keeps a Word paste's heading, list, bold and link without its styles, saved as Markdown", async () => {
    const page = await signIn()
    await page.goto(`${served.origin}/admin/releases/new?newsroom=${newsroomId}`)
    await page.fill('#title-fi', 'Talousarvio hyväksyttiin')
    const body = page.locator('#body-fi-rich')
    await body.click()
    // What the browser does on Ctrl+V: a paste event carrying the clipboard's HTML.
    await page.evaluate(
      `(() => {
        const data = new DataTransfer()
        data.setData('text/html', ${JSON.stringify(WORD_CLIPBOARD)})
        data.setData('text/plain', 'Valtuusto päätti talousarviosta')
        document.getElementById('body-fi-rich').dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        )
      })()`,
    )
    await expect
      .poll(() => body.locator('h2').textContent())
      .toBe('Valtuusto päätti talousarviosta')
    expect(await body.locator('ul > li').allTextContents()).toEqual(['Investoinnit', 'Henkilöstö'])
    expect(await body.locator('strong').textContent()).toBe('päätökset')
    expect(await body.locator('a').getAttribute('href')).toBe('https://example.fi/paatokset')
    expect(await body.innerHTML()).not.toMatch(/style=|class="Mso|mso-|<o:p|<span|·/)

    // The toolbar shows where the cursor is, in words, and is one tab stop with arrow keys.
    await body.locator('strong').click()
    const bold = page.getByRole('button', { name: 'Bold' }).first()
    expect(await bold.getAttribute('aria-pressed')).toBe('true')
    const toolbar = page.getByRole('toolbar', { name: 'Formatting: Body (Finnish)' })
    await toolbar.getByRole('button', { name: 'Subheading' }).focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Minor heading')

    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.waitForURL(/\/admin\/releases\/\d+\?ok=saved$/)
    const id = Number(/releases\/(\d+)/.exec(page.url())![1])
    const saved = (await getRelease(contentDeps(h.deps), SYSTEM, id)).versions.fi!
    expect(saved.bodyMarkdown).toBe(
      [
        '## Valtuusto päätti talousarviosta',
        '',
        'Lue **päätökset** ja [pöytäkirja](https://example.fi/paatokset).',
        '',
        '- Investoinnit',
        '- Henkilöstö',
      ].join('\n'),
    )
    expect(saved.bodyHtml).toContain('<h2>Valtuusto päätti talousarviosta</h2>')
    expect(saved.bodyHtml).toContain('<ul>')

    // Opened again, the editor shows the stored body as rich text; the page passes axe.
    await expect
      .poll(() => body.locator('h2').textContent())
      .toBe('Valtuusto päätti talousarviosta')
    expect(await axeViolations(page)).toEqual([])
    await page.close()
    expect(errors).toEqual([])
  })
  it('inserts one of the release’s images into the body, shown responsive once published', async () => {
    const photo = await sharp({
      create: { width: 1000, height: 500, channels: 3, background: '#2f6f9f' },
    })
      .jpeg()
      .toBuffer()
    const page = await signIn()
    await page.goto(`${served.origin}/admin/releases/new?newsroom=${newsroomId}`)
    await page.fill('#title-fi', 'Valtuustosali remontoitu')
    const body = page.locator('#body-fi-rich')
    await body.fill('Sali avataan maanantaina.')
    await page.setInputFiles('#attachment-file', [
      { name: 'sali.jpg', mimeType: 'image/jpeg', buffer: photo },
    ])
    await page.waitForURL(/\/admin\/releases\/\d+$/)
    const id = Number(/releases\/(\d+)$/.exec(page.url())![1])
    const item = page.locator('.attachment-list li', { hasText: 'sali.jpg' })
    await item.getByText('Edit description').click()
    await item.getByLabel('Alternative text (Finnish)').fill('Uusittu valtuustosali')
    await item.getByRole('button', { name: 'Save description' }).click()
    await expect.poll(() => item.locator('img').getAttribute('alt')).toBe('Uusittu valtuustosali')

    // The image button offers the release's images with the alt text of the body's language.
    await body.click()
    await page.keyboard.press('End')
    await page
      .getByRole('toolbar', { name: 'Formatting: Body (Finnish)' })
      .getByRole('button', { name: 'Image' })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Insert an image from the release’s files' })
    expect(await dialog.getByRole('radio', { name: 'sali.jpg' }).isChecked()).toBe(true)
    const alt = dialog.getByLabel('Alternative text')
    expect(await alt.inputValue()).toBe('Uusittu valtuustosali')
    expect(await axeViolations(page)).toEqual([])
    await alt.fill('')
    await dialog.getByRole('button', { name: 'Insert image' }).click()
    expect(await dialog.locator('.field-error').textContent()).toBe('Write the alternative text.')
    await alt.fill('Valtuustosali remontin jälkeen')
    await dialog.getByRole('button', { name: 'Insert image' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    // Shown in the editor from the staff address: a draft's files are not public yet.
    expect(await body.locator('img').getAttribute('src')).toMatch(
      new RegExp(`^/admin/releases/${id}/attachments/\\d+/file$`),
    )

    await page.getByRole('button', { name: 'Publish now…' }).click()
    await page.waitForURL(/\/admin\/releases\/\d+\/publish$/)
    await page.getByRole('button', { name: 'Confirm and publish' }).click()
    await page.waitForURL(/\/delivery\?ok=publishedNow$/)
    const release = await getRelease(contentDeps(h.deps), SYSTEM, id)
    const original = release.attachments[0]!
    expect(release.versions.fi!.bodyMarkdown).toBe(
      `Sali avataan maanantaina.\n\n![Valtuustosali remontin jälkeen](${original.path})`,
    )

    const reader = await browser.newPage({ viewport: { width: 390, height: 800 } })
    await reader.goto(`${served.origin}${release.versions.fi!.path}`)
    const shown = reader.locator('.release-body img')
    expect(await shown.getAttribute('alt')).toBe('Valtuustosali remontin jälkeen')
    expect(await shown.getAttribute('loading')).toBe('lazy')
    expect(await shown.getAttribute('width')).toBe('800')
    expect(await shown.getAttribute('height')).toBe('400')
    expect(await shown.getAttribute('srcset')).toBe(
      original.renditions.map((r) => `${r.path} ${r.width}w`).join(', '),
    )
    await shown.scrollIntoViewIfNeeded()
    await expect
      .poll(() =>
        shown.evaluate((img: { naturalWidth: number; clientWidth: number }) => img.naturalWidth),
      )
      .toBeGreaterThan(0)
    // It fits the phone's width.
    expect(
      await shown.evaluate((img: { naturalWidth: number; clientWidth: number }) => img.clientWidth),
    ).toBeLessThanOrEqual(390)
    expect(await axeViolations(reader)).toEqual([])
    await reader.close()
    await page.close()
    expect(errors).toEqual([])
  }, 90_000)
})
