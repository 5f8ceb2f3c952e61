/**
 * Once per test run: brings dist/ up to date (as `npm start` builds it), so that tests starting
 * Tiedote as a child process run the compiled service — about a second less CPU per process
 * than through tsx, which adds up over the suite's many worker and CLI starts. Skipped when
 * dist/ is newer than every source file.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const stamp = join(root, 'dist', '.built')

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

export default function setup() {
  const sources = Math.max(
    ...['src', 'workers'].map((dir) => newestSource(join(root, dir))),
    statSync(join(root, 'package-lock.json')).mtimeMs,
  )
  if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
  writeFileSync(stamp, new Date().toISOString())
}
