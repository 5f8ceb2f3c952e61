/**
 * The email of a release (and of a correction notice), built for speed without losing a header.
 *
 * For each (release, kind, language) the templates in `templates/email/` are rendered once and
 * turned into a MIME skeleton: multipart/alternative with quoted-printable text and HTML parts,
 * every common header encoded and folded. Only four things differ per recipient — To,
 * Message-ID, and the manage and unsubscribe tokens (in the List-Unsubscribe header and in both
 * bodies) — so a message is the skeleton with those strings joined in. The bodies are encoded
 * once, in segments cut at the token positions; each token sits between two soft line breaks,
 * which keeps every encoded line within 76 characters. The result goes to nodemailer as a raw
 * message (still DKIM-signed there when a key is configured).
 */
import { markdownToPlainText } from '../core/release/markdown.js'
import { keywordsIn, labelIn } from '../core/keywords/terms.js'
import { renditionFor } from '../core/media/views.js'
import { fileTypeLabel, formatSize } from '../views/public/format.js'
import { createHash, randomBytes } from 'node:crypto'
import type { Repositories } from '../db/repositories/index.js'
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs'
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp'
import type { MessageComposer, Recipient, TestMessage } from '../core/delivery/ports.js'
import { RELEASE_KIND, correctionIdOf } from '../core/delivery/progress.js'
import { getNewsroom, newsroomName } from '../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../core/newsroom/newsrooms.js'
import { calendarEntryOf } from '../core/release/calendar.js'
import { loadReleaseViews } from '../core/release/views.js'
import { renderEventFile } from '../feeds/calendar.js'
import type { ReleaseView } from '../core/release/views.js'
import { signSubscriberToken } from '../core/subscription/links.js'
import { signOptOutToken } from '../core/media-lists/opt-out.js'
import type { Lang } from '../core/types.js'
import type { TemplateRenderer } from './templates.js'
import { trustedHtml } from './templates.js'
import type { MailMessage } from './transport.js'
import { formatDateTime } from '../views/format-time.js'
import { releaseTypeLabel } from '../views/i18n/release-types.js'

/**
 * Headings in the body are smaller than the title (24 px): mail clients' own h2 is about as big.
 * Inline, since many clients drop style blocks; the sanitised body's headings carry no attributes.
 */
export function styleBodyHeadings(html: string): string {
  return html.replace(
    /<h([2-6])>/g,
    (_, level: string) =>
      `<h${level} style="margin:20px 0 8px; font-size:${level === '2' ? 19 : 17}px; line-height:1.3;">`,
  )
}

/** The email's column is 600 px wide; images are never wider, on any client. */
const EMAIL_WIDTH = 600

/**
 * Body images as mail clients need them: an absolute address (clients fetch it from the site),
 * one web size (clients ignore `srcset`), at most 600 px wide with the height in proportion, and
 * inline styles that keep narrower screens from scrolling sideways.
 */
export function emailBodyImages(html: string, publicUrl: string): string {
  return html.replace(/<img ([^>]*?)\s*\/?>/g, (_, attributes: string) => {
    const attr = (name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1]
    const src = attr('src') ?? ''
    const width = Number(attr('width')) || 0
    const height = Number(attr('height')) || 0
    const shown = width > EMAIL_WIDTH ? EMAIL_WIDTH : width
    const size =
      shown && height ? ` width="${shown}" height="${Math.round((height * shown) / width)}"` : ''
    return (
      `<img src="${src.startsWith('/') ? publicUrl + src : src}" alt="${attr('alt') ?? ''}"${size}` +
      ` style="display:block; max-width:100%; height:auto; border:0; margin:16px 0;" />`
    )
  })
}

export interface ReleaseEmailDeps {
  repos: Repositories
  templates: TemplateRenderer
  publicUrl: string
  secretKey: string
  /** MAIL_FROM: "Name <address>" or a bare address; the newsroom name replaces the name. */
  mailFrom: string
  /** DKIM key (config.dkim); messages are then signed, list headers included. */
  dkim?: { domainName: string; keySelector: string; privateKey: string }
}

/**
 * Headers the DKIM signature covers: nodemailer's defaults plus List-Unsubscribe-Post, which
 * RFC 8058 requires to be signed together with List-Unsubscribe.
 */
