/**
 * `/feeds/feed.xsl`: an XSLT 1.0 stylesheet that turns an RSS 2.0 or Atom 1.0 feed of ours into a
 * readable page when a browser opens the feed — what a feed is, how to follow it, and its items —
 * in the feed's language (RSS `<language>`, Atom `xml:lang`; fi, sv or en, else en).
 *
 * The words come from the public page strings (views/i18n/public.ts), so the three languages are
 * checked by the compiler like every other page; the stylesheet chooses among them with
 * `xsl:choose`. Everything taken from the feed is written with `xsl:value-of` (escaped by the
 * processor), never with `disable-output-escaping`; only http(s) addresses become links; and the
 * page uses the site stylesheet, so the strict content security policy needs no exception.
 */
import { LANGS } from '../core/types.js'
import type { Lang } from '../core/types.js'
import { common } from '../views/i18n/common.js'
import { publicStrings } from '../views/i18n/public.js'
import { escapeXml as x } from './xml.js'

export const FEED_XSL_PATH = '/feeds/feed.xsl'
export const FEED_XSL_CONTENT_TYPE = 'text/xsl; charset=utf-8'

/** The processing instruction every RSS and Atom feed starts with, after the XML declaration. */
export const FEED_STYLESHEET_PI = `<?xml-stylesheet type="text/xsl" href="${FEED_XSL_PATH}"?>`

/**
 * Browsers do not apply a stylesheet to `application/rss+xml` or `application/atom+xml`: Chromium
 * shows them as plain text, others offer a download. A browser opening a feed (a navigation,
 * `Sec-Fetch-Dest: document`, which feed readers never send) therefore gets the same bytes as
 * `application/xml`, which browsers render through the stylesheet. Responses say
 * `Vary: Sec-Fetch-Dest`; a cache that ignores it serves either type to either client, and both
 * still read the feed.
 */
export const FEED_PAGE_CONTENT_TYPE = 'application/xml; charset=utf-8'

/** Whether a request's `Sec-Fetch-Dest` (read with this name) says a browser navigates. */
export const FETCH_DEST = 'sec-fetch-dest'

export function isBrowserNavigation(fetchDest: string | null | undefined): boolean {
  return fetchDest === 'document'
}

/** Whether a feed of this type carries the stylesheet (RSS and Atom; not JSON Feed). */
export function hasFeedStylesheet(contentType: string): boolean {
  return /^application\/(?:rss|atom)\+xml\b/.test(contentType)
}

/** Puts the stylesheet instruction after the XML declaration of a feed. */
export function withFeedStylesheet(xml: string): string {
  const declaration = /^<\?xml[^?]*\?>\n?/.exec(xml)
  if (!declaration) return `${FEED_STYLESHEET_PI}\n${xml}`
  const head = declaration[0].replace(/\n?$/, '\n')
  return `${head}${FEED_STYLESHEET_PI}\n${xml.slice(declaration[0].length)}`
}

type Words = Record<Lang, string>

const words = (pick: (lang: Lang) => string): Words =>
  Object.fromEntries(LANGS.map((lang) => [lang, pick(lang)])) as Words

/** The text in the page's language; English for a language we do not know. */
function say(text: Words): string {
  const when = (LANGS.filter((lang) => lang !== 'en') as Lang[])
    .map((lang) => `<xsl:when test="$lang = '${lang}'">${x(text[lang])}</xsl:when>`)
    .join('')
  return `<xsl:choose>${when}<xsl:otherwise>${x(text.en)}</xsl:otherwise></xsl:choose>`
}

const WORDS = {
  skip: words((l) => common[l].skipToContent),
  notice: words((l) => publicStrings[l].feedNotice),
  howTo: words((l) => publicStrings[l].feedHowTo),
  address: words((l) => publicStrings[l].feedAddress),
  byEmail: words((l) => publicStrings[l].feedByEmail),
  webPage: words((l) => publicStrings[l].feedWebPage),
  allFeeds: words((l) => publicStrings[l].feedsAll),
  latest: words((l) => publicStrings[l].latest),
  empty: words((l) => publicStrings[l].feedEmpty),
  kind: words((l) => publicStrings[l].feedKind),
}

// The feed's parts, whichever of the two formats it is. A union of RSS and Atom paths selects the
// one that exists.
const TITLE = '/rss/channel/title | /atom:feed/atom:title'
const DESCRIPTION = '/rss/channel/description | /atom:feed/atom:subtitle'
const HOME = "/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"
const SELF = "/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"
const LOGO = '/rss/channel/image/url | /atom:feed/atom:logo'

