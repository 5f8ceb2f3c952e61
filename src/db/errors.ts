/** Database error helpers with no driver imports, usable on every runtime. */

/** Is this error a unique-constraint violation on either engine? */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}
