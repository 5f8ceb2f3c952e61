/** A running app with a bilingual newsroom, and helpers to publish through the real core. */
import { createManualClock } from '../../src/clock.js'
import type { Container } from '../../src/container.js'
import { addAttachment } from '../../src/core/release/attachments.js'
import type { ContentDeps } from '../../src/core/release/ports.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease } from '../../src/core/release/releases.js'
import type { ReleaseInput } from '../../src/core/release/releases.js'
import type { Config } from '../../src/env.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { createTestSetup } from '../helpers/env.js'
import type { DbKind } from '../helpers/env.js'
import { PNG, seedNewsroom } from '../helpers/fixtures.js'
import { startAppProcess } from '../helpers/harness.js'
import type { App, ManualClock } from '../helpers/harness.js'

export interface FeedWorld {
  container: Container
  app: App
  content: ContentDeps
  clock: ManualClock
  close(): Promise<void>
}

/** One web process on a configuration, on a manual clock (shared by two processes). */
export async function startWorld(
  config: Config,
  clock = createManualClock(new Date('2026-03-02T08:00:00Z')),
  options: { migrate?: boolean } = {},
): Promise<FeedWorld> {
  const web = await startAppProcess(config, { clock, migrate: options.migrate })
  return { container: web.deps, app: web.app, content: web.content, clock, close: web.close }
}

export function createBilingualNewsroom(world: FeedWorld, slug = 'lansi') {
  return seedNewsroom(world.content, {
    slug,
    description: { fi: 'Hyvinvointialueen tiedotteet', sv: 'Välfärdsområdets pressmeddelanden' },
  })
}

/** Creates a release and publishes it now (moving the clock a minute on, so times differ). */
export async function publishNow(
  world: FeedWorld,
  input: Omit<ReleaseInput, 'newsroom'> & { newsroom?: string },
  options: { image?: boolean } = {},
) {
  world.clock.advance(60_000)
  const release = await createRelease(world.content, admin, { newsroom: 'lansi', ...input })
  if (options.image) {
    await addAttachment(world.content, admin, release.id, {
      filename: 'kuva.png',
      bytes: PNG,
      alt: { fi: 'Kuvan kuvaus', sv: 'Bildens beskrivning' },
    })
  }
  await publishRelease(world.content, admin, release.id)
  return release
}

/** Resolves when the cache drops its entries (a message or a version check): feeds unless told. */
export function nextInvalidation(
  container: Container,
  cache: Pick<Container['feedCache'], 'onInvalidate'> = container.feedCache,
): Promise<string> {
  return new Promise((resolve) => {
    const off = cache.onInvalidate((reason) => {
      off()
      resolve(reason)
    })
  })
}

/** Two web processes of one installation (same database and Redis prefix) and a newsroom. */
export async function startTwoWorlds(kind: DbKind) {
  const setup = await createTestSetup(kind)
  const clock = createManualClock(new Date('2026-03-02T08:00:00Z'))
  const a = await startWorld(setup.config, clock)
  const b = await startWorld(setup.config, clock, { migrate: false })
  await createBilingualNewsroom(a)
  return {
    a,
    b,
    async close() {
      await a.close()
      await b.close()
      await setup.cleanup()
    },
  }
}
