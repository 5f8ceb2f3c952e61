/**
 * Managing webhooks (administrators): create with a secret shown once, change, rotate the
 * secret, delete, and read the log of delivery attempts. The API and the staff pages call these.
 */
import type { Actor } from '../auth/actor.js'
import { authorize } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { FieldCode } from '../errors.js'
import type { WebhookDeliveryRow, WebhookRow } from '../../db/repositories/webhooks.js'
import { generateSecret, isWebhookEvent, WEBHOOK_EVENTS } from './events.js'
import type { WebhookEvent } from './events.js'
import type { WebhookDeps } from './ports.js'

export interface WebhookView {
  id: number
  url: string
  description: string
  events: WebhookEvent[]
  /** Subscriber events carry the address. */
  includeAddresses: boolean
  enabled: boolean
  /** Set when the hook was turned off, by staff or after five days of failed calls. */
  disabledAt: string | null
  /** Start of the current run of failed calls; null when the last call succeeded. */
  failingSince: string | null
  /** Until when the previous secret still signs (after a rotation). */
  previousSecretUntil: string | null
  createdAt: string
  updatedAt: string
}

export interface WebhookInput {
  url?: unknown
  events?: unknown
  description?: unknown
  includeAddresses?: unknown
  enabled?: unknown
}

export interface WebhookDeliveryView {
  id: number
  messageId: string
  event: string
  attempt: number
  /** The HTTP status the endpoint answered; null when no answer came. */
  statusCode: number | null
  durationMs: number
  error: string | null
  at: string
}

export const MAX_URL_LENGTH = 2000
export const MAX_DESCRIPTION_LENGTH = 200

export function toWebhookView(row: WebhookRow, now: Date): WebhookView {
  const overlap =
    row.previous_secret_expires_at && row.previous_secret_expires_at > now.toISOString()
      ? row.previous_secret_expires_at
      : null
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: (JSON.parse(row.events) as string[]).filter(isWebhookEvent),
    includeAddresses: row.include_addresses === 1,
    enabled: row.disabled_at === null,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    previousSecretUntil: overlap,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

class Problems {
  readonly fields: Record<string, string> = {}
  readonly codes: Record<string, FieldCode> = {}
  add(path: string, code: FieldCode, message: string) {
    this.fields[path] ??= message
    this.codes[path] ??= code
  }
  throwIfAny() {
    if (Object.keys(this.fields).length > 0)
      throw new ValidationError('The webhook was not saved', this.fields, this.codes)
  }
}

async function cleanUrl(deps: WebhookDeps, value: unknown, problems: Problems) {
  if (typeof value !== 'string' || !value.trim())
    return problems.add('url', 'required', 'Give the address that receives the calls')
  const text = value.trim()
  if (text.length > MAX_URL_LENGTH)
    return problems.add('url', 'too_long', `Keep the address within ${MAX_URL_LENGTH} characters`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return problems.add('url', 'invalid', 'Give a full address such as https://example.fi/hook')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return problems.add('url', 'invalid', 'Only http and https addresses can receive webhooks')
  if (url.username || url.password)
    return problems.add('url', 'invalid', 'Leave user names and passwords out of the address')
  const refusal = await deps.http.checkAddress(url)
  if (refusal === 'private_address')
    return problems.add(
      'url',
      'not_allowed',
      'The address is private, loopback or link-local; webhooks go to public addresses only',
    )
  if (refusal === 'unresolvable')
    return problems.add('url', 'invalid', 'The host name does not resolve')
  return url.toString()
}

function cleanEvents(value: unknown, problems: Problems): WebhookEvent[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('events', 'required', `Choose at least one event: ${WEBHOOK_EVENTS.join(', ')}`)
    return undefined
  }
  const events: WebhookEvent[] = []
  value.forEach((event, index) => {
    if (!isWebhookEvent(event))
      problems.add(
        `events.${index}`,
        'unknown',
        `Unknown event${typeof event === 'string' && /^[\w.-]{1,40}$/.test(event) ? ` "${event}"` : ''}: use ${WEBHOOK_EVENTS.join(', ')}`,
      )
    else if (!events.includes(event)) events.push(event)
  })
  return events
}

function cleanDescription(value: unknown, problems: Problems): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') {
    problems.add('description', 'invalid', 'Give the description as text')
    return undefined
  }
  if (value.trim().length > MAX_DESCRIPTION_LENGTH)
    problems.add(
      'description',
      'too_long',
      `Keep the description within ${MAX_DESCRIPTION_LENGTH} characters`,
    )
  return value.trim()
}

function cleanFlag(path: string, value: unknown, problems: Problems): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') problems.add(path, 'invalid', 'Give true or false')
  return value === true
}

async function getRow(deps: Pick<WebhookDeps, 'repos'>, id: number) {
  const row = Number.isSafeInteger(id) ? await deps.repos.webhooks.find(id) : undefined
  if (!row) throw new NotFoundError('No such webhook')
  return row
}

