/**
 * Attachment storage on local disk. Files are stored under random keys (never a name derived
 * from user input, so no path tricks).
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileStore } from '../core/files/uploads.js'

const KEY = /^[a-f0-9]{32}\.[a-z0-9]{1,5}$/

export function createFileStore(dir: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('invalid storage key')
    // Two-character fan-out keeps directories small.
    return join(dir, key.slice(0, 2), key)
  }
  return {
    async save(bytes, ext) {
      const key = `${randomBytes(16).toString('hex')}.${ext}`
      const path = pathOf(key)
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true })
      await writeFile(path, bytes, { flag: 'wx' })
      return key
    },
    async read(key) {
      if (!KEY.test(key)) return undefined
      try {
        return await readFile(pathOf(key))
      } catch {
        return undefined
      }
    },
    async remove(key) {
      if (!KEY.test(key)) return
      await rm(pathOf(key), { force: true })
    },
  }
}
