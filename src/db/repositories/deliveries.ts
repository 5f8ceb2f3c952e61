/**
 * The email ledger of releases: delivery rows (one per release, kind and subscriber), the
 * delivery columns of releases (`delivered_at`, `sending_cancelled_at`), and the audience reads
 * over subscribers and subscriptions that fan-out and the publish confirmation share.
 */
import { PostgresAdapter, sql } from 'kysely'
import type { ExpressionBuilder, Insertable } from 'kysely'
import type { DeliveryStatus, Lang } from '../../core/types.js'
import type { Database, DeliveriesTable } from '../schema.js'
import { AUDIENCE_TABLES, refreshStaleStatistics } from '../statistics.js'
import type { Executor } from './index.js'

/** Which deliveries a status change applies to. */
export type DeliveryScope =
  | { ids: number[] }
  /** A release's rows (of one kind, within an inclusive id range, when given). */
  | { releaseId: number; kind?: string; fromId?: number; toId?: number }

export interface DeliveryChange {
  status: DeliveryStatus
  smtpResponse?: string | null
  nextAttemptAt?: string | null
  /** Undoes a claim's attempt (-1). */
  attemptsDelta?: -1
}

/** A subscriber that may be emailed at all: confirmed, neither suppressed nor paused. */
export function reachable(eb: ExpressionBuilder<Database, 'subscribers'>) {
  return eb.and([
    eb('subscribers.status', '=', 'confirmed'),
    eb('subscribers.suppressed_at', 'is', null),
    eb('subscribers.paused_at', 'is', null),
  ])
}

/** A journalist who opted out of the newsroom's lists gets nothing more from them. */
function notOptedOut({ not, exists, selectFrom }: ExpressionBuilder<Database, 'media_contacts'>) {
  return not(
    exists(
      selectFrom('media_optouts')
        .select('media_optouts.newsroom_id')
        .whereRef('media_optouts.newsroom_id', '=', 'media_contacts.newsroom_id')
        .whereRef('media_optouts.email_normalized', '=', 'media_contacts.email_normalized'),
    ),
  )
}

/** Chunks of an `in (...)` list, kept well below every driver's parameter limit. */
const IN_CHUNK = 500

