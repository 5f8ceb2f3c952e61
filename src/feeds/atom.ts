/**
 * Atom 1.0 (RFC 4287) from the shared feed model. Written here rather than with the `feed`
 * package: that one marks titles as HTML (so a "<" in a title would become markup) and guesses
 * enclosure types from file extensions instead of using the stored MIME type.
 */
import type { FeedDocument, FeedItem } from './feed-items.js'
import { GENERATOR } from './rss.js'
import { FEED_STYLESHEET_PI } from './stylesheet.js'
import { FEED_MIME } from './urls.js'
import { escapeXml as x } from './xml.js'

export function renderAtom({ channel, items }: FeedDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    // Browsers that open the feed show it as a page (see stylesheet.ts); readers skip this.
    FEED_STYLESHEET_PI,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(channel.lang)}">`,
    `<id>${x(channel.id)}</id>`,
    `<title type="text">${x(channel.title)}</title>`,
    `<subtitle type="text">${x(channel.description)}</subtitle>`,
    `<updated>${channel.updatedAt.toISOString()}</updated>`,
    `<link rel="self" type="${FEED_MIME.atom}" href="${x(channel.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(channel.link)}"/>`,
    ...(channel.hubUrl ? [`<link rel="hub" href="${x(channel.hubUrl)}"/>`] : []),
    ...(channel.imageUrl ? [`<logo>${x(channel.imageUrl)}</logo>`] : []),
    `<generator>${GENERATOR}</generator>`,
    ...items.map(entry),
    '</feed>',
  ]
  return lines.join('\n') + '\n'
}

function entry(item: FeedItem): string {
  const parts = [
    '<entry>',
    `<id>${x(item.id)}</id>`,
    `<title type="text">${x(item.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${x(item.url)}"/>`,
  ]
  if (item.image) {
    parts.push(
      `<link rel="enclosure" type="${x(item.image.mimeType)}" length="${item.image.length}" href="${x(item.image.url)}"/>`,
    )
  }
  parts.push(
    `<published>${item.publishedAt.toISOString()}</published>`,
    `<updated>${item.updatedAt.toISOString()}</updated>`,
    `<author><name>${x(item.author)}</name></author>`,
    ...item.categories.map((c) => `<category term="${x(c.term)}" label="${x(c.label)}"/>`),
  )
  if (item.summary) parts.push(`<summary type="text">${x(item.summary)}</summary>`)
  if (item.contentHtml) parts.push(`<content type="html">${x(item.contentHtml)}</content>`)
  parts.push('</entry>')
  return parts.join('\n')
}
