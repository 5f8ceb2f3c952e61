/**
 * Image processing with sharp (libvips): web renditions of an uploaded image, made once at upload,
 * and a copy of the original without its metadata. Phones write the place a photo was taken into
 * its EXIF block; a press office that publishes a photo of its director's home office must not
 * publish the address with it, so nothing we serve keeps EXIF, XMP or IPTC (the colour profile
 * is kept so colours stay right).
 */
import sharp from 'sharp'
import type { ImageProcessor, ProcessedImage } from '../core/files/uploads.js'

/** Widths of the web renditions: cards and phones, article column and email, og:image. */
export const RENDITION_WIDTHS = [400, 800, 1200] as const

/** Larger images than this (in pixels) are refused by libvips rather than decoded. */
const PIXEL_LIMIT = 100_000_000

/**
 * The widths made for an image this wide: the standard ones below its width, and the largest
 * (1200 px, or the image's own width when it is narrower) — never an enlargement.
 */
export function renditionWidths(width: number): number[] {
  const largest = Math.min(width, RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]!)
  return [...new Set([...RENDITION_WIDTHS.filter((w) => w < largest), largest])]
}

export function createImageProcessor(): ImageProcessor {
  return {
    async process(bytes, mime): Promise<ProcessedImage> {
      const input = sharp(bytes, { limitInputPixels: PIXEL_LIMIT, failOn: 'error' })
      const meta = await input.metadata()
      // GIFs may be animated and carry no EXIF: kept as they are, renditions from the first frame.
      const carriesMetadata = Boolean(meta.exif || meta.xmp || meta.iptc)
      const rotated = (meta.orientation ?? 1) >= 5
      const width = rotated ? (meta.height ?? 0) : (meta.width ?? 0)
      const height = rotated ? (meta.width ?? 0) : (meta.height ?? 0)
      const opaque = !meta.hasAlpha

      let original: ProcessedImage['original']
      if (carriesMetadata && mime !== 'image/gif') {
        // Re-encoded at full size and high quality, upright, without the metadata.
        const pipeline = sharp(bytes, { limitInputPixels: PIXEL_LIMIT }).rotate().keepIccProfile()
        const out =
          mime === 'image/png'
            ? await pipeline.png().toBuffer()
            : mime === 'image/webp'
              ? await pipeline.webp({ quality: 92 }).toBuffer()
              : mime === 'image/avif'
                ? await pipeline.avif({ quality: 80 }).toBuffer()
                : await pipeline.jpeg({ quality: 92, mozjpeg: true }).toBuffer()
        original = { bytes: out, mime: mime === 'image/png' ? 'image/png' : mime }
      }

      const renditions: ProcessedImage['renditions'] = []
      for (const target of renditionWidths(width)) {
        const pipeline = sharp(bytes, { limitInputPixels: PIXEL_LIMIT })
          .rotate()
          .resize({ width: target, withoutEnlargement: true })
        // Opaque images become JPEG (small, every mail client shows it); transparent ones PNG.
        const { data, info } = opaque
          ? await pipeline
              .flatten({ background: '#ffffff' })
              .jpeg({ quality: 82, mozjpeg: true })
              .toBuffer({ resolveWithObject: true })
          : await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
        renditions.push({
          bytes: data,
          mime: opaque ? 'image/jpeg' : 'image/png',
          ext: opaque ? 'jpg' : 'png',
          width: info.width,
          height: info.height,
        })
      }
      return { width, height, original, renditions }
    },
  }
}
