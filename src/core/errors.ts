/**
 * Domain errors. Core code throws these; the HTTP layer maps them to status codes in one place
 * (`src/http/errors.ts`), and workers decide retry or give-up from them.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/**
 * Why a field was refused, for user interfaces to put in their own words: the core's English
 * messages are for API clients and logs, never matched by text.
 */
export type FieldCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'invalid'
  | 'unknown'
  | 'in_past'
  | 'too_far_ahead'
  | 'slug_taken'
  | 'slug_invalid'
  | 'slug_empty'
  | 'email_taken'
  | 'not_allowed'
  | 'low_contrast'
  | 'in_use'

/**
 * An error about particular fields: `fields` maps a path like `versions.fi.title` to an English
 * message (for API clients and logs), `fieldCodes` the same paths to a FieldCode (for UIs).
 */
abstract class FieldsError extends DomainError {
  constructor(
    message: string,
    code: string,
    readonly fields: Record<string, string> = {},
    readonly fieldCodes: Record<string, FieldCode> = {},
  ) {
    super(message, code)
  }
}

/** A base for errors of one code: the message may be left out for the default. */
function errorOfCode(code: string, defaultMessage: string) {
  return class extends DomainError {
    constructor(message = defaultMessage) {
      super(message, code)
    }
  }
}

/** A base for field errors of one code. */
function fieldsErrorOfCode(code: string) {
  return class extends FieldsError {
    constructor(
      message: string,
      fields: Record<string, string> = {},
      fieldCodes: Record<string, FieldCode> = {},
    ) {
      super(message, code, fields, fieldCodes)
    }
  }
}

/** Input that cannot be accepted. */
export class ValidationError extends fieldsErrorOfCode('validation_failed') {}

/** The request clashes with the current state (slug taken, release already published…). */
export class ConflictError extends fieldsErrorOfCode('conflict') {}

export class NotFoundError extends errorOfCode('not_found', 'Not found') {}

/** The resource existed but is gone for good (a withdrawn release). */
export class GoneError extends errorOfCode('gone', 'Gone') {}

export class ForbiddenError extends errorOfCode('forbidden', 'You are not allowed to do this') {}

export class UnauthorizedError extends errorOfCode('unauthorized', 'Authentication required') {}

export class PayloadTooLargeError extends errorOfCode(
  'payload_too_large',
  'The request is too large',
) {}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'rate_limited')
  }
}