export const DKIM_SIGNED_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:' +
  'Content-Transfer-Encoding:Content-Language:In-Reply-To:References:List-Id:List-Unsubscribe:' +
  'List-Unsubscribe-Post:Auto-Submitted:Precedence'

const FOOTER: Record<Lang, { why: (name: string) => string; manage: string; unsubscribe: string }> =
  {
    fi: {
      why: (name) => `Saat tämän viestin, koska tilasit julkaisijan ${name} tiedotteet.`,
      manage: 'Muuta tilausta',
      unsubscribe: 'Peru tilaus',
    },
    sv: {
      why: (name) =>
        `Du får det här meddelandet eftersom du prenumererar på meddelanden från ${name}.`,
      manage: 'Ändra prenumerationen',
      unsubscribe: 'Avsluta prenumerationen',
    },
    en: {
      why: (name) => `You receive this message because you subscribed to releases from ${name}.`,
      manage: 'Change your subscription',
      unsubscribe: 'Unsubscribe',
    },
  }

/** The footer of a journalist's email (a media list's distribution or an embargo). */
export const MEDIA_FOOTER: Record<Lang, { why: (name: string) => string; optOut: string }> = {
  fi: {
    why: (name) => `Saat tämän viestin, koska olet julkaisijan ${name} medialistalla.`,
    optOut: 'En halua enää tiedotteita',
  },
  sv: {
    why: (name) => `Du får det här meddelandet eftersom du finns på medielistan hos ${name}.`,
    optOut: 'Jag vill inte längre få pressmeddelanden',
  },
  en: {
    why: (name) => `You receive this message because you are on the media list of ${name}.`,
    optOut: 'Stop sending me releases',
  },
}

/** Who an email of a release goes to: a subscriber, or a journalist on a media list. */
export type Audience = 'subscriber' | 'media'

/** Markers put where the per-recipient tokens go; letters only, so no encoding touches them. */
const MANAGE_MARK = 'TDTMANAGETOKENMARK'
const UNSUBSCRIBE_MARK = 'TDTUNSUBSCRIBETOKENMARK'
export const TOKEN_MARKS = { manage: MANAGE_MARK, unsubscribe: UNSUBSCRIBE_MARK } as const
const MARKS = new RegExp(`${MANAGE_MARK}|${UNSUBSCRIBE_MARK}`)

type Segment = string | { token: 'manage' | 'unsubscribe' }

/** A (release, kind, language) email with the recipient-specific parts left open. */
export interface PreparedEmail {
  subject: string
  envelopeFrom: string
  /** Headers common to every recipient, CRLF-terminated. */
  headers: string
  unsubscribeBase: string
  boundary: string
  text: Segment[]
  html: Segment[]
  /** An invitation's event as an `.ics` attachment: file name and base64 lines. */
  calendar?: { filename: string; base64: string }
}

export interface RecipientParts {
  address: string
  messageId: string
  manageToken: string
  unsubscribeToken: string
  date?: Date
}

/** "Name <a@b>" or "a@b" → { name, address } */
export function parseMailFrom(mailFrom: string): { name: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(mailFrom)
  if (match) return { name: match[1].replace(/^"|"$/g, ''), address: match[2].trim() }
  return { name: '', address: mailFrom.trim() }
}

/** A display name for a header: RFC 2047-encoded when not ASCII, quoted when it has specials. */
function displayName(raw: string): string {
  // A line break in a name would end the header and start another one (header injection).
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const name = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (!/^[\x20-\x7e]*$/.test(name)) return encodeWords(name, 'Q', 52)
  return /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name
}

function header(name: string, value: string): string {
  return `${foldLines(`${name}: ${value}`, 76)}\r\n`
}

/** Quoted-printable segments; each segment ends with a soft break so a token can follow. */
export function encodeSegments(body: string): Segment[] {
  const normalized = body.replace(/\r?\n/g, '\r\n')
  const segments: Segment[] = []
  let rest = normalized
  for (;;) {
    const match = MARKS.exec(rest)
    const literal = match ? rest.slice(0, match.index) : rest
    // 75, not 76: the soft break '=' that follows a segment must fit on its last line.
    segments.push(qpWrap(qpEncode(literal), 75))
    if (!match) break
    segments.push({ token: match[0] === MANAGE_MARK ? 'manage' : 'unsubscribe' })
    rest = rest.slice(match.index + match[0].length)
  }
  return segments
}

