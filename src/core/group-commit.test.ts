import { describe, expect, it } from 'vitest'
import { groupCommit } from './group-commit.js'
import type { ItemOutcome } from './group-commit.js'

/** A writer that records its batches and finishes each one when told to. */
function recordingWriter() {
  const batches: number[][] = []
  const finish: (() => void)[] = []
  const write = (items: number[]) =>
    new Promise<ItemOutcome<number>[]>((resolve) => {
      batches.push(items)
      finish.push(() =>
        resolve(
          items.map((n) =>
            n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 10 },
          ),
        ),
      )
    })
  return { write, batches, finish }
}

describe('groupCommit', () => {
  it('writes a lone item at once, and what arrives meanwhile together afterwards', async () => {
    const writer = recordingWriter()
    const add = groupCommit(writer.write)
    const first = add(1)
    expect(writer.batches).toEqual([[1]])
    const rest = [add(2), add(3), add(4)]
    expect(writer.batches).toHaveLength(1)
    writer.finish[0]()
    expect(await first).toBe(10)
    await expect.poll(() => writer.batches.length).toBe(2)
    expect(writer.batches[1]).toEqual([2, 3, 4])
    writer.finish[1]()
    expect(await Promise.all(rest)).toEqual([20, 30, 40])
  })

  it('gives a refused item its own error and the others their results', async () => {
    const writer = recordingWriter()
    const add = groupCommit(writer.write)
    const blocker = add(0)
    const batch = [add(5), add(-1), add(6)].map((p) =>
      p.then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      ),
    )
    writer.finish[0]()
    await blocker
    await expect.poll(() => writer.finish.length).toBe(2)
    writer.finish[1]()
    expect(await Promise.all(batch)).toEqual([
      { value: 50 },
      { error: 'refused -1' },
      { value: 60 },
    ])
  })

  it('fails every item of a batch whose writer fails, and goes on with the next', async () => {
    let calls = 0
    const add = groupCommit<number, number>(async (items) => {
      calls++
      if (calls === 2) throw new Error('database gone')
      return items.map((n) => ({ ok: true, value: n }))
    })
    const first = add(1)
    const failing = [add(2), add(3)].map((p) => p.catch((error: Error) => error.message))
    expect(await first).toBe(1)
    expect(await Promise.all(failing)).toEqual(['database gone', 'database gone'])
    expect(await add(4)).toBe(4)
  })

  it('writes at most maxBatch items together', async () => {
    const writer = recordingWriter()
    const add = groupCommit(writer.write, { maxBatch: 2 })
    const all = [add(1), add(2), add(3), add(4), add(5)]
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => writer.finish.length).toBe(i + 1)
      writer.finish[i]()
    }
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50])
    expect(writer.batches).toEqual([[1], [2, 3], [4, 5]])
  })
})
