/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line, e.g.
 * `npm run bench -- feeds`) one after another. Each benchmark measures its own baseline in the
 * same run and prints ratios against it, so figures from different machines stay comparable.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface BenchResult {
  name: string
  /** Lines for the summary, e.g. "feed 12,300 req/s = 0.41 × hello-world". */
  summary: string[]
}

const dir = import.meta.dirname
const wanted = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((w) => file.startsWith(w)))
  .sort()

if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}`)
  process.exit(1)
}

const results: BenchResult[] = []
for (const file of files) {
  console.log(`\n▶ ${file}`)
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    run(): Promise<BenchResult>
  }
  results.push(await mod.run())
}

console.log('\nSummary')
for (const result of results) {
  console.log(`  ${result.name}`)
  for (const line of result.summary) console.log(`    ${line}`)
}
process.exit(0)
