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
import type { Lang } from '../core/types.js'
import type { MailMessage } from './transport.js'
import {
  EMBARGO_EMAIL_TEMPLATE,
  markEmbargoEmailSent,
  prepareEmbargoEmail,
} from '../core/embargo/email.js'
import { newsroomName } from '../core/newsroom/newsrooms.js'
import { formatDateTime } from '../views/format-time.js'
import { DKIM_SIGNED_HEADERS, mediaFooterData, releaseEmailData } from './release-email.js'

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

const EMBARGO_WORDS: Record<Lang, { banner: (until: string) => string; personal: string }> = {
  fi: {
    banner: (until) => `EMBARGO ${until} asti. Ei julkaistavaksi ennen tätä aikaa.`,
    personal: 'Linkki on henkilökohtainen: älä jaa sitä.',
  },
  sv: {
    banner: (until) => `EMBARGO till ${until}. Får inte publiceras före denna tidpunkt.`,
    personal: 'Länken är personlig: dela den inte.',
  },
  en: {
    banner: (until) => `EMBARGO until ${until}. Not for publication before this time.`,
    personal: 'The link is personal: do not share it.',
  },
}

/**
 * A release under embargo to one journalist: the release email with "EMBARGO until …" in the
 * subject and a banner, every link (web page, files, images, other languages) through the
 * recipient's personal link, no subscription links but the journalist's opt-out link (in the
 * footer and as RFC 8058 one-click List-Unsubscribe).
 */
const renderEmbargo: TransactionalRenderer = async (deps, payload) => {
  const email = await prepareEmbargoEmail(
    { repos: deps.repos, secretKey: deps.config.secretKey },
    Number(payload.recipientId),
  )
  if (!email) return null
  const { release, newsroom, lang } = email
  const base = `${deps.config.publicUrl}${email.linkPath}`
  const until = formatDateTime(email.until, newsroom.timezone)
  const data = releaseEmailData(release, newsroom, lang, deps.config.publicUrl)
  const personal = (url: string) => url.replace(`${deps.config.publicUrl}/files/`, `${base}/files/`)
  const words = EMBARGO_WORDS[lang]
  const name = newsroomName(newsroom, lang)
  const optOutUrl = `${deps.config.publicUrl}${email.optOutPath}`
  const footer = mediaFooterData(
    name,
    lang,
    deps.config.publicUrl,
    email.optOutPath.slice('/media-optout/'.length),
  )
  const rendered = deps.templates.render('release', lang, {
    ...data,
    published: until,
    webUrl: base,
    otherLanguages: data.otherLanguages.map((other) => ({
      ...other,
      url: `${base}?lang=${other.lang}`,
    })),
    leadImage: data.leadImage
      ? { ...data.leadImage, url: personal(data.leadImage.url) }
      : undefined,
    attachments: data.attachments.map((a) => ({ ...a, url: personal(a.url) })),
    embargo: { until, banner: words.banner(until), note: email.note ?? '' },
    ...footer,
    footerText: `${footer.footerText} ${words.personal}`,
  })
  return {
    from: { name, address: parseMailFrom(deps.config.mailFrom).address },
    ...(newsroom.replyTo ? { replyTo: newsroom.replyTo } : {}),
    to: email.to,
    ...rendered,
    // RFC 8058: List-Unsubscribe-Post must be covered by the DKIM signature too.
    ...(deps.config.dkim
      ? { dkim: { ...deps.config.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } }
      : {}),
    headers: {
      'Auto-Submitted': 'auto-generated',
      'Content-Language': lang,
      'List-Unsubscribe': `<${optOutUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}

/** Every transactional template, by the name stored in outbox payloads. */
export const transactionalRenderers: Record<string, TransactionalRenderer> = {
  diagnostic: renderDiagnostic,
  confirm: renderConfirm,
  [EMBARGO_EMAIL_TEMPLATE]: renderEmbargo,
}

/** What happens once a transactional email has left (the ledger of embargo emails). */
export async function afterTransactionalEmail(
  deps: Container,
  payload: TransactionalPayload,
): Promise<void> {
  if (payload.template === EMBARGO_EMAIL_TEMPLATE)
    await markEmbargoEmailSent(deps, Number(payload.recipientId))
}

export async function renderTransactionalEmail(
  deps: Container,
  payload: TransactionalPayload,
): Promise<MailMessage | null> {
  const render = transactionalRenderers[payload.template]
  if (!render) throw new Error(`no renderer for transactional email "${payload.template}"`)
  return render(deps, payload)
}
