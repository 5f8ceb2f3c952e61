/**
 * "More from the publisher" on a release page: the newsroom's latest releases in every language
 * it publishes in, as the model newsroom lists a Swedish release on a Finnish page. A release
 * with a version in the page's language is shown in that language; one without, in its own.
 */
import type { PublicReader, PublicReleaseSummary } from '../release/read-model.js'
import { listPublishedReleases } from '../release/read-model.js'
import type { Lang } from '../types.js'

export async function listMoreFromNewsroom(
  reader: PublicReader,
  newsroom: { id: number; languages: Lang[] },
  lang: Lang,
  exceptReleaseId: number | undefined,
  count: number,
): Promise<PublicReleaseSummary[]> {
  const order = [lang, ...newsroom.languages.filter((l) => l !== lang)]
  const pages = await Promise.all(
    order.map((l) =>
      listPublishedReleases(reader, { newsroomId: newsroom.id, lang: l, limit: count + 1 }),
    ),
  )
  const seen = new Set<number>(exceptReleaseId === undefined ? [] : [exceptReleaseId])
  const items: PublicReleaseSummary[] = []
  for (const page of pages) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue
      seen.add(item.id)
      items.push(item)
    }
  }
  return items
    .sort((a, b) =>
      a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.id - a.id,
    )
    .slice(0, count)
}
