/**
 * `/embargo/{token}`: a journalist's personal link to a release under embargo, and
 * `/embargo/{token}/files/{key}/{filename}` for its files and images (the public /files/ route
 * serves them only once the release is published). No sign-in: the link is the key. Every
 * answer — pages, files, 404s, redirects — is private and uncacheable, unindexed and sends no
 * Referer, so the token stays between us and the journalist. Once the release is published the
 * link leads (308) to the public page. Served by the Node web process only (the edge forwards
 * these addresses to it and never caches them).
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../app.js'
import { openPersonalLink, personalLinkFile } from '../../core/embargo/embargo.js'
import type { ReleaseView } from '../../core/release/views.js'
import { isLang } from '../../core/types.js'
import { ReleasePage } from '../../views/public/release-page.js'
import { embargoDeps } from '../../wiring/content.js'
import { sendStoredFile } from '../public/files.js'

/** The release with every address of it through the personal link `base`. */
export function throughPersonalLink(release: ReleaseView, base: string): ReleaseView {
  const media = <T extends { path: string; renditions: { path: string }[] }>(item: T): T => ({
    ...item,
    path: item.path.startsWith('/files/') ? `${base}${item.path}` : item.path,
    renditions: item.renditions.map((r) => ({ ...r, path: `${base}${r.path}` })),
  })
  // The body's images are the release's files too: their public addresses answer 404 until
  // the release is published.
  const own = new Set(
    release.attachments.flatMap((a) => [a.path, ...a.renditions.map((r) => r.path)]),
  )
  const bodyHtml = (html: string) =>
    html.replace(/(\s(?:src|srcset)=")([^"]*)"/g, (_, attr: string, value: string) => {
      const paths = value.split(', ').map((part) => {
        const [path, ...rest] = part.split(' ')
        return [own.has(path) ? `${base}${path}` : path, ...rest].join(' ')
      })
      return `${attr}${paths.join(', ')}"`
    })
  const versions: ReleaseView['versions'] = {}
  for (const lang of release.languages) {
    const version = release.versions[lang]!
    versions[lang] = {
      ...version,
      path: `${base}?lang=${lang}`,
      bodyHtml: bodyHtml(version.bodyHtml),
    }
  }
  return {
    ...release,
    versions,
    attachments: release.attachments.map(media),
    leadImage: release.leadImage ? media(release.leadImage) : null,
  }
}

export function createEmbargoRoutes() {
  const app = new Hono<AppEnv>()

  app.use('/embargo/*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'private, no-store')
    c.header('X-Robots-Tag', 'noindex')
    c.header('Referrer-Policy', 'no-referrer')
  })

  app.get('/embargo/:token', async (c) => {
    const token = c.req.param('token')
    const query = c.req.query('lang')
    const found = await openPersonalLink(
      embargoDeps(c.var.deps),
      token,
      isLang(query) ? query : undefined,
    )
    if (!found) return c.notFound()
    if (found.kind === 'public') return c.redirect(found.path, 308)
    const release = throughPersonalLink(found.release, `/embargo/${token}`)
    c.header('Content-Language', found.lang)
    return c.html(
      <ReleasePage
        lang={found.lang}
        publicUrl={c.var.deps.config.publicUrl}
        newsroom={found.newsroom}
        release={release}
        version={release.versions[found.lang]!}
        more={[]}
        siteName={c.var.deps.config.siteName}
        embargo={{ until: found.until }}
      />,
    )
  })

  app.get('/embargo/:token/files/:key/:filename', async (c) => {
    const file = await personalLinkFile(
      embargoDeps(c.var.deps),
      c.req.param('token'),
      c.req.param('key'),
    )
    if (!file || c.req.param('filename') !== file.filename) return c.notFound()
    return sendStoredFile(c, file, 'private, no-store')
  })

  return app
}
