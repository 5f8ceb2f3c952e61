/**
 * The Node service renders JSX without turning on async hooks (see src/http/jsx-render-context.ts),
 * and contexts still reach the components of a render. Checked in a fresh process: test files
 * share their worker's modules, and Hono looks for AsyncLocalStorage only once per process.
 */
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Renders a page the way the app does, counting AsyncLocalStorage runs, in a new process. */
function renderInFreshProcess(keepOff: boolean): { html: string; runs: number } {
  const script = `
    import { AsyncLocalStorage } from 'node:async_hooks'
    let runs = 0
    const run = AsyncLocalStorage.prototype.run
    AsyncLocalStorage.prototype.run = function (...args) { runs++; return run.apply(this, args) }
    const { keepJsxRendersOffAsyncHooks } = await import('./src/http/jsx-render-context.ts')
    const { Layout, SiteNameContext } = await import('./src/views/layout.tsx')
    const { jsx } = await import('hono/jsx/jsx-runtime')
    if (${keepOff}) keepJsxRendersOffAsyncHooks()
    const page = jsx(SiteNameContext.Provider, {
      value: 'Länsi-Uudenmaan hyvinvointialue',
      children: jsx(Layout, { lang: 'fi', title: 'Tiedotteet', children: 'sisältö' }),
    })
    const html = String(await page.toString())
    console.log(JSON.stringify({ html, runs }))
  `
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  return JSON.parse(out.trim().split('\n').pop()!) as { html: string; runs: number }
}

describe('JSX renders in the Node service', () => {
  it('read contexts without AsyncLocalStorage, so no async hooks are turned on', () => {
    const kept = renderInFreshProcess(true)
    expect(kept.html).toContain('Länsi-Uudenmaan hyvinvointialue')
    expect(kept.runs).toBe(0)
    // Without it, Hono's first render turns them on: the check above can fail.
    const plain = renderInFreshProcess(false)
    expect(plain.html).toContain('Länsi-Uudenmaan hyvinvointialue')
    expect(plain.runs).toBeGreaterThan(0)
  })
})
