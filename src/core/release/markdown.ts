/**
 * Release bodies are Markdown. Raw HTML is switched off in the parser and the output is passed
 * through an allow-list sanitiser as well, so a script can reach neither the stored HTML nor the
 * page, whatever the author pastes in.
 */
import sanitizeHtml from 'sanitize-html'
import { createMarkdownParser } from './markdown-parser.js'

const md = createMarkdownParser()

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    img: ['src', 'alt'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    // The page title is the only h1; headings written in the body start one level lower.
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
}

/** `/files/{key}/{name}`: the address of a stored original; the key is random, never typed. */
const FILE_SRC = /^\/files\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9]+)?)\/[^/?#]+$/

/** The storage key of a body image's `src`, when it is the address of one of our files. */
export function fileKeyOf(src: string): string | undefined {
  return FILE_SRC.exec(src)?.[1]
}

/** An image a body may show, with its web sizes (narrowest first). */
export interface BodyImage {
  path: string
  width: number | null
  height: number | null
  renditions: { path: string; width: number; height: number }[]
}

/** The body's images are as wide as the text column at most (720 px on a wide screen). */
export const BODY_IMAGE_SIZES = '(min-width: 1100px) 720px, 100vw'

/** Attributes of a shown body image: a web size, its `srcset`, its size, loaded lazily. */
function bodyImageAttributes(image: BodyImage, alt: string): Record<string, string> {
  const shown = image.renditions.find((r) => r.width >= 800) ?? image.renditions.at(-1)
  const width = shown?.width ?? image.width
  const height = shown?.height ?? image.height
  return {
    src: shown?.path ?? image.path,
    alt,
    ...(image.renditions.length > 1
      ? {
          srcset: image.renditions.map((r) => `${r.path} ${r.width}w`).join(', '),
          sizes: BODY_IMAGE_SIZES,
        }
      : {}),
    ...(width && height ? { width: String(width), height: String(height) } : {}),
    loading: 'lazy',
    decoding: 'async',
  }
}

/**
 * The body's HTML. An image (`![alt](/files/{key}/{name})`) stays only when its key is one of
 * `images` (the release's own: our files, so nothing is loaded from elsewhere and nothing of
 * another release shows) and it has a text alternative; it is then shown at a web size with
 * the others in `srcset`, its width and height given so the text does not jump as it loads.
 */
export function renderMarkdown(
  markdown: string,
  images: ReadonlyMap<string, BodyImage> = new Map(),
): string {
  return sanitizeHtml(md.render(markdown), {
    ...SANITIZE,
    allowedTags: [...(SANITIZE.allowedTags as string[]), 'img'],
    allowedAttributes: {
      ...SANITIZE.allowedAttributes,
      img: ['src', 'alt', 'srcset', 'sizes', 'width', 'height', 'loading', 'decoding'],
    },
    allowedSchemesByTag: { img: [] },
    transformTags: {
      ...SANITIZE.transformTags,
      img: (tagName, attribs) => {
        const key = fileKeyOf(attribs.src ?? '')
        const image = key === undefined ? undefined : images.get(key)
        const alt = (attribs.alt ?? '').trim()
        return { tagName, attribs: image && alt ? bodyImageAttributes(image, alt) : {} }
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim()
}

/** The images of a release's attachments by storage key, for `renderMarkdown`. */
export function bodyImagesOf(
  attachments: readonly (BodyImage & { kind: string })[],
): Map<string, BodyImage> {
  const images = new Map<string, BodyImage>()
  for (const a of attachments) {
    const key = a.kind === 'image' ? fileKeyOf(a.path) : undefined
    if (key) images.set(key, a)
  }
  return images
}

/** Plain text of a Markdown snippet, for descriptions and email previews. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(md.render(markdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}

type Token = ReturnType<typeof md.parse>[number]

/** Inline content as readable text: emphasis dropped, links as "text (address)". */
function inlineText(tokens: Token[]): string {
  let out = ''
  let href: string | undefined
  let linkText = ''
  for (const token of tokens) {
    if (token.type === 'link_open') {
      const attr = token.attrGet('href')
      href = attr === null ? undefined : String(attr)
      linkText = ''
    } else if (token.type === 'link_close') {
      const bare = href?.replace(/^mailto:/, '')
      out += !href || linkText === href || linkText === bare ? linkText : `${linkText} (${href})`
      href = undefined
    } else {
      const text =
        token.type === 'text' || token.type === 'code_inline'
          ? token.content
          : token.type === 'softbreak'
            ? ' '
            : token.type === 'hardbreak'
              ? '\n'
              : token.type === 'image'
                ? token.content
                : ''
      if (href !== undefined) linkText += text
      else out += text
    }
  }
  return out
}

/**
 * The text part of an email from a Markdown body: what a reader sees, without Markdown's
 * marks. Headings stand on their own lines, list items start with "•" or their number,
 * quotes are indented, links read "text (address)", table cells are separated by " | ".
 */
export function markdownToPlainText(markdown: string): string {
  const tokens = md.parse(markdown, {})
  const blocks: { text: string; list: number }[] = []
  let listCount = 0
  const lists: { ordered: boolean; n: number }[] = []
  let quote = 0
  let row: string[] | undefined
  const push = (text: string, list = 0) => {
    const indent = '    '.repeat(quote)
    const prefix = lists.length ? '  '.repeat(lists.length - 1) : ''
    blocks.push({
      text: text
        .split('\n')
        .map((line) => `${indent}${prefix}${line}`)
        .join('\n'),
      list,
    })
  }
  let pendingBullet: string | undefined
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        listCount += 1
        lists.push({ ordered: false, n: 0 })
        break
      case 'ordered_list_open':
        listCount += 1
        lists.push({ ordered: true, n: Number(token.attrGet('start') ?? 1) - 1 })
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop()
        break
      case 'list_item_open': {
        const list = lists[lists.length - 1]
        list.n += 1
        pendingBullet = list.ordered ? `${list.n}. ` : '• '
        break
      }
      case 'blockquote_open':
        quote += 1
        break
      case 'blockquote_close':
        quote -= 1
        break
      case 'tr_open':
        row = []
        break
      case 'tr_close':
        if (row) push(row.join(' | '))
        row = undefined
        break
      case 'hr':
        push('———')
        break
      case 'code_block':
      case 'fence':
        push(token.content.replace(/\n$/, ''))
        break
      case 'inline': {
        const text = inlineText(token.children ?? [])
        if (row) row.push(text)
        else if (pendingBullet !== undefined) {
          push(`${pendingBullet}${text}`, listCount)
          pendingBullet = undefined
        } else push(text)
        break
      }
    }
  }
  // List items sit line by line; other blocks are separated by an empty line.
  return blocks
    .map(
      (block, i) =>
        (i === 0 ? '' : block.list && block.list === blocks[i - 1].list ? '\n' : '\n\n') +
        block.text,
    )
    .join('')
    .trim()
}