export function renderFeedStylesheet(options: { siteName?: string } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="no"/>

<xsl:variable name="declared" select="translate(substring(normalize-space(/rss/channel/language | /atom:feed/@xml:lang), 1, 2), 'EFINSV', 'efinsv')"/>
<xsl:variable name="lang">
  <xsl:choose>
    <xsl:when test="${LANGS.map((l) => `$declared = '${l}'`).join(' or ')}"><xsl:value-of select="$declared"/></xsl:when>
    <xsl:otherwise>en</xsl:otherwise>
  </xsl:choose>
</xsl:variable>
<xsl:variable name="title" select="normalize-space(${TITLE})"/>
<xsl:variable name="home" select="normalize-space(${HOME})"/>
<xsl:variable name="self" select="normalize-space(${SELF})"/>
<!-- A newsroom's feed (not the feed of every newsroom) has a subscribe page beside its page. -->
<xsl:variable name="subscribe">
  <xsl:if test="contains($self, '/feeds/') and not(contains($self, '/feeds/all.')) and (starts-with($home, 'https://') or starts-with($home, 'http://'))">
    <xsl:value-of select="concat($home, '/subscribe')"/>
  </xsl:if>
</xsl:variable>

<xsl:template match="/">
  <html lang="{$lang}">
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="robots" content="noindex"/>
      <title><xsl:value-of select="$title"/> – ${say(WORDS.kind)}</title>
      <link rel="stylesheet" href="/assets/site.css"/>
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>
    </head>
    <body>
      <a class="skip-link" href="#main">${say(WORDS.skip)}</a>
      <header class="site-header">
        <div class="wrap">
          <xsl:call-template name="link">
            <xsl:with-param name="href" select="$home"/>
            <xsl:with-param name="class">brand</xsl:with-param>
            <xsl:with-param name="text" select="$title"/>
            <xsl:with-param name="logo" select="normalize-space(${LOGO})"/>
          </xsl:call-template>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <div class="wrap">
          <div class="notice feed-notice">
            <p><strong>${say(WORDS.notice)}</strong><xsl:text> </xsl:text>${say(WORDS.howTo)}</p>
            <xsl:if test="$self != ''">
              <p>${say(WORDS.address)}<xsl:text> </xsl:text><code class="feed-address"><xsl:value-of select="$self"/></code></p>
            </xsl:if>
            <ul class="plain-list">
              <xsl:if test="$subscribe != ''">
                <li><xsl:call-template name="link">
                  <xsl:with-param name="href" select="$subscribe"/>
                  <xsl:with-param name="text">${say(WORDS.byEmail)}</xsl:with-param>
                </xsl:call-template></li>
              </xsl:if>
              <li><a href="/{$lang}/feeds">${say(WORDS.allFeeds)}</a></li>
            </ul>
          </div>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:if test="normalize-space(${DESCRIPTION}) != ''">
            <p class="lead"><xsl:value-of select="normalize-space(${DESCRIPTION})"/></p>
          </xsl:if>
          <xsl:if test="$home != ''">
            <p><xsl:call-template name="link">
              <xsl:with-param name="href" select="$home"/>
              <xsl:with-param name="text">${say(WORDS.webPage)}</xsl:with-param>
            </xsl:call-template></p>
          </xsl:if>
          <section aria-labelledby="items-heading">
            <h2 id="items-heading">${say(WORDS.latest)}</h2>
            <xsl:choose>
              <xsl:when test="/rss/channel/item | /atom:feed/atom:entry">
                <ul class="card-list">
                  <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
                </ul>
              </xsl:when>
              <xsl:otherwise><p>${say(WORDS.empty)}</p></xsl:otherwise>
            </xsl:choose>
          </section>
        </div>
      </main>
      <footer class="site-footer">
        <div class="wrap"><a href="/{$lang}/">${say(words((l) => options.siteName || common[l].siteName))}</a></div>
      </footer>
    </body>
  </html>
</xsl:template>

<xsl:template match="item">
  <xsl:call-template name="card">
    <xsl:with-param name="title" select="normalize-space(title)"/>
    <xsl:with-param name="href" select="normalize-space(link)"/>
    <xsl:with-param name="date">
      <xsl:call-template name="rss-date"><xsl:with-param name="text" select="normalize-space(pubDate)"/></xsl:call-template>
    </xsl:with-param>
    <!-- RSS descriptions are HTML; ours hold the plain-text lead, escaped. It is shown as text. -->
    <xsl:with-param name="summary">
      <xsl:call-template name="unescape"><xsl:with-param name="text" select="normalize-space(description)"/></xsl:call-template>
    </xsl:with-param>
    <xsl:with-param name="image" select="normalize-space(enclosure[starts-with(@type, 'image/')]/@url)"/>
  </xsl:call-template>
</xsl:template>

<xsl:template match="atom:entry">
  <xsl:call-template name="card">
    <xsl:with-param name="title" select="normalize-space(atom:title)"/>
    <xsl:with-param name="href" select="normalize-space(atom:link[@rel='alternate' or not(@rel)]/@href)"/>
    <xsl:with-param name="date" select="substring(normalize-space(atom:published | atom:updated[not(../atom:published)]), 1, 10)"/>
    <xsl:with-param name="summary" select="normalize-space(atom:summary)"/>
    <xsl:with-param name="image" select="normalize-space(atom:link[@rel='enclosure' and starts-with(@type, 'image/')]/@href)"/>
  </xsl:call-template>
</xsl:template>

<!--
  One item as the site's release cards show it. $date is yyyy-mm-dd (UTC). The image is the
  release's main image, beside its title, so it needs no words of its own (the feed has none).
-->
<xsl:template name="card">
  <xsl:param name="title"/>
  <xsl:param name="href"/>
  <xsl:param name="date"/>
  <xsl:param name="summary"/>
  <xsl:param name="image"/>
  <xsl:variable name="has-image" select="starts-with($image, 'https://') or starts-with($image, 'http://')"/>
  <li>
    <article class="card">
      <xsl:if test="$has-image"><xsl:attribute name="class">card with-image</xsl:attribute></xsl:if>
      <xsl:if test="string-length($date) = 10">
        <p class="meta"><time datetime="{$date}"><xsl:value-of select="concat(number(substring($date, 9, 2)), '.', number(substring($date, 6, 2)), '.', substring($date, 1, 4))"/></time></p>
      </xsl:if>
      <xsl:if test="$has-image">
        <img class="card-image" src="{$image}" alt="" loading="lazy"/>
      </xsl:if>
      <h3><xsl:call-template name="link">
        <xsl:with-param name="href" select="$href"/>
        <xsl:with-param name="text" select="$title"/>
      </xsl:call-template></h3>
      <xsl:if test="$summary != ''"><p><xsl:value-of select="$summary"/></p></xsl:if>
    </article>
  </li>
</xsl:template>

<!-- A link, only to a web address: a feed cannot put a javascript: or data: link on the page. -->
<xsl:template name="link">
  <xsl:param name="href"/>
  <xsl:param name="text"/>
  <xsl:param name="class"/>
  <xsl:param name="logo"/>
  <xsl:choose>
    <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')">
      <a href="{$href}">
        <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
        <xsl:if test="starts-with($logo, 'https://') or starts-with($logo, 'http://')">
          <img class="brand-logo" src="{$logo}" alt=""/>
        </xsl:if>
        <span><xsl:value-of select="$text"/></span>
      </a>
    </xsl:when>
    <xsl:otherwise>
      <span>
        <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
        <xsl:value-of select="$text"/>
      </span>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- "Mon, 02 Mar 2026 08:01:00 GMT" (RFC 822, as our feeds write it) to 2026-03-02. -->
<xsl:template name="rss-date">
  <xsl:param name="text"/>
  <xsl:variable name="rest" select="substring-after($text, ', ')"/>
  <xsl:variable name="day" select="substring-before($rest, ' ')"/>
  <xsl:variable name="after-day" select="substring-after($rest, ' ')"/>
  <xsl:variable name="month-name" select="substring($after-day, 1, 3)"/>
  <xsl:variable name="year" select="substring($after-day, 5, 4)"/>
  <xsl:variable name="before-month" select="substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $month-name)"/>
  <xsl:if test="string-length($month-name) = 3 and contains('JanFebMarAprMayJunJulAugSepOctNovDec', $month-name) and string-length($year) = 4 and number($day) = number($day)">
    <xsl:value-of select="concat($year, '-', format-number(string-length($before-month) div 3 + 1, '00'), '-', format-number($day, '00'))"/>
  </xsl:if>
</xsl:template>

<!-- The five XML entities back to characters, &amp; last, so the text reads as it was written. -->
<xsl:template name="unescape">
  <xsl:param name="text"/>
  <xsl:call-template name="replace">
    <xsl:with-param name="text">
      <xsl:call-template name="replace">
        <xsl:with-param name="text">
          <xsl:call-template name="replace">
            <xsl:with-param name="text">
              <xsl:call-template name="replace">
                <xsl:with-param name="text">
                  <xsl:call-template name="replace">
                    <xsl:with-param name="text" select="$text"/>
                    <xsl:with-param name="from">&amp;lt;</xsl:with-param>
                    <xsl:with-param name="to">&lt;</xsl:with-param>
                  </xsl:call-template>
                </xsl:with-param>
                <xsl:with-param name="from">&amp;gt;</xsl:with-param>
                <xsl:with-param name="to">&gt;</xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="from">&amp;quot;</xsl:with-param>
            <xsl:with-param name="to">"</xsl:with-param>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="from">&amp;apos;</xsl:with-param>
        <xsl:with-param name="to">'</xsl:with-param>
      </xsl:call-template>
    </xsl:with-param>
    <xsl:with-param name="from">&amp;amp;</xsl:with-param>
    <xsl:with-param name="to">&amp;</xsl:with-param>
  </xsl:call-template>
</xsl:template>

<xsl:template name="replace">
  <xsl:param name="text"/>
  <xsl:param name="from"/>
  <xsl:param name="to"/>
  <xsl:choose>
    <xsl:when test="contains($text, $from)">
      <xsl:value-of select="substring-before($text, $from)"/>
      <xsl:value-of select="$to"/>
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="substring-after($text, $from)"/>
        <xsl:with-param name="from" select="$from"/>
        <xsl:with-param name="to" select="$to"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
`
}
