/**
 * The dev outbox (SMTP_URL unset): the messages Tiedote would have sent, as a list and one by
 * one. A message's HTML is shown only inside a sandboxed iframe loaded from its own address
 * with its own policy (the email's inline styles and images, no scripts), never inserted into
 * the admin page; the text part is shown as text.
 */
import type { AdminStrings } from '../i18n/admin/index.js'
import { DataTable } from './components.js'
import { formatDateTime } from '../format-time.js'

export interface OutboxItem {
  name: string
  date: string | null
  from: string
  to: string
  subject: string
}

export interface OutboxMessage extends OutboxItem {
  headers: { name: string; value: string }[]
  text: string | null
  html: string | null
  attachments: { filename: string; contentType: string; size: number }[]
}

export function OutboxList(props: {
  t: AdminStrings
  zone: string
  items: OutboxItem[]
  olderHref?: string
}) {
  const { t } = props
  return (
    <>
      <h1>{t.outbox}</h1>
      <p class="notice">{t.outboxHint}</p>
      {props.items.length === 0 ? (
        <p>{t.outboxEmpty}</p>
      ) : (
        <DataTable label={t.outbox} columns={[t.time, t.to, t.subject]}>
          {props.items.map((item) => (
            <tr>
              <td>{item.date ? formatDateTime(item.date, props.zone) : t.none}</td>
              <td>{item.to}</td>
              <td>
                <a href={`/admin/outbox/${encodeURIComponent(item.name)}`}>
                  {item.subject || t.untitled}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.olderHref ? (
        <nav class="pagination" aria-label={t.outbox}>
          <a href={props.olderHref}>{t.olderItems}</a>
        </nav>
      ) : null}
    </>
  )
}

export function OutboxMessagePage(props: {
  t: AdminStrings
  zone: string
  message: OutboxMessage
}) {
  const { t, message } = props
  return (
    <>
      <h1>{message.subject || t.untitled}</h1>
      <p>
        <a href="/admin/outbox">{t.outbox}</a> ·{' '}
        <a href={`/admin/outbox/${encodeURIComponent(message.name)}/raw`}>{t.rawMessage}</a>
      </p>
      <dl class="headers">
        <dt>{t.from}</dt>
        <dd>{message.from}</dd>
        <dt>{t.to}</dt>
        <dd>{message.to}</dd>
        <dt>{t.time}</dt>
        <dd>{message.date ? formatDateTime(message.date, props.zone) : t.none}</dd>
      </dl>
      {message.html !== null ? (
        <section aria-labelledby="html-h">
          <h2 id="html-h">{t.htmlVersion}</h2>
          <iframe
            class="email-frame"
            title={t.htmlFrameTitle}
            sandbox="allow-same-origin"
            referrerpolicy="no-referrer"
            src={`/admin/outbox/${encodeURIComponent(message.name)}/html`}
            data-fit-height
          ></iframe>
        </section>
      ) : null}
      {message.text !== null ? (
        <section aria-labelledby="text-h">
          <h2 id="text-h">{t.textVersion}</h2>
          <pre class="email-text" tabindex={0}>
            {message.text}
          </pre>
        </section>
      ) : null}
      {message.attachments.length ? (
        <section aria-labelledby="files-h">
          <h2 id="files-h">{t.attachments}</h2>
          <ul>
            {message.attachments.map((a) => (
              <li>
                {a.filename} ({a.contentType}, {a.size} B)
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="headers-h">
        <h2 id="headers-h">{t.headers}</h2>
        <dl class="headers">
          {message.headers.map((h) => (
            <>
              <dt>{h.name}</dt>
              <dd>
                <code>{h.value}</code>
              </dd>
            </>
          ))}
        </dl>
      </section>
    </>
  )
}
