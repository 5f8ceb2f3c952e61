import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from './json-body.js'

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false)
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true)
    expect(nestsDeeperThan('{"title":"[[[[{{{{"}', 1)).toBe(false)
    expect(nestsDeeperThan('{"t":"\\"[[[[","u":{}}', 1)).toBe(true)
    expect(nestsDeeperThan('{"t":"a\\\\"}', 1)).toBe(false)
  })

  it('reads a body nested 100,000 levels deep in one pass', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(nestsDeeperThan(deep, 32)).toBe(true)
    expect(nestsDeeperThan('[]'.repeat(100_000), 32)).toBe(false)
  })
})
