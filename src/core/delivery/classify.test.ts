import { describe, expect, it } from 'vitest'
import { classifySendError, retryDelayMs } from './classify.js'

const smtp = (responseCode: number, response: string, code = 'EENVELOPE', command = 'RCPT TO') =>
  Object.assign(new Error(response), { responseCode, response, code, command })

describe('what a failed send leads to', () => {
  it.each([
    [smtp(451, '451 4.3.0 Mailbox busy, try later'), 'retry'],
    [smtp(452, '452 4.2.2 Mailbox full'), 'retry'],
    [smtp(421, '421 4.7.0 Too many connections, slow down'), 'throttle'],
    [smtp(450, '450 4.7.1 Rate limited, try again later'), 'throttle'],
    [smtp(550, '550 5.1.1 <x@example.fi>: Recipient address rejected: User unknown'), 'suppress'],
    [smtp(553, '553 5.1.3 Bad recipient address syntax'), 'suppress'],
    [smtp(550, '550 Requested action not taken: mailbox unavailable'), 'suppress'],
    [smtp(550, '550 5.5.0 Requested action not taken: mailbox unavailable'), 'suppress'],
    [smtp(550, '550 5.7.1 Message rejected as spam'), 'fail'],
    [smtp(552, '552 5.2.2 Mailbox full'), 'fail'],
    [smtp(554, '554 5.5.0 Transaction failed', 'EMESSAGE', 'DATA'), 'fail'],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }),
      'connection',
    ],
    [Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' }), 'connection'],
  ])('%s → %s', (error, action) => {
    expect(classifySendError(error).action).toBe(action)
  })

  it('keeps the server reply, on one line and bounded', () => {
    const { reply } = classifySendError(smtp(550, `550 5.1.1 user\r\nunknown ${'x'.repeat(900)}`))
    expect(reply.startsWith('550 5.1.1 user unknown')).toBe(true)
    expect(reply.length).toBeLessThanOrEqual(500)
  })

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000, 4 * 3600_000))).toEqual([
      60_000, 120_000, 240_000, 480_000,
    ])
    expect(retryDelayMs(40, 60_000, 4 * 3600_000)).toBe(4 * 3600_000)
  })
})
