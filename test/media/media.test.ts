/**
 * The media bank and lead images, end to end on both databases: renditions made with libvips at
 * upload (sizes, upright, no metadata — a phone photo's location never reaches a reader), the
 * public bank page with downloads, drafts' images kept out, bad input refused with nothing
 * written (no row, no file), and the lead image chosen, changed and refused.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renditionWidths } from '../../src/files/images.js'
import { videoLink } from '../../src/core/media/bank.js'
import { makeMissingRenditions } from '../../src/core/media/store.js'
import { loadReleaseEmailSource, releaseEmailData } from '../../src/mail/release-email.js'
import { contentDeps } from '../../src/wiring/content.js'
import { startApiHarness, uploadForm } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'

const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

/** A photo as a phone delivers it: EXIF with GPS position and camera, optionally rotated. */
async function phonePhoto(width: number, height: number, orientation = 1): Promise<Uint8Array> {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: '#3f86b8' },
  })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'Phonemaker', Model: 'Phone 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '60/1 9/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '24/1 2/1 10/1',
      },
    })
    .withMetadata({ orientation })
    .toBuffer()
  return new Uint8Array(bytes)
}

describe('rendition widths and video links', () => {
  it('never enlarges, and keeps the largest at 1200 px', () => {
    expect(renditionWidths(4000)).toEqual([400, 800, 1200])
    expect(renditionWidths(1000)).toEqual([400, 800, 1000])
    expect(renditionWidths(300)).toEqual([300])
    expect(renditionWidths(800)).toEqual([400, 800])
  })

  it('accepts YouTube and Vimeo addresses in their usual forms, nothing else', () => {
    const yt = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'
    expect(videoLink('https://youtu.be/dQw4w9WgXcQ')?.url).toBe(yt)
    expect(videoLink('https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=10')?.url).toBe(yt)
    expect(videoLink('https://www.youtube.com/shorts/dQw4w9WgXcQ')?.url).toBe(yt)
    expect(videoLink('https://vimeo.com/76979871')).toEqual({
      url: 'https://vimeo.com/76979871',
      provider: 'Vimeo',
    })
    for (const bad of [
      'https://example.com/watch?v=dQw4w9WgXcQ',
      'javascript:alert(1)',
      'https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://www.youtube.com/watch?v=<script>',
      'not a url',
    ])
      expect(videoLink(bad), bad).toBeUndefined()
  })
})

