/**
 * Where the installation lives: the directory with package.json. Files that are not code
 * (email templates, the staff interface's stylesheet and script) are read from there, so the
 * same paths hold whether the code runs from src/ (tsx) or from the build in dist/.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}`)
  }
}

export const APP_ROOT = findRoot(import.meta.dirname)

/** Files made at build time that the app serves (the staff editor's bundled script). */
export const ASSET_BUILD_DIR = join(APP_ROOT, 'dist', 'assets')
export const EDITOR_BUNDLE = join(ASSET_BUILD_DIR, 'editor.js')
