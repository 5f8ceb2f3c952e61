/** Time comes from an injected clock so that tests can move it instead of sleeping. */
export interface Clock {
  now(): Date
  /** The same time in milliseconds since the epoch, without making a Date (for hot paths). */
  ms?(): number
}

export const systemClock: Clock = { now: () => new Date(), ms: Date.now }

/** Milliseconds since the epoch from any clock: its `ms` where it has one. */
export const msOf = (clock: Clock): number => (clock.ms ? clock.ms() : clock.now().getTime())

/** A clock tests can set and advance; starts at real time unless given a start. */
export function createManualClock(start: Date = new Date()) {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    ms: () => current,
    set(date: Date | string) {
      current = new Date(date).getTime()
    },
    advance(ms: number) {
      current += ms
    },
  }
}

export const iso = (date: Date) => date.toISOString()
