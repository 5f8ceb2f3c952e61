import { pino } from 'pino'
import type { Logger } from 'pino'

export type { Logger }

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear, so a careless
 * `log.info({ config })` cannot leak them.
 */
export function createLogger(level: string, name = 'tiedote'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'secretKey',
        '*.secretKey',
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
        'smtpUrl',
        '*.smtpUrl',
        'dkim',
        '*.dkim',
      ],
      censor: '[redacted]',
    },
  })
}
