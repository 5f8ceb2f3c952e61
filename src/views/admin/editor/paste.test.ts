// @vitest-environment happy-dom
/**
 * The paste cleaner and the editor's HTML→Markdown conversion, on clipboard HTML as Word,
 * LibreOffice and Google Docs write it.
 */
import { describe, expect, it } from 'vitest'
import { htmlToMarkdown, markdownToHtml } from './markdown.js'
import { cleanPastedHtml } from './paste.js'

/** Word's clipboard: Office namespaces, conditional comments, mso- styles, lists as paragraphs. */
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-parent:""; font-family:Calibri} --></style>
</head><body lang=FI style='tab-interval:36.0pt'><!--StartFragment-->
<h1 style='mso-margin-top-alt:auto'><span style='font-family:"Calibri Light";mso-fareast-language:FI'>Valtuusto päätti <o:p></o:p></span></h1>
<p class=MsoNormal style='mso-line-height-alt:12pt'><span style='font-size:11.0pt'>Lue <b style='mso-bidi-font-weight:normal'>päätökset</b> ja <a href="https://example.fi/paatokset"><span style='color:#0563C1'>pöytäkirja</span></a>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Ensimmäinen kohta<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp; </span></span><![endif]>Alakohta</p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp; </span></span><![endif]>Toinen kohta</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp; </span></span><![endif]>Numeroitu</p>
<!--EndFragment--></body></html>`

/** Google Docs: one <b style="font-weight:normal"> around everything, styles on spans. */
const GOOGLE = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><h2 dir="ltr" style="line-height:1.38"><span style="font-size:16pt;font-family:Arial;font-weight:700">Tausta</span></h2><p dir="ltr"><span style="font-family:Arial;font-weight:700">Tärkeä</span><span style="font-family:Arial"> ja </span><span style="font-style:italic">kursiivi</span></p><br><ul><li dir="ltr"><p dir="ltr"><span>Yksi</span></p></li></ul></b>`

/** LibreOffice: <font>, paragraph styles, real lists and emphasis. */
const LIBRE = `<p style="margin-bottom: 0cm"><font face="Liberation Serif"><font size="3"><b>Lihava</b> ja <i>vino</i></font></font></p><p style="margin-bottom: 0cm"><br/></p><ol><li><p>Eka</p></li><li><p>Toka</p></li></ol>`

describe('cleanPastedHtml', () => {
  it('turns Word paragraphs into headings, nested lists, bold and links without styles', () => {
    const html = cleanPastedHtml(WORD)
    expect(html).not.toMatch(/style=|class=|mso-|<o:p|<span|<font|<!--|Calibri/)
    expect(html).toContain('<h2>Valtuusto päätti </h2>')
    expect(html).toContain('<strong>päätökset</strong>')
    expect(html).toContain('<a href="https://example.fi/paatokset">pöytäkirja</a>')
    expect(html).toMatch(
      /<ul><li>Ensimmäinen kohta<ul><li>Alakohta<\/li><\/ul><\/li><li>Toinen kohta<\/li><\/ul>/,
    )
    expect(html).toContain('<ol><li>Numeroitu</li></ol>')
    // The empty paragraph and the bullets Word typed are gone.
    expect(html).not.toMatch(/<p>\s*<\/p>|·/)
  })

  it("keeps Google Docs' real bold and italic, not its whole-clipboard wrapper", () => {
    const html = cleanPastedHtml(GOOGLE)
    expect(html).toBe(
      '<h2>Tausta</h2><p><strong>Tärkeä</strong> ja <em>kursiivi</em></p><br><ul><li><p>Yksi</p></li></ul>',
    )
  })

  it('drops LibreOffice fonts and empty paragraphs', () => {
    expect(cleanPastedHtml(LIBRE)).toBe(
      '<p><strong>Lihava</strong> ja <em>vino</em></p><ol><li><p>Eka</p></li><li><p>Toka</p></li></ol>',
    )
  })

  it('drops scripts, images, handlers and unsafe links', () => {
    const html = cleanPastedHtml(
      '<p onclick="x()">A<script>alert(1)</script><img src=x onerror=y><a href="javascript:alert(1)">b</a></p>',
    )
    expect(html).toBe('<p>Ab</p>')
  })
})

describe('htmlToMarkdown', () => {
  it('writes what the editor holds as the Markdown the server stores', () => {
    const markdown = htmlToMarkdown(
      '<h2>Otsikko</h2><p>Teksti <strong>lihava</strong>, <em>vino</em> ja <a href="https://example.fi">linkki</a>.</p>' +
        '<ul><li><p>Yksi</p></li><li><p>Kaksi</p><ul><li><p>Sisempi</p></li></ul></li></ul>' +
        '<ol start="3"><li><p>Kolme</p></li><li><p>Neljä</p></li></ol><blockquote><p>Lainaus</p></blockquote>',
    )
    expect(markdown).toBe(
      [
        '## Otsikko',
        '',
        'Teksti **lihava**, *vino* ja [linkki](https://example.fi).',
        '',
        '- Yksi',
        '- Kaksi',
        '  - Sisempi',
        '',
        '3. Kolme',
        '4. Neljä',
        '',
        '> Lainaus',
      ].join('\n'),
    )
  })

  it('writes tables as GitHub tables, one line per row', () => {
    const markdown = htmlToMarkdown(
      '<table><tbody><tr><th><p>Kunta</p></th><th><p>Asukkaat</p></th></tr><tr><td><p>Lohja</p></td><td><p>46 000</p></td></tr></tbody></table>',
    )
    expect(markdown).toBe('| Kunta | Asukkaat |\n| --- | --- |\n| Lohja | 46 000 |')
  })

  it('round-trips stored Markdown through the editor unchanged', () => {
    const stored =
      '## Tausta\n\nTeksti **lihava** ja [linkki](https://example.fi).\n\n- Yksi\n- Kaksi'
    expect(htmlToMarkdown(markdownToHtml(stored))).toBe(stored)
  })

  it('keeps text that looks like Markdown as text', () => {
    expect(htmlToMarkdown('<p>1. ei lista *eikä kursiivi*</p>')).toBe(
      '1\\. ei lista \\*eikä kursiivi\\*',
    )
  })
})
