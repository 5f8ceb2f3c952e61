/**
 * The demo newsroom's logo, drawn here rather than shipped as a binary: a rounded square in the
 * county's blue with three white waves (its coast). Encoded as a PNG with node:zlib alone, so
 * the demo needs no image library.
 */
import { crc32, deflateSync } from 'node:zlib'

const SIZE = 120
const SAMPLES = 4

/** Is the point (in 0..1 units) white, blue or outside the rounded square? */
function shade(x: number, y: number, blue: [number, number, number]): number[] {
  const r = 0.18
  const cx = Math.min(Math.max(x, r), 1 - r)
  const cy = Math.min(Math.max(y, r), 1 - r)
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0]
  for (const [row, amplitude] of [
    [0.34, 0.05],
    [0.52, 0.06],
    [0.7, 0.05],
  ]) {
    if (x < 0.16 || x > 0.84) continue
    const wave = row + amplitude * Math.sin((x - 0.16) * Math.PI * 3)
    if (Math.abs(y - wave) < 0.045) return [255, 255, 255, 255]
  }
  return [...blue, 255]
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export function demoLogoPng(hex: string): Uint8Array {
  const blue: [number, number, number] = [1, 3, 5].map((i) =>
    parseInt(hex.slice(i, i + 2), 16),
  ) as [number, number, number]
  const rows: Buffer[] = []
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4)
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0]
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = shade(
            (px + (sx + 0.5) / SAMPLES) / SIZE,
            (py + (sy + 0.5) / SAMPLES) / SIZE,
            blue,
          )
          // Premultiplied, so edges blend toward the colour rather than toward black.
          sum[0] += (c[0] * c[3]) / 255
          sum[1] += (c[1] * c[3]) / 255
          sum[2] += (c[2] * c[3]) / 255
          sum[3] += c[3]
        }
      }
      const n = SAMPLES * SAMPLES
      const alpha = sum[3] / n
      const at = 1 + px * 4
      for (let i = 0; i < 3; i++)
        row[at + i] = alpha > 0 ? Math.round((sum[i] / n) * (255 / alpha)) : 0
      row[at + 3] = Math.round(alpha)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
