/**
 * Admin: the dev outbox viewer. Only when SMTP_URL is unset, i.e. when mail is written as .eml
 * files under DATA_DIR/outbox instead of being sent. Messages hold subscriber addresses and
 * personal links, so the same permission as the subscriber list applies.
 */
import { open, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono } from 'hono'
import type { Context } from 'hono'
import { simpleParser } from 'mailparser'
import type { AddressObject, HeaderValue, ParsedMail, StructuredHeader } from 'mailparser'
import { NotFoundError } from '../../core/errors.js'
import { DEFAULT_TIMEZONE, listNewsrooms } from '../../core/newsroom/newsrooms.js'
import { OutboxList, OutboxMessagePage } from '../../views/admin/outbox-pages.js'
import type { OutboxItem, OutboxMessage } from '../../views/admin/outbox-pages.js'
import { adminPage } from './admin-page.js'
import { requirePermission } from './admin-session.js'
import type { AdminEnv } from './admin-session.js'

type C = Context<AdminEnv>

const PAGE_SIZE = 50
/** Names the outbox mailer writes; anything else (or a path) is not ours to open. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.eml$/

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ')

/** Headers only: enough for the list, without decoding every body. */
async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(32 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const text = buffer.subarray(0, bytesRead).toString('utf8')
    const end = text.search(/\r?\n\r?\n/)
    return `${end === -1 ? text : text.slice(0, end)}\r\n\r\n`
  } finally {
    await handle.close()
  }
}

async function listItems(dir: string, before: string | undefined) {
  let names: string[] = []
  try {
    names = (await readdir(dir)).filter((n) => NAME.test(n))
  } catch {
    return { items: [], older: undefined }
  }
  // File names start with the time they were written, so they sort newest last.
  names.sort().reverse()
  const from = before ? names.filter((n) => n < before) : names
  const page = from.slice(0, PAGE_SIZE)
  const items: OutboxItem[] = []
  for (const name of page) {
    const parsed = await simpleParser(await readHead(join(dir, name)))
    items.push({
      name,
      date: parsed.date ? parsed.date.toISOString() : null,
      from: addresses(parsed.from),
      to: addresses(parsed.to),
      subject: parsed.subject ?? '',
    })
  }
  return { items, older: from.length > PAGE_SIZE ? page[page.length - 1] : undefined }
}

/** A header value as people read it: encoded words decoded, addresses and dates written out. */
function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ')
  if ('text' in value && typeof value.text === 'string') return value.text
  if ('value' in value && typeof value.value === 'string') {
    const params = Object.entries((value as StructuredHeader).params ?? {})
      .map(([k, v]) => `; ${k}=${v}`)
      .join('')
    return `${value.value}${params}`
  }
  return JSON.stringify(value)
}

/** Every header in the order written, decoded; a header the parser keeps no value of, raw. */
function decodedHeaders(parsed: ParsedMail) {
  return parsed.headerLines.map((h) => {
    const value = parsed.headers.get(h.key)
    const raw = h.line.slice(h.line.indexOf(':') + 1).trim()
    return {
      name: h.line.slice(0, h.line.indexOf(':')),
      value: value === undefined ? raw : headerText(value).replace(/\s+/g, ' '),
    }
  })
}

async function readMessage(dir: string, name: string): Promise<OutboxMessage> {
  let raw: Buffer
  try {
    raw = await readFile(join(dir, name))
  } catch {
    throw new NotFoundError()
  }
  const parsed = await simpleParser(raw)
  return {
    name,
    date: parsed.date ? parsed.date.toISOString() : null,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    headers: decodedHeaders(parsed),
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
    })),
  }
}

export function createOutboxRoutes() {
  const router = new Hono<AdminEnv>()
  router.use('/outbox', requirePermission('outbox.read'))
  router.use('/outbox/*', requirePermission('outbox.read'))
  // With real SMTP there is no outbox to show.
  const enabled = (c: C) => {
    if (c.var.deps.config.smtpUrl) throw new NotFoundError()
    return c.var.deps.config.outboxDir
  }
  const zone = async (c: C) =>
    (await listNewsrooms(c.var.deps.repos))[0]?.timezone ?? DEFAULT_TIMEZONE

  router.get('/outbox', async (c) => {
    const dir = enabled(c)
    const before = c.req.query('before')
    const { items, older } = await listItems(dir, before && NAME.test(before) ? before : undefined)
    return c.html(
      adminPage(
        c,
        { title: c.var.t.outbox, current: '/admin/outbox' },
        <OutboxList
          t={c.var.t}
          zone={await zone(c)}
          items={items}
          olderHref={older ? `/admin/outbox?before=${encodeURIComponent(older)}` : undefined}
        />,
      ),
    )
  })

  router.get('/outbox/:name', async (c) => {
    const dir = enabled(c)
    const name = c.req.param('name')
    if (!NAME.test(name)) throw new NotFoundError()
    const message = await readMessage(dir, name)
    return c.html(
      adminPage(
        c,
        { title: message.subject || c.var.t.outbox, current: '/admin/outbox' },
        <OutboxMessagePage t={c.var.t} zone={await zone(c)} message={message} />,
      ),
    )
  })

  /*
   * The email's HTML as its own document, shown in a sandboxed frame on the message page: its
   * policy lets the email's inline styles and images through and nothing else (no scripts,
   * forms, fonts or connections). Same origin is kept only so the page can fit the frame's
   * height to the message; with scripts off inside, nothing in the email can use it.
   */
  router.get('/outbox/:name/html', async (c) => {
    const dir = enabled(c)
    const name = c.req.param('name')
    if (!NAME.test(name)) throw new NotFoundError()
    const message = await readMessage(dir, name)
    if (message.html === null) throw new NotFoundError()
    const files = `${c.var.deps.config.publicUrl}/files/`
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'unsafe-inline'; img-src data: ${files}; ` +
        "frame-ancestors 'self'; sandbox allow-same-origin",
    )
    c.header('X-Frame-Options', 'SAMEORIGIN')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cache-Control', 'no-store')
    return c.html(message.html)
  })

  router.get('/outbox/:name/raw', async (c) => {
    const dir = enabled(c)
    const name = c.req.param('name')
    if (!NAME.test(name)) throw new NotFoundError()
    let raw: Buffer
    try {
      raw = await readFile(join(dir, name))
    } catch {
      throw new NotFoundError()
    }
    c.header('Content-Type', 'message/rfc822')
    c.header('Content-Disposition', `attachment; filename="${name}"`)
    c.header('Cache-Control', 'no-store')
    return c.body(new Uint8Array(raw))
  })

  return router
}
