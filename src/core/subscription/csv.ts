/**
 * CSV import and export of subscribers.
 *
 * Columns (header row required, names case-insensitive, order free):
 *   email, languages, newsrooms, types, keywords, consent_source, consent_text, consented_at
 * plus, on export only, status, created_at, confirmed_at, unsubscribed_at, paused, suppressed.
 * Lists (languages, newsrooms, types, keywords) are separated by spaces, commas or semicolons.
 * Files come as spreadsheets save them: the separator (`,`, `;` or tab) is read from the header
 * line, the encoding is UTF-8 (with or without BOM) or, when the bytes are not valid UTF-8,
 * Windows-1252 (Excel's "CSV" on Finnish and Swedish Windows); line ends may be CRLF.
 *
 * Import is for people who already consented elsewhere: they become confirmed, dated by
 * `consented_at`. It is all or nothing — any invalid row and nothing is written; the report
 * lists every problem by line. `dryRun` validates and reports without writing.
 * Cells starting with = + - @ are exported with a leading apostrophe so spreadsheets do not run
 * them as formulas; import removes that apostrophe again, so a file survives the round trip.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { Actor } from '../auth/actor.js'
import { authorize, newsroomScope } from '../auth/actor.js'
import { recordAudit } from '../audit.js'
import type { SubscriberStatus } from '../types.js'
import { PayloadTooLargeError, ValidationError } from '../errors.js'
import { parseEmail, EMAIL_PROBLEM_MESSAGES } from './email-address.js'
import type { SubscriptionDeps } from './ports.js'
import {
  Problems,
  parseKeywords,
  resolveKeywords,
  parseLanguages,
  parseTypes,
  parseFrequency,
  preferenceRows,
  toList,
} from './preferences.js'
import type { Preferences } from './preferences.js'
import type { PreferenceRows } from '../../db/repositories/subscribers.js'
import { mayWriteTo, subscriberScope } from './scope.js'
import { keywordIndex } from '../keywords/terms.js'
import { importConsentRow, pageOfSubscribers, validateConsentProof } from './staff.js'
import type { ConsentProof } from './staff.js'
import { newTokenSecret } from './subscribe.js'
import { suppressionKey } from './suppressions.js'
import { queueWebhookEvents } from '../webhooks/events.js'

export const CSV_COLUMNS = [
  'email',
  'languages',
  'newsrooms',
  'types',
  'keywords',
  'consent_source',
  'consent_text',
  'consented_at',
  'frequency',
] as const

export const EXPORT_COLUMNS = [
  ...CSV_COLUMNS,
  'status',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'paused',
  'suppressed',
] as const

export const MAX_IMPORT_ROWS = 50_000
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
/** Outbox rows handed to the queue at a time after an import. */
const DISPATCH_CHUNK = 500

export interface ImportRowError {
  /** Line in the file (the header is line 1). */
  line: number
  /** The column, by its name in the header. */
  field: string
  /** English, for API clients and logs. */
  message: string
  /** What is wrong, for interfaces to say in their own words: see ImportProblem. */
  code: ImportProblem
}

/** Why a row was refused; `field.code` from the preference rules is passed through as is. */
export type ImportProblem =
  | 'email.required'
  | 'email.too-long'
  | 'email.invalid'
  | 'email.invalid-domain'
  | 'email.duplicate'
  | 'email.suppressed'
  | 'email.unsubscribed'
  | 'status.not-confirmed'
  | 'newsrooms.required'
  | 'newsrooms.unknown'
  | 'newsrooms.not-yours'
  | 'consent.invalid'
  | `${string}.${string}`

/** The file as a whole could not be read: says why, and where when it can. */
export class CsvFileError extends ValidationError {
  constructor(
    readonly reason: 'unreadable' | 'no-email-column' | 'unknown-columns',
    message: string,
    /** The line the reader stopped at, or the unknown column names. */
    readonly detail: { line?: number; columns?: string[] } = {},
  ) {
    super(`file: ${message}`, { file: message })
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]

/** The text of an uploaded file: UTF-8 when it is valid UTF-8, else Windows-1252. */
export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input
  const bytes = UTF8_BOM.every((b, i) => input[i] === b) ? input.subarray(3) : input
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Not UTF-8: what Excel writes on Western European Windows (a superset of Latin-1).
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** The separator the header line uses most: comma, semicolon or tab. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '')
  const counts = ([',', ';', '\t'] as const).map(
    (d) => [d, outsideQuotes.split(d).length - 1] as const,
  )
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a))
  return best[1] > 0 ? best[0] : ','
}

