/**
 * Uploaded files: markup (HTML, SVG, XHTML, HTML behind a harmless name or an image's name) is
 * refused with 422 and leaves neither a row nor a file; what is accepted is served with the type
 * decided from its bytes, nosniff, a sandboxing policy and a Content-Disposition that only images
 * open inline — so an upload can never run as a page of this site. Names with paths, control
 * characters or quotes come out clean.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, uploadForm } from '../helpers/api.js'
import { createSecurityHarness } from './harness.js'
import type { SecurityHarness } from './harness.js'

const text = (s: string) => new TextEncoder().encode(s)

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
  } catch {
    return []
  }
}

describe.each(DB_KINDS)('uploaded files are never served as a page (%s)', (kind) => {
  let h: SecurityHarness
  let releaseId = 0

  beforeAll(async () => {
    h = await createSecurityHarness(kind)
    await h.api('POST', '/newsrooms', newsroomInput())
    releaseId = (await h.api('POST', '/releases', releaseInput())).body.id
  })
  afterAll(async () => {
    await h?.close()
  })

  const upload = (bytes: Uint8Array, name: string, type?: string) =>
    h.api('POST', `/releases/${releaseId}/attachments`, uploadForm(bytes, name, {}, type))

  it('refuses HTML, SVG and other markup whatever the name and claimed type; nothing is kept', async () => {
    const html = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'
    const svg =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    const cases: [Uint8Array, string, string][] = [
      [text(html), 'sivu.html', 'text/html'],
      [text(html), 'kuva.png', 'image/png'],
      [text(html), 'teksti.txt', 'text/plain'],
      [text(`\ufeff${html}`), 'bom.txt', 'text/plain'],
      [text(svg), 'logo.svg', 'image/svg+xml'],
      [text(svg), 'logo.png', 'image/png'],
      [text('<svg/onload=alert(1)>'), 'lyhyt.txt', 'text/plain'],
      [
        text('<html xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></html>'),
        'a.xhtml',
        '',
      ],
      [text('<iframe src="https://evil.example"></iframe>'), 'kehys.txt', 'text/plain'],
      [Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'ohjelma.exe', 'application/octet-stream'],
      [new Uint8Array(0), 'tyhja.txt', 'text/plain'],
    ]
    const filesBefore = filesUnder(h.setup.config.filesDir).length
    const before = await h.snapshot()
    for (const [bytes, name, type] of cases) {
      const res = await upload(bytes, name, type || undefined)
      expect(res.status, name).toBe(422)
      expect(res.body.error.fields.file, name).toMatch(/not accepted|empty/)
    }
    expect(await h.snapshot()).toBe(before)
    expect(filesUnder(h.setup.config.filesDir).length).toBe(filesBefore)
  })

  it('serves what it accepts with its sniffed type, nosniff, a sandbox and the right disposition', async () => {
    // An image with markup after its end still is an image, and is sent as one.
    const polyglot = new Uint8Array([...PNG_BYTES, ...text('<script>alert(1)</script>')])
    const accepted = [
      { bytes: PNG_BYTES, name: 'kuva.html', type: 'image/png', disposition: 'inline' },
      { bytes: polyglot, name: 'poly.png', type: 'image/png', disposition: 'inline' },
      {
        bytes: text('Aikataulu: huhtikuu\n'),
        name: 'sivu.html',
        type: 'text/plain; charset=utf-8',
        disposition: 'attachment',
      },
      {
        bytes: text('nimi,osoite\nA,B\n'),
        name: 'lista.csv',
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment',
      },
    ]
    const paths: string[] = []
    for (const file of accepted) {
      const res = await upload(file.bytes, file.name, 'text/html')
      expect(res.status, file.name).toBe(201)
      expect(res.body.filename, file.name).not.toMatch(/\.html$/)
      paths.push(res.body.path)
    }
    await h.api('POST', `/releases/${releaseId}/publish`, {})
    for (const [i, path] of paths.entries()) {
      const res = await h.get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(accepted[i].type)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toContain('sandbox')
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(res.headers.get('content-disposition')).toMatch(
        new RegExp(`^${accepted[i].disposition}; filename="[^"\\\\/\\r\\n]+"; filename\\*=UTF-8''`),
      )
    }
  })

  it('cleans names with paths, control characters, quotes and direction overrides', async () => {
    const names = [
      '../../etc/passwd',
      '..\\..\\windows\\system32\\kuva.png',
      'kuva\u0000.png.html',
      'kuva\r\nSet-Cookie: x=1.png',
      'lainaus"; filename="evil.html',
      'kuva\u202egnp.html',
      '%2e%2e%2fkuva.png',
      '/absoluuttinen/polku/kuva.png',
    ]
    for (const name of names) {
      const res = await upload(PNG_BYTES, name)
      expect(res.status, name).toBe(201)
      const filename = res.body.filename as string
      // eslint-disable-next-line no-control-regex -- control characters are what must be gone
      expect(filename, name).not.toMatch(/[/\\\u0000-\u001f"]|^\.\.|\.html$/)
      expect(filename.endsWith('.png'), filename).toBe(true)
      expect(res.body.path).toMatch(/^\/files\/[a-f0-9]{32}\.png\/[^/]+$/)
    }
    // Every stored file is inside the files directory, under a random name.
    for (const file of filesUnder(h.setup.config.filesDir)) {
      expect(file.startsWith(h.setup.config.filesDir)).toBe(true)
      expect(file).toMatch(/\/[a-f0-9]{2}\/[a-f0-9]{32}\.[a-z]+$/)
    }
  })
})
