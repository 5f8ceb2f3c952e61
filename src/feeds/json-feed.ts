/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the shared feed model. */
import type { FeedDocument, FeedItem } from './feed-items.js'

export function renderJsonFeed({ channel, items }: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.link,
    feed_url: channel.selfUrl,
    description: channel.description,
    language: channel.lang,
    ...(channel.imageUrl ? { icon: channel.imageUrl } : {}),
    ...(channel.hubUrl ? { hubs: [{ type: 'WebSub', url: channel.hubUrl }] } : {}),
    items: items.map(item),
  })
}

function item(item: FeedItem) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    // The spec asks for content_html or content_text; the lead stands in for an empty body.
    ...(item.contentHtml ? { content_html: item.contentHtml } : { content_text: item.summary }),
    ...(item.summary ? { summary: item.summary } : {}),
    ...(item.image ? { image: item.image.url } : {}),
    date_published: item.publishedAt.toISOString(),
    date_modified: item.updatedAt.toISOString(),
    authors: [{ name: item.author }],
    tags: item.categories.map((c) => c.label),
    language: item.lang,
    ...(item.image
      ? {
          attachments: [
            {
              url: item.image.url,
              mime_type: item.image.mimeType,
              size_in_bytes: item.image.length,
              ...(item.image.alt ? { title: item.image.alt } : {}),
            },
          ],
        }
      : {}),
  }
}
