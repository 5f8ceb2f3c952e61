/**
 * The editor's two translations: stored Markdown to the HTML the editor shows (the server's own
 * markdown-it configuration, so both read a body alike) and the editor's HTML back to Markdown
 * (Turndown with GitHub tables), so what is stored, and what the API, feeds and emails get, stays
 * Markdown.
 */
import { strikethrough, tables } from '@joplin/turndown-plugin-gfm'
import TurndownService from 'turndown'
import { createMarkdownParser } from '../../../core/release/markdown-parser.js'

const parser = createMarkdownParser()

export const markdownToHtml = (markdown: string): string => parser.render(markdown)

function createTurndown() {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    codeBlockStyle: 'fenced',
    hr: '---',
  })
  service.use([tables, strikethrough])
  // "- item", not Turndown's "-   item"; numbers continue from the list's start.
  service.addRule('listItem', {
    filter: 'li',
    replacement(content, node, options) {
      const parent = node.parentNode as HTMLElement | null
      let prefix = `${options.bulletListMarker} `
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1) || 1
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `
      }
      // One paragraph (and perhaps a nested list) keeps the list tight: no blank lines.
      const paragraphs = Array.from(node.childNodes).filter((n) => n.nodeName === 'P').length
      const body = content.replace(/^\n+/, '').replace(/\s+$/, '')
      const text = (paragraphs > 1 ? body : body.replace(/\n{2,}/g, '\n')).replace(
        /\n(?!\n)/g,
        `\n${' '.repeat(prefix.length)}`,
      )
      return prefix + text + (node.nextSibling ? '\n' : '')
    },
  })
  // The editor puts a paragraph in every table cell; a Markdown cell is one line.
  service.addRule('cellParagraph', {
    filter: (node) => node.nodeName === 'P' && /^(TD|TH)$/.test(node.parentNode?.nodeName ?? ''),
    replacement: (content, node) => content.replace(/\n+/g, ' ') + (node.nextSibling ? ' ' : ''),
  })
  return service
}

let turndown: TurndownService | undefined

export function htmlToMarkdown(html: string): string {
  turndown ??= createTurndown()
  return turndown
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
