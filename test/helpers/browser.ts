/**
 * Real Chromium for browser tests (Debian's package driven by playwright-core) and axe-core
 * accessibility checks against WCAG 2.1 A and AA.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import axe from 'axe-core'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { testEnv } from '../../src/env.js'

/** Flags that keep Chromium off the (closed) network and quiet in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: testEnv.chromiumPath(), args: CHROMIUM_ARGS })
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
  passes: unknown[]
}

/**
 * Runs axe-core in the page and returns its WCAG 2.1 A/AA violations, one readable line each.
 * The script is evaluated over the DevTools protocol, so the page's strict CSP stays on.
 */
export async function axeViolations(page: Page, minPasses = 5): Promise<string[]> {
  await page.evaluate(axe.source)
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })`,
  )) as AxeResult
  // Rules did run (contrast, landmarks, lang…): an empty result is not a silent no-op.
  expect(result.passes.length).toBeGreaterThan(minPasses)
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}

export interface ServedApp {
  /** Where the browser finds the app, e.g. http://127.0.0.1:41234 */
  origin: string
  close(): Promise<void>
}

/**
 * Serves an app over real HTTP on a free local port (or the one given, when PUBLIC_URL must name
 * it), for a real browser.
 */
export async function serveApp(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  port = 0,
): Promise<ServedApp> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s))
  })
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
