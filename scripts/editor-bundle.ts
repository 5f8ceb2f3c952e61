/**
 * Bundles the release editor's script (Tiptap, Turndown, markdown-it and our code in
 * `src/views/admin/editor/`) into one file the app serves as /admin/assets/editor.js, so no CDN
 * is needed and the strict Content-Security-Policy holds. `npm run build` (and so `npm start`)
 * runs it, and so does the test suite once per run (`npm run build` in `test/global-setup.ts`).
 *
 * The file is written next to it and then renamed into place, so a test run building it while
 * another app reads it never sees half a file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { ASSET_BUILD_DIR, EDITOR_BUNDLE } from '../src/paths.js'

export async function buildEditorBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, '..', 'src', 'views', 'admin', 'editor', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'eof',
    write: false,
    logLevel: 'warning',
  })
  mkdirSync(ASSET_BUILD_DIR, { recursive: true })
  const partial = `${EDITOR_BUNDLE}.${process.pid}.tmp`
  writeFileSync(partial, result.outputFiles[0]!.contents)
  renameSync(partial, EDITOR_BUNDLE)
  return EDITOR_BUNDLE
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildEditorBundle()
}
