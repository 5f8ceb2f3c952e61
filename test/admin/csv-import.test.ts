/**
 * Subscriber lists as spreadsheets save them: Finnish Excel writes semicolons, Windows-1252 and
 * CRLF. Such a file imports, exports again as UTF-8, and its mistakes are named by line and
 * column in the staff member's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeCsv, detectDelimiter } from '../../src/core/subscription/csv.js'
import { DB_KINDS } from '../helpers/env.js'
import { createAdminHarness, multipart } from './admin-harness.js'
import type { AdminHarness, Session } from './admin-harness.js'

/** What Excel on Finnish Windows saves: semicolons, CRLF, one byte per letter. */
function excelCsv(lines: string[]): Uint8Array {
  const text = lines.join('\r\n') + '\r\n'
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // Latin-1 letters have the same byte in Windows-1252.
    if (code > 0xff) throw new Error(`not in Windows-1252: ${text[i]}`)
    bytes[i] = code
  }
  return bytes
}

const HEADER = 'email;languages;newsrooms;consent_source;consented_at'

describe('reading spreadsheet files', () => {
  it('tells Windows-1252 from UTF-8, with or without BOM, and finds the separator', () => {
    const latin = excelCsv(['Mässa Åbo'])
    expect(decodeCsv(latin)).toBe('Mässa Åbo\r\n')
    const utf8 = new TextEncoder().encode('\uFEFFMässa Åbo')
    expect(decodeCsv(utf8)).toBe('Mässa Åbo')
    expect(decodeCsv(utf8.subarray(3))).toBe('Mässa Åbo')
    expect(detectDelimiter(HEADER)).toBe(';')
    expect(detectDelimiter('email\tlanguages\r\n')).toBe('\t')
    expect(detectDelimiter('email,languages\n"a;b;c"')).toBe(',')
    expect(detectDelimiter('email')).toBe(',')
  })
})

describe.each(DB_KINDS)('CSV from spreadsheets (%s)', (kind) => {
  let h: AdminHarness
  let editor: Session

  beforeAll(async () => {
    h = await createAdminHarness(kind)
    editor = await h.signIn('editor', { locale: 'fi' })
  })
  afterAll(() => h.close())

  it('imports a semicolon, Windows-1252, CRLF file and exports it as UTF-8', async () => {
    const file = excelCsv([
      HEADER,
      'kaisa.makela@example.fi;sv,fi;lansi-uusimaa;Mässa Åbo;2025-09-29T10:00:00Z',
      'olli.aalto@example.fi;fi;lansi-uusimaa;Mässa Åbo;2025-09-29T10:00:00Z',
    ])
    const res = await multipart(h, editor, '/admin/subscribers/import', {
      file: new File([file], 'tilaajat.csv', { type: 'text/csv' }),
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/2 uutta/)

    const csv = await editor.get('/admin/subscribers/export.csv')
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    // Valid UTF-8 throughout, the letters intact.
    const body = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    expect(body).toContain('kaisa.makela@example.fi,sv fi,lansi-uusimaa,,,Mässa Åbo,')
    expect(body).toContain('olli.aalto@example.fi,fi,lansi-uusimaa,,,Mässa Åbo,')
  })

  it('names the line and column of a mistake in the staff member’s language', async () => {
    const file = excelCsv([
      HEADER,
      'ok.person@example.fi;fi;lansi-uusimaa;Mässa Åbo;2025-09-29T10:00:00Z',
      'ei-osoite;fi;lansi-uusimaa;Mässa Åbo;2025-09-29T10:00:00Z',
    ])
    const res = await multipart(h, editor, '/admin/subscribers/import', {
      file: new File([file], 'tilaajat.csv', { type: 'text/csv' }),
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toMatch(
      /<td>3<\/td>\s*<td>\s*<code>email<\/code>\s*<\/td>\s*<td>Sähköpostiosoite ei ole muotoa/,
    )
    expect(html).not.toContain('Enter an address')

    const noEmail = await multipart(h, editor, '/admin/subscribers/import', {
      file: new File([excelCsv(['sähköposti;kieli', 'a@example.fi;fi'])], 'x.csv'),
    })
    expect(noEmail.status).toBe(422)
    expect(await noEmail.text()).toContain('Ensimmäisen rivin pitää nimetä sarakkeet')
  })
})
