/**
 * Maps domain errors to HTTP in one place. API clients get the JSON error shape of the API
 * contract; browsers get a readable page. Unexpected errors are logged with the request id and
 * answered without any internals.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../core/errors.js'

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> }
}

export function statusOf(error: DomainError): ContentfulStatusCode {
  if (error instanceof ValidationError) return 422
  if (error instanceof NotFoundError) return 404
  if (error instanceof GoneError) return 410
  if (error instanceof ConflictError) return 409
  if (error instanceof ForbiddenError) return 403
  if (error instanceof UnauthorizedError) return 401
  if (error instanceof RateLimitedError) return 429
  if (error instanceof PayloadTooLargeError) return 413
  return 400
}

export function errorBody(error: DomainError): ErrorBody {
  const fields = (error as { fields?: Record<string, string> }).fields
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(fields && Object.keys(fields).length > 0 ? { fields } : {}),
    },
  }
}

/** True when the client asked for JSON or called the API. */
export function wantsJson(c: Context): boolean {
  if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/healthz')) return true
  const accept = c.req.header('accept') ?? ''
  const type = c.req.header('content-type') ?? ''
  return (
    (accept.includes('application/json') && !accept.includes('text/html')) ||
    type.includes('application/json')
  )
}

/** Turns anything thrown into a status and an error body; never exposes a stack trace. */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof DomainError) return { status: statusOf(error), body: errorBody(error) }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    const code =
      status === 400
        ? 'bad_request'
        : status === 404
          ? 'not_found'
          : status === 413
            ? 'payload_too_large'
            : status === 403
              ? 'forbidden'
              : status === 401
                ? 'unauthorized'
                : 'http_error'
    return { status, body: { error: { code, message: error.message || 'Request failed' } } }
  }
  if (isUnavailable(error)) {
    return {
      status: 503,
      body: {
        error: {
          code: 'unavailable',
          message: 'The service is temporarily unavailable. Try again in a moment.',
        },
      },
    }
  }
  if (isUnstorableText(error)) {
    return {
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'The request contains characters that are not text (such as NUL); remove them',
        },
      },
    }
  }
  if (error instanceof SyntaxError) {
    return {
      status: 400,
      body: { error: { code: 'bad_request', message: 'Malformed request body' } },
    }
  }
  return {
    status: 500,
    body: {
      error: { code: 'internal', message: 'Something went wrong on our side. Try again shortly.' },
    },
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  'SQLITE_BUSY',
])

/** Database or Redis unreachable: a temporary condition, answered with 503, not 500. */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined
  if (!e) return false
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true
  return /Connection terminated|timeout exceeded when trying to connect|Connection is closed/i.test(
    e.message ?? '',
  )
}

/**
 * PostgreSQL refusing a NUL character or a byte sequence that is not UTF-8 (the statement, and
 * its transaction, failed: nothing was written). Bad input, not a server fault.
 */
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code
  return code === '22021' || code === '22P05'
}
