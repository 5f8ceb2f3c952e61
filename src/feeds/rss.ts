/** RSS 2.0 with the `rss` package, from the shared feed model. */
import RSS from 'rss'
import type { FeedDocument } from './feed-items.js'
import { withFeedStylesheet } from './stylesheet.js'
import { escapeXml } from './xml.js'

export const GENERATOR = 'Tiedote'

export function renderRss({ channel, items }: FeedDocument): string {
  const feed = new RSS({
    title: channel.title,
    description: channel.description,
    site_url: channel.link,
    feed_url: channel.selfUrl,
    language: channel.lang,
    generator: GENERATOR,
    pubDate: channel.updatedAt,
    ...(channel.imageUrl ? { image_url: channel.imageUrl } : {}),
    // Beside the package's own <atom:link rel="self"> (it declares the atom namespace).
    ...(channel.hubUrl
      ? { custom_elements: [{ 'atom:link': { _attr: { href: channel.hubUrl, rel: 'hub' } } }] }
      : {}),
  })
  for (const item of items) {
    feed.item({
      title: item.title,
      // RSS readers show <description> as HTML; the lead is plain text, so "<" must stay text.
      description: escapeXml(item.summary),
      // With a url and no separate guid the package writes <guid isPermaLink="true">url</guid>.
      url: item.url,
      categories: item.categories.map((c) => c.label),
      author: item.author,
      date: item.publishedAt,
      enclosure: item.image
        ? { url: item.image.url, size: item.image.length, type: item.image.mimeType }
        : undefined,
      custom_elements: item.contentHtml
        ? [{ 'content:encoded': { _cdata: item.contentHtml } }]
        : [],
    })
  }
  // The package stamps lastBuildDate with the wall clock; the date of the last change instead
  // makes the same content render to the same bytes (and ETag) in every process.
  return withFeedStylesheet(
    feed
      .xml()
      .replace(
        /<lastBuildDate>[^<]*<\/lastBuildDate>/,
        `<lastBuildDate>${channel.updatedAt.toUTCString()}</lastBuildDate>`,
      ),
  )
}
