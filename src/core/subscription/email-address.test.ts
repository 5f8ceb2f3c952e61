import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mailboxKey, parseEmail } from './email-address.js'

describe('email address validation', () => {
  it('accepts ordinary and internationalised addresses, normalising case and the domain', () => {
    const plain = parseEmail('  Matti.Meikalainen@Example.FI ')
    expect(plain).toEqual({
      ok: true,
      value: {
        address: 'Matti.Meikalainen@example.fi',
        normalized: 'matti.meikalainen@example.fi',
        display: 'Matti.Meikalainen@example.fi',
      },
    })
    const idn = parseEmail('toimitus@Äänekoski.fi')
    expect(idn.ok && idn.value.normalized).toBe('toimitus@xn--nekoski-4waa.fi')
    expect(idn.ok && idn.value.display).toBe('toimitus@äänekoski.fi')
  })

  it('rejects header injection, lists, comments and quoted strings', () => {
    for (const hostile of [
      'a@example.fi\r\nBcc: victim@example.org',
      'a@example.fi\nSubject: hi',
      'a@example.fi%0d%0aBcc:x@y.fi',
      'a@example.fi, b@example.fi',
      'a@example.fi;b@example.fi',
      '"a b"@example.fi',
      'a(comment)@example.fi',
      'Name <a@example.fi>',
      'a@[127.0.0.1]',
      'a@127.0.0.1',
      'a@localhost',
      'a..b@example.fi',
      '.a@example.fi',
      'a@-example.fi',
      'a@example..fi',
      'a@exa_mple.fi',
      'a\u2028@example.fi',
      'a@example.fi\u0000',
    ]) {
      expect(parseEmail(hostile).ok, hostile).toBe(false)
    }
  })

  it('enforces the RFC 5321 lengths', () => {
    const label = 'a'.repeat(63)
    expect(parseEmail(`${'a'.repeat(64)}@example.fi`).ok).toBe(true)
    expect(parseEmail(`${'a'.repeat(65)}@example.fi`)).toEqual({ ok: false, problem: 'too-long' })
    const longDomain = `${label}.${label}.${label}.fi` // 194 characters
    expect(parseEmail(`${'b'.repeat(59)}@${longDomain}`).ok).toBe(true) // 254 in all
    expect(parseEmail(`${'b'.repeat(60)}@${longDomain}`)).toEqual({
      ok: false,
      problem: 'too-long',
    })
    expect(parseEmail(`a@${'x'.repeat(64)}.fi`).ok).toBe(false)
    expect(parseEmail('x'.repeat(100_000)).ok).toBe(false)
  })

  it('never yields an address containing a line break, space, comma or angle bracket', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), (local, domain) => {
        const result = parseEmail(`${local}@${domain}.fi`)
        if (result.ok) expect(result.value.address).not.toMatch(/[\s,<>;"()\\]/)
      }),
    )
  })
})

describe('mailboxKey', () => {
  it('drops sub-address tags everywhere, and dots for Gmail', () => {
    expect(mailboxKey('toimittaja+a@example.fi')).toBe('toimittaja@example.fi')
    expect(mailboxKey('t.oimittaja+x+y@example.fi')).toBe('t.oimittaja@example.fi')
    expect(mailboxKey('m.a.t.t.i+1@gmail.com')).toBe('matti@gmail.com')
    expect(mailboxKey('matti@googlemail.com')).toBe('matti@gmail.com')
    expect(mailboxKey('+only@example.fi')).toBe('+only@example.fi')
  })
})
