import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { TOKEN_MARKS, encodeSegments, renderRaw } from '../../src/mail/release-email.js'

describe('per-recipient parts of an email rendered once', () => {
  it('puts each recipient’s tokens in the header and both bodies, every line within 76 characters', async () => {
    const line = (mark: string, path: string) =>
      `Lue: https://news.tiedote.test/${path}/${mark} ja jatka tästä pitkää riviä ${'ä'.repeat(40)}`
    const body = `${line(TOKEN_MARKS.manage, 'subscriptions/manage')}\n${line(TOKEN_MARKS.unsubscribe, 'unsubscribe')}\n`
    const prepared = {
      subject: 'Otsikko',
      envelopeFrom: 'news@tiedote.test',
      headers:
        'From: Uutiset <news@tiedote.test>\r\nSubject: Otsikko\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: multipart/alternative; boundary="=_tdt_x"\r\n',
      unsubscribeBase: 'https://news.tiedote.test/unsubscribe/',
      boundary: '=_tdt_x',
      text: encodeSegments(body),
      html: encodeSegments(`<p>${body}</p>`),
    }
    const render = (manage: string, unsubscribe: string) =>
      renderRaw(prepared, {
        address: 'anna@example.fi',
        messageId: '<m1@tiedote.test>',
        manageToken: manage,
        unsubscribeToken: unsubscribe,
        date: new Date('2026-03-02T08:00:00Z'),
      })
    const raw = render('12.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '12.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB')
    for (const l of raw.split('\r\n')) expect(l.length).toBeLessThanOrEqual(100)
    for (const l of raw.slice(raw.indexOf('\r\n\r\n')).split('\r\n'))
      expect(l.length).toBeLessThanOrEqual(76)
    expect(raw).toContain(
      'List-Unsubscribe: <https://news.tiedote.test/unsubscribe/12.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB>',
    )
    expect(raw).toContain('Date: Mon, 02 Mar 2026 08:00:00 +0000')
    const parsed = await simpleParser(raw)
    for (const part of [parsed.text ?? '', String(parsed.html)]) {
      expect(part).toContain(
        'https://news.tiedote.test/subscriptions/manage/12.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ja jatka',
      )
      expect(part).toContain(
        'https://news.tiedote.test/unsubscribe/12.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB ja jatka',
      )
      expect(part).toContain('ä'.repeat(40))
      expect(part).not.toContain('TDT')
    }
    // Another recipient: only the tokens differ.
    const other = render('7.CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC', '7.DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD')
    const strip = (text: string) => text.replace(/\d+\.([A-D])\1{31}/g, 'TOKEN')
    expect(strip(other)).toBe(strip(raw))
  })
})