export function createDeliveryRepository(db: Executor) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  /**
   * Subscriptions of a newsroom whose subscriber may be emailed and wants an email per release
   * (filters not applied); digest subscribers get the release in their digest instead.
   */
  const reachableSubscriptions = (newsroomId: number) =>
    db
      .selectFrom('subscriptions')
      .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
      .where('subscriptions.newsroom_id', '=', newsroomId)
      .where('subscribers.frequency', '=', 'immediate')
      .where(reachable)

  const inScope = (scope: DeliveryScope) => {
    let query = db.updateTable('deliveries')
    if ('ids' in scope) return query.where('id', 'in', scope.ids)
    query = query.where('release_id', '=', scope.releaseId)
    if (scope.kind !== undefined) query = query.where('kind', '=', scope.kind)
    if (scope.fromId !== undefined) query = query.where('id', '>=', scope.fromId)
    if (scope.toId !== undefined) query = query.where('id', '<=', scope.toId)
    return query
  }

  return {
    // -- the release being sent --

    /** The delivery state of a release. */
    findRelease(releaseId: number) {
      return db
        .selectFrom('releases')
        .select([
          'id',
          'newsroom_id',
          'status',
          'notify',
          'published_at',
          'delivered_at',
          'sending_cancelled_at',
          'updated_at',
        ])
        .where('id', '=', releaseId)
        .executeTakeFirst()
    },

    /** The whole release row, for rendering its email. */
    findReleaseToEmail(releaseId: number) {
      return db.selectFrom('releases').selectAll().where('id', '=', releaseId).executeTakeFirst()
    },

    /** What the audience of a release is chosen by: its newsroom, type, languages and keywords. */
    async findReleaseTarget(releaseId: number) {
      const release = await db
        .selectFrom('releases')
        .innerJoin('newsrooms', 'newsrooms.id', 'releases.newsroom_id')
        .select(['releases.id', 'releases.newsroom_id', 'releases.type', 'newsrooms.languages'])
        .where('releases.id', '=', releaseId)
        .executeTakeFirst()
      if (!release) return undefined
      const [versions, keywords] = await Promise.all([
        db
          .selectFrom('release_versions')
          .select('lang')
          .where('release_id', '=', releaseId)
          .execute(),
        db
          .selectFrom('release_terms')
          .innerJoin('keyword_terms', 'keyword_terms.id', 'release_terms.term_id')
          .select('keyword_terms.slug')
          .where('release_terms.release_id', '=', releaseId)
          .execute(),
      ])
      return {
        id: release.id,
        newsroomId: release.newsroom_id,
        type: release.type,
        /** JSON array of the newsroom's languages, default first. */
        newsroomLanguages: release.languages,
        versionLangs: versions.map((v) => v.lang),
        keywordSlugs: keywords.map((k) => k.slug),
      }
    },

    async findNewsroomTimezone(newsroomId: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('newsrooms')
        .select('timezone')
        .where('id', '=', newsroomId)
        .executeTakeFirst()
      return row?.timezone
    },

    async findCorrectionCreatedAt(correctionId: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('corrections')
        .select('created_at')
        .where('id', '=', correctionId)
        .executeTakeFirst()
      return row?.created_at
    },

    /** Sets `delivered_at` unless set; true when this call set it. */
    async markReleaseDelivered(releaseId: number, at: Date): Promise<boolean> {
      const updated = await db
        .updateTable('releases')
        .set({ delivered_at: at.toISOString() })
        .where('id', '=', releaseId)
        .where('delivered_at', 'is', null)
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    async markSendingCancelled(releaseId: number, at: Date): Promise<void> {
      const now = at.toISOString()
      await db
        .updateTable('releases')
        .set({ sending_cancelled_at: now, updated_at: now })
        .where('id', '=', releaseId)
        .execute()
    },

    /**
     * Published or withdrawn releases that may still have open deliveries: not yet delivered
     * (and meant to notify), or changed since `changedSince` (a correction notice).
     */
    findReleasesToReconcile(changedSince: Date) {
      return db
        .selectFrom('releases')
        .select(['id', 'delivered_at'])
        .where('status', 'in', ['published', 'withdrawn'])
        .where((eb) =>
          eb.or([
            eb.and([eb('delivered_at', 'is', null), eb('notify', '=', 1)]),
            eb('updated_at', '>=', changedSince.toISOString()),
          ]),
        )
        .execute()
    },

    // -- audience --

    /** A keyset page of a newsroom's reachable subscriptions with their filters. */
    releaseAudiencePage(newsroomId: number, afterSubscriberId: number, limit: number) {
      // The bound stands on both sides of the join: with it on subscriptions only, PostgreSQL
      // merge-joined the subscribers from the first id on, so each page cost more than the one
      // before (450 ms at subscriber 500,000).
      return reachableSubscriptions(newsroomId)
        .select(['subscriptions.subscriber_id', 'subscriptions.types', 'subscriptions.keywords'])
        .where('subscriptions.subscriber_id', '>', afterSubscriberId)
        .where('subscribers.id', '>', afterSubscriberId)
        .orderBy('subscriptions.subscriber_id')
        .limit(limit)
        .execute()
    },

    /** The same subscriptions counted per distinct filter: one row per (types, keywords). */
    async releaseAudienceFilters(newsroomId: number) {
      const rows = await reachableSubscriptions(newsroomId)
        .select([
          'subscriptions.types',
          'subscriptions.keywords',
          (eb) => eb.fn.countAll<number | string>().as('n'),
        ])
        .groupBy(['subscriptions.types', 'subscriptions.keywords'])
        .execute()
      return rows.map((row) => ({ types: row.types, keywords: row.keywords, count: Number(row.n) }))
    },

    /** A keyset page of those sent the release who are still reachable, with their language. */
    async correctionAudiencePage(releaseId: number, afterSubscriberId: number, limit: number) {
      const rows = await db
        .selectFrom('deliveries')
        .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
        .select(['deliveries.subscriber_id', 'deliveries.lang'])
        .where('deliveries.release_id', '=', releaseId)
        .where('deliveries.kind', '=', 'release')
        .where('deliveries.status', '=', 'sent')
        .where('deliveries.subscriber_id', '>', afterSubscriberId)
        .where('subscribers.id', '>', afterSubscriberId)
        .where(reachable)
        .orderBy('deliveries.subscriber_id')
        .limit(limit)
        .execute()
      return rows.map((row) => ({ subscriberId: row.subscriber_id!, lang: row.lang }))
    },

    /** Each subscriber's languages in order of preference. */
    async subscriberLanguages(subscriberIds: number[]): Promise<Map<number, Lang[]>> {
      const byId = new Map<number, Lang[]>()
      if (subscriberIds.length === 0) return byId
      const rows = await db
        .selectFrom('subscriber_languages')
        .select(['subscriber_id', 'lang'])
        .where('subscriber_id', 'in', subscriberIds)
        .orderBy('subscriber_id')
        .orderBy('position')
        .execute()
      for (const row of rows) {
        const list = byId.get(row.subscriber_id) ?? []
        list.push(row.lang)
        byId.set(row.subscriber_id, list)
      }
      return byId
    },

    /** Refreshes stale planner statistics of the audience tables; returns the tables analyzed. */
    refreshAudienceStatistics(): Promise<string[]> {
      return refreshStaleStatistics(db, AUDIENCE_TABLES)
    },

    // -- delivery rows --

    /** Inserts rows, skipping (release, kind, subscriber) that exist; returns how many were new. */
    async insertPending(rows: Insertable<DeliveriesTable>[]): Promise<number> {
      const result = await db
        .insertInto('deliveries')
        .values(rows)
        .onConflict((oc) => oc.columns(['release_id', 'kind', 'subscriber_id']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0)
    },

    /** Inserts media contacts' delivery rows; those already there are skipped. */
    async insertPendingForContacts(rows: Insertable<DeliveriesTable>[]): Promise<number> {
      const result = await db
        .insertInto('deliveries')
        .values(rows)
        .onConflict((oc) => oc.columns(['release_id', 'kind', 'media_contact_id']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0)
    },

    /**
     * A keyset page of the media contacts a release is distributed to (on any of its lists,
     * each once), leaving out addresses that have a subscriber's delivery of (release, kind):
     * one email per address across lists and subscriptions.
     */
    distributionPage(releaseId: number, kind: string, afterContactId: number, limit: number) {
      return db
        .selectFrom('media_contacts')
        .select(['media_contacts.id', 'media_contacts.lang'])
        .where('media_contacts.id', '>', afterContactId)
        .where('media_contacts.id', 'in', (eb) =>
          eb
            .selectFrom('media_list_members')
            .innerJoin(
              'release_media_lists',
              'release_media_lists.list_id',
              'media_list_members.list_id',
            )
            .select('media_list_members.contact_id')
            .where('release_media_lists.release_id', '=', releaseId),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('deliveries')
                .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
                .select('deliveries.id')
                .where('deliveries.release_id', '=', releaseId)
                .where('deliveries.kind', '=', kind)
                .whereRef('subscribers.email_normalized', '=', 'media_contacts.email_normalized'),
            ),
          ),
        )
        .where(notOptedOut)
        .orderBy('media_contacts.id')
        .limit(limit)
        .execute()
    },

    /**
     * Before a publication: each journalist on these lists who would be sent it (one row per
     * address, however many of the lists they are on; opted-out ones left out), with the filters
     * of their subscription when the address is also a subscriber the release email may reach —
     * the fan-out sends such an address one email, as a subscriber.
     */
    distributionCandidates(newsroomId: number, listIds: number[]) {
      if (listIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('media_contacts')
        .leftJoin(
          reachableSubscriptions(newsroomId)
            .select([
              'subscribers.email_normalized',
              'subscriptions.types',
              'subscriptions.keywords',
            ])
            .as('subscribed'),
          (join) =>
            join.onRef('subscribed.email_normalized', '=', 'media_contacts.email_normalized'),
        )
        .select([
          'media_contacts.id',
          'subscribed.email_normalized as subscriber',
          'subscribed.types',
          'subscribed.keywords',
        ])
        .where('media_contacts.newsroom_id', '=', newsroomId)
        .where('media_contacts.id', 'in', (eb) =>
          eb
            .selectFrom('media_list_members')
            .select('media_list_members.contact_id')
            .where('media_list_members.list_id', 'in', listIds),
        )
        .where(notOptedOut)
        .execute()
    },

    /** The latest emails of releases and corrections to one subscriber, newest first. */
    recentOfSubscriber(subscriberId: number, limit: number) {
      return db
        .selectFrom('deliveries')
        .leftJoin('release_versions', (join) =>
          join
            .onRef('release_versions.release_id', '=', 'deliveries.release_id')
            .onRef('release_versions.lang', '=', 'deliveries.lang'),
        )
        .select([
          'deliveries.release_id',
          'deliveries.kind',
          'deliveries.lang',
          'deliveries.status',
          'deliveries.smtp_response',
          'deliveries.sent_at',
          'deliveries.created_at',
          'release_versions.title',
        ])
        .where('deliveries.subscriber_id', '=', subscriberId)
        .orderBy('deliveries.id', 'desc')
        .limit(limit)
        .execute()
    },

    /** The media lists a release went to, each with how many of its contacts have a delivery. */
    async distributionLists(releaseId: number, kind: string) {
      const rows = await db
        .selectFrom('release_media_lists')
        .innerJoin('media_lists', 'media_lists.id', 'release_media_lists.list_id')
        .leftJoin('media_list_members', 'media_list_members.list_id', 'media_lists.id')
        .leftJoin('deliveries', (join) =>
          join
            .onRef('deliveries.media_contact_id', '=', 'media_list_members.contact_id')
            .on('deliveries.release_id', '=', releaseId)
            .on('deliveries.kind', '=', kind),
        )
        .select([
          'media_lists.id',
          'media_lists.name',
          (eb) => eb.fn.count<number | string>('deliveries.id').as('recipients'),
        ])
        .where('release_media_lists.release_id', '=', releaseId)
        .groupBy(['media_lists.id', 'media_lists.name'])
        .orderBy('media_lists.name')
        .execute()
      return rows.map((row) => ({ id: row.id, name: row.name, recipients: Number(row.recipients) }))
    },

    /**
     * Rows of (release, kind) for subscribers (or, with `by`, media contacts) in an inclusive id
     * range, by delivery id.
     */
    findForRecipientRange(
      releaseId: number,
      kind: string,
      from: number,
      to: number,
      by: 'subscriber_id' | 'media_contact_id' = 'subscriber_id',
    ) {
      return db
        .selectFrom('deliveries')
        .select(['id', 'status'])
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .where(by, '>=', from)
        .where(by, '<=', to)
        .orderBy('id')
        .execute()
    },

    /** Pending rows of a send batch with what sending needs to know of their subscriber. */
    findPendingToSend(batch: {
      releaseId: number
      kind: string
      fromDeliveryId: number
      toDeliveryId: number
    }) {
      return db
        .selectFrom('deliveries')
        .leftJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
        .leftJoin('media_contacts', 'media_contacts.id', 'deliveries.media_contact_id')
        .leftJoin('media_optouts', (join) =>
          join
            .onRef('media_optouts.newsroom_id', '=', 'media_contacts.newsroom_id')
            .onRef('media_optouts.email_normalized', '=', 'media_contacts.email_normalized'),
        )
        .select([
          'deliveries.id',
          'deliveries.subscriber_id',
          'deliveries.media_contact_id',
          'media_contacts.email as contact_email',
          'media_contacts.email_normalized as contact_email_normalized',
          'media_optouts.opted_out_at as contact_opted_out_at',
          'deliveries.lang',
          'deliveries.message_id',
          'deliveries.attempts',
          'deliveries.smtp_response',
          'deliveries.next_attempt_at',
          'deliveries.created_at',
          'subscribers.email',
          'subscribers.email_normalized',
          'subscribers.status as subscriber_status',
          'subscribers.token_secret',
          'subscribers.suppressed_at',
          'subscribers.paused_at',
          'subscribers.suppression_reason',
        ])
        .where('deliveries.release_id', '=', batch.releaseId)
        .where('deliveries.kind', '=', batch.kind)
        .where('deliveries.id', '>=', batch.fromDeliveryId)
        .where('deliveries.id', '<=', batch.toDeliveryId)
        .where('deliveries.status', '=', 'pending')
        .orderBy('deliveries.id')
        .execute()
    },

    /** Is any row of (release, kind) in one of these statuses? */
    async hasAny(releaseId: number, kind: string, statuses: DeliveryStatus[]): Promise<boolean> {
      const row = await db
        .selectFrom('deliveries')
        .select('id')
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .where('status', 'in', statuses)
        .limit(1)
        .executeTakeFirst()
      return row !== undefined
    },

    /** Kinds of a release with rows still pending or sending. */
    async openKinds(releaseId: number): Promise<string[]> {
      const rows = await db
        .selectFrom('deliveries')
        .select('kind')
        .distinct()
        .where('release_id', '=', releaseId)
        .where('status', 'in', ['pending', 'sending'])
        .execute()
      return rows.map((row) => row.kind)
    },

    async countByStatus(releaseId: number, kind: string) {
      const rows = await db
        .selectFrom('deliveries')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .groupBy('status')
        .execute()
      return rows.map((row) => ({ status: row.status, count: Number(row.count) }))
    },

    /** First and last `sent_at` of (release, kind). */
    async sentBetween(releaseId: number, kind: string) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => [eb.fn.min('sent_at').as('first'), eb.fn.max('sent_at').as('last')])
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .where('status', '=', 'sent')
        .executeTakeFirst()
      return {
        first: (row?.first as string | null | undefined) ?? null,
        last: (row?.last as string | null | undefined) ?? null,
      }
    },

    /** The latest change to any row of (release, kind), or '' if none. */
    async lastUpdatedAt(releaseId: number, kind: string): Promise<string> {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.max('updated_at').as('last'))
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .executeTakeFirst()
      return String(row?.last ?? '')
    },

    /** Failed and suppressed rows, newest first, with the subscriber's address if still known. */
    listFailures(releaseId: number, kind: string, limit: number, before?: number) {
      let query = db
        .selectFrom('deliveries')
        .leftJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
        .select([
          'deliveries.id',
          'deliveries.subscriber_id',
          'subscribers.email',
          'deliveries.lang',
          'deliveries.status',
          'deliveries.attempts',
          'deliveries.smtp_response',
          'deliveries.updated_at',
        ])
        .where('deliveries.release_id', '=', releaseId)
        .where('deliveries.kind', '=', kind)
        .where('deliveries.status', 'in', ['failed', 'suppressed'])
      if (before) query = query.where('deliveries.id', '<', before)
      return query.orderBy('deliveries.id', 'desc').limit(limit).execute()
    },

    /**
     * Puts back to `pending` the rows of (release, kind) whose worker is gone: `sending` with a
     * lease that lapsed before `now`, or — claimed before leases existed — untouched since
     * `unleasedBefore`. One statement, so a lease renewed meanwhile keeps its row. Returns the
     * rows moved and who had claimed them.
     */
    async releaseAbandoned(
      releaseId: number,
      kind: string,
      now: Date,
      unleasedBefore: Date,
    ): Promise<{ id: number; claimed_by: string | null }[]> {
      const rows = await db
        .updateTable('deliveries')
        .set({ status: 'pending', next_attempt_at: null, updated_at: now.toISOString() })
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .where('status', '=', 'sending')
        .where((eb) =>
          eb.or([
            eb('lease_until', '<', now.toISOString()),
            eb.and([
              eb('lease_until', 'is', null),
              eb('updated_at', '<', unleasedBefore.toISOString()),
            ]),
          ]),
        )
        .returning(['id', 'claimed_by'])
        .execute()
      return rows.sort((a, b) => a.id - b.id)
    },

    /** A keyset page of pending rows whose next attempt (if any) is due at `now`. */
    findDuePending(releaseId: number, kind: string, now: Date, afterId: number, limit: number) {
      const at = now.toISOString()
      return db
        .selectFrom('deliveries')
        .select(['id', 'status'])
        .where('release_id', '=', releaseId)
        .where('kind', '=', kind)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]))
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute()
    },

    /**
     * Moves the rows of `scope` that are in status `from` (any status when omitted) to
     * `change.status`; returns how many moved. The condition on `from` is what makes two
     * workers racing for a row harmless.
     */
    async changeStatus(
      scope: DeliveryScope,
      from: DeliveryStatus | undefined,
      change: DeliveryChange,
      at: Date,
    ): Promise<number> {
      const chunks = 'ids' in scope ? chunk(scope.ids) : [scope]
      let moved = 0
      for (const part of chunks) {
        let query = inScope(part).set((eb) => ({
          status: change.status,
          ...(change.smtpResponse !== undefined ? { smtp_response: change.smtpResponse } : {}),
          ...(change.nextAttemptAt !== undefined ? { next_attempt_at: change.nextAttemptAt } : {}),
          ...(change.attemptsDelta ? { attempts: eb('attempts', '-', 1) } : {}),
          updated_at: at.toISOString(),
        }))
        if (from !== undefined) query = query.where('status', '=', from)
        const updated = await query.executeTakeFirst()
        moved += Number(updated.numUpdatedRows)
      }
      return moved
    },

    /**
     * Claims pending rows for sending (one attempt each) for `lease.holder` until `lease.until`;
     * returns the ids this call claimed.
     */
    async claim(
      ids: number[],
      at: Date,
      lease: { holder: string; until: Date },
    ): Promise<number[]> {
      return claimIds(db, ids, at, lease)
    },

    /**
     * Records the previous chunk's accepted emails (as `recordSent`) and claims the next chunk
     * (as `claim`) in one round trip and one commit: on PostgreSQL one statement (the record is
     * a data-modifying `WITH`), elsewhere one transaction. Both happen or neither does.
     */
    async recordSentAndClaim(
      accepted: Accepted[],
      ids: number[],
      at: Date,
      lease: { holder: string; until: Date },
    ): Promise<number[]> {
      if (accepted.length === 0) return claimIds(db, ids, at, lease)
      if (ids.length === 0) {
        await recordSentIn(db, accepted, at)
        return []
      }
      if (postgres) {
        const result = await sql<{
          id: number
        }>`with recorded as (${recordSentPostgres(accepted, at)})
          update deliveries
          set status = 'sending', attempts = attempts + 1, claimed_by = ${lease.holder},
            lease_until = ${lease.until.toISOString()}, updated_at = ${at.toISOString()}
          where id in (${sql.join(ids)}) and status = 'pending'
          returning id`.execute(db)
        return result.rows.map((row) => row.id)
      }
      const both = async (tx: Executor) => {
        await recordSentIn(tx, accepted, at)
        return claimIds(tx, ids, at, lease)
      }
      return db.isTransaction ? both(db) : db.transaction().execute(both)
    },

    /** Extends the lease of `holder` on those of `ids` it still has `sending`; returns how many. */
    async renewLeases(ids: number[], holder: string, until: Date): Promise<number> {
      let renewed = 0
      for (const part of chunk(ids)) {
        const updated = await db
          .updateTable('deliveries')
          .set({ lease_until: until.toISOString() })
          .where('id', 'in', part.ids)
          .where('status', '=', 'sending')
          .where('claimed_by', '=', holder)
          .executeTakeFirst()
        renewed += Number(updated.numUpdatedRows)
      }
      return renewed
    },

    /**
     * Marks claimed rows sent, each with its own reply and time, in one statement: on
     * PostgreSQL an `UPDATE … FROM (VALUES …)` join, elsewhere a `CASE` per column.
     */
    recordSent(accepted: Accepted[], at: Date): Promise<void> {
      return recordSentIn(db, accepted, at)
    },
  }
}

