/**
 * A running notification pipeline for tests: a fresh installation with the SMTP sink and the
 * real BullMQ workers — with a manual clock and a fast delivery policy so that back-off and
 * timeouts take milliseconds. Subscribers are inserted directly (the subscription flows are
 * tested elsewhere).
 */
import type { Repositories } from '../../src/db/repositories/index.js'
import { randomBytes } from 'node:crypto'
import type { Container } from '../../src/container.js'
import type { DeliveryDeps, DeliveryPolicy } from '../../src/core/delivery/ports.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import type { DeliveryProgress } from '../../src/core/delivery/progress.js'
import type { ContentDeps } from '../../src/core/release/ports.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import type { ReleaseInput } from '../../src/core/release/releases.js'
import type { Lang, ReleaseType, SubscriberStatus } from '../../src/core/types.js'
import { deliveryDeps } from '../../src/wiring/delivery.js'
import { createProcessors } from '../../workers/index.js'
import { SYSTEM } from '../helpers/actors.js'
import { addAttachment } from '../../src/core/release/attachments.js'
import type { AttachmentInput } from '../../src/core/release/attachments.js'
import type { DbKind, TestSetup } from '../helpers/env.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { startTestApp } from '../helpers/harness.js'
import type { ManualClock } from '../helpers/harness.js'
import { startSmtpServer } from '../helpers/smtp.js'
import type { TestSmtpServer } from '../helpers/smtp.js'
import { eventually } from '../helpers/wait.js'

/** Back-off and timeouts in milliseconds instead of minutes. */
export const FAST_POLICY: Partial<DeliveryPolicy> = {
  retryBaseMs: 1000,
  retryMaxDelayMs: 4000,
  connectionRetryBaseMs: 200,
  connectionRetryMaxMs: 1000,
  throttleMs: 400,
  sendingTimeoutMs: 60_000,
  stallTimeoutMs: 30_000,
}

export interface Pipeline {
  smtp: TestSmtpServer
  setup: TestSetup
  clock: ManualClock
  container: Container
  delivery: DeliveryDeps
  content: ContentDeps
  close(): Promise<void>
}

export async function startPipeline(
  kind: DbKind,
  options: {
    policy?: Partial<DeliveryPolicy>
    env?: Record<string, string>
    workers?: boolean
    start?: Date
  } = {},
): Promise<Pipeline> {
  const smtp = await startSmtpServer()
  const app = await startTestApp(kind, {
    smtp,
    start: options.start ?? '2026-03-02T08:00:00Z',
    env: { SMTP_POOL_SIZE: '3', MAIL_FROM: 'Tiedote <news@tiedote.test>', ...options.env },
  })
  const container = app.deps
  const delivery = deliveryDeps(container, { policy: { ...FAST_POLICY, ...options.policy } })
  // The delivery side runs on `delivery`, so that a test can change its policy and transport.
  if (options.workers !== false) app.startWorkers(createProcessors(container, delivery))
  return {
    smtp,
    setup: app.setup,
    clock: app.clock,
    container,
    delivery,
    content: app.content,
    close: app.close,
  }
}

export async function createTestNewsroom(
  content: ContentDeps,
  slug = 'lansi-uusimaa',
  languages: Lang[] = ['fi', 'sv'],
) {
  const name: Record<Lang, string> = {
    fi: 'Länsi-Uudenmaan hyvinvointialue',
    sv: 'Västra Nylands välfärdsområde',
    en: 'Western Uusimaa Wellbeing Services County',
  }
  const boilerplate: Record<Lang, string> = {
    fi: 'Hyvinvointialue järjestää sosiaali- ja terveyspalvelut sekä pelastustoimen.',
    sv: 'Välfärdsområdet ordnar social- och hälsovårdstjänster samt räddningsväsendet.',
    en: 'The county organises social, health and rescue services.',
  }
  const pick = (all: Record<Lang, string>) =>
    Object.fromEntries(languages.map((lang) => [lang, all[lang]]))
  return seedNewsroom(content, {
    slug,
    languages,
    name: pick(name),
    boilerplate: pick(boilerplate),
  })
}

