import { createRepositories } from '../../src/db/repositories/index.js'
import { createHash, createVerify, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { deliveryProgress } from '../../src/core/delivery/progress.js'
import { DB_KINDS } from '../helpers/env.js'
import { eventually } from '../helpers/wait.js'
import {
  addSubscriber,
  countByRecipient,
  createTestNewsroom,
  publishTestRelease,
  publishTestReleaseWithMedia,
  startPipeline,
  untilReleaseDelivered,
} from './fixtures.js'
import type { Pipeline } from './fixtures.js'

/** A 1000 × 600 photo, as a camera might send it. */
const photo = () =>
  sharp({ create: { width: 1000, height: 600, channels: 3, background: '#2f6f9f' } })
    .jpeg()
    .toBuffer()
    .then((b) => new Uint8Array(b))

describe.each(DB_KINDS)('publishing notifies subscribers by email (%s)', (kind) => {
  let pipeline: Pipeline
  let releaseId: number
  const expected = new Map<string, 'fi' | 'sv'>([
    ['sv-first@example.se', 'sv'],
    ['fi-only@example.fi', 'fi'],
    ['en-only@example.com', 'fi'],
    ['strategy-keyword@example.fi', 'fi'],
    ['press-type@example.fi', 'sv'],
  ])
  const excluded = [
    'news-type-only@example.fi',
    'other-keyword@example.fi',
    'pending@example.fi',
    'unsubscribed@example.fi',
    'suppressed@example.fi',
    'paused@example.fi',
    'other-newsroom@example.fi',
  ]

  beforeAll(async () => {
    pipeline = await startPipeline(kind, { env: { PUBLIC_URL: 'https://news.tiedote.test' } })
    const newsroom = await createTestNewsroom(pipeline.content)
    const other = await createTestNewsroom(pipeline.content, 'muu-julkaisija', ['fi'])
    const n = [newsroom.id]
    await addSubscriber(pipeline, {
      email: 'sv-first@example.se',
      languages: ['sv', 'fi'],
      newsroomIds: n,
    })
    await addSubscriber(pipeline, {
      email: 'fi-only@example.fi',
      languages: ['fi'],
      newsroomIds: n,
    })
    await addSubscriber(pipeline, {
      email: 'en-only@example.com',
      languages: ['en'],
      newsroomIds: n,
    })
    await addSubscriber(pipeline, {
      email: 'strategy-keyword@example.fi',
      newsroomIds: n,
      keywords: ['strategia'],
    })
    await addSubscriber(pipeline, {
      email: 'press-type@example.fi',
      languages: ['sv'],
      newsroomIds: n,
      types: ['press-release', 'invitation'],
    })
    await addSubscriber(pipeline, {
      email: 'news-type-only@example.fi',
      newsroomIds: n,
      types: ['news'],
    })
    await addSubscriber(pipeline, {
      email: 'other-keyword@example.fi',
      newsroomIds: n,
      keywords: ['liikenne'],
    })
    await addSubscriber(pipeline, {
      email: 'pending@example.fi',
      newsroomIds: n,
      status: 'pending',
    })
    await addSubscriber(pipeline, {
      email: 'unsubscribed@example.fi',
      newsroomIds: n,
      status: 'unsubscribed',
    })
    await addSubscriber(pipeline, {
      email: 'suppressed@example.fi',
      newsroomIds: n,
      suppressed: true,
    })
    await addSubscriber(pipeline, { email: 'paused@example.fi', newsroomIds: n, paused: true })
    await addSubscriber(pipeline, { email: 'other-newsroom@example.fi', newsroomIds: [other.id] })

    releaseId = await publishTestReleaseWithMedia(pipeline, newsroom.slug, [
      {
        filename: 'IMG_2044.png',
        bytes: await photo(),
        alt: { fi: 'Valtuutetut äänestävät', sv: 'Ledamöterna röstar' },
        caption: { sv: 'Fullmäktige röstar' },
        credit: 'Kim Kuvaaja',
      },
      {
        filename: 'strategia_FINAL_v7.txt',
        bytes: new TextEncoder().encode('Strategian tiivistelmä'),
        caption: { fi: 'Strategian tiivistelmä', sv: 'Sammandrag av strategin' },
      },
    ])
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('every matching subscriber gets exactly one email, in their language; nobody else gets any', async () => {
    const { db } = pipeline.container.database
    const progress = await untilReleaseDelivered(createRepositories(db), releaseId)
    expect(progress).toMatchObject({
      audience: expected.size,
      sent: expected.size,
      pending: 0,
      sending: 0,
      failed: 0,
      suppressed: 0,
      cancelled: 0,
      done: true,
    })
    expect(progress.firstSentAt).not.toBeNull()
    const counts = countByRecipient(pipeline.smtp)
    for (const address of expected.keys()) expect(counts.get(address), address).toBe(1)
    for (const address of excluded) expect(counts.get(address), address).toBeUndefined()
    expect(pipeline.smtp.messages).toHaveLength(expected.size)

    for (const message of pipeline.smtp.messages) {
      const lang = expected.get(message.to[0])!
      expect(message.parsed.headers.get('content-language')).toBe(lang)
      expect(message.parsed.subject).toBe(
        lang === 'sv'
          ? 'Regionfullmäktige godkände strategin'
          : 'Aluevaltuusto hyväksyi strategian',
      )
    }
  })

  it('carries the full text, contacts, keywords, links and the bulk-mail headers', async () => {
    const mail = pipeline.smtp.messages.find((m) => m.to[0] === 'sv-first@example.se')!
    const { parsed } = mail
    // Header lines unfolded (RFC 5322 folding is whitespace + CRLF).
    const raw = mail.raw.replace(/\r\n[ \t]+/g, ' ')
    const header = (name: string) => String(parsed.headers.get(name) ?? '')
    expect(parsed.from?.value[0]).toMatchObject({
      name: 'Västra Nylands välfärdsområde',
      address: 'news@tiedote.test',
    })
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0].address).toBe(
      'sv-first@example.se',
    )
    expect(raw).toMatch(
      /^List-Unsubscribe: <https:\/\/news\.tiedote\.test\/unsubscribe\/\d+\.[\w-]{32}>\r$/m,
    )
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m)
    expect(raw).toMatch(/^List-Id: .+ <lansi-uusimaa\.tiedote\.test>\r$/m)
    expect(header('auto-submitted')).toBe('auto-generated')
    expect(header('precedence')).toBe('bulk')
    expect(parsed.date).toBeInstanceOf(Date)
    expect(parsed.messageId).toMatch(
      new RegExp(`^<tiedote\\.${releaseId}\\.release\\.\\w+@tiedote\\.test>$`),
    )
    expect(raw).toMatch(/Content-Type: multipart\/alternative/)

    // Both parts: full text, contacts, keywords, web page, boilerplate, manage + unsubscribe.
    const text = parsed.text ?? ''
    const html = String(parsed.html)
    expect(text).toContain('Regionfullmäktige godkände enhälligt den nya strategin.')
    expect(text).toContain('Nästa steg är ett genomförandeprogram.')
    expect(html).toContain('<strong>enhälligt</strong>')
    for (const body of [text, html]) {
      expect(body).toContain('Maija Meikäläinen')
      expect(body).toContain('Kommunikationsdirektör')
      expect(body).toContain('+358 40 123 4567')
      expect(body).toContain('Strategia')
      expect(body).toContain('Välfärdsområdet ordnar social- och hälsovårdstjänster')
      expect(body).toMatch(/https:\/\/news\.tiedote\.test\/sv\/lansi-uusimaa\/[a-z0-9-]+/)
      expect(body).toMatch(/https:\/\/news\.tiedote\.test\/subscriptions\/manage\/\d+\.[\w-]{32}/)
      expect(body).toMatch(/https:\/\/news\.tiedote\.test\/unsubscribe\/\d+\.[\w-]{32}/)
    }
    expect(html).toContain('lang="sv"')
    // The lead image at the top: a web size, absolute, with the alternative text of the language.
    expect(html).toMatch(
      /<img src="https:\/\/news\.tiedote\.test\/files\/[0-9a-f]{32}\.jpg\/IMG_2044-800\.jpg" width="600" alt="Ledamöterna röstar"/,
    )
    expect(html).toContain('Fullmäktige röstar (Bild: Kim Kuvaaja)')
    // Files by their title, with type and size; never the name they had on someone's disk.
    expect(text).toMatch(
      /- Sammandrag av strategin \(TXT, \d+ B\): https:\/\/news\.tiedote\.test\/files\//,
    )
    expect(html).toContain('>Sammandrag av strategin</a>')
    expect(html).not.toContain('>strategia_FINAL_v7')
    expect(text).not.toContain('- strategia_FINAL_v7')
    // Every line of the encoded message stays within the SMTP limits.
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998)
  })

  it('the one-click unsubscribe of the header works (RFC 8058: POST, 200, no redirect)', async () => {
    const mail = pipeline.smtp.messages.find((m) => m.to[0] === 'fi-only@example.fi')!
    const url = /^List-Unsubscribe: <([^>]+)>\r$/m.exec(mail.raw)![1]
    const app = createApp(pipeline.container)
    const res = await app.request(new URL(url).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(res.status).toBe(200)
    const subscriber = await pipeline.container.database.db
      .selectFrom('subscribers')
      .select('status')
      .where('email', '=', 'fi-only@example.fi')
      .executeTakeFirstOrThrow()
    expect(subscriber.status).toBe('unsubscribed')
  })

  it('running fan-out and every send batch again sends nothing twice', async () => {
    const { queues } = pipeline.container
    const before = pipeline.smtp.messages.length
    await queues.fanout.add('fanout', { releaseId, kind: 'release' }, { jobId: 'fanout-again' })
    const rows = await pipeline.container.database.db
      .selectFrom('deliveries')
      .select('id')
      .where('release_id', '=', releaseId)
      .execute()
    const ids = rows.map((r) => r.id)
    await queues.send.add(
      'send',
      {
        releaseId,
        kind: 'release',
        fromDeliveryId: Math.min(...ids),
        toDeliveryId: Math.max(...ids),
      },
      { jobId: 'send-again' },
    )
    await eventually(
      async () =>
        (await queues.send.getJobCounts('waiting', 'active')).active === 0 &&
        (await queues.fanout.getJobCounts('waiting', 'active')).waiting === 0 &&
        !(await queues.send.getJob('send-again')) &&
        !(await queues.fanout.getJob('fanout-again')),
      {
        what: 'rerun jobs finished',
      },
    )
    expect(pipeline.smtp.messages.length).toBe(before)
    const progress = await deliveryProgress(pipeline.container.repos, releaseId)
    expect(progress.sent).toBe(expected.size)
  })
})