function joinSegments(segments: Segment[], parts: RecipientParts): string {
  let out = ''
  for (const segment of segments) {
    if (typeof segment === 'string') out += segment
    else
      out += `=\r\n${segment.token === 'manage' ? parts.manageToken : parts.unsubscribeToken}=\r\n`
  }
  return out
}

/** RFC 5322 date, e.g. "Mon, 29 Sep 2025 14:48:33 +0000". */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000')
}

/** The complete message for one recipient. */
export function renderRaw(prepared: PreparedEmail, parts: RecipientParts): string {
  const b = prepared.boundary
  const alternative =
    `--${b}\r\n` +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    'Content-Transfer-Encoding: quoted-printable\r\n\r\n' +
    joinSegments(prepared.text, parts) +
    `\r\n--${b}\r\n` +
    'Content-Type: text/html; charset=utf-8\r\n' +
    'Content-Transfer-Encoding: quoted-printable\r\n\r\n' +
    joinSegments(prepared.html, parts) +
    `\r\n--${b}--\r\n`
  const head =
    `To: ${parts.address}\r\n` +
    `Message-ID: ${parts.messageId}\r\n` +
    `Date: ${rfc5322Date(parts.date ?? new Date())}\r\n` +
    `List-Unsubscribe: <${prepared.unsubscribeBase}${parts.unsubscribeToken}>\r\n` +
    prepared.headers +
    '\r\n'
  const { calendar } = prepared
  if (!calendar) return head + alternative
  // multipart/mixed: the text and HTML alternatives, then the invitation's .ics.
  return (
    head +
    `--${b}m\r\n` +
    `Content-Type: multipart/alternative; boundary="${b}"\r\n\r\n` +
    alternative +
    `\r\n--${b}m\r\n` +
    `Content-Type: text/calendar; charset=utf-8; method=PUBLISH; name="${calendar.filename}"\r\n` +
    `Content-Disposition: attachment; filename="${calendar.filename}"\r\n` +
    'Content-Transfer-Encoding: base64\r\n\r\n' +
    calendar.base64 +
    `\r\n--${b}m--\r\n`
  )
}

/** An invitation's `.ics` for its email, base64 in lines of 76. */
function calendarAttachment(
  release: ReleaseView,
  newsroom: NewsroomView,
  lang: Lang,
  publicUrl: string,
): PreparedEmail['calendar'] {
  const entry = calendarEntryOf(release, newsroom)
  if (!entry) return undefined
  const base64 = Buffer.from(renderEventFile(entry, lang, publicUrl), 'utf8')
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n')
    .replace(/\r\n$/, '')
  return { filename: 'invitation.ics', base64 }
}

