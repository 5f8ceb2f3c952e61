/**
 * Transactional emails (one recipient, sent through the `email` queue). Each template name maps
 * to a renderer that loads what it needs by id and returns the message, or null when the
 * message is no longer wanted (e.g. the subscriber has since been erased).
 */
import type { Container } from '../container.js'
import { subscriptionSender } from '../core/newsroom/brand.js'
import { prepareConfirmationEmail } from '../core/subscription/subscribe.js'
import { siteNameOf } from '../views/layout.js'
import { parseMailFrom } from './release-email.js'
import type { MailMessage } from './transport.js'

export type TransactionalPayload = { template: string } & Record<string, unknown>

export type TransactionalRenderer = (
  deps: Container,
  payload: TransactionalPayload,
) => Promise<MailMessage | null>

/** `tiedote mail test --to ADDRESS`: proves the whole path web → queue → worker → SMTP. */
const renderDiagnostic: TransactionalRenderer = async (deps, payload) => ({
  from: deps.config.mailFrom,
  to: String(payload.to),
  ...deps.templates.render('diagnostic', 'en', { publicUrl: deps.config.publicUrl }),
  headers: { 'Auto-Submitted': 'auto-generated' },
})

/** Double opt-in confirmation, or "already subscribed" with a manage link (subscriptions). */
const renderConfirm: TransactionalRenderer = async (deps, payload) => {
  const email = await prepareConfirmationEmail(
    {
      repos: deps.repos,
      clock: deps.clock,
      secretKey: deps.config.secretKey,
      publicUrl: deps.config.publicUrl,
    },
    Number(payload.subscriberId),
  )
  if (!email) return null
  const sender = await subscriptionSender(deps.repos, Number(payload.subscriberId), email.lang)
  // The newsroom's name; for several newsrooms the installation's (never the product's).
  const name = sender.name ?? siteNameOf(email.lang, deps.config.siteName)
  return {
    // The installation's address with the newsroom's name (nodemailer encodes the name).
    from: { name, address: parseMailFrom(deps.config.mailFrom).address },
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    to: email.to,
    ...deps.templates.render('confirm', email.lang, { ...email.data, brand: name }),
    headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': email.lang },
  }
}

/** Every transactional template, by the name stored in outbox payloads. */
export const transactionalRenderers: Record<string, TransactionalRenderer> = {
  diagnostic: renderDiagnostic,
  confirm: renderConfirm,
}

export async function renderTransactionalEmail(
  deps: Container,
  payload: TransactionalPayload,
): Promise<MailMessage | null> {
  const render = transactionalRenderers[payload.template]
  if (!render) throw new Error(`no renderer for transactional email "${payload.template}"`)
  return render(deps, payload)
}