/** An email the relay accepted: its delivery, the relay's reply and when. */
export interface Accepted {
  id: number
  response: string
  at: string
}

async function claimIds(
  db: Executor,
  ids: number[],
  at: Date,
  lease: { holder: string; until: Date },
): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db
    .updateTable('deliveries')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      claimed_by: lease.holder,
      lease_until: lease.until.toISOString(),
      updated_at: at.toISOString(),
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/** PostgreSQL: the `sent` update of `accepted` as one `UPDATE … FROM (VALUES …)`. */
const recordSentPostgres = (accepted: Accepted[], at: Date) =>
  sql`update deliveries as d
    set status = 'sent', smtp_response = v.response, sent_at = v.at,
      next_attempt_at = null, updated_at = ${at.toISOString()}
    from (values ${sql.join(
      accepted.map((a) => sql`(${a.id}::integer, ${a.response}::text, ${a.at}::text)`),
    )}) as v (id, response, at)
    where d.id = v.id and d.status = 'sending'`

async function recordSentIn(db: Executor, accepted: Accepted[], at: Date): Promise<void> {
  if (accepted.length === 0) return
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await recordSentPostgres(accepted, at).execute(db)
    return
  }
  const caseOf = (value: (a: Accepted) => string) =>
    sql<string>`case ${sql.ref('id')} ${sql.join(
      accepted.map((a) => sql`when ${a.id} then ${value(a)}`),
      sql` `,
    )} end`
  await db
    .updateTable('deliveries')
    .set({
      status: 'sent',
      smtp_response: caseOf((a) => a.response),
      sent_at: caseOf((a) => a.at),
      next_attempt_at: null,
      updated_at: at.toISOString(),
    })
    .where(
      'id',
      'in',
      accepted.map((a) => a.id),
    )
    .where('status', '=', 'sending')
    .execute()
}

function chunk<T>(list: T[]): { ids: T[] }[] {
  const parts: { ids: T[] }[] = []
  for (let i = 0; i < list.length; i += IN_CHUNK) parts.push({ ids: list.slice(i, i + IN_CHUNK) })
  return parts
}

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>
export type DeliveryToSend = Awaited<ReturnType<DeliveryRepository['findPendingToSend']>>[number]
export type DeliveryRow = Insertable<DeliveriesTable>
