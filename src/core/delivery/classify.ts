/**
 * What to do when sending one email fails, decided from the SMTP reply (RFC 5321 reply codes and
 * RFC 3463 enhanced status codes). Works on the plain fields transports put on their errors
 * (`responseCode`, `response`, `code`, `command`), so the core needs no SMTP library.
 */

export type FailureAction =
  /** 4xx: the receiving server asks to try later. */
  | 'retry'
  /** 421 or 4.7.x: we are sending too fast for the relay; slow the whole queue down. */
  | 'throttle'
  /** 5xx other than an unknown mailbox: this message will never be accepted. */
  | 'fail'
  /** 5.1.x (bad mailbox): the address does not exist; stop sending to it at all. */
  | 'suppress'
  /** No SMTP reply at all (refused, reset, timed out): the relay is unreachable. */
  | 'connection'

export interface Classified {
  action: FailureAction
  /** The reply to record on the delivery, e.g. "550 5.1.1 <x@y>: user unknown". */
  reply: string
}

interface TransportError {
  responseCode?: number
  response?: string
  code?: string
  command?: string
  message?: string
}

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/

export function enhancedStatus(reply: string): string | undefined {
  return ENHANCED.exec(reply)?.[0]
}

export function classifySendError(error: unknown): Classified {
  const e = (error ?? {}) as TransportError
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined
  const reply = (e.response || e.message || String(error)).replace(/\s+/g, ' ').trim().slice(0, 500)
  if (code === undefined || code < 400 || code >= 600) {
    return { action: 'connection', reply: e.code ? `${e.code}: ${reply}` : reply }
  }
  const enhanced = enhancedStatus(reply)
  if (code >= 400 && code < 500) {
    if (code === 421 || enhanced?.startsWith('4.7.')) return { action: 'throttle', reply }
    return { action: 'retry', reply }
  }
  if (enhanced?.startsWith('5.1.')) return { action: 'suppress', reply }
  // A bare 550 (or 550 5.5.0) to RCPT TO is RFC 5321's "mailbox unavailable": unknown user.
  const atRecipient = e.code === 'EENVELOPE' || /RCPT/i.test(e.command ?? '')
  if (code === 550 && atRecipient && (!enhanced || enhanced === '5.5.0'))
    return { action: 'suppress', reply }
  return { action: 'fail', reply }
}

/**
 * Delay before the next try after a temporary failure: base, 2×base, 4×base… capped, so a relay
 * that is down for hours is not hammered and one that recovers is used again soon.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30))
  return Math.min(maxMs, baseMs * 2 ** exponent)
}