/** Everything the templates show, with the token positions marked. */
export function releaseEmailData(
  release: ReleaseView,
  newsroom: NewsroomView,
  lang: Lang,
  publicUrl: string,
  correction?: { note: string; createdAt: string },
  audience: Audience = 'subscriber',
) {
  const version = release.versions[lang] ?? release.versions[release.languages[0]]!
  const name = newsroomName(newsroom, lang)
  const otherLanguages = release.languages
    .filter((other) => other !== version.lang)
    .map((other) => ({
      lang: other,
      title: release.versions[other]!.title,
      url: `${publicUrl}${release.versions[other]!.path}`,
    }))
  return {
    lang: version.lang,
    brand: name,
    // Absolute: mail clients fetch it from the newsroom's site (many only when allowed to).
    brandLogo: newsroom.logo ? `${publicUrl}${newsroom.logo.path}` : undefined,
    newsroom: name,
    preheader: correction ? correction.note : version.lead,
    typeLabel: releaseTypeLabel(lang, release.type),
    published: release.publishedAt ? formatDateTime(release.publishedAt, newsroom.timezone) : '',
    title: version.title,
    lead: version.lead,
    // Real plain text: what a reader sees, without Markdown's marks.
    bodyText: markdownToPlainText(version.bodyMarkdown),
    bodyHtml: trustedHtml(emailBodyImages(styleBodyHeadings(version.bodyHtml), publicUrl)),
    webUrl: `${publicUrl}${version.path}`,
    otherLanguages,
    keywords: keywordsIn(release.keywords, lang, newsroom.languages).map((k) => k.label),
    contacts: release.contacts.map((c) => ({
      name: c.name,
      title: c.title[lang] ?? c.title[release.languages[0]] ?? '',
      phone: c.phone,
      email: c.email,
    })),
    // At the top of the email: a web size at most 800 px wide, shown 600 px wide (sharp on
    // high-density screens), absolute because mail clients fetch it from the site.
    leadImage: release.leadImage
      ? {
          url: `${publicUrl}${(renditionFor(release.leadImage, 800) ?? release.leadImage).path}`,
          alt:
            release.leadImage.alt[lang] ??
            release.leadImage.caption[lang] ??
            labelIn(release.leadImage.alt, lang, newsroom.languages),
          caption: labelIn(release.leadImage.caption, lang, newsroom.languages),
          credit: release.leadImage.credit ?? '',
        }
      : undefined,
    // Readers see a file's title (its caption), not the name it had on someone's disk.
    attachments: release.attachments
      .filter((a) => a.id !== release.leadImage?.id)
      .map((a) => ({
        title: labelIn(a.caption, lang, newsroom.languages) || a.filename,
        url: `${publicUrl}${a.path}`,
        type: fileTypeLabel(a.filename),
        size: formatSize(a.size, lang),
        kind: a.kind,
      })),
    boilerplate: newsroom.boilerplate[lang] ?? '',
    correction: correction
      ? { note: correction.note, date: formatDateTime(correction.createdAt, newsroom.timezone) }
      : undefined,
    ...(audience === 'media'
      ? mediaFooterData(name, lang, publicUrl)
      : footerData(name, lang, publicUrl)),
  }
}

/**
 * The footer of a journalist's email: why it came (the newsroom's media list) and the opt-out
 * link, whose token goes where the unsubscribe token of a subscriber's email goes.
 */
export function mediaFooterData(
  newsroomName: string,
  lang: Lang,
  publicUrl: string,
  token = UNSUBSCRIBE_MARK,
) {
  const footer = MEDIA_FOOTER[lang]
  const optOutUrl = `${publicUrl}/media-optout/${token}`
  return {
    manageUrl: undefined,
    unsubscribeUrl: undefined,
    footerText: footer.why(newsroomName),
    footerLinks: [{ href: optOutUrl, label: footer.optOut }],
  }
}

/** The footer of every subscriber email: why it came, and the manage and unsubscribe links. */
export function footerData(newsroomName: string, lang: Lang, publicUrl: string) {
  const footer = FOOTER[lang]
  const manageUrl = `${publicUrl}/subscriptions/manage/${MANAGE_MARK}`
  const unsubscribeUrl = `${publicUrl}/unsubscribe/${UNSUBSCRIBE_MARK}`
  return {
    manageUrl,
    unsubscribeUrl,
    footerText: footer.why(newsroomName),
    footerLinks: [
      { href: manageUrl, label: footer.manage },
      { href: unsubscribeUrl, label: footer.unsubscribe },
    ],
  }
}

/** What every language version of a release's email is rendered from. */
export interface ReleaseEmailSource {
  release: ReleaseView
  newsroom: NewsroomView
  updatedAt: string
}

export async function loadReleaseEmailSource(
  deps: Pick<ReleaseEmailDeps, 'repos'>,
  releaseId: number,
): Promise<ReleaseEmailSource> {
  const { repos } = deps
  const row = await repos.deliveries.findReleaseToEmail(releaseId)
  if (!row) throw new Error(`release ${releaseId} not found`)
  const [release] = await loadReleaseViews(repos, [row])
  const newsroom = await getNewsroom(repos, release.newsroom.id)
  return { release, newsroom, updatedAt: row.updated_at }
}

/**
 * Renders and encodes the email of (release, kind, lang) once; `source` lets the languages of
 * one release share a single read of it.
 */
