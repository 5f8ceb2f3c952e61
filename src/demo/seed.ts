/**
 * Demo newsroom on first start: a Finnish/Swedish wellbeing-county publisher (with an English
 * article too) and its releases from `content.ts`, created through the same core functions the
 * API uses, backdated to their original publication times and without emailing anyone.
 *
 * Idempotent: releases that already exist are skipped, so a start that was interrupted half-way
 * completes on the next one; once finished, a marker keeps later starts from recreating what
 * the user deleted. A database that has other newsrooms but not the demo one is left alone.
 */
import { listContacts, updateContact } from '../core/contacts/directory.js'
import { createKeywordTerm, listKeywordTerms } from '../core/keywords/terms.js'
import { setNewsroomLogo } from '../core/newsroom/logo.js'
import { demoLogoPng } from './logo.js'
import { demoImageJpeg, demoImages } from './images.js'
import { addBankFile, staffMediaBank } from '../core/media/bank.js'
import type { Actor } from '../core/auth/actor.js'
import { ConflictError } from '../core/errors.js'
import {
  createNewsroom,
  findNewsroom,
  getNewsroom,
  hasNewsrooms,
} from '../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../core/newsroom/newsrooms.js'
import { addAttachment } from '../core/release/attachments.js'
import { contentDeps } from '../wiring/content.js'
import type { ContentSource } from '../wiring/content.js'
import type { ContentDeps } from '../core/release/ports.js'
import { publishRelease } from '../core/release/publishing.js'
import { createRelease, deleteRelease } from '../core/release/releases.js'
import type { Lang } from '../core/types.js'
import { demoKeywords, demoNewsroom, demoReleases } from './content.js'
import type { DemoRelease } from './content.js'

const DONE_KEY = 'demo_seeded'

/** The seed acts as the system, with an administrator's rights. */
const SYSTEM: Actor = {
  kind: 'token',
  id: 0,
  role: 'admin',
  newsroomIds: 'all',
  label: 'system:demo-seed',
}

export async function seedDemo(container: ContentSource): Promise<boolean> {
  const { repos } = container
  if ((await repos.settings.get(DONE_KEY)) !== undefined) return false
  const deps = contentDeps(container)

  let newsroom = await findNewsroom(repos, demoNewsroom.slug)
  if (!newsroom) {
    if (await hasNewsrooms(repos)) return false
    try {
      newsroom = await createNewsroom(deps, SYSTEM, {
        slug: demoNewsroom.slug,
        languages: demoNewsroom.languages,
        timezone: demoNewsroom.timezone,
        name: demoNewsroom.name,
        boilerplate: demoNewsroom.boilerplate,
        socialLinks: demoNewsroom.social,
        website: demoNewsroom.website,
        accentColor: demoNewsroom.accentColor,
        replyTo: demoNewsroom.replyTo,
      })
    } catch (error) {
      // Another web process starting at the same moment created it first: carry on with it.
      if (!(error instanceof ConflictError)) throw error
      newsroom = await getNewsroom(repos, demoNewsroom.slug)
    }
  }
  if (!newsroom.logo) {
    newsroom = await setNewsroomLogo(deps, SYSTEM, newsroom.id, {
      filename: 'lansi-uusimaa.png',
      bytes: demoLogoPng(demoNewsroom.accentColor),
    })
  }

  // The keyword terms, with their Swedish and English labels, before the releases that use them.
  const terms = new Set((await listKeywordTerms(deps, SYSTEM, newsroom.id)).map((t) => t.slug))
  for (const term of demoKeywords) {
    if (terms.has(term.slug)) continue
    const labels = Object.fromEntries(
      Object.entries(term.labels).filter(([lang]) => newsroom!.languages.includes(lang as Lang)),
    )
    await createKeywordTerm(deps, SYSTEM, newsroom.id, { slug: term.slug, labels })
  }

  let created = 0
  // Oldest first, so that ids follow publication order as they would have in real life; of
  // releases published at the same moment, the one listed first in content.ts is shown first.
  const ordered = demoReleases
    .map((demo, index) => ({ demo, index }))
    .sort((a, b) => a.demo.publishedAt.localeCompare(b.demo.publishedAt) || b.index - a.index)
    .map(({ demo }) => demo)
  for (const demo of ordered) {
    const existing = await findDemoRelease(deps, newsroom, demo)
    if (existing && existing.status !== 'draft') continue
    // A draft left by an interrupted start is made again, attachment and all.
    if (existing) await deleteRelease(deps, SYSTEM, existing.id)
    await seedRelease(deps, newsroom, demo)
    created++
  }

  // The press contacts the releases name, listed on the public contacts page in their groups:
  // communications first, as a press office would order them.
  const order = ['mikaela-lindholm', 'jari-koskinen', 'anna-sahiluoma']
  const people = await listContacts(deps, SYSTEM, newsroom.id)
  for (const [position, key] of order.entries()) {
    const demo = demoNewsroom.contacts[key]
    const contact = people.find((p) => p.name === demo.name)
    if (!contact || contact.inDirectory) continue
    await updateContact(deps, SYSTEM, contact.id, {
      inDirectory: true,
      position,
      group: Object.fromEntries(
        Object.entries(demo.group).filter(([lang]) => newsroom!.languages.includes(lang as Lang)),
      ),
    })
  }

  // The bank's own photos (release photos are there through their releases).
  const bank = await staffMediaBank(deps, SYSTEM, newsroom.id)
  for (const image of demoImages.filter((i) => i.key === 'coast')) {
    if (bank.items.some((item) => item.inBank && item.filename === image.filename)) continue
    await addBankFile(deps, SYSTEM, newsroom.id, {
      filename: image.filename,
      bytes: await demoImageJpeg(image),
      caption: pickLanguages(newsroom, image.caption),
      alt: pickLanguages(newsroom, image.alt),
      credit: image.credit,
    })
  }

  await repos.settings.putIfAbsent(DONE_KEY, deps.clock.now().toISOString())
  container.log.info({ newsroom: demoNewsroom.slug, releases: created }, 'demo newsroom created')
  return true
}

