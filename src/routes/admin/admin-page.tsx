/**
 * Rendering helpers shared by the admin routes: the page shell filled from the session, flash
 * messages carried through a redirect (?ok=saved), and one error handler that turns domain
 * errors into pages in the staff member's language.
 */
import type { Context, ErrorHandler } from 'hono'
import type { Child } from 'hono/jsx'
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '../../core/errors.js'
import { displayEmail, normalizeEmail } from '../../core/subscription/email-address.js'
import { errorBody, statusOf, wantsJson } from '../../http/errors.js'
import { AdminPage } from '../../views/admin/admin-layout.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import type { AdminEnv } from './admin-session.js'

export type Flash = { kind: 'ok' | 'error'; text: string }

export interface PageOptions {
  title: string
  current?: string
  flash?: Flash
  wide?: boolean
}

/**
 * A JSX page as an HTML document string that starts with exactly one doctype, which keeps
 * browsers out of quirks mode.
 */
export async function htmlDocument(node: Child): Promise<string> {
  const html = await (node as { toString(): string | Promise<string> }).toString()
  // The shared Layout now writes the doctype itself; a second one is a parse error.
  return html.startsWith('<!DOCTYPE html>') ? html : `<!DOCTYPE html>${html}`
}

export function adminPage(c: Context<AdminEnv>, options: PageOptions, body: Child) {
  const { t, session, lang } = c.var
  return htmlDocument(
    <AdminPage
      lang={lang}
      t={t}
      title={options.title}
      csrfToken={session.csrfToken}
      actor={session.actor}
      userEmail={session.user.email}
      current={options.current}
      outboxEnabled={!c.var.deps.config.smtpUrl}
      flash={options.flash ?? flashFromQuery(c)}
      wide={options.wide}
    >
      {body}
    </AdminPage>,
  )
}

/** Messages a redirect may ask for; anything else in ?ok= is ignored. */
const FLASH_KEYS = [
  'saved',
  'publishedNow',
  'unscheduled',
  'withdrawn',
  'deleted',
  'uploaded',
  'removed',
  'correctionAdded',
  'newsroomCreated',
  'sendingCancelled',
  'logoSaved',
  'logoRemoved',
  'keywordAdded',
  'keywordSaved',
  'keywordMerged',
  'keywordDeleted',
  'contactAdded',
  'contactSaved',
  'contactDeleted',
  'leadImageSaved',
  'userSaved',
  'contactPhotoSaved',
  'contactPhotoRemoved',
  'mediaAdded',
  'mediaSaved',
  'mediaRemoved',
  'webhookSaved',
  'webhookDeleted',
  'attachmentDescribed',
  'mediaListCreated',
  'mediaListDeleted',
  'mediaContactAdded',
  'mediaContactRemoved',
  'mediaContactResumed',
  'mediaContactAddedOptedOut',
  'mediaListImported',
  'embargoSent',
  'embargoRevokedFlash',
  'embargoMoved',
  'passwordChanged',
] as const satisfies readonly (keyof AdminStrings)[]

export function flashFromQuery(c: Context<AdminEnv>): Flash | undefined {
  const key = c.req.query('ok')
  // A test send names the address it went to (escaped like any text; only an address is shown).
  if (key === 'testSent') {
    const to = (c.req.query('to') ?? '').trim()
    return normalizeEmail(to) ? { kind: 'ok', text: c.var.t.testSent(displayEmail(to)) } : undefined
  }
  if (!key || !(FLASH_KEYS as readonly string[]).includes(key)) return undefined
  return { kind: 'ok', text: c.var.t[key as (typeof FLASH_KEYS)[number]] }
}

/** A plain message page (403, 404, 409) inside the admin shell. */
export function messagePage(c: Context<AdminEnv>, title: string, message?: Child) {
  return adminPage(
    c,
    { title, flash: undefined },
    <>
      <h1>{title}</h1>
      {!message ? null : typeof message === 'string' ? <p>{message}</p> : message}
      <p>
        <a href="/admin">{c.var.t.navHome}</a>
      </p>
    </>,
  )
}

/**
 * Domain errors from the core become readable pages; the core's English message is shown only
 * where it adds detail (conflicts), the headline is always in the staff member's language.
 */
export const adminErrorHandler: ErrorHandler<AdminEnv> = (error, c) => {
  if (!(error instanceof DomainError) || !c.var.session) throw error
  const status = statusOf(error)
  if (wantsJson(c)) return c.json(errorBody(error), status)
  const { t } = c.var
  if (error instanceof ForbiddenError) return c.html(messagePage(c, t.forbidden), 403)
  if (error instanceof NotFoundError) return c.html(messagePage(c, t.notFound), 404)
  if (error instanceof PayloadTooLargeError) return c.html(messagePage(c, t.fileTooLarge), 413)
  if (error instanceof ConflictError || error instanceof ValidationError)
    return c.html(messagePage(c, t.conflict, error.message), status)
  // Rate limits and the like: the message says what to do.
  return c.html(messagePage(c, t.conflict, error.message), status)
}
