import { describe, expect, it } from 'vitest'
import { markdownToPlainText, renderMarkdown } from './markdown.js'

describe('renderMarkdown', () => {
  it('renders Markdown with body headings below the page title', () => {
    expect(renderMarkdown('# Otsikko\n\n**lihava** ja [linkki](https://example.fi)')).toBe(
      '<h2>Otsikko</h2>\n<p><strong>lihava</strong> ja <a href="https://example.fi" rel="noopener noreferrer">linkki</a></p>',
    )
  })

  it('never lets markup or script URLs through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href="javascript:alert(2)">y</a>',
    )
    expect(html).not.toMatch(/<script|<img|<a [^>]*href="javascript/i)
    expect(html).toContain('&lt;script&gt;')
  })
})

describe('plain text of a body', () => {
  it('reads without Markdown marks', () => {
    const text = markdownToPlainText(
      [
        '# Aikataulu',
        '',
        'Asema avataan **maaliskuussa** ja [lisätietoja](https://example.fi/asema) saa _verkosta_.',
        '',
        '- Ensimmäinen vaihe',
        '- Toinen vaihe',
        '',
        '1. Yksi',
        '2. Kaksi',
        '',
        '> Lainaus',
      ].join('\n'),
    )
    expect(text).toBe(
      [
        'Aikataulu',
        '',
        'Asema avataan maaliskuussa ja lisätietoja (https://example.fi/asema) saa verkosta.',
        '',
        '• Ensimmäinen vaihe',
        '• Toinen vaihe',
        '',
        '1. Yksi',
        '2. Kaksi',
        '',
        '    Lainaus',
      ].join('\n'),
    )
    expect(text).not.toMatch(/[#*_[\]]/)
  })
})
