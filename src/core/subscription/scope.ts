/**
 * Tenant isolation for subscriber data, written once for the admin and the API: staff who work
 * in some newsrooms see and act on the subscribers of those newsrooms only. A subscriber belongs
 * to every newsroom they have a subscription to. Someone outside the scope is answered exactly
 * as someone who does not exist, so the scope tells nothing about other newsrooms' readers.
 */
import type { Actor } from '../auth/actor.js'
import { authorize, newsroomScope } from '../auth/actor.js'
import type { Repositories } from '../../db/repositories/index.js'
import { NotFoundError, ValidationError } from '../errors.js'

type ScopeRepos = Pick<Repositories, 'subscribers'>

/** What the actor may see, as a repository filter; a newsroom named by slug must be theirs. */
export async function subscriberScope(
  repos: ScopeRepos,
  actor: Actor,
  newsroomSlug?: string,
): Promise<{ newsroom?: string; newsroomIds?: number[] }> {
  authorize(actor, 'subscriber.manage')
  if (newsroomSlug !== undefined && newsroomSlug !== '') {
    const [room] = await repos.subscribers.newsroomsBySlug([newsroomSlug])
    if (!room)
      throw new ValidationError(
        `newsroom: No newsroom "${newsroomSlug}"`,
        { newsroom: 'Give the slug of an existing newsroom' },
        { newsroom: 'unknown' },
      )
    authorize(actor, 'subscriber.manage', room.id)
  }
  return { newsroom: newsroomSlug || undefined, newsroomIds: newsroomScope(actor) }
}

/** Fails as "no such subscriber" unless the actor may see this one. */
export async function requireSubscriberInScope(
  repos: ScopeRepos,
  actor: Actor,
  subscriberId: number,
): Promise<void> {
  authorize(actor, 'subscriber.manage')
  const ids = newsroomScope(actor)
  if (ids && !(await repos.subscribers.subscribesToAny(subscriberId, ids)))
    throw new NotFoundError(`No subscriber ${subscriberId}`)
}

/** Whether the actor may act on the subscribers of every one of these newsrooms. */
export function mayWriteTo(actor: Actor, newsroomIds: number[]): boolean {
  const scope = newsroomScope(actor)
  return !scope || newsroomIds.every((id) => scope.includes(id))
}

/** Throws ForbiddenError unless the actor works in every newsroom being written to. */
export function authorizeNewsrooms(actor: Actor, newsroomIds: number[]): void {
  for (const id of newsroomIds) authorize(actor, 'subscriber.manage', id)
}