export async function prepareReleaseEmail(
  deps: ReleaseEmailDeps,
  releaseId: number,
  kind: string,
  requestedLang: Lang,
  source?: Promise<ReleaseEmailSource>,
  audience: Audience = 'subscriber',
): Promise<PreparedEmail> {
  const { release, newsroom, updatedAt } = await (source ?? loadReleaseEmailSource(deps, releaseId))
  const lang = release.versions[requestedLang] ? requestedLang : release.languages[0]
  let correction: { note: string; createdAt: string } | undefined
  if (kind !== RELEASE_KIND) {
    const id = correctionIdOf(kind)
    const found = release.corrections.find((c) => c.id === id)
    if (!found) throw new Error(`correction ${kind} of release ${releaseId} not found`)
    const note = found.note[lang] ?? Object.values(found.note)[0] ?? ''
    correction = { note, createdAt: found.createdAt }
  }
  const data = releaseEmailData(release, newsroom, lang, deps.publicUrl, correction, audience)
  const rendered = deps.templates.render(
    kind === RELEASE_KIND ? 'release' : 'correction',
    lang,
    data,
  )

  return prepareSubscriberEmail(deps, {
    newsroom,
    lang,
    rendered,
    boundarySeed: `${releaseId}.${kind}.${lang}.${updatedAt}.${audience}`,
    calendar: calendarAttachment(release, newsroom, lang, deps.publicUrl),
    ...(audience === 'media' ? { unsubscribeBase: `${deps.publicUrl}/media-optout/` } : {}),
  })
}

/**
 * The MIME skeleton of an email to subscribers of a newsroom (a release, a correction notice or
 * a digest): the newsroom as sender, list headers (List-Id, one-click List-Unsubscribe),
 * bulk-mail headers and the rendered bodies with the token positions open.
 */
export function prepareSubscriberEmail(
  deps: Pick<ReleaseEmailDeps, 'mailFrom' | 'publicUrl'>,
  email: {
    newsroom: NewsroomView
    lang: Lang
    rendered: { subject: string; text: string; html: string }
    /** Same seed, same boundary: the skeleton is deterministic. */
    boundarySeed: string
    calendar?: PreparedEmail['calendar']
    /** Where List-Unsubscribe points, the token appended; subscribers' /unsubscribe/ by default. */
    unsubscribeBase?: string
  },
): PreparedEmail {
  const { newsroom, lang, rendered, calendar } = email
  const from = parseMailFrom(deps.mailFrom)
  const domain = from.address.split('@')[1] ?? 'localhost'
  const boundary = `=_tdt_${createHash('sha256')
    .update(email.boundarySeed)
    .digest('hex')
    .slice(0, 24)}`
  const headers =
    header('From', `${displayName(newsroomName(newsroom, lang) || from.name)} <${from.address}>`) +
    (newsroom.replyTo ? header('Reply-To', newsroom.replyTo) : '') +
    header('Subject', encodeWords(rendered.subject, 'Q', 52)) +
    'MIME-Version: 1.0\r\n' +
    `Content-Language: ${lang}\r\n` +
    header('List-Id', `${displayName(newsroomName(newsroom, lang))} <${newsroom.slug}.${domain}>`) +
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n' +
    'Auto-Submitted: auto-generated\r\n' +
    'Precedence: bulk\r\n' +
    'X-Auto-Response-Suppress: All\r\n' +
    (calendar
      ? `Content-Type: multipart/mixed; boundary="${boundary}m"\r\n`
      : `Content-Type: multipart/alternative; boundary="${boundary}"\r\n`)
  return {
    subject: rendered.subject,
    envelopeFrom: from.address,
    headers,
    unsubscribeBase: email.unsubscribeBase ?? `${deps.publicUrl}/unsubscribe/`,
    boundary,
    text: encodeSegments(rendered.text),
    html: encodeSegments(rendered.html),
    ...(calendar ? { calendar } : {}),
  }
}

/**
 * The composer the send worker uses: prepared emails are cached per (release, kind, language,
 * release version) so a batch of 100 renders nothing; an edit to the release changes
 * `updated_at` and with it the cache key.
 */
