/**
 * Subscribers with what they chose: `subscribers`, their languages in order of preference
 * (`subscriber_languages`) and one `subscriptions` row per newsroom. Lists page by keyset on
 * the id; status changes are conditional updates that say whether they changed anything, so
 * the core records consent only for real changes and repeated requests stay idempotent.
 */
import { sql } from 'kysely'
import type { SelectQueryBuilder } from 'kysely'
import { isUniqueViolation } from '../errors.js'
import type { Database, Subscriber } from '../schema.js'
import { analyzeTables, BULK_CHANGE_ROWS } from '../statistics.js'
import { SUBSCRIBER_FREQUENCIES } from '../../core/types.js'
import type { Lang, ReleaseType, SubscriberFrequency, SubscriberStatus } from '../../core/types.js'
import type { Executor } from './index.js'

export type SubscriberRow = Subscriber

/**
 * A write lost a race for a unique key: the same address subscribing twice at once, or two
 * preference writes for one subscriber. The transaction is spoilt; the caller may run it again.
 */
export class SubscriberWriteConflict extends Error {
  constructor(cause: unknown) {
    super('Concurrent write to the same subscriber', { cause })
    this.name = 'SubscriberWriteConflict'
  }
}

async function translatingConflicts<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error)) throw new SubscriberWriteConflict(error)
    throw error
  }
}

export interface NewSubscriber {
  email: string
  email_normalized: string
  status: SubscriberStatus
  token_secret: string
  confirmed_at?: string | null
  last_confirmation_sent_at?: string | null
  created_at: string
  updated_at: string
}

/** What a subscriber wants delivered; the same types and keywords apply to every newsroom. */
export interface PreferenceRows {
  languages: Lang[]
  newsroomIds: number[]
  /** null: every type. */
  types: ReleaseType[] | null
  /** Keyword slugs; null: every keyword. */
  keywords: string[] | null
  /** Written when given; undefined leaves the subscriber's as it is. */
  frequency?: SubscriberFrequency
}

export interface SubscriptionRow {
  subscriber_id: number
  newsroom_id: number
  slug: string
  /** JSON array, or null for everything. */
  types: string | null
  keywords: string | null
  created_at: string
}

export interface SubscriberFilter {
  /** Part of the normalised address (already lower-cased). */
  emailContains?: string
  status?: SubscriberStatus
  /** Has this language among their choices. */
  lang?: Lang
  /** Subscribes to the newsroom with this slug. */
  newsroom?: string
  /** Subscribes to at least one of these newsrooms (the staff member's scope). */
  newsroomIds?: number[]
  suppressed?: boolean
  paused?: boolean
}

export interface KeysetPage {
  /** `newest`: descending ids; `oldest`: ascending. */
  order: 'newest' | 'oldest'
  /** The last id of the previous page. */
  after?: number
  limit: number
}

