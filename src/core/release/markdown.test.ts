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

describe('images in the body', () => {
  const image = {
    path: '/files/0a1b.jpg/kuva.jpg',
    width: 2000,
    height: 1000,
    renditions: [
      { path: '/files/r4/kuva-400.jpg', width: 400, height: 200 },
      { path: '/files/r8/kuva-800.jpg', width: 800, height: 400 },
      { path: '/files/r12/kuva-1200.jpg', width: 1200, height: 600 },
    ],
  }
  const images = new Map([['0a1b.jpg', image]])

  it('shows the release’s own image at a web size, with srcset, size and lazy loading', () => {
    expect(renderMarkdown('![Valtuusto salissa](/files/0a1b.jpg/kuva.jpg)', images)).toBe(
      '<p><img src="/files/r8/kuva-800.jpg" alt="Valtuusto salissa" srcset="/files/r4/kuva-400.jpg 400w, /files/r8/kuva-800.jpg 800w, /files/r12/kuva-1200.jpg 1200w" sizes="(min-width: 1100px) 720px, 100vw" width="800" height="400" loading="lazy" decoding="async" /></p>',
    )
  })

  it('drops images from elsewhere, of other files, without alt text or with script URLs', () => {
    const html = renderMarkdown(
      [
        '![ulkoinen](https://evil.example/kuva.jpg)',
        '![protokollaton](//evil.example/files/0a1b.jpg/kuva.jpg)',
        '![toinen julkaisu](/files/k2/kuva.jpg)',
        '![](/files/0a1b.jpg/kuva.jpg)',
        '![skripti](javascript:alert(1))',
        '![data](data:image/png;base64,AAAA)',
        '![polku](/files/0a1b.jpg/../k2/kuva.jpg)',
      ].join('\n\n'),
      images,
    )
    expect(html).not.toMatch(/<img/)
    // A refused script URL stays visible as text, never as an address.
    expect(html).not.toMatch(/(?:src|href)="[^"]*(?:evil|javascript|data:)/)
  })

  it('drops every image when the release has none', () => {
    expect(renderMarkdown('![Valtuusto](/files/0a1b.jpg/kuva.jpg)')).toBe('<p></p>')
  })
})