export interface ImportReport {
  dryRun: boolean
  rows: number
  created: number
  /** Pending subscribers who became confirmed. */
  updated: number
  /** Already confirmed: left as they are. */
  skipped: number
  errors: ImportRowError[]
  /** True when something was written (not a dry run, no errors). */
  imported: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/

const unescapeCell = (value: string) =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
const escapeCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value)

interface PlannedRow {
  line: number
  email: { address: string; normalized: string }
  preferences: Preferences
  consent: ConsentProof & { textVersion?: string }
  action: 'create' | 'update' | 'skip'
  existingId?: number
}

/** A parsed CSV row with the line it started on. */
export interface CsvRecord {
  record: Record<string, string>
  info: { lines: number }
}

/**
 * Reads an import file (subscribers, media lists) as spreadsheets write it: UTF-8 (with or
 * without BOM) or Windows-1252, comma, semicolon or tab separated; at most MAX_IMPORT_BYTES and
 * MAX_IMPORT_ROWS, a header row naming the columns (case-insensitive) that includes "email",
 * cells trimmed.
 */
export function readImportCsv(file: string | Uint8Array): CsvRecord[] {
  const size = typeof file === 'string' ? Buffer.byteLength(file) : file.byteLength
  if (size > MAX_IMPORT_BYTES) {
    throw new PayloadTooLargeError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)
  }
  const csv = decodeCsv(file)
  let records: CsvRecord[]
  try {
    records = parse(csv, {
      bom: true,
      delimiter: detectDelimiter(csv),
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 100_000,
    }) as unknown as typeof records
  } catch (error) {
    const { message, lines } = error as Error & { lines?: number }
    throw new CsvFileError('unreadable', `The CSV could not be read: ${message}`, {
      line: lines,
    })
  }
  if (records.length > MAX_IMPORT_ROWS) {
    throw new PayloadTooLargeError(`At most ${MAX_IMPORT_ROWS} rows per import`)
  }
  const header = records.length > 0 ? Object.keys(records[0].record) : []
  if (records.length === 0 || !header.includes('email')) {
    throw new CsvFileError(
      'no-email-column',
      'The first line must name the columns, including "email"',
    )
  }
  return records
}

