/**
 * `/sitemap.xml`: front pages, newsroom pages and every published release, each language version
 * listing its translations as `xhtml:link rel="alternate" hreflang` (Google's format). Only
 * published releases: drafts, scheduled and withdrawn ones are left out.
 */
import type { Lang } from '../core/types.js'
import { listNewsrooms } from '../core/newsroom/newsrooms.js'
import { lastPublicChange, listPublishedVersions } from '../core/release/read-model.js'
import { releasePath } from '../core/release/views.js'
import type { FeedReader } from './feed-items.js'
import { escapeXml as x } from './xml.js'

/** The protocol's limit for one sitemap file; newest releases are kept when there are more. */
export const SITEMAP_MAX_URLS = 50_000

interface SitemapUrl {
  loc: string
  lastmod?: string
  /** Every language version of the same page, this one included. */
  alternates: { lang: Lang; href: string }[]
}

export interface Sitemap {
  urls: SitemapUrl[]
  updatedAt: Date
}

export async function loadSitemap(repos: FeedReader, publicUrl: string): Promise<Sitemap> {
  const base = publicUrl.replace(/\/+$/, '')
  const [newsrooms, updatedAt] = await Promise.all([listNewsrooms(repos), lastPublicChange(repos)])
  const urls: SitemapUrl[] = []

  const siteLangs = [...new Set(newsrooms.flatMap((n) => n.languages))]
  const fronts = siteLangs.map((lang) => ({ lang, href: `${base}/${lang}/` }))
  for (const front of fronts) urls.push({ loc: front.href, alternates: fronts })

  const order = new Map<number, Lang[]>()
  for (const newsroom of newsrooms) {
    order.set(newsroom.id, newsroom.languages)
    const pages = newsroom.languages.map((lang) => ({
      lang,
      href: `${base}/${lang}/${newsroom.slug}`,
    }))
    for (const page of pages) urls.push({ loc: page.href, alternates: pages })
  }

  const rows = await listPublishedVersions(repos, SITEMAP_MAX_URLS)

  const byRelease = new Map<number, typeof rows>()
  for (const row of rows) {
    const versions = byRelease.get(row.id) ?? []
    versions.push(row)
    byRelease.set(row.id, versions)
  }
  for (const versions of byRelease.values()) {
    const langs = order.get(versions[0].newsroom_id) ?? []
    versions.sort((a, b) => rank(langs, a.lang) - rank(langs, b.lang))
    const alternates = versions.map((v) => ({
      lang: v.lang,
      href: base + releasePath(v.lang, v.newsroom_slug, v.slug),
    }))
    for (const [i, v] of versions.entries()) {
      if (urls.length >= SITEMAP_MAX_URLS) break
      const published = v.published_at ?? v.updated_at
      urls.push({
        loc: alternates[i].href,
        lastmod: v.updated_at > published ? v.updated_at : published,
        alternates,
      })
    }
  }
  return { urls, updatedAt }
}

const rank = (order: Lang[], lang: Lang) => {
  const i = order.indexOf(lang)
  return i === -1 ? 99 : i
}

export function renderSitemap({ urls }: Sitemap): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ]
  for (const url of urls) {
    lines.push('<url>', `<loc>${x(url.loc)}</loc>`)
    if (url.lastmod) lines.push(`<lastmod>${x(url.lastmod)}</lastmod>`)
    // A page without translations needs no alternates.
    if (url.alternates.length > 1) {
      for (const alt of url.alternates) {
        lines.push(`<xhtml:link rel="alternate" hreflang="${alt.lang}" href="${x(alt.href)}"/>`)
      }
    }
    lines.push('</url>')
  }
  lines.push('</urlset>')
  return lines.join('\n') + '\n'
}

export function renderRobots(publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/, '')
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /subscriptions/',
    'Disallow: /unsubscribe/',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n')
}
