/**
 * The audit log is read newest first, by subject ("everything about release 12") or by actor
 * ("everything token 7 did"); both lists page by id.
 */
import type { Kysely } from 'kysely'

export const auditIndexesMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('audit_log_subject_idx')
      .on('audit_log')
      .columns(['subject', 'id'])
      .execute()
    await db.schema
      .createIndex('audit_log_actor_idx')
      .on('audit_log')
      .columns(['actor', 'id'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('audit_log_actor_idx').execute()
    await db.schema.dropIndex('audit_log_subject_idx').execute()
  },
}