export async function importSubscribersCsv(
  deps: SubscriptionDeps,
  actor: Actor,
  file: string | Uint8Array,
  options: { dryRun?: boolean; defaultNewsroom?: string } = {},
): Promise<ImportReport> {
  authorize(actor, 'subscriber.manage')
  const records = readImportCsv(file)
  const header = Object.keys(records[0].record)
  const unknown = header.filter(
    (h) => !(EXPORT_COLUMNS as readonly string[]).includes(h) && h !== 'consent_text_version',
  )
  if (unknown.length > 0) {
    throw new CsvFileError(
      'unknown-columns',
      `Unknown columns: ${unknown.join(', ')}. Use ${CSV_COLUMNS.join(', ')}`,
      { columns: unknown },
    )
  }

  const newsrooms = await deps.repos.subscribers.allNewsrooms()
  const bySlug = new Map(newsrooms.map((n) => [n.slug, n]))
  const keywordsOf = await keywordIndex(
    deps.repos,
    newsrooms.map((n) => n.id),
  )
  const errors: ImportRowError[] = []
  const planned: PlannedRow[] = []
  const seen = new Map<string, number>()
  const now = deps.clock.now()

  for (const { record, info } of records) {
    const line = info.lines
    const cell = (name: string) => unescapeCell(record[name] ?? '')
    const rowErrors: ImportRowError[] = []
    const fail = (field: string, code: ImportProblem, message: string) =>
      rowErrors.push({ line, field, message, code })

    const parsed = parseEmail(cell('email'))
    if (!parsed.ok) fail('email', `email.${parsed.problem}`, EMAIL_PROBLEM_MESSAGES[parsed.problem])
    else if (seen.has(parsed.value.normalized)) {
      fail(
        'email',
        'email.duplicate',
        `The same address is on line ${seen.get(parsed.value.normalized)}`,
      )
    } else seen.set(parsed.value.normalized, line)

    const status = cell('status')
    if (status !== '' && status !== 'confirmed') {
      fail(
        'status',
        'status.not-confirmed',
        'Only confirmed subscribers can be imported; leave out the other rows',
      )
    }
    const slugs = toList(cell('newsrooms') || options.defaultNewsroom || '').map(String)
    const rooms = slugs.map((slug) => bySlug.get(slug))
    if (slugs.length === 0)
      fail('newsrooms', 'newsrooms.required', 'Name at least one newsroom by its slug')
    else if (rooms.some((room) => !room)) {
      fail(
        'newsrooms',
        'newsrooms.unknown',
        `No such newsroom: ${slugs.filter((s) => !bySlug.get(s)).join(', ')}`,
      )
    } else if (
      !mayWriteTo(
        actor,
        rooms.map((room) => room!.id),
      )
    ) {
      const theirs = slugs.filter((slug) => !mayWriteTo(actor, [bySlug.get(slug)!.id]))
      fail(
        'newsrooms',
        'newsrooms.not-yours',
        `You do not manage the subscribers of: ${theirs.join(', ')}`,
      )
    }
    const problems = new Problems()
    const defaultLang = rooms[0] ? (JSON.parse(rooms[0].languages) as string[])[0] : undefined
    const languages = parseLanguages(cell('languages') || defaultLang, problems)
    const types = parseTypes(cell('types'), problems)
    const frequency = parseFrequency(cell('frequency'), problems)
    const keywords = rooms.every(Boolean)
      ? resolveKeywords(
          keywordsOf,
          rooms.map((room) => room!.id),
          parseKeywords(cell('keywords'), problems),
          problems,
        )
      : null
    for (const [field, message] of Object.entries(problems.fields))
      fail(field, `${field}.${problems.codes[field]}`, message)

    const fields: Record<string, string> = {}
    const consent = validateConsentProof(
      {
        source: cell('consent_source'),
        text: cell('consent_text') || undefined,
        at: cell('consented_at'),
      },
      now,
      fields,
      'consent',
    )
    const columnOf: Record<string, string> = {
      'consent.source': 'consent_source',
      'consent.text': 'consent_text',
      'consent.at': 'consented_at',
    }
    for (const [field, message] of Object.entries(fields))
      fail(columnOf[field] ?? 'consent_source', 'consent.invalid', message)

    if (rowErrors.length > 0 || !parsed.ok || !consent) {
      errors.push(...rowErrors)
      continue
    }
    planned.push({
      line,
      email: parsed.value,
      preferences: {
        languages,
        newsrooms: rooms.map((room) => ({ id: room!.id, slug: room!.slug })),
        types,
        keywords,
        ...(frequency ? { frequency } : {}),
      },
      consent: { ...consent, textVersion: cell('consent_text_version') || undefined },
      action: 'create',
    })
  }

  // Compare with what is stored: suppressed and unsubscribed people are not signed up again.
  const keyOf = (row: PlannedRow) => suppressionKey(deps.secretKey, row.email.normalized)
  const existing = new Map(
    (await deps.repos.subscribers.findByEmails(planned.map((row) => row.email.normalized))).map(
      (s) => [s.email_normalized, s] as const,
    ),
  )
  const suppressed = new Map(
    (await deps.repos.suppressions.findMany(planned.map(keyOf))).map(
      (s) => [s.email_normalized, s] as const,
    ),
  )
  for (const row of planned) {
    const hit = suppressed.get(keyOf(row))
    if (hit) {
      errors.push({
        line: row.line,
        field: 'email',
        code: 'email.suppressed',
        message: `The address is suppressed (${hit.reason}); lift the suppression first`,
      })
      continue
    }
    const current = existing.get(row.email.normalized)
    if (!current) continue
    row.existingId = current.id
    const status: SubscriberStatus = current.status
    if (status === 'unsubscribed') {
      errors.push({
        line: row.line,
        field: 'email',
        code: 'email.unsubscribed',
        message: 'This person unsubscribed; an import cannot subscribe them again',
      })
    } else row.action = status === 'confirmed' ? 'skip' : 'update'
  }
  // A pending subscriber who also follows newsrooms outside the actor's scope is left as is.
  const toUpdate = planned.filter((row) => row.action === 'update')
  if (toUpdate.length > 0 && newsroomScope(actor)) {
    const rooms = await deps.repos.subscribers.subscriptionsOf(toUpdate.map((r) => r.existingId!))
    for (const row of toUpdate) {
      const theirs = rooms.filter((room) => room.subscriber_id === row.existingId)
      if (
        !mayWriteTo(
          actor,
          theirs.map((room) => room.newsroom_id),
        )
      )
        row.action = 'skip'
    }
  }
  errors.sort((a, b) => a.line - b.line)

  const report: ImportReport = {
    dryRun: Boolean(options.dryRun),
    rows: records.length,
    created: planned.filter((r) => r.action === 'create').length,
    updated: planned.filter((r) => r.action === 'update').length,
    skipped: planned.filter((r) => r.action === 'skip').length,
    errors,
    imported: false,
  }
  if (errors.length > 0 || options.dryRun) return report

  const nowIso = now.toISOString()
  const created = planned.filter((row) => row.action === 'create')
  const updated = planned.filter((row) => row.action === 'update')
  const eventIds = await deps.repos.transaction(async (tx) => {
    const newIds = await tx.subscribers.insertMany(
      created.map((row) => ({
        email: row.email.address,
        email_normalized: row.email.normalized,
        status: 'confirmed',
        token_secret: newTokenSecret(),
        confirmed_at: row.consent.at,
        created_at: nowIso,
        updated_at: nowIso,
      })),
    )
    for (const row of created) row.existingId = newIds.get(row.email.normalized)
    await tx.subscribers.confirmImported(
      updated.map((row) => ({ id: row.existingId!, confirmedAt: row.consent.at })),
      now,
    )
    const written = planned.filter((row) => row.action !== 'skip')
    await tx.subscribers.replaceManyPreferences(
      new Map<number, PreferenceRows>(
        written.map((row) => [row.existingId!, preferenceRows(row.preferences)]),
      ),
      now,
    )
    await tx.consents.addMany(
      written.map((row) => importConsentRow(row.existingId!, row.consent, actor)),
    )
    await recordAudit(tx, actor, now, {
      action: 'subscriber.import',
      subject: 'subscribers:all',
      details: { rows: report.rows, created: report.created, updated: report.updated },
    })
    // Everyone the import confirms is announced as the confirmation link would announce them.
    return queueWebhookEvents(
      tx,
      deps.clock,
      written.map((row) => ({
        type: 'subscriber.confirmed' as const,
        data: {
          id: row.existingId!,
          newsrooms: row.preferences.newsrooms.map((room) => room.slug),
          languages: row.preferences.languages,
        },
        personal: { email: row.email.address },
      })),
    )
  })
  for (let i = 0; i < eventIds.length; i += DISPATCH_CHUNK)
    await deps.dispatch(eventIds.slice(i, i + DISPATCH_CHUNK))
  // A release published right after a large import is fanned out with plans for the new size.
  await deps.repos.subscribers.afterBulkChange(report.created + report.updated)
  return { ...report, imported: true }
}

