/**
 * Configuration: the only module that reads `process.env`.
 *
 * Every setting is validated up front so that a bad value stops start-up with one readable
 * line per problem instead of failing later, deep inside a request or a job.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { compileTrustProxy } from './http/client-ip.js'

export const ROLES = ['web', 'worker', 'all'] as const
export type Role = (typeof ROLES)[number]

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const optionalString = z.preprocess(emptyToUndefined, z.string().optional())

const urlWithProtocols = (protocols: string[], example: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => {
        try {
          return protocols.includes(new URL(value).protocol)
        } catch {
          return false
        }
      }, `must be a URL like ${example}`)
      .optional(),
  )

const schema = z.object({
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a whole number between 1 and 65535' })
      .int('must be a whole number between 1 and 65535')
      .min(0, 'must be a whole number between 1 and 65535')
      .max(65535, 'must be a whole number between 1 and 65535')
      .default(3000),
  ),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:'], 'https://news.example.fi'),
  SITE_NAME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .max(80, 'must be at most 80 characters')
      // It goes into a From display name too: no line break may smuggle in a header.
      .regex(/^[^\r\n<>"]*$/, 'may not contain line breaks, <, > or "')
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (value) => /^sqlite:.+/.test(value) || /^postgres(ql)?:\/\/.+/.test(value),
        'must be sqlite:PATH or postgres://user@host:5432/db',
      )
      .optional(),
  ),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"')
      .default('tiedote'),
  ),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:'], 'smtp://user:pass@smtp.example.fi:587'),
  SMTP_POOL_SIZE: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').default(5),
  ),
  MAIL_FROM: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (value) => /^[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(value),
        'must be an address like "Tiedote <no-reply@example.fi>"',
      )
      .default('Tiedote <no-reply@localhost>'),
  ),
  SECRET_KEY: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  ),
  ROLE: z.preprocess(
    emptyToUndefined,
    z.enum(ROLES, { message: 'must be one of web, worker, all' }).default('all'),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  SEED_DEMO: z.preprocess(
    emptyToUndefined,
    z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  ),
  DKIM_DOMAIN: optionalString,
  DKIM_SELECTOR: optionalString,
  DKIM_PRIVATE_KEY_FILE: optionalString,
  SHUTDOWN_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1000, 'must be at least 1000').default(8000),
  ),
  DELIVERY_LEASE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a whole number of seconds from 5 to 600' })
      .int('must be a whole number of seconds from 5 to 600')
      .min(5, 'must be at least 5 (seconds)')
      .max(600, 'must be at most 600 (seconds)')
      .default(30),
  ),
  TRUST_PROXY: optionalString,
  WEBHOOK_ALLOW_PRIVATE: z.preprocess(
    emptyToUndefined,
    z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  ),
  WEBSUB_HUB_URL: urlWithProtocols(['http:', 'https:'], 'https://pubsubhubbub.appspot.com/'),
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 16`)').optional(),
  ),
  METRICS_PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int('must be a port number')
      .min(1, 'must be a port number from 1 to 65535')
      .max(65535, 'must be a port number from 1 to 65535')
      .optional(),
  ),
  WORKER_NICE: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 (normal priority) to 19 (lowest)')
      .max(19, 'must be 0 (normal priority) to 19 (lowest)')
      .default(10),
  ),
})

export interface Config {
  port: number
  publicUrl: string
  /**
   * The installation's own name on the front page and in the footer; unset: a neutral
   * "Uutishuone" / "Nyhetsrum" / "Newsroom" in the page's language.
   */
  siteName: string | undefined
  databaseUrl: string
  /** Unset means: use 127.0.0.1:6379, starting a private redis-server if nothing listens. */
  redisUrl: string | undefined
  redisPrefix: string
  smtpUrl: string | undefined
  smtpPoolSize: number
  mailFrom: string
  secretKey: string
  role: Role
  dataDir: string
  filesDir: string
  outboxDir: string
  logLevel: string
  seedDemo: boolean
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined
  shutdownTimeoutMs: number
  /**
   * How long a worker's claim on the deliveries it is sending holds without renewal; a dead
   * worker's deliveries are sent again by another worker once it lapses.
   */
  deliveryLeaseMs: number
  /** CPU niceness a worker-role process gives itself (0–19). */
  workerNice: number
  /** When set, GET /metrics answers only with `Authorization: Bearer <token>`. */
  metricsToken: string | undefined
  /** Where a worker-role process serves /metrics and /healthz (it has no web server otherwise). */
  metricsPort: number | undefined
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs, presets); empty: none. */
  trustProxy: string[]
  /** Webhooks may call private, loopback and link-local addresses (tests, local receivers). */
  webhookAllowPrivate: boolean
  /** The WebSub hub feeds name and publications ping; unset: no WebSub. */
  websubHubUrl: string | undefined
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

