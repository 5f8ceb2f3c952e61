/**
 * XML text helpers shared by the Atom and sitemap writers. The RSS writer (`rss` package) escapes
 * for itself, but every format gets text through `xmlSafe` first, because characters such as
 * U+0000 or a lone surrogate make a whole feed unreadable, whatever the escaping.
 */

// Characters XML 1.0 does not allow at all, even escaped, plus lone UTF-16 surrogates.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Drops characters that cannot appear in an XML document. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '')
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Escapes text for element content and attribute values alike. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch])
}
