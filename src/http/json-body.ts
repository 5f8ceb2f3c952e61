/**
 * A guard for JSON request bodies, before any handler reads them:
 *
 * - a size limit, checked while the body streams in, so nobody makes the server parse hundreds
 *   of megabytes (the largest real body, a release with three long versions, is far smaller;
 *   files and CSV go through their own, larger limits);
 * - no NUL characters or unpaired UTF-16 surrogates in any string. PostgreSQL cannot store NUL at
 *   all, and SQLite stores an unpaired surrogate as bytes that come back as three U+FFFD — either
 *   way the text would not survive as sent, so it is refused with the field that holds it.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { PayloadTooLargeError, ValidationError } from '../core/errors.js'

export const MAX_JSON_BYTES = 4 * 1024 * 1024

// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

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

export function jsonBodyGuard(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(
        `The request body is too large: at most ${MAX_JSON_BYTES / 1024 / 1024} MB of JSON`,
      )
    },
  })
  return async (c, next) => {
    if (!/^application\/([\w.-]+\+)?json/i.test(c.req.header('content-type') ?? '')) return next()
    return limit(c, async () => {
      // Parsed once here; Hono keeps the result for the route's own validator.
      const body: unknown = await c.req.json().catch(() => undefined)
      const field = findUnstorableText(body)
      if (field) {
        const message = 'Remove the NUL character or unpaired surrogate: it is not text'
        throw new ValidationError(`${field}: ${message}`, { [field]: message })
      }
      await next()
    })
  }
}
