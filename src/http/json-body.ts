/**
 * A guard for JSON request bodies, before any handler reads them:
 *
 * - a size limit, checked while the body streams in, so nobody makes the server parse hundreds
 *   of megabytes (the largest real body, a release with three long versions, is far smaller;
 *   files and CSV go through their own, larger limits);
 * - no NUL characters or unpaired UTF-16 surrogates in any string. PostgreSQL cannot store NUL at
 *   all, and SQLite stores an unpaired surrogate as bytes that come back as three U+FFFD — either
 *   way the text would not survive as sent, so it is refused with the field that holds it;
 * - bytes that are not UTF-8 are refused (400) instead of being read as U+FFFD;
 * - nesting deeper than any real body (arrays and objects, 32 levels) is refused (422) after one
 *   pass over the text, before the parser or any recursive check sees it: a body nested 100,000
 *   levels deep would otherwise exhaust the stack or stall the event loop.
 */
import type { Context, MiddlewareHandler, Next } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { PayloadTooLargeError, ValidationError } from '../core/errors.js'

export const MAX_JSON_BYTES = 4 * 1024 * 1024

// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export const MAX_JSON_DEPTH = 32

/** Whether arrays and objects in JSON text nest deeper than `limit`: one pass, strings skipped. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c)
        i++ // a backslash escapes the next character
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > limit) return true
    } else if (ch === 0x7d || ch === 0x5d) depth--
  }
  return false
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The path (`versions.fi.title`) of the first key or string that is not storable text. */
export function findUnstorableText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return NOT_TEXT.test(value) ? path.join('.') || '_' : undefined
  if (!value || typeof value !== 'object') return undefined
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key]
    if (NOT_TEXT.test(key)) return at.join('.')
    const found = findUnstorableText(item, at)
    if (found) return found
  }
  return undefined
}

export function jsonBodyGuard(maxBytes = MAX_JSON_BYTES): MiddlewareHandler {
  const tooLarge = () => {
    throw new PayloadTooLargeError(
      `The request body is too large: at most ${Math.round(maxBytes / 1024)} KB of JSON`,
    )
  }
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge })
  const readJson = async (c: Context, next: Next): Promise<void> => {
    let text: string
    try {
      text = utf8.decode(await c.req.arrayBuffer())
    } catch {
      throw new HTTPException(400, { message: 'The request body is not valid UTF-8 text' })
    }
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const message = `Nest arrays and objects at most ${MAX_JSON_DEPTH} levels deep`
      throw new ValidationError(`_: ${message}`, { _: message })
    }
    let body: unknown
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text)
    } catch (error) {
      throw new HTTPException(400, {
        message: `Malformed JSON in the request body: ${(error as Error).message}`,
      })
    }
    // Read once here: `c.req.json()` in the route's validator parses this text (Hono keeps the
    // text, not the parsed value), instead of turning the bytes into text again through a Response.
    // Hono types the cache as values but keeps promises in it (`bodyCache[key].then(…)`).
    ;(c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text)
    const field = findUnstorableText(body)
    if (field) {
      const message = 'Remove the NUL character or unpaired surrogate: it is not text'
      throw new ValidationError(`${field}: ${message}`, { [field]: message })
    }
    await next()
  }
  return async (c, next) => {
    if (!/^application\/([\w.-]+\+)?json/i.test(c.req.header('content-type') ?? '')) return next()
    // A body of declared length is refused before it is read when too long, and otherwise read
    // straight from the connection (the Node adapter's fast path: no web stream, no Request
    // object). A chunked body is counted while it streams in.
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxBytes) tooLarge()
      return readJson(c, next)
    }
    return limit(c, async () => {
      await readJson(c, next)
    })
  }
}