export interface SubscriberCountRows {
  byStatus: { status: SubscriberStatus; n: number }[]
  paused: number
  suppressed: number
  active: number
  /** Confirmed subscribers by their first-choice language. */
  byFirstLanguage: { lang: Lang; n: number }[]
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Splits a batch so that no statement goes past the bind-parameter limits of either engine
 * (a multi-row insert or an `in (...)` list of up to 500 rows).
 */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Runs a select once per chunk of `keys` and returns all the rows. */
export async function selectInChunks<K, R>(
  keys: K[],
  select: (part: K[]) => Promise<R[]>,
): Promise<R[]> {
  const found: R[] = []
  for (const part of chunks(keys)) found.push(...(await select(part)))
  return found
}

export function createSubscriberRepository(db: Executor) {
  /** Limits a query to subscribers of the newsroom named by slug and of the scope's newsrooms. */
  function inNewsroom<O>(
    query: SelectQueryBuilder<Database, 'subscribers', O>,
    filter: Pick<SubscriberFilter, 'newsroom' | 'newsroomIds'>,
  ) {
    const { newsroom: slug, newsroomIds: ids } = filter
    if (slug)
      query = query.where('subscribers.id', 'in', (eb) =>
        eb
          .selectFrom('subscriptions')
          .innerJoin('newsrooms', 'newsrooms.id', 'subscriptions.newsroom_id')
          .select('subscriptions.subscriber_id')
          .where('newsrooms.slug', '=', slug),
      )
    if (ids)
      query = query.where('subscribers.id', 'in', (eb) =>
        eb
          .selectFrom('subscriptions')
          .select('subscriptions.subscriber_id')
          .where('subscriptions.newsroom_id', 'in', ids.length > 0 ? ids : [-1]),
      )
    return query
  }

  async function replacePreferences(
    subscriberIds: number[],
    prefs: (id: number) => PreferenceRows,
    at: Date,
    /** False for subscribers just inserted: they have no rows to delete. */
    replace = true,
  ): Promise<void> {
    if (subscriberIds.length === 0) return
    const createdAt = at.toISOString()
    const languages = subscriberIds.flatMap((id) =>
      prefs(id).languages.map((lang, position) => ({ subscriber_id: id, lang, position })),
    )
    const subscriptions = subscriberIds.flatMap((id) => {
      const p = prefs(id)
      const types = p.types ? JSON.stringify(p.types) : null
      const keywords = p.keywords ? JSON.stringify(p.keywords) : null
      return p.newsroomIds.map((newsroomId) => ({
        subscriber_id: id,
        newsroom_id: newsroomId,
        types,
        keywords,
        created_at: createdAt,
      }))
    })
    await translatingConflicts(async () => {
      if (replace)
        for (const ids of chunks(subscriberIds))
          await db.deleteFrom('subscriber_languages').where('subscriber_id', 'in', ids).execute()
      for (const rows of chunks(languages))
        await db.insertInto('subscriber_languages').values(rows).execute()
      if (replace)
        for (const ids of chunks(subscriberIds))
          await db.deleteFrom('subscriptions').where('subscriber_id', 'in', ids).execute()
      for (const rows of chunks(subscriptions))
        await db.insertInto('subscriptions').values(rows).execute()
      for (const frequency of SUBSCRIBER_FREQUENCIES) {
        const ids = subscriberIds.filter((id) => prefs(id).frequency === frequency)
        for (const part of chunks(ids))
          await db.updateTable('subscribers').set({ frequency }).where('id', 'in', part).execute()
      }
    })
  }

  return {
    findById(id: number): Promise<SubscriberRow | undefined> {
      return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst()
    },

    findByEmail(normalized: string): Promise<SubscriberRow | undefined> {
      return db
        .selectFrom('subscribers')
        .selectAll()
        .where('email_normalized', '=', normalized)
        .executeTakeFirst()
    },

    /** The subscribers among these normalised addresses (any number; queried in chunks). */
    findByEmails(normalized: string[]): Promise<SubscriberRow[]> {
      return selectInChunks(normalized, (part) =>
        db.selectFrom('subscribers').selectAll().where('email_normalized', 'in', part).execute(),
      )
    },

    /** Returns the new id. */
    async insert(row: NewSubscriber): Promise<number> {
      const inserted = await translatingConflicts(() =>
        db.insertInto('subscribers').values(row).returning('id').executeTakeFirstOrThrow(),
      )
      return inserted.id
    },

    /** Inserts many; returns the new ids by normalised address. */
    async insertMany(rows: NewSubscriber[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>()
      for (const part of chunks(rows)) {
        const inserted = await translatingConflicts(() =>
          db.insertInto('subscribers').values(part).returning(['id', 'email_normalized']).execute(),
        )
        for (const row of inserted) ids.set(row.email_normalized, row.id)
      }
      return ids
    },

    /** A returning address becomes pending again (it was new, pending or unsubscribed). */
    async markPending(id: number, email: string, at: Date): Promise<void> {
      await db
        .updateTable('subscribers')
        .set({ email, status: 'pending', updated_at: at.toISOString() })
        .where('id', '=', id)
        .execute()
    },

    async noteConfirmationSent(id: number, at: Date): Promise<void> {
      await db
        .updateTable('subscribers')
        .set({ last_confirmation_sent_at: at.toISOString() })
        .where('id', '=', id)
        .execute()
    },

    /** Confirmed from now on (double opt-in or the manage link); false if it already was. */
    async confirm(id: number, at: Date): Promise<boolean> {
      const now = at.toISOString()
      const updated = await db
        .updateTable('subscribers')
        .set({ status: 'confirmed', confirmed_at: now, unsubscribed_at: null, updated_at: now })
        .where('id', '=', id)
        .where('status', '!=', 'confirmed')
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    /**
     * Imported pending subscribers become confirmed as of when they consented; one update per
     * distinct consent time.
     */
    async confirmImported(rows: { id: number; confirmedAt: string }[], at: Date): Promise<void> {
      const byTime = new Map<string, number[]>()
      for (const row of rows)
        byTime.set(row.confirmedAt, [...(byTime.get(row.confirmedAt) ?? []), row.id])
      for (const [confirmedAt, ids] of byTime) {
        for (const part of chunks(ids)) {
          await db
            .updateTable('subscribers')
            .set({ status: 'confirmed', confirmed_at: confirmedAt, updated_at: at.toISOString() })
            .where('id', 'in', part)
            .execute()
        }
      }
    },

    /** False if the subscriber had already unsubscribed. */
    async unsubscribe(id: number, at: Date): Promise<boolean> {
      const now = at.toISOString()
      const updated = await db
        .updateTable('subscribers')
        .set({ status: 'unsubscribed', unsubscribed_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '!=', 'unsubscribed')
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    /** Pauses or resumes; false if it already was so. */
    async setPaused(id: number, paused: boolean, at: Date): Promise<boolean> {
      const now = at.toISOString()
      const updated = await db
        .updateTable('subscribers')
        .set({ paused_at: paused ? now : null, updated_at: now })
        .where('id', '=', id)
        .where('paused_at', paused ? 'is' : 'is not', null)
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    async touch(id: number, at: Date): Promise<void> {
      await db
        .updateTable('subscribers')
        .set({ updated_at: at.toISOString() })
        .where('id', '=', id)
        .execute()
    },

    /** Mirrors the suppression list on the subscriber with this address, if any. */
    async markSuppressed(normalized: string, reason: string, at: Date): Promise<void> {
      const now = at.toISOString()
      await db
        .updateTable('subscribers')
        .set({ suppressed_at: now, suppression_reason: reason, updated_at: now })
        .where('email_normalized', '=', normalized)
        .execute()
    },

    /** False if the subscriber was not suppressed (or there is none). */
    async clearSuppressed(normalized: string, at: Date): Promise<boolean> {
      const updated = await db
        .updateTable('subscribers')
        .set({ suppressed_at: null, suppression_reason: null, updated_at: at.toISOString() })
        .where('email_normalized', '=', normalized)
        .where('suppressed_at', 'is not', null)
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    listSuppressed(): Promise<Pick<SubscriberRow, 'id' | 'email' | 'email_normalized'>[]> {
      return db
        .selectFrom('subscribers')
        .select(['id', 'email', 'email_normalized'])
        .where('suppressed_at', 'is not', null)
        .execute()
    },

    /**
     * Erasure of the subscriber row with its languages and subscriptions. Delivery rows stay
     * for the counts, without the subscriber and without the SMTP reply (it may quote the
     * address).
     */
    async erase(id: number): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ smtp_response: null, subscriber_id: null })
        .where('subscriber_id', '=', id)
        .execute()
      await db.deleteFrom('subscriber_languages').where('subscriber_id', '=', id).execute()
      await db.deleteFrom('subscriptions').where('subscriber_id', '=', id).execute()
      await db.deleteFrom('subscribers').where('id', '=', id).execute()
    },

    /** One page of subscribers matching the filter, by keyset on the id. */
    page(filter: SubscriberFilter, page: KeysetPage): Promise<SubscriberRow[]> {
      let query = inNewsroom(db.selectFrom('subscribers').selectAll(), filter)
      if (filter.emailContains) {
        const pattern = `%${escapeLike(filter.emailContains)}%`
        query = query.where(sql<boolean>`email_normalized like ${pattern} escape '\\'`)
      }
      if (filter.status) query = query.where('status', '=', filter.status)
      if (filter.suppressed !== undefined)
        query = query.where('suppressed_at', filter.suppressed ? 'is not' : 'is', null)
      if (filter.paused !== undefined)
        query = query.where('paused_at', filter.paused ? 'is not' : 'is', null)
      if (filter.lang) {
        const lang = filter.lang
        query = query.where('id', 'in', (eb) =>
          eb.selectFrom('subscriber_languages').select('subscriber_id').where('lang', '=', lang),
        )
      }
      const newest = page.order === 'newest'
      if (page.after !== undefined) query = query.where('id', newest ? '<' : '>', page.after)
      return query
        .orderBy('id', newest ? 'desc' : 'asc')
        .limit(page.limit)
        .execute()
    },

    /** Counts for the staff overview, optionally of one newsroom's or a scope's subscribers. */
    async counts(
      filter: Pick<SubscriberFilter, 'newsroom' | 'newsroomIds'> = {},
    ): Promise<SubscriberCountRows> {
      const scoped = () => inNewsroom(db.selectFrom('subscribers'), filter)
      const byStatus = await scoped()
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute()
      const flags = await scoped()
        .select([
          (eb) => eb.fn.count<number>('paused_at').as('paused'),
          (eb) => eb.fn.count<number>('suppressed_at').as('suppressed'),
        ])
        .executeTakeFirstOrThrow()
      const active = await scoped()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'confirmed')
        .where('paused_at', 'is', null)
        .where('suppressed_at', 'is', null)
        .executeTakeFirstOrThrow()
      const byFirstLanguage = await scoped()
        .innerJoin('subscriber_languages', 'subscriber_languages.subscriber_id', 'subscribers.id')
        .select(['subscriber_languages.lang', (eb) => eb.fn.countAll<number>().as('n')])
        .where('subscriber_languages.position', '=', 0)
        .where('subscribers.status', '=', 'confirmed')
        .groupBy('subscriber_languages.lang')
        .execute()
      return {
        byStatus: byStatus.map((r) => ({ status: r.status, n: Number(r.n) })),
        paused: Number(flags.paused),
        suppressed: Number(flags.suppressed),
        active: Number(active.n),
        byFirstLanguage: byFirstLanguage.map((r) => ({ lang: r.lang, n: Number(r.n) })),
      }
    },

    /** Confirmations and unsubscriptions since `since` (the dashboard's 30-day change). */
    async changesSince(
      filter: Pick<SubscriberFilter, 'newsroom' | 'newsroomIds'>,
      since: Date,
    ): Promise<{ confirmed: number; unsubscribed: number }> {
      const at = since.toISOString()
      const row = await inNewsroom(db.selectFrom('subscribers'), filter)
        .select((eb) => [
          eb.fn
            .sum<number | string | null>(
              eb.case().when('confirmed_at', '>=', at).then(1).else(0).end(),
            )
            .as('confirmed'),
          eb.fn
            .sum<number | string | null>(
              eb.case().when('unsubscribed_at', '>=', at).then(1).else(0).end(),
            )
            .as('unsubscribed'),
        ])
        .executeTakeFirstOrThrow()
      return { confirmed: Number(row.confirmed ?? 0), unsubscribed: Number(row.unsubscribed ?? 0) }
    },

    // --- Preferences -------------------------------------------------------------------------

    /** Replaces one subscriber's languages and subscriptions; call inside a transaction. */
    replacePreferences(subscriberId: number, prefs: PreferenceRows, at: Date): Promise<void> {
      return replacePreferences([subscriberId], () => prefs, at)
    },

    /** Preferences of subscribers inserted in this transaction: nothing to delete first. */
    insertManyPreferences(byId: Map<number, PreferenceRows>, at: Date): Promise<void> {
      return replacePreferences([...byId.keys()], (id) => byId.get(id)!, at, false)
    },

    /** The same for many subscribers at once (imports). */
    replaceManyPreferences(byId: Map<number, PreferenceRows>, at: Date): Promise<void> {
      return replacePreferences([...byId.keys()], (id) => byId.get(id)!, at)
    },

    /** Languages of each subscriber, first choice first. */
    async languagesOf(ids: number[]): Promise<Map<number, Lang[]>> {
      const byId = new Map<number, Lang[]>(ids.map((id) => [id, []]))
      if (ids.length === 0) return byId
      const rows = await db
        .selectFrom('subscriber_languages')
        .select(['subscriber_id', 'lang'])
        .where('subscriber_id', 'in', ids)
        .orderBy('subscriber_id')
        .orderBy('position')
        .execute()
      for (const row of rows) byId.get(row.subscriber_id)?.push(row.lang)
      return byId
    },

    async firstLanguage(id: number): Promise<Lang | undefined> {
      const row = await db
        .selectFrom('subscriber_languages')
        .select('lang')
        .where('subscriber_id', '=', id)
        .orderBy('position')
        .executeTakeFirst()
      return row?.lang
    },

    /** Whether the subscriber follows at least one of these newsrooms. */
    async subscribesToAny(id: number, newsroomIds: number[]): Promise<boolean> {
      if (newsroomIds.length === 0) return false
      const row = await db
        .selectFrom('subscriptions')
        .select('subscriber_id')
        .where('subscriber_id', '=', id)
        .where('newsroom_id', 'in', newsroomIds)
        .executeTakeFirst()
      return row !== undefined
    },

    /** Subscriptions of these subscribers with the newsroom slugs, by slug. */
    subscriptionsOf(ids: number[]): Promise<SubscriptionRow[]> {
      // In chunks: a staff member's scope check may ask about every suppressed subscriber.
      return selectInChunks(ids, (part) =>
        db
          .selectFrom('subscriptions')
          .innerJoin('newsrooms', 'newsrooms.id', 'subscriptions.newsroom_id')
          .select([
            'subscriptions.subscriber_id',
            'subscriptions.newsroom_id',
            'newsrooms.slug',
            'subscriptions.types',
            'subscriptions.keywords',
            'subscriptions.created_at',
          ])
          .where('subscriptions.subscriber_id', 'in', part)
          .orderBy('newsrooms.slug')
          .execute(),
      )
    },

    /** Names of the newsrooms a subscriber follows, in every language they have. */
    newsroomNamesOf(id: number): Promise<{ newsroom_id: number; lang: Lang; name: string }[]> {
      return db
        .selectFrom('subscriptions')
        .innerJoin(
          'newsroom_translations',
          'newsroom_translations.newsroom_id',
          'subscriptions.newsroom_id',
        )
        .select([
          'subscriptions.newsroom_id',
          'newsroom_translations.lang',
          'newsroom_translations.name',
        ])
        .where('subscriptions.subscriber_id', '=', id)
        .execute()
    },

    /** Newsrooms one can subscribe to, by slug (only those that exist). */
    newsroomsBySlug(slugs: string[]): Promise<{ id: number; slug: string }[]> {
      if (slugs.length === 0) return Promise.resolve([])
      return db.selectFrom('newsrooms').select(['id', 'slug']).where('slug', 'in', slugs).execute()
    },

    /** Every newsroom with its languages (JSON array, default first), for imports. */
    allNewsrooms(): Promise<{ id: number; slug: string; languages: string }[]> {
      return db.selectFrom('newsrooms').select(['id', 'slug', 'languages']).execute()
    },

    /** What was sent to a subscriber, oldest first (for their data export). */
    deliveriesOf(id: number) {
      return db
        .selectFrom('deliveries')
        .select(['release_id', 'kind', 'lang', 'status', 'sent_at', 'created_at'])
        .where('subscriber_id', '=', id)
        .orderBy('id')
        .execute()
    },

    /**
     * After a bulk change of `changedRows` subscribers: refresh the planner's statistics so a
     * release published right after is fanned out with plans for the new size.
     */
    async afterBulkChange(changedRows: number): Promise<void> {
      if (changedRows < BULK_CHANGE_ROWS) return
      await analyzeTables(db, ['subscribers', 'subscriptions', 'subscriber_languages'])
    },
  }
}

export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>
