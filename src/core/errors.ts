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

/** Input that cannot be accepted; `fields` maps a path like `versions.fi.title` to a message. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message, 'validation_failed')
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found') {
    super(message, 'not_found')
  }
}

/** The resource existed but is gone for good (a withdrawn release). */
export class GoneError extends DomainError {
  constructor(message = 'Gone') {
    super(message, 'gone')
  }
}

/** The request clashes with the current state (slug taken, release already published…). */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message, 'conflict')
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(message, 'forbidden')
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication required') {
    super(message, 'unauthorized')
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'rate_limited')
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(message: string) {
    super(message, 'payload_too_large')
  }
}