describe.each(DB_KINDS)('media bank and lead images (%s)', (kind) => {
  let h: ApiHarness

  beforeAll(async () => {
    h = await startApiHarness(kind, { start: '2026-03-02T08:00:00Z' })
    const newsroom = await h.api('POST', '/newsrooms', {
      slug: 'lansi-uusimaa',
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
      languages: ['fi', 'sv'],
    })
    expect(newsroom.status).toBe(201)
  })
  afterAll(async () => {
    await h.close()
  })

  const filesOnDisk = () => {
    const dir = h.deps.config.filesDir
    try {
      return readdirSync(dir).flatMap((sub) =>
        statSync(join(dir, sub)).isDirectory() ? readdirSync(join(dir, sub)) : [],
      ).length
    } catch {
      return 0
    }
  }
  const rows = async () => {
    const { db } = h.deps.database
    const [media, renditions] = await Promise.all([
      db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('image_renditions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return { media: Number(media.n), renditions: Number(renditions.n), files: filesOnDisk() }
  }
  const fetchBytes = async (path: string) => {
    const res = await h.get(new URL(path, 'http://x').pathname)
    expect(res.status, path).toBe(200)
    return Buffer.from(await res.arrayBuffer())
  }

  it('makes 400, 800 and 1200 px renditions of a photo, upright, without location or camera', async () => {
    const upload = await h.api(
      'POST',
      '/newsrooms/lansi-uusimaa/media',
      uploadForm(await phonePhoto(2400, 1600, 6), 'IMG_2044.JPG', {
        'caption.fi': 'Valtuusto kokoontuu',
        'caption.sv': 'Fullmäktige samlas',
        'alt.fi': 'Valtuutetut istuvat salissa',
        credit: 'Kim Kuvaaja',
      }),
    )
    expect(upload.status).toBe(201)
    // Orientation 6 is a photo taken upright: 1600 × 2400 as a reader sees it.
    expect(upload.body).toMatchObject({
      kind: 'image',
      filename: 'IMG_2044.jpg',
      mimeType: 'image/jpeg',
      width: 1600,
      height: 2400,
      inBank: true,
      licence: null,
      caption: { fi: 'Valtuusto kokoontuu', sv: 'Fullmäktige samlas' },
    })
    const sizes = upload.body.renditions as { width: number; height: number; path: string }[]
    expect(sizes.map((r) => [r.width, r.height])).toEqual([
      [400, 600],
      [800, 1200],
      [1200, 1800],
    ])
    for (const path of [upload.body.path, ...sizes.map((r) => r.path)]) {
      const meta = await sharp(await fetchBytes(path)).metadata()
      expect(meta.exif, path).toBeUndefined()
      expect(meta.orientation ?? 1, path).toBe(1)
      expect(meta.width! < meta.height!, path).toBe(true)
    }
  })

  it('keeps a small image at its own size and refuses nothing it can read', async () => {
    const small = await sharp({
      create: { width: 300, height: 200, channels: 4, background: '#ffffff00' },
    })
      .png()
      .toBuffer()
    const upload = await h.api(
      'POST',
      '/newsrooms/lansi-uusimaa/media',
      uploadForm(new Uint8Array(small), 'logo.png'),
    )
    expect(upload.status).toBe(201)
    // Transparent stays PNG; never enlarged.
    expect(upload.body.renditions).toEqual([
      expect.objectContaining({ width: 300, height: 200, mimeType: 'image/png' }),
    ])
  })

  it('refuses bad files and descriptions with 422 and writes nothing', async () => {
    const before = await rows()
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    const cut = (await phonePhoto(800, 600)).slice(0, 400)
    const cases: [string, FormData | object][] = [
      ['svg', uploadForm(svg, 'kuva.svg')],
      ['html', uploadForm(new TextEncoder().encode('<html><body>x</body></html>'), 'a.html')],
      ['empty', uploadForm(new Uint8Array(0), 'tyhja.jpg')],
      ['damaged jpeg', uploadForm(cut, 'rikki.jpg')],
      [
        'unknown language',
        uploadForm(await phonePhoto(10, 10), 'a.jpg', { 'caption.en': 'Not published in en' }),
      ],
      [
        'caption too long',
        uploadForm(await phonePhoto(10, 10), 'a.jpg', { 'caption.fi': 'x'.repeat(501) }),
      ],
      [
        'licence too long',
        uploadForm(await phonePhoto(10, 10), 'a.jpg', { licence: 'x'.repeat(301) }),
      ],
      ['link elsewhere', { url: 'https://example.com/video.mp4' }],
      ['link missing', { caption: { fi: 'Video' } }],
      ['unknown field', { url: 'https://vimeo.com/76979871', titel: 'x' }],
      ['caption not per language', { url: 'https://vimeo.com/76979871', caption: 'Video' }],
    ]
    for (const [name, body] of cases) {
      const res = await h.api('POST', '/newsrooms/lansi-uusimaa/media', body)
      expect(res.status, name).toBe(422)
      expect(res.body.error.code, name).toBe('validation_failed')
      expect(Object.keys(res.body.error.fields ?? {}).length, name).toBeGreaterThan(0)
    }
    expect(await rows()).toEqual(before)
  })

  it('adds a YouTube link, describes and removes items; removal deletes the files', async () => {
    const link = await h.api('POST', '/newsrooms/lansi-uusimaa/media', {
      url: 'https://youtu.be/dQw4w9WgXcQ',
      caption: { fi: 'Strategia videona', sv: 'Strategin på video' },
    })
    expect(link.status).toBe(201)
    expect(link.body).toMatchObject({
      kind: 'link',
      externalUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      renditions: [],
    })
    const patched = await h.api('PATCH', `/media/${link.body.id}`, {
      caption: { sv: null },
      licence: 'Vain uutiskäyttöön',
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      caption: { fi: 'Strategia videona' },
      licence: 'Vain uutiskäyttöön',
    })
    expect(patched.body.caption.sv).toBeUndefined()

    const photo = await h.api(
      'POST',
      '/newsrooms/lansi-uusimaa/media',
      uploadForm(await phonePhoto(900, 600), 'poistettava.jpg'),
    )
    const before = await rows()
    expect((await h.api('DELETE', `/media/${photo.body.id}`)).status).toBe(204)
    const after = await rows()
    // The original and its renditions (400, 800 and the full 900) are gone from the disk.
    expect(after).toEqual({
      media: before.media - 1,
      renditions: before.renditions - 3,
      files: before.files - 4,
    })
    expect((await h.get(photo.body.path)).status).toBe(404)
    expect((await h.api('GET', `/media/${photo.body.id}`)).status).toBe(404)
  })

  it('shows release images once the release is public, with the lead image everywhere', async () => {
    const created = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      versions: {
        fi: { title: 'Uusi terveysasema avataan', lead: 'Asema palvelee Lohjalla.' },
        sv: { title: 'Ny hälsostation öppnar', lead: 'Stationen betjänar i Lojo.' },
      },
    })
    const id = created.body.id
    const first = await h.api(
      'POST',
      `/releases/${id}/attachments`,
      uploadForm(await phonePhoto(1600, 1000), 'asema.jpg', {
        'alt.fi': 'Terveysaseman sisäänkäynti',
        'alt.sv': 'Hälsostationens ingång',
      }),
    )
    const second = await h.api(
      'POST',
      `/releases/${id}/attachments`,
      uploadForm(await phonePhoto(1200, 900), 'henkilokunta.jpg', {
        'alt.fi': 'Henkilökuntaa',
      }),
    )
    // The first image leads until staff choose another.
    let release = await h.api('GET', `/releases/${id}`)
    expect(release.body.leadImage.id).toBe(first.body.id)

    // A draft's images are not public: not in the bank, not served.
    const draftBank = visibleText(await (await h.get('/fi/lansi-uusimaa/media')).text())
    expect(draftBank).not.toContain('asema.jpg')
    expect((await h.get(new URL(first.body.renditions[0].url).pathname)).status).toBe(404)

    for (const bad of [second.body.id + 1000, 'x', 1.5]) {
      const res = await h.api('PATCH', `/releases/${id}`, { leadImage: bad })
      expect(res.status, String(bad)).toBe(422)
      expect(Object.keys(res.body.error.fields)).toEqual(['leadImage'])
    }
    const chosen = await h.api('PATCH', `/releases/${id}`, { leadImage: second.body.id })
    expect(chosen.body.leadImage.id).toBe(second.body.id)
    await h.api('POST', `/releases/${id}/publish`, {})
    release = await h.api('GET', `/releases/${id}`)

    const page = await (await h.get(release.body.versions.fi.path)).text()
    expect(page).toMatch(
      /<figure class="lead-image"><img src="\/files\/[^"]+\/henkilokunta-800\.jpg"/,
    )
    expect(page).toContain('srcset="/files/')
    expect(page).toMatch(
      /<meta property="og:image" content="http:\/\/tiedote\.test\/files\/[^"]+\/henkilokunta-1200\.jpg"\/>/,
    )
    expect(page).toContain('<meta property="og:image:width" content="1200"/>')
    // The other image below the text, with downloads of the original and the web sizes.
    expect(page).toContain('alt="Terveysaseman sisäänkäynti"')
    expect(visibleText(page)).toContain('alkuperäinen (JPG, 1600 × 1000 px')

    // Listings carry the card image, with alt text and sizes.
    const listing = await (await h.get('/fi/lansi-uusimaa')).text()
    expect(listing).toMatch(
      /<img class="card-image" src="\/files\/[^"]+\/henkilokunta-1200\.jpg" srcset="[^"]+400w, [^"]+800w, [^"]+1200w"[^>]*width="1200" height="900" alt="Henkilökuntaa" loading="lazy"/,
    )

    // The public bank now has both images, linked to the release; downloads are real files.
    const bankHtml = await (await h.get('/sv/lansi-uusimaa/media')).text()
    const bank = visibleText(bankHtml)
    expect(bank).toContain('Ur meddelandet: Ny hälsostation öppnar')
    expect(bank).toContain('Fritt för medieanvändning')
    expect(bank).toContain('Fullmäktige samlas (Bild: Kim Kuvaaja)')
    const download = /<a href="(\/files\/[^"]+)" download="asema\.jpg">/.exec(bankHtml)![1]
    const original = await sharp(await fetchBytes(download)).metadata()
    expect([original.width, original.height, original.exif]).toEqual([1600, 1000, undefined])

    // No lead image: the card and og:image go, the images stay.
    await h.api('PATCH', `/releases/${id}`, { leadImage: null })
    const after = await (await h.get(release.body.versions.fi.path)).text()
    expect(after).not.toContain('class="lead-image"')
    expect(after).toContain('alt="Henkilökuntaa"')
  })

  it('shows the release’s own images in its body: responsive on the page, absolute in feeds and email', async () => {
    const created = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      versions: { fi: { title: 'Kirjaston piha valmistui', lead: 'Piha avataan.' } },
    })
    const id = created.body.id
    const photo = await h.api(
      'POST',
      `/releases/${id}/attachments`,
      uploadForm(await phonePhoto(1600, 800), 'piha.jpg', { 'alt.fi': 'Kirjaston piha' }),
    )
    const other = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      versions: { fi: { title: 'Toinen luonnos', lead: 'Ei julki.' } },
    })
    const foreign = await h.api(
      'POST',
      `/releases/${other.body.id}/attachments`,
      uploadForm(await phonePhoto(600, 400), 'salainen.jpg', { 'alt.fi': 'Salainen' }),
    )
    const path = (url: string) => new URL(url).pathname
    const body = [
      'Piha valmistui.',
      `![Lapset leikkivät pihalla](${path(photo.body.url)})`,
      `![Toisen luonnoksen kuva](${path(foreign.body.url)})`,
      '![Ulkopuolinen](https://evil.example/kuva.jpg)',
      `![](${path(photo.body.url)})`,
    ].join('\n\n')
    const saved = await h.api('PATCH', `/releases/${id}`, {
      versions: { fi: { title: 'Kirjaston piha valmistui', lead: 'Piha avataan.', body } },
    })
    expect(saved.status).toBe(200)
    const html: string = saved.body.versions.fi.bodyHtml
    // Only the release's own image with its alternative text stays: not another release's
    // draft image, not one from elsewhere, not one without alternative text.
    expect(html.match(/<img /g)).toHaveLength(1)
    expect(html).not.toMatch(/salainen|evil\.example|Toisen luonnoksen/)
    const w800 = photo.body.renditions.find((r: { width: number }) => r.width === 800)
    expect(html).toContain(
      `<img src="${path(w800.url)}" alt="Lapset leikkivät pihalla" srcset="${photo.body.renditions
        .map((r: { url: string; width: number }) => `${path(r.url)} ${r.width}w`)
        .join(
          ', ',
        )}" sizes="(min-width: 1100px) 720px, 100vw" width="800" height="400" loading="lazy" decoding="async" />`,
    )
    // Before publication the image is not public, like the rest of the release.
    expect((await h.get(path(w800.url))).status).toBe(404)

    await h.api('POST', `/releases/${id}/publish`, {})
    const release = await h.api('GET', `/releases/${id}`)
    const page = await (await h.get(release.body.versions.fi.path)).text()
    expect(page).toContain(`<img src="${path(w800.url)}" alt="Lapset leikkivät pihalla"`)
    expect((await h.get(path(w800.url))).status).toBe(200)

    // Feeds: absolute addresses, srcset included.
    const rss = await (await h.get('/feeds/lansi-uusimaa.rss?lang=fi')).text()
    expect(rss).toContain(`src="${w800.url}"`)
    expect(rss).toMatch(/srcset="http:\/\/tiedote\.test\/files\/[^" ]+ 400w, http:/)
    expect(rss).not.toMatch(/srcset="\/files/)

    // Email: one web size at an absolute address, at most 600 px wide, scaled in proportion.
    const source = await loadReleaseEmailSource({ repos: h.deps.repos }, id)
    const email = String(
      releaseEmailData(source.release, source.newsroom, 'fi', h.deps.config.publicUrl).bodyHtml,
    )
    expect(email).toContain(
      `<img src="${w800.url}" alt="Lapset leikkivät pihalla" width="600" height="300" style="display:block; max-width:100%; height:auto; border:0; margin:16px 0;" />`,
    )
    expect(email).not.toContain('srcset')
  })

  it('makes web sizes for images stored before renditions existed, once', async () => {
    const deps = contentDeps(h.deps)
    const bytes = await phonePhoto(1000, 700)
    const key = await deps.files.save(bytes, 'jpg')
    const { db } = h.deps.database
    const newsroom = await db.selectFrom('newsrooms').select('id').executeTakeFirstOrThrow()
    // As a 0008 database left it: no size, no renditions, in the bank.
    const row = await db
      .insertInto('attachments')
      .values({
        newsroom_id: newsroom.id,
        release_id: null,
        in_bank: 1,
        kind: 'image',
        filename: 'vanha.jpg',
        storage_key: key,
        mime_type: 'image/jpeg',
        size: bytes.byteLength,
        sha256: 'x',
        caption: '{}',
        alt_text: '{}',
        position: 99,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const [first, second] = await Promise.all([
      makeMissingRenditions(deps),
      makeMissingRenditions(deps),
    ])
    expect(first + second).toBe(1)
    expect(await makeMissingRenditions(deps)).toBe(0)
    const item = await h.api('GET', `/media/${row.id}`)
    expect(item.body).toMatchObject({ width: 1000, height: 700 })
    expect(item.body.renditions.map((r: { width: number }) => r.width)).toEqual([400, 800, 1000])
    // The original stays where readers already found it.
    expect(item.body.path).toContain(key)
  })

  it('deleting a draft removes its images’ web sizes from the disk too', async () => {
    const draft = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      versions: { fi: { title: 'Poistettava luonnos' } },
    })
    await h.api(
      'POST',
      `/releases/${draft.body.id}/attachments`,
      uploadForm(await phonePhoto(900, 600), 'luonnos.jpg'),
    )
    const before = await rows()
    expect((await h.api('DELETE', `/releases/${draft.body.id}`)).status).toBe(204)
    // The original and its 400, 800 and 900 px sizes.
    expect(await rows()).toEqual({
      media: before.media - 1,
      renditions: before.renditions - 3,
      files: before.files - 4,
    })
  })

  it('pages the public bank and refuses odd page numbers', async () => {
    expect((await h.get('/fi/lansi-uusimaa/media?page=abc')).status).toBe(302)
    expect((await h.get('/fi/lansi-uusimaa/media?page=99')).status).toBe(404)
    const page = await h.get('/fi/lansi-uusimaa/media')
    expect(page.status).toBe(200)
    expect(page.headers.get('etag')).toBeTruthy()
    const again = await h.get('/fi/lansi-uusimaa/media', {
      'if-none-match': page.headers.get('etag')!,
    })
    expect(again.status).toBe(304)
  })
})
