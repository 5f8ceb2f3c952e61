/**
 * Bulk audiences for tests and benchmarks: confirmed subscribers of one newsroom, inserted in
 * chunks straight into the tables (a third Swedish-first, the rest Finnish-first).
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.js'

/** Many confirmed subscribers at once (benchmarks, crash tests), in chunks. */
export async function addManySubscribers(
  db: Kysely<Database>,
  now: string,
  count: number,
  newsroomId: number,
  emailOf: (i: number) => string = (i) => `reader${i}@example.net`,
) {
  // Multi-row inserts of 2,000 rows (14,000 parameters): well below both drivers' limits, and
  // a million subscribers are seeded in a few thousand statements.
  const chunk = 2000
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start)
    const rows = await db
      .insertInto('subscribers')
      .values(
        Array.from({ length: size }, (_, k) => ({
          email: emailOf(start + k),
          email_normalized: emailOf(start + k),
          status: 'confirmed' as const,
          token_secret: randomBytes(12).toString('base64url'),
          confirmed_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute()
    await db
      .insertInto('subscriber_languages')
      .values(
        rows.map((row, k) => ({
          subscriber_id: row.id,
          lang: (start + k) % 3 === 0 ? ('sv' as const) : ('fi' as const),
          position: 0,
        })),
      )
      .execute()
    await db
      .insertInto('subscriptions')
      .values(
        rows.map((row) => ({
          subscriber_id: row.id,
          newsroom_id: newsroomId,
          types: null,
          keywords: null,
          created_at: now,
        })),
      )
      .execute()
  }
}
