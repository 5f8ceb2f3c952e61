/**
 * `/files/{storageKey}/{filename}`: attachments of published releases (and newsroom logos).
 * Files of drafts, scheduled and withdrawn releases answer 404 like unknown ones. The type sent
 * is the one sniffed at upload, never guessed again from the name, and browsers are told not to
 * sniff either; only images open inline.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { PublicEnv } from '../../app-base.js'
import { findPublicFile } from '../../core/release/read-model.js'
import { attachmentPath } from '../../core/release/views.js'
import { createFileStore } from '../../files/storage.js'

/** `attachment; filename="Kavelykatu.png"; filename*=UTF-8''K%C3%A4velykatu.png` */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/** A stored file as served: what the file routes read from the database. */
export interface ServedFile {
  storage_key: string
  filename: string
  mime_type: string
  kind: string
  size: number
  sha256: string
  created_at: string
}

/** Answers with a stored file: validators, the sniffed type, a safe disposition, a sandbox. */
export async function sendStoredFile<E extends PublicEnv>(
  c: Context<E>,
  file: ServedFile,
  cacheControl: string,
): Promise<Response> {
  const { config } = c.var.deps
  const etag = `"${file.sha256}"`
  c.header('ETag', etag)
  c.header('Last-Modified', new Date(file.created_at).toUTCString())
  c.header('Cache-Control', cacheControl)
  if (c.req.header('if-none-match') === etag) return c.body(null, 304)

  const bytes = await createFileStore(config.filesDir).read(file.storage_key)
  if (!bytes) {
    c.var.log.error({ storageKey: file.storage_key }, 'attachment missing from file storage')
    return c.notFound()
  }
  const type = file.mime_type.startsWith('text/')
    ? `${file.mime_type}; charset=utf-8`
    : file.mime_type
  c.header('Content-Type', type)
  c.header('Content-Length', String(bytes.length))
  c.header('X-Content-Type-Options', 'nosniff')
  c.header(
    'Content-Disposition',
    contentDisposition(
      file.kind === 'image' || file.kind === 'video' ? 'inline' : 'attachment',
      file.filename,
    ),
  )
  // Even if a browser were tricked into rendering a file as a page, it could run nothing.
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
  )
  return c.body(new Uint8Array(bytes))
}

export function createFileRoutes() {
  const app = new Hono<PublicEnv>()

  app.get('/files/:key/:filename', async (c) => {
    const key = c.req.param('key')
    const file = await findPublicFile(c.var.deps.readRepos, key)
    if (!file) return c.notFound()
    // One URL per file: an old or mistyped name leads to the current one.
    if (c.req.param('filename') !== file.filename)
      return c.redirect(attachmentPath(file.storage_key, file.filename), 301)

    // Stored under a random key and never changed in place, but it can be withdrawn: cache
    // for an hour, not forever.
    return sendStoredFile(c, file, 'public, max-age=3600')
  })

  return app
}
