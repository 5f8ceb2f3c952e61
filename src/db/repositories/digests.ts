/**
 * The digest ledger: planned periods per (newsroom, frequency) and one digest row per
 * (subscriber, newsroom, frequency, period end) — unique, so planning twice writes nothing new —
 * claimed with a lease while it is being sent, like release deliveries.
 */
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../schema.js'
import type { DeliveryStatus, DigestFrequency, Lang } from '../../core/types.js'
import type { Executor } from './index.js'
import { reachable } from './deliveries.js'

export interface NewDigest {
  subscriberId: number
  newsroomId: number
  frequency: DigestFrequency
  periodStart: string
  periodEnd: string
  lang: Lang
  releaseIds: number[]
  messageId: string
}

export function createDigestRepository(db: Executor) {
  return {
    /** Every newsroom with its time zone and languages. */
    newsroomZones() {
      return db.selectFrom('newsrooms').select(['id', 'timezone', 'languages']).execute()
    },

    findPeriod(newsroomId: number, frequency: DigestFrequency, periodEnd: string) {
      return db
        .selectFrom('digest_periods')
        .selectAll()
        .where('newsroom_id', '=', newsroomId)
        .where('frequency', '=', frequency)
        .where('period_end', '=', periodEnd)
        .executeTakeFirst()
    },

    /** The end of the newsroom's latest period before `before`, if any. */
    async lastPeriodEnd(
      newsroomId: number,
      frequency: DigestFrequency,
      before: string,
    ): Promise<string | undefined> {
      const row = await db
        .selectFrom('digest_periods')
        .select((eb) => eb.fn.max('period_end').as('end'))
        .where('newsroom_id', '=', newsroomId)
        .where('frequency', '=', frequency)
        .where('period_end', '<', before)
        .executeTakeFirst()
      return row?.end ?? undefined
    },

    /** Records a period; another planner's row for the same period wins. */
    async addPeriod(row: {
      newsroomId: number
      frequency: DigestFrequency
      periodStart: string
      periodEnd: string
      now: Date
    }): Promise<void> {
      await db
        .insertInto('digest_periods')
        .values({
          newsroom_id: row.newsroomId,
          frequency: row.frequency,
          period_start: row.periodStart,
          period_end: row.periodEnd,
          created_at: row.now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['newsroom_id', 'frequency', 'period_end']).doNothing())
        .execute()
    },

    async markPlanned(
      newsroomId: number,
      frequency: DigestFrequency,
      periodEnd: string,
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('digest_periods')
        .set({ planned_at: now.toISOString() })
        .where('newsroom_id', '=', newsroomId)
        .where('frequency', '=', frequency)
        .where('period_end', '=', periodEnd)
        .execute()
    },

    /** Ids of the newsroom's releases published (with email) in [start, end), oldest first. */
    async releasesPublishedBetween(newsroomId: number, start: string, end: string) {
      const rows = await db
        .selectFrom('releases')
        .select('id')
        .where('newsroom_id', '=', newsroomId)
        .where('status', '=', 'published')
        .where('notify', '=', 1)
        .where('published_at', '>=', start)
        .where('published_at', '<', end)
        .orderBy('published_at')
        .orderBy('id')
        .execute()
      return rows.map((row) => row.id)
    },

    /** A keyset page of the newsroom's reachable subscribers who want this digest. */
    digestAudiencePage(
      newsroomId: number,
      frequency: DigestFrequency,
      afterSubscriberId: number,
      limit: number,
    ) {
      // Bounded on both sides of the join (see deliveries' releaseAudiencePage).
      return db
        .selectFrom('subscriptions')
        .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
        .select(['subscriptions.subscriber_id', 'subscriptions.types', 'subscriptions.keywords'])
        .where('subscriptions.newsroom_id', '=', newsroomId)
        .where('subscribers.frequency', '=', frequency)
        .where(reachable)
        .where('subscriptions.subscriber_id', '>', afterSubscriberId)
        .where('subscribers.id', '>', afterSubscriberId)
        .orderBy('subscriptions.subscriber_id')
        .limit(limit)
        .execute()
    },

    /** Inserts digests; those already in the ledger are left alone. Returns how many were new. */
    async insertPending(rows: NewDigest[], now: Date): Promise<number> {
      if (rows.length === 0) return 0
      const at = now.toISOString()
      const result = await db
        .insertInto('digests')
        .values(
          rows.map((row) => ({
            subscriber_id: row.subscriberId,
            newsroom_id: row.newsroomId,
            frequency: row.frequency,
            period_start: row.periodStart,
            period_end: row.periodEnd,
            lang: row.lang,
            release_ids: JSON.stringify(row.releaseIds),
            status: 'pending' as const,
            message_id: row.messageId,
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['subscriber_id', 'newsroom_id', 'frequency', 'period_end']).doNothing(),
        )
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0)
    },

    /**
     * Claims up to `limit` digests to send: pending ones, and ones whose sender's lease lapsed
     * (a worker that died mid-digest). The status condition is repeated on the update itself, so
     * two claimers never take the same row.
     */
    async claim(limit: number, now: Date, leaseUntil: Date) {
      const at = now.toISOString()
      const open = (eb: ExpressionBuilder<Database, 'digests'>) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
        ])
      return db
        .updateTable('digests')
        .set((eb) => ({
          status: 'sending' as const,
          lease_until: leaseUntil.toISOString(),
          attempts: eb(eb.ref('attempts'), '+', 1),
          updated_at: at,
        }))
        .where('id', 'in', (eb) =>
          eb.selectFrom('digests').select('id').where(open).orderBy('id').limit(limit),
        )
        .where(open)
        .returningAll()
        .execute()
    },

    /** Ends a claimed digest: sent, failed, suppressed or cancelled; or back to pending. */
    async finish(
      id: number,
      change: { status: DeliveryStatus; smtpResponse?: string | null; now: Date },
    ): Promise<void> {
      const at = change.now.toISOString()
      await db
        .updateTable('digests')
        .set({
          status: change.status,
          smtp_response: change.smtpResponse ?? null,
          lease_until: null,
          ...(change.status === 'sent' ? { sent_at: at } : {}),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute()
    },

    /** The ledger of one subscriber or of everyone, newest first (staff and tests). */
    list(filter: { subscriberId?: number; limit: number }) {
      let query = db.selectFrom('digests').selectAll()
      if (filter.subscriberId !== undefined)
        query = query.where('subscriber_id', '=', filter.subscriberId)
      return query.orderBy('id', 'desc').limit(filter.limit).execute()
    },
  }
}

export type DigestRepository = ReturnType<typeof createDigestRepository>
export type DigestRow = Awaited<ReturnType<DigestRepository['claim']>>[number]
