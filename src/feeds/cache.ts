/**
 * Rendered feeds, sitemaps and pages, kept in the memory of each web process until public content
 * changes. Two signals drop them, in every process:
 *
 * - a message on the Redis channel `${prefix}:content-changed`, published by whoever changed
 *   content after the change committed (`announceContentChange`) — within milliseconds;
 * - the content version in the database, read at most once a second per process, for a message
 *   that got lost (Redis restarted, subscriber reconnecting). While the subscription is live,
 *   this backstop read runs beside the requests, which are answered from memory meanwhile: a
 *   database slowed down by a large send must not hold up every reader once a second. While the
 *   subscription is not live, the version is read before every request instead, so a lost
 *   connection never serves stale content for long.
 *
 * A render that started before a change is never stored after it (generations), and concurrent
 * misses for one key share one render.
 *
 * Stale while revalidate: a change that only adds or edits (a publication, an edit) keeps what
 * was rendered as the previous representation. A reader asking for it then gets the previous
 * copy at once while one render per key runs beside (no thundering herd, no stall when every
 * kept page and feed is rendered again at once); the next readers get the new one. A change
 * that removes (a withdrawal, a deletion — and anything not announced as an addition, and every
 * change learnt only from the content version) drops everything, previous copies too, before
 * the next request is answered.
 */
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { CONTENT_CHANNEL, changeOfMessage } from '../content-version.js'
import type { ContentChange } from '../content-version.js'
import type { Repositories } from '../db/repositories/index.js'
import { encodeAll } from './http.js'
import type { CachedFeed } from './http.js'

export interface ContentCacheOptions {
  /** Repositories of the read connection: the content version is read beside public requests. */
  repos: Pick<Repositories, 'settings'>
  /**
   * Opens a Redis connection for the `content-changed` subscription. Without one (the edge
   * runtime) the content version is read before every request instead.
   */
  subscriber?: () => Redis
  redisPrefix: string
  log: Logger
  /** Most rendered variants kept; least recently used go first. */
  maxEntries?: number
  /** Backstop check interval. */
  versionCheckMs?: number
  /** Monotonic milliseconds; tests pass their own. */
  now?: () => number
  /** How long the first request waits for the subscription before relying on version checks. */
  subscribeTimeoutMs?: number
}

export interface ContentCache<T> {
  /**
   * The cached value for `key`, or the result of `render()`, kept until content changes. After
   * an addition or edit, the previous value while one render runs beside: by `revalidate()` when
   * given (a render that must not use the caller's request), else by `render()`.
   */
  get(key: string, render: () => Promise<T>, revalidate?: () => Promise<T>): Promise<T>
  /**
   * The cached value when it can be served without asking anything first (subscription live,
   * no message since the last version read); otherwise undefined and the caller goes through
   * `get`.
   */
  peek(key: string): T | undefined
  /**
   * Empties the cache now, for the process that has just changed public content itself: its
   * next request shows the change without waiting for its own Redis message. An `addition`
   * keeps the previous values to serve while they are rendered again.
   */
  invalidate(change?: ContentChange): void
  /** Called whenever the cache is emptied because content changed; returns an unsubscribe. */
  onInvalidate(listener: (reason: InvalidationReason) => void): () => void
  readonly size: number
  close(): Promise<void>
}

export type InvalidationReason = 'local' | 'message' | 'version' | 'reconnect'

export type FeedCache = ContentCache<CachedFeed>

/** Feeds are up to a few hundred kilobytes; a bound in bytes keeps odd URLs from using up memory. */
export const FEED_CACHE_MAX_BYTES = 64 * 1024 * 1024

export function createFeedCache(options: ContentCacheOptions): FeedCache {
  return createContentCache<CachedFeed>({
    maxBytes: FEED_CACHE_MAX_BYTES,
    // The body, and room for its gzip copy (a fraction of it), made on demand.
    sizeOf: (value) => ('body' in value ? Math.ceil(value.body.byteLength * 1.25) : 256),
    prepare: (value) => ('body' in value ? encodeAll(value) : Promise.resolve()),
    ...options,
  })
}