/** Verifies a relaxed/relaxed rsa-sha256 DKIM signature (RFC 6376) of a received message. */
function verifyDkim(raw: string, publicKey: string) {
  const split = raw.indexOf('\r\n\r\n')
  const headerLines = raw.slice(0, split).split(/\r\n(?![ \t])/)
  const body = raw.slice(split + 4)
  const signature = headerLines.find((line) => /^dkim-signature:/i.test(line))!
  const tags = Object.fromEntries(
    signature
      .slice(signature.indexOf(':') + 1)
      .replace(/\s+/g, '')
      .split(';')
      .filter(Boolean)
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)]),
  )
  const relaxedHeader = (line: string) => {
    const colon = line.indexOf(':')
    const value = line
      .slice(colon + 1)
      .replace(/\r\n/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim()
    return `${line.slice(0, colon).trim().toLowerCase()}:${value}`
  }
  const relaxedBody =
    body
      .split('\r\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
      .join('\r\n')
      .replace(/(\r\n)*$/, '') + '\r\n'
  const bodyHash = createHash('sha256').update(relaxedBody).digest('base64')
  const used = new Map<string, number>()
  const signed = tags.h
    .split(':')
    .map((name: string) => {
      const matches = headerLines.filter((line) =>
        line.toLowerCase().startsWith(`${name.toLowerCase()}:`),
      )
      const n = used.get(name.toLowerCase()) ?? 0
      used.set(name.toLowerCase(), n + 1)
      const line = matches[matches.length - 1 - n]
      return line === undefined ? undefined : relaxedHeader(line)
    })
    .filter((line: string | undefined) => line !== undefined)
  const unsigned = relaxedHeader(signature)
    .replace(/b=[^;]*$/, 'b=')
    .replace(/([; ])b=[^;]*;/, '$1b=;')
  const data = [...signed, unsigned].join('\r\n')
  const valid = createVerify('RSA-SHA256').update(data).verify(publicKey, tags.b, 'base64')
  return { tags, bodyHashMatches: bodyHash === tags.bh, valid }
}

describe('DKIM (sqlite)', () => {
  let pipeline: Pipeline
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiedote-dkim-'))
    const keyFile = join(dir, 'dkim.pem')
    writeFileSync(keyFile, keys.privateKey)
    pipeline = await startPipeline('sqlite', {
      env: {
        PUBLIC_URL: 'https://news.tiedote.test',
        DKIM_DOMAIN: 'tiedote.test',
        DKIM_SELECTOR: 'mail2026',
        DKIM_PRIVATE_KEY_FILE: keyFile,
      },
    })
  })
  afterAll(async () => {
    await pipeline.close()
  })

  it('signs every email, List-Unsubscribe and List-Unsubscribe-Post included (RFC 8058)', async () => {
    const newsroom = await createTestNewsroom(pipeline.content)
    await addSubscriber(pipeline, { email: 'signed@example.fi', newsroomIds: [newsroom.id] })
    await publishTestRelease(pipeline, newsroom.slug)
    const [mail] = await pipeline.smtp.waitFor(1)
    const { tags, bodyHashMatches, valid } = verifyDkim(mail.raw, keys.publicKey)
    expect(tags).toMatchObject({ d: 'tiedote.test', s: 'mail2026', a: 'rsa-sha256' })
    expect(tags.h.toLowerCase().split(':')).toEqual(
      expect.arrayContaining(['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']),
    )
    expect(bodyHashMatches).toBe(true)
    expect(valid).toBe(true)
  })
})
