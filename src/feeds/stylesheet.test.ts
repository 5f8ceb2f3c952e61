import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { FEED_STYLESHEET_PI, renderFeedStylesheet, withFeedStylesheet } from './stylesheet.js'

describe('withFeedStylesheet', () => {
  it('puts the instruction on its own line after the XML declaration', () => {
    expect(withFeedStylesheet('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"/>')).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n${FEED_STYLESHEET_PI}\n<rss version="2.0"/>`,
    )
    expect(withFeedStylesheet('<?xml version="1.0"?>\n<feed/>\n')).toBe(
      `<?xml version="1.0"?>\n${FEED_STYLESHEET_PI}\n<feed/>\n`,
    )
    // Without a declaration the instruction comes first (a declaration could only come first).
    expect(withFeedStylesheet('<rss/>')).toBe(`${FEED_STYLESHEET_PI}\n<rss/>`)
  })
})

describe('renderFeedStylesheet', () => {
  it('is well-formed XSLT 1.0 with the words of every language and the site name', () => {
    const xsl = renderFeedStylesheet({ siteName: 'Uutiset & <tiedotteet>' })
    expect(XMLValidator.validate(xsl)).toBe(true)
    expect(xsl).toContain('<xsl:stylesheet version="1.0"')
    expect(xsl).toContain('<xsl:when test="$lang = \'sv\'">Det här är ett nyhetsflöde.</xsl:when>')
    expect(xsl).toContain('<xsl:otherwise>This is a news feed.</xsl:otherwise>')
    expect(xsl).toContain('Uutiset &amp; &lt;tiedotteet&gt;')
    expect(xsl).not.toContain('disable-output-escaping')
    // Nothing inline the policy would refuse.
    expect(xsl).not.toMatch(/\sstyle=|<style|<script|\son[a-z]+=/)
  })
})
