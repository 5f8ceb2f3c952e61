/**
 * Searching published releases in one language: the words a reader types are matched as
 * prefixes of Snowball stems, so inflected Finnish and Swedish forms find each other
 * ("strategiaa" finds "strategian" and "strategiasta"; "ledningsstruktur" finds
 * "ledningsstrukturen"). Drafts, scheduled and withdrawn releases are never found. Each hit
 * carries a snippet of its text with the matching words marked — as parts, never as HTML, so
 * views escape everything.
 */
import type { Repositories } from '../../db/repositories/index.js'
import { ValidationError } from '../errors.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { releasePath } from '../release/views.js'
import type { Lang, ReleaseType } from '../types.js'
import { stem, words } from './stems.js'

export const SEARCH_PAGE_SIZE = 20
export const MAX_SEARCH_WORDS = 8
export const MAX_SEARCH_PAGE = 50

/** A piece of a snippet: `mark` where a searched word matched. */
export interface SnippetPart {
  text: string
  mark: boolean
}

export interface SearchResult {
  id: number
  title: string
  path: string
  lead: string
  type: ReleaseType
  publishedAt: string
  newsroom: { slug: string; name: string; timezone: string }
  snippet: SnippetPart[]
}

export interface SearchPage {
  query: string
  items: SearchResult[]
  page: number
  hasNext: boolean
}

/** The words of a query worth searching, at most eight, each at most 40 characters. */
export function queryWords(q: string): string[] {
  return [...new Set(words(q).map((word) => word.slice(0, 40)))].slice(0, MAX_SEARCH_WORDS)
}

export async function searchReleases(
  repos: Pick<Repositories, 'search'>,
  input: {
    q: string
    lang: Lang
    newsroom?: Pick<NewsroomView, 'id'>
    page?: number
    pageSize?: number
  },
  names: (newsroom: { slug: string; languages: string }) => string,
): Promise<SearchPage> {
  const query = input.q.replace(/\s+/g, ' ').trim().slice(0, 200)
  const page = input.page ?? 1
  if (!Number.isInteger(page) || page < 1 || page > MAX_SEARCH_PAGE)
    throw new ValidationError(
      `page: Give a page from 1 to ${MAX_SEARCH_PAGE}`,
      { page: `Give a page from 1 to ${MAX_SEARCH_PAGE}` },
      { page: 'invalid' },
    )
  const found = queryWords(query)
  if (found.length === 0) return { query, items: [], page, hasNext: false }
  const stems = found.map((word) => stem(input.lang, word))
  const size = input.pageSize ?? SEARCH_PAGE_SIZE
  const rows = await repos.search.search({
    lang: input.lang,
    words: found,
    stems,
    newsroomId: input.newsroom?.id,
    limit: size + 1,
    offset: (page - 1) * size,
  })
  return {
    query,
    page,
    hasNext: rows.length > size,
    items: rows.slice(0, size).map((row) => ({
      id: row.release_id,
      title: row.title,
      path: releasePath(input.lang, row.newsroom_slug, row.slug),
      lead: row.lead,
      type: row.type as ReleaseType,
      publishedAt: row.published_at!,
      newsroom: {
        slug: row.newsroom_slug,
        name: names({ slug: row.newsroom_slug, languages: row.languages }),
        timezone: row.timezone,
      },
      snippet: snippet(`${row.lead}\n${plainText(row.body_md)}`, input.lang, stems),
    })),
  }
}

/** Markdown as plain words: no markup characters, links as their text. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|~-]+/g, ' ')
    .replace(/\s+/g, ' ')
}

/**
 * About thirty words around the first match, with every word whose stem begins with a searched
 * stem marked; the start of the text when nothing in it matches (the title did).
 */
export function snippet(text: string, lang: Lang, stems: string[], size = 30): SnippetPart[] {
  const tokens = text.split(/([\p{L}\p{N}]+)/u)
  const isMatch = (token: string) =>
    /^[\p{L}\p{N}]+$/u.test(token) &&
    stems.some((s) => stem(lang, token.toLocaleLowerCase()).startsWith(s))
  const first = tokens.findIndex(isMatch)
  const start = Math.max(0, (first < 0 ? 0 : first) - size)
  const end = Math.min(tokens.length, start + size * 2)
  const parts: SnippetPart[] = []
  if (start > 0) parts.push({ text: '… ', mark: false })
  for (const token of tokens.slice(start, end)) {
    const mark = isMatch(token)
    const last = parts[parts.length - 1]
    if (last && !last.mark && !mark) last.text += token
    else parts.push({ text: token, mark })
  }
  if (end < tokens.length) parts.push({ text: ' …', mark: false })
  return parts
}
