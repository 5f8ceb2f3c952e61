/**
 * Leases on claimed deliveries. A worker that claims deliveries for sending writes its id
 * (`claimed_by`) and how long its claim holds (`lease_until`), and renews the lease while it
 * works; a `sending` row whose lease has lapsed belonged to a worker that died, and any live
 * worker's reconciler sends it again. Rows claimed before this migration have no lease and are
 * judged by the old rule (untouched for the sending timeout).
 */
import type { Kysely } from 'kysely'

export const deliveryLeasesMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('deliveries').addColumn('claimed_by', 'text').execute()
    await db.schema.alterTable('deliveries').addColumn('lease_until', 'text').execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('deliveries').dropColumn('lease_until').execute()
    await db.schema.alterTable('deliveries').dropColumn('claimed_by').execute()
  },
})
