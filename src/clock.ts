/** Time comes from an injected clock so that tests can move it instead of sleeping. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests can set and advance; starts at real time unless given a start. */
export function createManualClock(start: Date = new Date()) {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    set(date: Date | string) {
      current = new Date(date).getTime()
    },
    advance(ms: number) {
      current += ms
    },
  }
}

export const iso = (date: Date) => date.toISOString()
