import { describe, expect, it } from 'vitest'
import { keysetPages, nonEmpty } from './paging.js'

describe('keyset paging', () => {
  it('starts each page after the last key of the one before and stops at an empty page', async () => {
    const keys = [3, 5, 8, 13, 21]
    const asked: [number, boolean][] = []
    const pages: number[][] = []
    const read = async (after: number, first: boolean) => {
      asked.push([after, first])
      return nonEmpty(keys.filter((k) => k > after).slice(0, 2))
    }
    for await (const page of keysetPages(read, (p) => p[p.length - 1])) pages.push(page)
    expect(pages).toEqual([[3, 5], [8, 13], [21]])
    expect(asked).toEqual([
      [0, true],
      [5, false],
      [13, false],
      [21, false],
    ])
  })
})
