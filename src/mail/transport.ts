/**
 * Mail transport. SMTP_URL set: a pooled nodemailer SMTP transport (one TCP/TLS connection reused
 * for many messages). Unset: the dev outbox, which writes every message as an `.eml` file under
 * DATA_DIR/outbox so it can be opened in a mail client or the admin outbox viewer.
 * Both go through nodemailer, so the MIME is the same as production would send.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { SendMailOptions, Transporter } from 'nodemailer'

export type MailMessage = SendMailOptions

export interface SendResult {
  messageId: string
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued". */
  response: string
}

export interface Mailer {
  kind: 'smtp' | 'outbox'
  send(message: MailMessage): Promise<SendResult>
  /** Simultaneous connections; worker concurrency is matched to it. */
  poolSize: number
  close(): Promise<void>
}

export interface MailerOptions {
  smtpUrl: string | undefined
  outboxDir: string
  poolSize: number
  dkim?: { domainName: string; keySelector: string; privateKey: string }
}

export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) return createSmtpMailer(options.smtpUrl, options)
  return createOutboxMailer(options.outboxDir, options.dkim)
}

function createSmtpMailer(url: string, options: MailerOptions): Mailer {
  const parsed = new URL(url)
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    host: parsed.hostname,
    port: Number(parsed.port) || (parsed.protocol === 'smtps:' ? 465 : 587),
    secure: parsed.protocol === 'smtps:',
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    maxConnections: options.poolSize,
    // The default of 100 messages per connection costs ~40 % throughput (reconnect + greeting).
    maxMessages: Infinity,
    // Local relays in development often use self-signed certificates.
    tls: { rejectUnauthorized: parsed.searchParams.get('tls') !== 'insecure' },
    dkim: options.dkim,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  })
  return {
    kind: 'smtp',
    poolSize: options.poolSize,
    async send(message) {
      const info = await transport.sendMail(message)
      return { messageId: info.messageId, response: info.response ?? '' }
    },
    async close() {
      transport.close()
    },
  }
}

function createOutboxMailer(dir: string, dkim: MailerOptions['dkim']): Mailer {
  mkdirSync(dir, { recursive: true })
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, dkim })
  return {
    kind: 'outbox',
    poolSize: 5,
    async send(message) {
      const info = await transport.sendMail(message)
      // Time-ordered file names so the newest message sorts last.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`
      await writeFile(join(dir, name), info.message as Buffer)
      return { messageId: info.messageId, response: `250 written to outbox ${name}` }
    },
    async close() {
      transport.close()
    },
  }
}