export function createReleaseEmailComposer(
  deps: ReleaseEmailDeps,
  options: { cacheSize?: number } = {},
): MessageComposer & { prepare: typeof prepareReleaseEmail } {
  const cacheSize = options.cacheSize ?? 32
  const cache = new Map<string, Promise<PreparedEmail>>()
  const sources = new Map<string, Promise<ReleaseEmailSource>>()
  let dateSecond = 0
  let date = new Date()

  /** Oldest first out, and a failed load is not kept. */
  const remember = <T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    let entry = map.get(key)
    if (!entry) {
      entry = load()
      entry.catch(() => map.delete(key))
      map.set(key, entry)
      if (map.size > cacheSize) map.delete(map.keys().next().value!)
    }
    return entry
  }

  const prepared = (
    releaseId: number,
    updatedAt: string,
    kind: string,
    lang: Lang,
    audience: Audience = 'subscriber',
  ) =>
    remember(cache, `${releaseId}|${kind}|${lang}|${updatedAt}|${audience}`, () => {
      // Per kind too: a correction notice must see the correction, which may have been added
      // after the release email was prepared.
      const source = remember(sources, `${releaseId}|${kind}|${updatedAt}`, () =>
        loadReleaseEmailSource(deps, releaseId),
      )
      return prepareReleaseEmail(deps, releaseId, kind, lang, source, audience)
    })

  return {
    prepare: prepareReleaseEmail,
    warm(release, kind, langs) {
      for (const lang of langs)
        prepared(release.id, release.updatedAt, kind, lang).catch(() => {
          // compose() renders again and reports the error where it matters.
        })
    },
    async composeTest(releaseId, lang, to): Promise<TestMessage> {
      const { subject, ...message } = await composeTestEmail(deps, releaseId, lang, to)
      return { subject, message }
    },
    async compose(release, kind, lang, recipient: Recipient): Promise<MailMessage> {
      const email = await prepared(
        release.id,
        release.updatedAt,
        kind,
        lang,
        recipient.mediaContact ? 'media' : 'subscriber',
      )
      // One Date per second is plenty, and formatting it per message is measurable at 2k/s.
      const now = Date.now()
      if (Math.floor(now / 1000) !== dateSecond) {
        dateSecond = Math.floor(now / 1000)
        date = new Date(now)
      }
      return messageFor(deps, email, recipient, date)
    },
  }
}

/** The message of a prepared email for one subscriber: their address, tokens and Message-ID. */
export function messageFor(
  deps: Pick<ReleaseEmailDeps, 'secretKey' | 'dkim'>,
  email: PreparedEmail,
  recipient: Pick<
    Recipient,
    'address' | 'messageId' | 'subscriberId' | 'tokenSecret' | 'mediaContact'
  >,
  date?: Date,
): MailMessage {
  const subject = { id: recipient.subscriberId, token_secret: recipient.tokenSecret }
  const { mediaContact } = recipient
  return {
    envelope: { from: email.envelopeFrom, to: [recipient.address] },
    ...(deps.dkim ? { dkim: { ...deps.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
    // The id is in the raw message already; told to nodemailer too, it neither makes up a
    // random one per message (measurable CPU at 1,000 emails/s) nor reports a wrong one.
    messageId: recipient.messageId,
    raw: renderRaw(email, {
      address: recipient.address,
      messageId: recipient.messageId,
      // A journalist's email has one link, the opt-out, where a subscriber's has unsubscribe.
      manageToken: mediaContact ? '' : signSubscriberToken(deps.secretKey, 'manage', subject),
      unsubscribeToken: mediaContact
        ? signOptOutToken(deps.secretKey, { kind: 'c', ...mediaContact })
        : signSubscriberToken(deps.secretKey, 'unsubscribe', subject),
      date,
    }),
  }
}

/**
 * A test email of a release to one address: the real message, but its links carry tokens of no
 * subscriber (they open an "invalid link" page) and its Message-ID is unique.
 */
export async function composeTestEmail(
  deps: ReleaseEmailDeps,
  releaseId: number,
  lang: Lang,
  to: string,
): Promise<MailMessage & { subject: string }> {
  const email = await prepareReleaseEmail(deps, releaseId, RELEASE_KIND, lang)
  const domain = email.envelopeFrom.split('@')[1] ?? 'localhost'
  const nobody = { id: 0, token_secret: randomBytes(12).toString('base64url') }
  const messageId = `<tiedote.test.${randomBytes(9).toString('hex')}@${domain}>`
  return {
    subject: email.subject,
    envelope: { from: email.envelopeFrom, to: [to] },
    ...(deps.dkim ? { dkim: { ...deps.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
    messageId,
    raw: renderRaw(email, {
      address: to,
      messageId,
      manageToken: signSubscriberToken(deps.secretKey, 'manage', nobody),
      unsubscribeToken: signSubscriberToken(deps.secretKey, 'unsubscribe', nobody),
    }),
  }
}