/** Read once: the global is a lazy getter on Node, asked on every request otherwise. */
const clock = globalThis.performance
const monotonicNow = () => clock.now()

export function createContentCache<T>(
  options: ContentCacheOptions & {
    maxBytes?: number
    sizeOf?: (value: T) => number
    /** Whether a rendered value is kept; one that is not still goes to the concurrent callers. */
    keep?: (value: T) => boolean
    /**
     * Work done on a rendered value before it is kept (its compressed copies), so that every
     * answer from the cache is written at once.
     */
    prepare?: (value: T) => Promise<unknown>
  },
): ContentCache<T> {
  const { repos, log } = options
  const maxEntries = options.maxEntries ?? 500
  const maxBytes = options.maxBytes ?? Infinity
  const sizeOf = options.sizeOf ?? (() => 0)
  const keep = options.keep ?? (() => true)
  const prepare = options.prepare
  const checkEvery = options.versionCheckMs ?? 1000
  const now = options.now ?? monotonicNow
  const channel = `${options.redisPrefix}:${CONTENT_CHANNEL}`

  const entries = new Map<string, T>()
  /** Previous values after an addition or edit, served while their key is rendered again. */
  const previous = new Map<string, T>()
  let bytes = 0
  const inflight = new Map<string, Promise<T>>()
  const listeners = new Set<(reason: InvalidationReason) => void>()
  let generation = 0
  let knownVersion: number | undefined
  let lastCheck = -Infinity
  let checking: Promise<void> | undefined
  // After a message, read the version before the next render so the backstop does not count
  // the same change twice.
  let versionStale = true
  let subscriber: Redis | undefined
  let subscribed = false
  let started: Promise<void> | undefined
  let closed = false

  function invalidate(reason: InvalidationReason, change: ContentChange = 'removal') {
    generation++
    if (change === 'addition') {
      // The newest copy of each key; bounded like the entries themselves.
      for (const [key, value] of entries) {
        previous.delete(key)
        previous.set(key, value)
      }
      while (previous.size > maxEntries) previous.delete(previous.keys().next().value!)
    } else previous.clear()
    entries.clear()
    bytes = 0
    inflight.clear()
    for (const listener of listeners) {
      try {
        listener(reason)
      } catch {}
    }
  }

  /** The key set last: a hit on it (a feed polled again and again) has nothing to move. */
  let newest: string | undefined

  /** Least recently used order: a hit moves to the end. */
  function touch(key: string, value: T) {
    if (key === newest) return
    entries.delete(key)
    entries.set(key, value)
    newest = key
  }

  function store(key: string, value: T) {
    const previous = entries.get(key)
    if (previous !== undefined) bytes -= sizeOf(previous)
    entries.delete(key)
    entries.set(key, value)
    newest = key
    bytes += sizeOf(value)
    // Least recently used first; the newest entry stays even if it alone is over the bound.
    while ((entries.size > maxEntries || bytes > maxBytes) && entries.size > 1) {
      const [oldest, value] = entries.entries().next().value!
      entries.delete(oldest)
      bytes -= sizeOf(value)
    }
  }

  function start(): Promise<void> {
    if (!options.subscriber) return Promise.resolve()
    const sub = options.subscriber()
    subscriber = sub
    let first = true
    sub.on('message', (from: string, message: string) => {
      if (from !== channel) return
      versionStale = true
      invalidate('message', changeOfMessage(message))
    })
    sub.on('close', () => {
      subscribed = false
    })
    const subscribe = () =>
      sub.subscribe(channel).then(
        () => {
          if (closed) return
          // Messages sent while we were disconnected are gone: start afresh.
          if (!first) invalidate('reconnect')
          first = false
          subscribed = true
        },
        (error: unknown) =>
          log.warn({ err: (error as Error).message }, 'feed cache: subscribe failed'),
      )
    sub.on('ready', () => {
      if (!first) void subscribe()
    })
    const initial = subscribe()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.subscribeTimeoutMs ?? 2000)
    })
    return Promise.race([initial, timeout]).finally(() => clearTimeout(timer))
  }

  function checkVersion(): Promise<void> | undefined {
    const due = !subscribed || versionStale || now() - lastCheck >= checkEvery
    if (!due) return undefined
    if (checking) return checking
    lastCheck = now()
    const announced = versionStale && subscribed && knownVersion !== undefined
    versionStale = false
    checking = repos.settings
      .contentVersion()
      .then((version) => {
        // After a message or a local change, the version read learns the version it announced
        // (what changed is known from the message); otherwise a change nobody announced.
        if (knownVersion !== undefined && version !== knownVersion && !announced)
          invalidate('version')
        knownVersion = version
      })
      .catch((error: unknown) => {
        // The database is down: the render that follows fails and answers 503 on its own.
        log.warn({ err: (error as Error).message }, 'feed cache: version check failed')
      })
      .finally(() => {
        checking = undefined
      })
    return checking
  }

  /**
   * Renders behind a previous copy run one after another, each after the I/O waiting at that
   * moment: after a publication every kept key is asked for within milliseconds, and renders
   * started together would interleave their synchronous parts and hold up every reader between
   * them. One at a time, a reader waits for at most one render's step.
   */
  let backgroundTail: Promise<unknown> = Promise.resolve()

  /** One render per key at a time; kept (and its previous copy dropped) when still current. */
  function startRender(key: string, render: () => Promise<T>, background = false): Promise<T> {
    const renderedIn = generation
    const started = background
      ? backgroundTail
          .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
          .then(render)
      : render()
    const promise = started.then(
      async (value) => {
        if (renderedIn === generation && !closed) {
          if (keep(value)) {
            await prepare?.(value)
            if (renderedIn === generation && !closed) store(key, value)
          }
          // Rendered now (or no longer kept, e.g. moved): the previous copy has had its time.
          if (renderedIn === generation) previous.delete(key)
        }
        return value
      },
      (error: unknown) => {
        // The next reader renders and waits, and sees the failure as a miss would.
        if (renderedIn === generation) previous.delete(key)
        throw error
      },
    )
    const pending: Promise<T> = promise.finally(() => {
      if (inflight.get(key) === pending) inflight.delete(key)
    })
    inflight.set(key, pending)
    if (background) backgroundTail = pending.catch(() => {})
    return pending
  }

  return {
    async get(key, render, revalidate) {
      if (closed) return render()
      if (!started) started = start()
      await started
      // Wait for the version only when messages cannot be trusted alone (no live subscription).
      // The version read that follows a message or a local change only learns the version it
      // announced (see checkVersion): nobody needs to wait for it but the very first request.
      const mustWait = !subscribed || knownVersion === undefined
      const check = checkVersion()
      if (check && mustWait) await check
      const hit = entries.get(key)
      if (hit !== undefined) {
        touch(key, hit)
        return hit
      }
      const before = previous.get(key)
      if (before !== undefined) {
        // The previous copy now; one render beside it for the readers after.
        if (!inflight.has(key)) {
          startRender(key, revalidate ?? render, true).catch((error: unknown) =>
            log.warn({ err: (error as Error).message, key }, 'cache: render again failed'),
          )
        }
        return before
      }
      return inflight.get(key) ?? startRender(key, render)
    },
    peek(key) {
      // After a message the kept entries are those rendered since, or previous copies after
      // an addition: both may be served while the version read runs beside.
      if (closed || !subscribed || knownVersion === undefined) return undefined
      // The periodic backstop read goes on beside this answer.
      void checkVersion()
      const hit = entries.get(key)
      if (hit !== undefined) {
        touch(key, hit)
        return hit
      }
      // The previous copy while its render runs; the request that starts one goes through get.
      return inflight.has(key) ? previous.get(key) : undefined
    },
    invalidate(change) {
      // The version check that follows learns the new version without counting it again.
      versionStale = true
      invalidate('local', change)
    },
    onInvalidate(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get size() {
      return entries.size
    },
    async close() {
      closed = true
      entries.clear()
      previous.clear()
      bytes = 0
      inflight.clear()
      listeners.clear()
      subscriber?.disconnect()
    },
  }
}
