/** One entry point from the feed model to the bytes of any format. */
import { renderAtom } from './atom.js'
import type { FeedDocument } from './feed-items.js'
import { renderedResponse } from './http.js'
import type { RenderedResponse } from './http.js'
import { renderJsonFeed } from './json-feed.js'
import { renderRss } from './rss.js'
import { FEED_CONTENT_TYPE } from './urls.js'
import type { FeedFormat } from './urls.js'

const WRITERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed }

/** RSS and Atom go to browsers as XML of another type (feeds.index.ts): caches keep both apart. */
const VARY: Partial<Record<FeedFormat, Record<string, string>>> = {
  rss: { vary: 'Accept-Encoding, Sec-Fetch-Dest' },
  atom: { vary: 'Accept-Encoding, Sec-Fetch-Dest' },
}

export function renderFeed(document: FeedDocument): RenderedResponse {
  return renderedResponse(
    WRITERS[document.format](document),
    FEED_CONTENT_TYPE[document.format],
    document.channel.updatedAt,
    VARY[document.format],
  )
}