export function releaseInput(newsroom: string, overrides: Partial<ReleaseInput> = {}) {
  return {
    newsroom,
    type: 'press-release',
    keywords: ['Sote', 'Strategia'],
    contacts: [
      {
        name: 'Maija Meikäläinen',
        title: { fi: 'Viestintäjohtaja', sv: 'Kommunikationsdirektör' },
        phone: '+358 40 123 4567',
        email: 'maija@example.fi',
      },
    ],
    versions: {
      fi: {
        title: 'Aluevaltuusto hyväksyi strategian',
        lead: 'Strategia ohjaa palveluja vuoteen 2030.',
        body: 'Aluevaltuusto hyväksyi **yksimielisesti** uuden strategian.\n\nSeuraavaksi laaditaan toimeenpano-ohjelma.',
      },
      sv: {
        title: 'Regionfullmäktige godkände strategin',
        lead: 'Strategin styr tjänsterna fram till 2030.',
        body: 'Regionfullmäktige godkände **enhälligt** den nya strategin.\n\nNästa steg är ett genomförandeprogram.',
      },
    },
    ...overrides,
  } satisfies ReleaseInput
}

/** Creates a release and publishes it now (or at `at`); returns its id. */
export async function publishTestRelease(
  pipeline: Pick<Pipeline, 'content'>,
  newsroom: string,
  overrides: Partial<ReleaseInput> = {},
  at?: Date,
): Promise<number> {
  const release = await createRelease(pipeline.content, SYSTEM, releaseInput(newsroom, overrides))
  await publishRelease(pipeline.content, SYSTEM, release.id, at ? { at } : {})
  return release.id
}

/** Like publishTestRelease, with files attached before publication (the first image leads). */
export async function publishTestReleaseWithMedia(
  pipeline: Pick<Pipeline, 'content'>,
  newsroom: string,
  attachments: AttachmentInput[],
): Promise<number> {
  const release = await createRelease(pipeline.content, SYSTEM, releaseInput(newsroom))
  for (const attachment of attachments)
    await addAttachment(pipeline.content, SYSTEM, release.id, attachment)
  await publishRelease(pipeline.content, SYSTEM, release.id, {})
  return release.id
}

export interface SubscriberFixture {
  email: string
  languages?: Lang[]
  newsroomIds: number[]
  status?: SubscriberStatus
  types?: ReleaseType[] | null
  keywords?: string[] | null
  suppressed?: boolean
  paused?: boolean
}

export async function addSubscriber(pipeline: Pipeline, input: SubscriberFixture) {
  const { db } = pipeline.container.database
  const now = pipeline.clock.now().toISOString()
  const status = input.status ?? 'confirmed'
  const row = await db
    .insertInto('subscribers')
    .values({
      email: input.email,
      email_normalized: input.email.toLowerCase(),
      status,
      token_secret: randomBytes(18).toString('base64url'),
      suppressed_at: input.suppressed ? now : null,
      suppression_reason: input.suppressed ? 'hard-bounce' : null,
      paused_at: input.paused ? now : null,
      confirmed_at: status === 'confirmed' ? now : null,
      unsubscribed_at: status === 'unsubscribed' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const languages = input.languages ?? ['fi']
  await db
    .insertInto('subscriber_languages')
    .values(languages.map((lang, position) => ({ subscriber_id: row.id, lang, position })))
    .execute()
  await db
    .insertInto('subscriptions')
    .values(
      input.newsroomIds.map((newsroomId) => ({
        subscriber_id: row.id,
        newsroom_id: newsroomId,
        types: input.types ? JSON.stringify(input.types) : null,
        keywords: input.keywords ? JSON.stringify(input.keywords) : null,
        created_at: now,
      })),
    )
    .execute()
  return row.id
}

/**
 * Waits until the release is marked delivered — which the worker does right after the last
 * delivery turns terminal — and returns its progress.
 */
export async function untilReleaseDelivered(
  repos: Repositories,
  releaseId: number,
  timeoutMs = 15_000,
): Promise<DeliveryProgress> {
  const progress = await eventually(
    async () => {
      const release = await repos.deliveries.findRelease(releaseId)
      if (!release?.delivered_at) return undefined
      return deliveryProgress(repos, releaseId)
    },
    { what: `release ${releaseId} delivered`, timeoutMs },
  )
  return progress!
}

/** Counts SMTP messages per recipient address. */
export function countByRecipient(smtp: TestSmtpServer): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of smtp.messages)
    for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1)
  return counts
}

/** Waits until every delivery of a release's email (or of a correction notice) is terminal. */
export function untilDeliveryDone(
  repos: Repositories,
  releaseId: number,
  { kind = 'release', timeoutMs = 15_000 } = {},
): Promise<DeliveryProgress> {
  return eventually(
    async () => {
      const progress = await deliveryProgress(repos, releaseId, kind)
      return progress.done ? progress : undefined
    },
    { what: `${kind} of release ${releaseId} delivered`, timeoutMs },
  )
}
