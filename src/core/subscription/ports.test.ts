import { describe, expect, it } from 'vitest'
import { OUTBOX_KINDS } from '../../queue/outbox.js'
import { EMAIL_OUTBOX_KIND } from './ports.js'

describe('subscription ports', () => {
  it('queue confirmation emails under the kind the dispatcher routes to the email queue', () => {
    expect(EMAIL_OUTBOX_KIND).toBe(OUTBOX_KINDS.email)
  })
})