/** All subscribers matching the filter as CSV (UTF-8, header row, one subscriber per line). */
export async function exportSubscribersCsv(
  deps: Pick<SubscriptionDeps, 'repos' | 'clock'>,
  actor: Actor,
  filter: { status?: SubscriberStatus; newsroom?: string } = {},
): Promise<string> {
  const { repos } = deps
  const scope = await subscriberScope(repos, actor, filter.newsroom)
  const lines: string[][] = []
  let after: number | undefined
  do {
    const page = await pageOfSubscribers(
      repos,
      { status: filter.status, ...scope },
      { order: 'oldest', after, limit: 1000 },
    )
    after = page.next ?? undefined
    const ids = page.rows.map((s) => s.id)
    const langs = await repos.subscribers.languagesOf(ids)
    const subs = await repos.subscribers.subscriptionsOf(ids)
    const consents = await repos.consents.newestOf(ids, ['subscribe', 'import'])
    for (const s of page.rows) {
      const mine = subs.filter((x) => x.subscriber_id === s.id)
      const consent = consents.find((c) => c.subscriber_id === s.id)
      const list = (json: string | null) => (json ? (JSON.parse(json) as string[]).join(' ') : '')
      lines.push(
        [
          s.email,
          (langs.get(s.id) ?? []).join(' '),
          mine.map((x) => x.slug).join(' '),
          list(mine[0]?.types ?? null),
          list(mine[0]?.keywords ?? null),
          consent?.source ?? '',
          consent?.text ?? '',
          // The moment of consent: an import's stated time, else the double opt-in confirmation.
          (consent?.action === 'import' ? consent.created_at : s.confirmed_at) ?? '',
          s.frequency,
          s.status,
          s.created_at,
          s.confirmed_at ?? '',
          s.unsubscribed_at ?? '',
          s.paused_at ? 'yes' : '',
          s.suppressed_at ? 'yes' : '',
        ].map(escapeCell),
      )
    }
  } while (after !== undefined)
  // Personal data left the system: who took it, with which filter, and how many addresses.
  await recordAudit(repos, actor, deps.clock.now(), {
    action: 'subscriber.export',
    subject: 'subscribers:all',
    details: { ...filter, subscribers: lines.length },
  })
  return stringify(lines, { header: true, columns: [...EXPORT_COLUMNS], bom: false })
}
