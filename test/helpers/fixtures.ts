/** Data the tests of several areas start from: a newsroom, an image. */
import type { NewsroomInput } from '../../src/core/newsroom/newsrooms.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import type { ContentDeps } from '../../src/core/release/ports.js'
import { SYSTEM } from './actors.js'

/** A 1×1 PNG: small, and a real image for the type sniffer. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
/** The same image as a plain Uint8Array, for comparing with bytes read back. */
export const PNG_BYTES = Uint8Array.from(PNG)

/**
 * Creates a newsroom as the system actor: the bilingual Länsi-Uusimaa wellbeing services county
 * unless the test says otherwise.
 */
export function seedNewsroom(content: ContentDeps, input: Partial<NewsroomInput> = {}) {
  return createNewsroom(content, SYSTEM, {
    slug: 'lansi-uusimaa',
    languages: ['fi', 'sv'],
    name: { fi: 'Länsi-Uudenmaan hyvinvointialue', sv: 'Västra Nylands välfärdsområde' },
    ...input,
  })
}
