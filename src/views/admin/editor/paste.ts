/**
 * What a word processor puts on the clipboard, reduced to the structure a release body keeps:
 * headings, paragraphs, lists, quotes, tables, bold, italic, strike-through and links. Styles,
 * classes, fonts, comments, Office namespaces and empty paragraphs go.
 *
 * - Word writes a list as paragraphs with an `mso-list` style and the bullet or number as text
 *   in a span marked `mso-list:Ignore`; they become real (nested) lists again.
 * - Google Docs wraps the whole clipboard in `<b style="font-weight:normal">` and marks bold and
 *   italic with `font-weight:700` / `font-style:italic` on spans.
 * - LibreOffice writes `<font>` and paragraph styles; its lists and emphasis are real elements.
 *
 * The editor's schema would drop unknown markup too, but not turn Word's paragraphs back into
 * lists or tell Google's wrapper from real bold, so the cleaning happens before it parses.
 */

/** Elements kept, by the name they get; the page title is the only h1, so h1 becomes h2. */
const KEEP: Record<string, string> = {
  p: 'p',
  h1: 'h2',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h4',
  h6: 'h4',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  blockquote: 'blockquote',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tbody',
  tr: 'tr',
  th: 'th',
  td: 'td',
  pre: 'pre',
  code: 'code',
  br: 'br',
  hr: 'hr',
  a: 'a',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  s: 's',
  strike: 's',
  del: 's',
}

/** Elements dropped with everything inside them. */
const DROP = new Set([
  'head',
  'style',
  'script',
  'meta',
  'link',
  'title',
  'xml',
  'template',
  'svg',
  'math',
  'object',
  'iframe',
  'img',
  'video',
  'audio',
  'canvas',
  'button',
  'input',
  'select',
  'textarea',
])

const HEADINGS = new Set(['h2', 'h3', 'h4'])
const SAFE_LINK = /^(https?:|mailto:|tel:)/i

/**
 * Style attributes are renamed before parsing: a document the page parses is under the page's
 * Content-Security-Policy, which would report every inline style it refuses to apply. Read as
 * plain attributes, they only tell us what Word and Google Docs meant.
 */
const STYLE = 'data-pasted-style'
const STYLE_ATTRIBUTE = /(<[a-z][^>]*?\s)style(\s*=)/gi
/** Word's style sheets, dropped before parsing for the same reason. */
const STYLE_ELEMENT = /<style[\s>][\s\S]*?<\/style\s*>/gi

/** One property of an element's inline style, lower-cased ('' when absent). */
function styleOf(el: Element, property: string): string {
  for (const declaration of (el.getAttribute(STYLE) ?? '').split(';')) {
    const colon = declaration.indexOf(':')
    if (colon > 0 && declaration.slice(0, colon).trim().toLowerCase() === property)
      return declaration
        .slice(colon + 1)
        .trim()
        .toLowerCase()
  }
  return ''
}

function isHidden(el: Element): boolean {
  return styleOf(el, 'display') === 'none' || styleOf(el, 'mso-list') === 'ignore'
}

/** A Word list paragraph: `mso-list: l0 level1 lfo1` on the paragraph itself. */
function wordListItem(el: Element): { list: string; level: number } | undefined {
  if (el.localName !== 'p') return undefined
  const list = /^(l\d+)\s+level(\d+)/.exec(styleOf(el, 'mso-list'))
  if (list) return { list: list[1]!, level: Number(list[2]) }
  return /^msolistparagraph/i.test(el.getAttribute('class') ?? '')
    ? { list: '', level: 1 }
    : undefined
}

/** The bullet or number Word typed before the item, removed; whether it counted. */
function takeWordMarker(p: Element): boolean {
  const marker = Array.from(p.querySelectorAll('span')).find(
    (span) => styleOf(span, 'mso-list') === 'ignore',
  )
  const text = (marker?.textContent ?? '').replace(/\u00a0/g, ' ').trim()
  marker?.remove()
  return /^\(?([0-9]{1,3}|[a-z]|[ivxlcdm]{1,6})[.)]/i.test(text)
}