export async function listWebhooks(deps: WebhookDeps, actor: Actor): Promise<WebhookView[]> {
  authorize(actor, 'webhook.manage')
  const now = deps.clock.now()
  return (await deps.repos.webhooks.list()).map((row) => toWebhookView(row, now))
}

export async function getWebhook(deps: WebhookDeps, actor: Actor, id: number) {
  authorize(actor, 'webhook.manage')
  return toWebhookView(await getRow(deps, id), deps.clock.now())
}

/** Creates a hook; the answer carries the secret, which is never shown again. */
export async function createWebhook(
  deps: WebhookDeps,
  actor: Actor,
  input: WebhookInput,
): Promise<WebhookView & { secret: string }> {
  authorize(actor, 'webhook.manage')
  const problems = new Problems()
  const url = await cleanUrl(deps, input.url, problems)
  const events = cleanEvents(input.events, problems)
  const description = cleanDescription(input.description, problems)
  const includeAddresses = cleanFlag('includeAddresses', input.includeAddresses, problems)
  problems.throwIfAny()
  const secret = generateSecret()
  const now = deps.clock.now()
  const id = await deps.repos.transaction(async (tx) => {
    const id = await tx.webhooks.insert({
      url: url!,
      events: events!,
      description: description ?? '',
      includeAddresses: includeAddresses ?? false,
      secret,
      createdBy: actor.label,
      now,
    })
    await recordAudit(tx, actor, now, {
      action: 'webhook.create',
      subject: `webhook:${id}`,
      details: { url, events },
    })
    return id
  })
  return { ...toWebhookView(await getRow(deps, id), now), secret }
}

export async function updateWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: number,
  input: WebhookInput,
): Promise<WebhookView> {
  authorize(actor, 'webhook.manage')
  const row = await getRow(deps, id)
  const problems = new Problems()
  const url = input.url === undefined ? undefined : await cleanUrl(deps, input.url, problems)
  const events = input.events === undefined ? undefined : cleanEvents(input.events, problems)
  const description = cleanDescription(input.description, problems)
  const includeAddresses = cleanFlag('includeAddresses', input.includeAddresses, problems)
  const enabled = cleanFlag('enabled', input.enabled, problems)
  problems.throwIfAny()
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    await tx.webhooks.update(
      id,
      {
        url: url || undefined,
        events,
        description,
        includeAddresses,
        // Only a change: turning off a hook that is off keeps the time it went off.
        enabled: enabled === (row.disabled_at === null) ? undefined : enabled,
      },
      now,
    )
    await recordAudit(tx, actor, now, {
      action: 'webhook.update',
      subject: `webhook:${id}`,
      details: {
        fields: Object.keys(input).filter((key) => input[key as keyof WebhookInput] !== undefined),
      },
    })
  })
  return toWebhookView(await getRow(deps, id), now)
}

/**
 * A new secret, shown once; the previous one keeps signing beside it for a day (both
 * signatures are sent) so the receiver can switch without missing a call.
 */
export async function rotateWebhookSecret(
  deps: WebhookDeps,
  actor: Actor,
  id: number,
): Promise<WebhookView & { secret: string }> {
  authorize(actor, 'webhook.manage')
  await getRow(deps, id)
  const secret = generateSecret()
  const now = deps.clock.now()
  await deps.repos.transaction(async (tx) => {
    await tx.webhooks.rotateSecret(
      id,
      secret,
      new Date(now.getTime() + deps.policy.rotationOverlapMs),
      now,
    )
    await recordAudit(tx, actor, now, { action: 'webhook.rotate', subject: `webhook:${id}` })
  })
  return { ...toWebhookView(await getRow(deps, id), now), secret }
}

export async function deleteWebhook(deps: WebhookDeps, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'webhook.manage')
  const row = await getRow(deps, id)
  // Messages still waiting find their hook gone and are closed by their job.
  await deps.repos.transaction(async (tx) => {
    await tx.webhooks.remove(id)
    await recordAudit(tx, actor, deps.clock.now(), {
      action: 'webhook.delete',
      subject: `webhook:${id}`,
      details: { url: row.url },
    })
  })
}

export const DELIVERIES_PAGE = 50

export async function listWebhookDeliveries(
  deps: WebhookDeps,
  actor: Actor,
  id: number,
  page: { limit?: number; before?: number } = {},
): Promise<{ items: WebhookDeliveryView[]; next: number | null }> {
  authorize(actor, 'webhook.manage')
  await getRow(deps, id)
  const limit = Math.min(Math.max(page.limit ?? DELIVERIES_PAGE, 1), 200)
  const rows = await deps.repos.webhooks.listDeliveries(id, { limit, beforeId: page.before })
  return {
    items: rows.map(toDeliveryView),
    next: rows.length === limit ? rows[rows.length - 1].id : null,
  }
}

function toDeliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    messageId: row.webhook_msg_id,
    event: row.event_type,
    attempt: row.attempt,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error,
    at: row.created_at,
  }
}
