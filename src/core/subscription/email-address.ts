/**
 * Email addresses typed by strangers. An address is accepted only if it can go into an SMTP
 * envelope and a `To:` header as is: a dot-atom local part (RFC 5322, ASCII) and a host name
 * whose labels are letters, digits and hyphens once converted to punycode, so internationalised
 * domains (`matti@äänekoski.fi`) work while nothing can smuggle in CR/LF, extra headers,
 * comments, quoted strings or a second recipient. Lengths follow RFC 5321: local part ≤ 64
 * octets, domain ≤ 255, the whole address ≤ 254 (the 256-octet path minus its brackets).
 */
import { domainToASCII, domainToUnicode } from 'node:url'
import { ValidationError } from '../errors.js'

export const MAX_LOCAL_LENGTH = 64
export const MAX_DOMAIN_LENGTH = 255
export const MAX_ADDRESS_LENGTH = 254

export type EmailProblem = 'required' | 'too-long' | 'invalid' | 'invalid-domain'

export interface ParsedEmail {
  /** Where to send: local part as typed, domain in lower-case punycode. */
  address: string
  /** Unique key: the whole address lower-cased, domain in punycode. */
  normalized: string
  /** For people: the domain shown in Unicode. */
  display: string
}

export type EmailParseResult =
  { ok: true; value: ParsedEmail } | { ok: false; problem: EmailProblem }

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
const DOT_ATOM = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`)
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
// Control characters (CR, LF, NUL, tab…), DEL, and Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/

export const EMAIL_PROBLEM_MESSAGES: Record<EmailProblem, string> = {
  required: 'Enter an email address',
  'too-long': 'The address is too long (at most 64 characters before @ and 254 in all)',
  invalid: 'Enter an address like name@example.fi',
  'invalid-domain': 'The part after @ is not a valid domain name',
}

export function parseEmail(input: unknown): EmailParseResult {
  if (typeof input !== 'string') return { ok: false, problem: 'required' }
  // Check before trimming: a line break anywhere is an injection attempt, not a typo.
  if (CONTROL.test(input)) return { ok: false, problem: 'invalid' }
  const text = input.trim()
  if (text === '') return { ok: false, problem: 'required' }
  // Cheap guard before any parsing; the exact limits are checked below on the ASCII form.
  if (text.length > 1024) return { ok: false, problem: 'too-long' }

  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) return { ok: false, problem: 'invalid' }
  const local = text.slice(0, at)
  const domainInput = text.slice(at + 1)
  if (!DOT_ATOM.test(local)) return { ok: false, problem: 'invalid' }
  if (Buffer.byteLength(local) > MAX_LOCAL_LENGTH) return { ok: false, problem: 'too-long' }

  if (/[\s@[\]]/.test(domainInput)) return { ok: false, problem: 'invalid-domain' }
  const domain = domainToASCII(domainInput)
  if (!domain) return { ok: false, problem: 'invalid-domain' }
  if (domain.length > MAX_DOMAIN_LENGTH) return { ok: false, problem: 'too-long' }
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    return { ok: false, problem: 'invalid-domain' }
  }
  // A top-level domain is never all digits; this also rules out bare IPv4 addresses.
  if (/^\d+$/.test(labels[labels.length - 1])) return { ok: false, problem: 'invalid-domain' }

  const address = `${local}@${domain}`
  if (address.length > MAX_ADDRESS_LENGTH) return { ok: false, problem: 'too-long' }
  return {
    ok: true,
    value: {
      address,
      normalized: `${local.toLowerCase()}@${domain}`,
      display: displayEmail(address),
    },
  }
}

/** parseEmail for callers that want an exception: ValidationError on field `email`. */
export function requireEmail(input: unknown, field = 'email'): ParsedEmail {
  const result = parseEmail(input)
  if (!result.ok) {
    const message = EMAIL_PROBLEM_MESSAGES[result.problem]
    throw new ValidationError(`${field}: ${message}`, { [field]: message })
  }
  return result.value
}

/** The form an address is looked up by (suppression checks, search); undefined if not valid. */
export function normalizeEmail(input: string): string | undefined {
  const result = parseEmail(input)
  return result.ok ? result.value.normalized : undefined
}

/** A stored address for people to read: the domain in Unicode (`matti@äänekoski.fi`). */
export function displayEmail(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 0) return address
  const domain = address.slice(at + 1)
  return `${address.slice(0, at)}@${domainToUnicode(domain) || domain}`
}

/** Domains whose mail ignores dots in the local part (Gmail), mapped to one name. */
const DOTLESS_DOMAINS: Record<string, string> = {
  'gmail.com': 'gmail.com',
  'googlemail.com': 'gmail.com',
}

/**
 * The mailbox a normalised address delivers to, as far as limits need to know: without a
 * `+tag` (sub-addressing, which Gmail, Outlook, iCloud, Fastmail and most servers offer) and,
 * for Gmail, without dots. Used to count confirmation emails per mailbox, so that aliases of one
 * mailbox cannot each be sent one; never used as the address to send to.
 */
export function mailboxKey(normalized: string): string {
  const at = normalized.lastIndexOf('@')
  let local = normalized.slice(0, at)
  let domain = normalized.slice(at + 1)
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  if (DOTLESS_DOMAINS[domain]) {
    domain = DOTLESS_DOMAINS[domain]
    local = local.replaceAll('.', '')
  }
  return `${local}@${domain}`
}
