/** One entry point from the feed model to the bytes of any format. */
import { renderAtom } from './atom.js'
import type { FeedDocument } from './feed-items.js'
import { renderedResponse } from './http.js'
import type { RenderedResponse } from './http.js'
import { renderJsonFeed } from './json-feed.js'
import { renderRss } from './rss.js'
import { FEED_CONTENT_TYPE } from './urls.js'

const WRITERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed }

export function renderFeed(document: FeedDocument): RenderedResponse {
  return renderedResponse(
    WRITERS[document.format](document),
    FEED_CONTENT_TYPE[document.format],
    document.channel.updatedAt,
  )
}