/** Texts in the newsroom's languages only. */
const pickLanguages = (newsroom: NewsroomView, texts: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(texts).filter(([lang]) => newsroom.languages.includes(lang as Lang)),
  )

function versionsFor(newsroom: NewsroomView, demo: DemoRelease) {
  return Object.fromEntries(
    Object.entries(demo.versions).filter(([lang]) => newsroom.languages.includes(lang as Lang)),
  )
}

/** A demo release is recognised by the title of its first version in the newsroom. */
async function findDemoRelease(deps: ContentDeps, newsroom: NewsroomView, demo: DemoRelease) {
  const [lang, version] = Object.entries(versionsFor(newsroom, demo))[0]
  return deps.repos.demo.findReleaseByTitle(newsroom.id, lang as Lang, version!.title)
}

async function seedRelease(deps: ContentDeps, newsroom: NewsroomView, demo: DemoRelease) {
  const release = await createRelease(deps, SYSTEM, {
    newsroom: newsroom.id,
    type: demo.type,
    keywords: demo.keywords,
    contacts: demo.contactKeys.map((key) => {
      const contact = demoNewsroom.contacts[key]
      return {
        name: contact.name,
        title: contact.title as Record<string, string>,
        phone: contact.phone,
        email: contact.email,
      }
    }),
    versions: versionsFor(newsroom, demo),
    notify: false,
    ...(demo.event ? { event: demo.event } : {}),
  })
  if (demo.image) {
    const image = demoImages.find((i) => i.key === demo.image)!
    await addAttachment(deps, SYSTEM, release.id, {
      filename: image.filename,
      bytes: await demoImageJpeg(image),
      caption: pickLanguages(newsroom, image.caption),
      alt: pickLanguages(newsroom, image.alt),
      credit: image.credit,
    })
  }
  if (demo.attachment) {
    await addAttachment(deps, SYSTEM, release.id, {
      filename: demo.attachment.filename,
      bytes: new TextEncoder().encode(demo.attachment.content),
      caption: demo.attachment.title as Record<string, string>,
    })
  }
  await publishRelease(deps, SYSTEM, release.id, {
    at: new Date(demo.publishedAt),
    backdate: true,
  })
  // Written when it was published, not today: pages and feeds must not show a later edit.
  await deps.repos.demo.backdateRelease(release.id, demo.publishedAt)
}
