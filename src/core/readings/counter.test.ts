import { describe, expect, it } from 'vitest'
import { createManualClock } from '../../clock.js'
import { createReadingCounter, releasePageKey } from './counter.js'

type Views = { day: string; lang: string; newsroom: string; slug: string; views: number }[]
type Fetches = { day: string; feed: string; fetches: number }[]

/** Records what the counter stores, or fails while `down` is set. */
function recorder() {
  const stored = { views: [] as Views, fetches: [] as Fetches, down: false }
  const readings = {
    async addPageViews(rows: Views) {
      if (stored.down) throw new Error('database away')
      stored.views.push(...rows)
    },
    async addFeedFetches(rows: Fetches) {
      if (stored.down) throw new Error('database away')
      stored.fetches.push(...rows)
    },
  }
  return { stored, repos: { readings } as never }
}

const log = { warn: () => {} }

describe('reading counter', () => {
  it('sums per day, and a count after midnight goes to the new day', async () => {
    const clock = createManualClock(new Date('2026-03-02T23:59:58Z'))
    const { stored, repos } = recorder()
    const counter = createReadingCounter({ repos, clock, log })
    const page = releasePageKey('fi', 'lansi', 'uusi-asema')
    counter.pageView(page)
    counter.pageView(page)
    counter.feedFetch('/feeds/lansi.rss')
    clock.advance(3000)
    counter.pageView(page)
    await counter.flush()
    expect(stored.views).toEqual([
      { day: '2026-03-02', lang: 'fi', newsroom: 'lansi', slug: 'uusi-asema', views: 2 },
      { day: '2026-03-03', lang: 'fi', newsroom: 'lansi', slug: 'uusi-asema', views: 1 },
    ])
    expect(stored.fetches).toEqual([{ day: '2026-03-02', feed: '/feeds/lansi.rss', fetches: 1 }])
  })

  it('keeps what could not be stored for the next flush, under its own day', async () => {
    const clock = createManualClock(new Date('2026-03-02T23:59:59Z'))
    const { stored, repos } = recorder()
    const counter = createReadingCounter({ repos, clock, log })
    counter.feedFetch('/feeds/lansi.rss')
    stored.down = true
    await counter.flush()
    clock.advance(5000)
    counter.feedFetch('/feeds/lansi.rss')
    counter.feedFetch('/feeds/lansi.rss')
    stored.down = false
    await counter.flush()
    expect(stored.fetches).toEqual([
      { day: '2026-03-02', feed: '/feeds/lansi.rss', fetches: 1 },
      { day: '2026-03-03', feed: '/feeds/lansi.rss', fetches: 2 },
    ])
    await counter.flush()
    expect(stored.fetches).toHaveLength(2)
  })
})