type Source = Record<string, string | undefined>

/** Reads and validates the configuration. Throws ConfigError listing every problem found. */
export function loadConfig(source: Source = process.env): Config {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration')
      const shown = SECRETS.includes(name) ? '(hidden)' : JSON.stringify(source[name] ?? '')
      return `${name}=${shown}: ${issue.message}`
    })
    throw new ConfigError(problems)
  }
  const env = parsed.data
  const problems: string[] = []
  const dataDir = resolve(env.DATA_DIR)

  let dkim: Config['dkim']
  const dkimParts = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY_FILE]
  if (dkimParts.some(Boolean)) {
    if (!dkimParts.every(Boolean)) {
      problems.push('DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE must be set together')
    } else if (!existsSync(env.DKIM_PRIVATE_KEY_FILE!)) {
      problems.push(`DKIM_PRIVATE_KEY_FILE=${env.DKIM_PRIVATE_KEY_FILE}: file not found`)
    } else {
      dkim = {
        domainName: env.DKIM_DOMAIN!,
        keySelector: env.DKIM_SELECTOR!,
        privateKey: readFileSync(env.DKIM_PRIVATE_KEY_FILE!, 'utf8'),
      }
    }
  }
  const trustProxy = ['', 'false'].includes(env.TRUST_PROXY?.trim() ?? '')
    ? []
    : env
        .TRUST_PROXY!.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
  try {
    compileTrustProxy(trustProxy)
  } catch (error) {
    problems.push(
      `TRUST_PROXY=${JSON.stringify(env.TRUST_PROXY)}: ${(error as Error).message}; list proxy addresses or CIDR ranges, or loopback, linklocal, uniquelocal`,
    )
  }
  if (problems.length > 0) throw new ConfigError(problems)

  return {
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    siteName: env.SITE_NAME?.trim() || undefined,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${join(dataDir, 'tiedote.db')}`,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    smtpUrl: env.SMTP_URL,
    smtpPoolSize: env.SMTP_POOL_SIZE,
    mailFrom: env.MAIL_FROM,
    secretKey: env.SECRET_KEY ?? readOrCreateSecret(dataDir),
    role: env.ROLE,
    dataDir,
    filesDir: join(dataDir, 'files'),
    outboxDir: join(dataDir, 'outbox'),
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO === 'true',
    dkim,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    deliveryLeaseMs: env.DELIVERY_LEASE_SECONDS * 1000,
    workerNice: env.WORKER_NICE,
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
    trustProxy,
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    websubHubUrl: env.WEBSUB_HUB_URL,
  }
}

/** Settings whose values never appear in an error message. */
const SECRETS = ['SECRET_KEY', 'METRICS_TOKEN']

/** The secret is generated once per installation so that tokens in sent emails stay valid. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}

/** Values tests and child processes need from the environment, read in this one place. */
export const testEnv = {
  databaseUrl: () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redisUrl: () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  chromiumPath: () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** `npm run test:soak`: longer fault runs (more subscribers, more kills, real timeouts). */
  soak: () => process.env.SOAK === '1',
}
