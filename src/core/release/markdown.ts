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
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    // The page title is the only h1; headings written in the body start one level lower.
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
}

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown), SANITIZE).trim()
}

/** Plain text of a Markdown snippet, for descriptions and email previews. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(md.render(markdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}
