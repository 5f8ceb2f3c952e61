/**
 * A change readers may see: written in one transaction with its audit entry and, when it shows
 * on public pages, a new content version; then announced, so every web process and the edge drop
 * the pages and feeds they keep. One shape for every such change, whatever it changes.
 */
import type { Clock } from '../clock.js'
import type { Repositories } from '../db/repositories/index.js'
import type { Actor } from './auth/actor.js'
import { recordAudit } from './audit.js'
import type { AuditEntry } from './audit.js'

export interface ContentChangeDeps {
  repos: Repositories
  clock: Clock
  announceContentChange(): Promise<void>
}

/**
 * Runs `write` in a transaction that also records `audit` (or the entry made from what `write`
 * returned) and, unless `visible` is false, bumps the content version; announces the change after
 * the commit. Returns what `write` returned.
 */
export async function writeContentChange<T>(
  deps: ContentChangeDeps,
  actor: Pick<Actor, 'label'>,
  audit: AuditEntry | ((result: NoInfer<T>) => AuditEntry),
  write: (tx: Repositories, now: Date) => Promise<T>,
  { visible = true }: { visible?: boolean } = {},
): Promise<T> {
  const now = deps.clock.now()
  const result = await deps.repos.transaction(async (tx) => {
    const written = await write(tx, now)
    if (visible) await tx.settings.bumpContentVersion()
    await recordAudit(tx, actor, now, typeof audit === 'function' ? audit(written) : audit)
    return written
  })
  if (visible) await deps.announceContentChange()
  return result
}
