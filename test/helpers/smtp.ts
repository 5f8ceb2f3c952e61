/**
 * A real SMTP server in the test process (smtp-server), storing what arrives parsed by
 * mailparser. `respond` lets a test make the server answer like a real one in trouble
 * (421 throttling, 451 try later, 550 5.1.1 unknown user…); `cut` drops the connection in the
 * middle of DATA. For big sends, `parse: false` keeps only recipients and Message-IDs.
 */
import { simpleParser } from 'mailparser'
import type { ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server'
import { eventually } from './wait.js'

export interface ReceivedMail {
  to: string[]
  from: string
  raw: string
  parsed: ParsedMail
}

export interface SmtpReply {
  code: number
  message: string
}

/**
 * 'mid-data': the connection is dropped after the first chunk of the message; nothing is stored.
 * 'after-data': the whole message is stored, then the connection is dropped before the reply —
 * the sender cannot know it arrived (the one message a resend may duplicate).
 */
export type ConnectionCut = 'mid-data' | 'after-data'

export interface SmtpServerOptions {
  /** Parse and keep every message (default). Off: only `accepted` and `messageIds` are kept. */
  parse?: boolean
  /** Wait this long before answering "250 OK" to each message (keeps messages in flight). */
  delayMs?: number
  /** Listen on this port (a relay that comes back where the senders expect it); any free one by default. */
  port?: number
}

export interface TestSmtpServer {
  url: string
  port: number
  messages: ReceivedMail[]
  /** Envelope recipients of every message stored, in order (a duplicate appears twice). */
  accepted: string[]
  /** Message-ID header of every message stored, in order (a duplicate appears twice). */
  messageIds: string[]
  /** Decide per recipient: undefined accepts; a reply rejects with that code. */
  respond: ((rcpt: string) => SmtpReply | undefined) | undefined
  /** Decide per message (its recipients): undefined lets it through; see ConnectionCut. */
  cut: ((rcpts: string[]) => ConnectionCut | undefined) | undefined
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>
  close(): Promise<void>
}

const messageIdOf = (raw: string) => {
  const headerEnd = raw.search(/\r?\n\r?\n/)
  const header = headerEnd >= 0 ? raw.slice(0, headerEnd) : raw
  return /^message-id:[ \t]*(<[^>\r\n]+>)/im.exec(header)?.[1] ?? ''
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const parse = options.parse ?? true
  const messages: ReceivedMail[] = []
  const stored = () => (parse ? messages.length : state.messageIds.length)
  const state: TestSmtpServer = {
    url: '',
    port: 0,
    messages,
    accepted: [],
    messageIds: [],
    respond: undefined,
    cut: undefined,
    async waitFor(count, timeoutMs = 15_000) {
      await eventually(() => stored() >= count, {
        timeoutMs,
        what: () => `${count} messages (${stored()} received)`,
      })
      return messages
    },
    close: async () => {},
  }
  /** smtp-server has no public way to drop one client; its connections keep their socket. */
  const dropConnection = (session: SMTPServerSession) => {
    const connections = (server as unknown as { connections: Set<unknown> }).connections
    for (const connection of connections) {
      const c = connection as { id: string; _socket?: { destroy(): void } }
      if (c.id === session.id) c._socket?.destroy()
    }
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 25 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const reply = state.respond?.(address.address)
      if (reply) {
        const error = new Error(reply.message) as Error & { responseCode: number }
        error.responseCode = reply.code
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address)
      const cut = state.cut?.(to)
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => {
        if (cut === 'mid-data' && chunks.length === 0) dropConnection(session)
        chunks.push(chunk)
      })
      stream.on('end', async () => {
        if (cut === 'mid-data') return
        const raw = Buffer.concat(chunks).toString('utf8')
        state.accepted.push(...to)
        state.messageIds.push(messageIdOf(raw))
        if (parse) {
          messages.push({
            to,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            raw,
            parsed: await simpleParser(raw),
          })
        }
        if (cut === 'after-data') return dropConnection(session)
        if (options.delayMs) setTimeout(() => callback(), options.delayMs)
        else callback()
      })
    },
  })
  // A client that dies mid-conversation (a killed worker) resets its sockets: not a test failure.
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  state.port = port
  state.url = `smtp://127.0.0.1:${port}`
  state.close = () => new Promise((resolve) => server.close(() => resolve()))
  return state
}
