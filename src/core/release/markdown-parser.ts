/**
 * The one Markdown parser configuration, shared by the server's renderer (`markdown.ts`, which
 * sanitises its output) and the staff editor's script, which shows stored Markdown as rich text:
 * both read a body the same way. Raw HTML is off, so markup typed in the text stays text.
 */
import MarkdownIt from 'markdown-it'

export const createMarkdownParser = () =>
  new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false })