/** Runs of Word list paragraphs become <ul>/<ol> with nested lists for deeper levels. */
function rebuildWordLists(doc: Document) {
  const seen = new Set<Element>()
  for (const first of Array.from(doc.body.querySelectorAll('p'))) {
    if (seen.has(first) || wordListItem(first) === undefined) continue
    const run: Element[] = []
    for (let el: Element | null = first; el && wordListItem(el) !== undefined;) {
      run.push(el)
      el = el.nextElementSibling
    }
    const anchor = doc.createTextNode('')
    first.before(anchor)
    const stack: { list: Element; level: number; ordered: boolean }[] = []
    let listId: string | undefined
    for (const p of run) {
      seen.add(p)
      const { list: id, level } = wordListItem(p)!
      const ordered = takeWordMarker(p)
      // Another Word list right after this one starts a list of its own.
      if (id !== listId) stack.length = 0
      listId = id
      while (stack.length && stack[stack.length - 1]!.level > level) stack.pop()
      let top = stack[stack.length - 1]
      if (top && top.level === level && top.ordered !== ordered) {
        stack.pop()
        top = stack[stack.length - 1]
      }
      if (!top || top.level < level) {
        const list = doc.createElement(ordered ? 'ol' : 'ul')
        if (top) {
          const parent = top.list.lastElementChild ?? top.list.appendChild(doc.createElement('li'))
          parent.appendChild(list)
        } else {
          anchor.before(list)
        }
        top = { list, level, ordered }
        stack.push(top)
      }
      const item = doc.createElement('li')
      item.append(...Array.from(p.childNodes))
      top.list.appendChild(item)
      p.remove()
    }
    anchor.remove()
  }
}

/** The kept element for `el`, or undefined to keep only its content. */
function keptName(el: Element): string | undefined {
  const name = el.localName
  if (name === 'b' && /^(normal|[1-4]00)$/.test(styleOf(el, 'font-weight'))) return undefined
  if (name === 'a') return SAFE_LINK.test(el.getAttribute('href') ?? '') ? 'a' : undefined
  if (name === 'p' && /^msotitle$/i.test(el.getAttribute('class') ?? '')) return 'h2'
  if (name === 'p' && /^msosubtitle$/i.test(el.getAttribute('class') ?? '')) return 'h3'
  return KEEP[name]
}

/** Bold and italic that Google Docs and LibreOffice give as styles on spans. */
function styledMarks(el: Element, inHeading: boolean): string[] {
  if (KEEP[el.localName] && el.localName !== 'p') return []
  const marks: string[] = []
  if (!inHeading && /^(bold|[6-9]00)$/.test(styleOf(el, 'font-weight'))) marks.push('strong')
  if (styleOf(el, 'font-style') === 'italic') marks.push('em')
  return marks
}

function copyClean(source: Node, target: Node, doc: Document, inHeading: boolean) {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(doc.createTextNode(child.textContent ?? ''))
      continue
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue // comments, Office conditionals
    const el = child as Element
    if (DROP.has(el.localName) || el.localName.includes(':') || isHidden(el)) continue
    const name = keptName(el)
    let into: Node = target
    if (name) {
      const kept = doc.createElement(name)
      if (name === 'a') kept.setAttribute('href', el.getAttribute('href')!)
      const span = name === 'td' || name === 'th' ? el.getAttribute('colspan') : null
      if (span && /^\d+$/.test(span)) kept.setAttribute('colspan', span)
      target.appendChild(kept)
      into = kept
    }
    const heading = inHeading || (name !== undefined && HEADINGS.has(name))
    for (const mark of styledMarks(el, heading)) {
      const wrapper = doc.createElement(mark)
      into.appendChild(wrapper)
      into = wrapper
    }
    copyClean(el, into, doc, heading)
  }
}

const BLOCKS = 'p, h2, h3, h4, li, blockquote'

/** Paragraphs (and headings, items) with nothing but spaces in them. */
function dropEmptyBlocks(root: Element) {
  for (const block of Array.from(root.querySelectorAll(BLOCKS)).reverse()) {
    const text = (block.textContent ?? '').replace(/[\s\u00a0\u200b]/g, '')
    if (!text && !block.querySelector('table, hr')) block.remove()
  }
  for (const list of Array.from(root.querySelectorAll('ul, ol')))
    if (!list.querySelector('li')) list.remove()
}

/** Cleans clipboard HTML; `parser` is the browser's own unless one is given. */
export function cleanPastedHtml(html: string, parser: DOMParser = new DOMParser()): string {
  const source = parser.parseFromString(
    html.replace(STYLE_ELEMENT, '').replace(STYLE_ATTRIBUTE, `$1${STYLE}$2`),
    'text/html',
  )
  rebuildWordLists(source)
  const out = parser.parseFromString('<body></body>', 'text/html')
  copyClean(source.body, out.body, out, false)
  dropEmptyBlocks(out.body)
  return out.body.innerHTML.trim()
}
