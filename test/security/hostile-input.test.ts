/**
 * Hostile input, property-based (fast-check, bounded runs): every public form and every API body
 * and query gets random and adversarial values — wrong types, oversized text, lone surrogates,
 * NUL and other control characters, right-to-left overrides, zero-width characters, NFC/NFD
 * pairs, CR/LF header injection, markup and XML. Whatever arrives, the answer is a 2xx or a 4xx
 * with a message (never 500, never a stack trace), a refused request writes nothing, and what is
 * accepted is stored as sent and comes out escaped on pages, in every feed format (parsed as XML)
 * and in the email of the release (parsed as MIME).
 */
import fc from 'fast-check'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { simpleParser } from 'mailparser'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareReleaseEmail, renderRaw } from '../../src/mail/release-email.js'
import { DB_KINDS } from '../helpers/env.js'
import { PNG_BYTES } from '../helpers/fixtures.js'
import { newsroomInput, releaseInput, uploadForm } from '../helpers/api.js'
import { ORIGIN } from '../helpers/harness.js'
import { createSecurityHarness } from './harness.js'
import type { SecurityHarness } from './harness.js'

/** Values that have broken web applications before. */
const EDGE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0008\u000b\u001f\u007f',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  'e\u0301',
  '\u00e9',
  'Å',
  'A\u030a',
  '\u2028\u2029',
  '\r\nBcc: victim@example.org',
  'X\r\nX-Injected: 1',
  '\r',
  '\n\n',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\'"`',
  ']]><evil/>',
  '<![CDATA[x]]>',
  '&amp;&lt;&#0;&#x1;',
  '<?xml version="1.0"?>',
  '{{title}}{{{raw}}}',
  '${process.env}',
  '../../etc/passwd',
  '%00%0d%0a',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil")',
  'DROP TABLE releases;--',
  "' OR '1'='1",
  '🇫🇮👩‍👩‍👧',
  'ä'.repeat(300),
]

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...EDGE), fc.string({ maxLength: 8 })), {
        minLength: 1,
        maxLength: 4,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
)

/** Anything JSON can carry, hostile strings included. */
const anyValue = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[]], { '': null }) },
)

/** A JSON object shaped like `template`, with some values replaced by hostile ones. */
function mutated(template: Record<string, unknown>) {
  const keys = Object.keys(template)
  return fc
    .record({
      replace: fc.subarray(keys),
      values: fc.array(anyValue, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.dictionary(hostileText, anyValue, { maxKeys: 2 }),
    })
    .map(({ replace, values, extra }) => {
      const out: Record<string, unknown> = { ...extra, ...template }
      replace.forEach((key) => (out[key] = values[keys.indexOf(key)]))
      return out
    })
}

const RUNS = { numRuns: 30 }

/** Every element name in a parsed XML document. */
function elementNames(node: unknown, out = new Set<string>()): Set<string> {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (!key.startsWith('@_') && key !== '#text') out.add(key)
      elementNames(value, out)
    }
  }
  return out
}

/** A URL path segment: well-formed text percent-encoded, or raw escapes that decode to junk. */
const segmentOf = (text: string) =>
  encodeURIComponent(
    text.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  )
const rawEscapes = fc.constantFrom(
  '%FF',
  '%ED%A0%80',
  '%C0%AF',
  '%2e%2e%2f',
  '%00',
  'a%00b',
  '%0d%0aSet-Cookie:%20x=1',
  '%',
  '%zz',
)

/** A 4xx/2xx answer an API client can act on; never an internal error or stack trace. */
function expectHandled(res: { status: number; text: string }, what: string, allowed: number[]) {
  expect(allowed, `${what}: ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status)
  expect(res.text, what).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/src\/|stack/)
  if (res.status >= 400) {
    const problem = JSON.parse(res.text) as { error: { code: string; message: string } }
    expect(problem.error.code, what).toMatch(/^[a-z_]+$/)
    expect(problem.error.message.length, what).toBeGreaterThan(5)
  }
}

describe.each(DB_KINDS)('hostile input (%s)', (kind) => {
  let h: SecurityHarness
  let draftId = 0
  let publishedId = 0
  let mediaListId = 0
  let manageToken = ''
  let ipCounter = 0
  const freshIp = () => `198.18.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`

  /** How many rows each table holds (one query), to prove a refused request wrote nothing. */
  const counts = async () => {
    const tables = [
      'newsrooms',
      'newsroom_translations',
      'releases',
      'release_versions',
      'keyword_terms',
      'keyword_names',
      'release_terms',
      'contacts',
      'release_contacts',
      'media_lists',
      'media_contacts',
      'media_list_members',
      'embargoes',
      'embargo_recipients',
      'attachments',
      'image_renditions',
      'corrections',
      'subscribers',
      'subscriber_languages',
      'subscriptions',
      'subscriber_tokens',
      'consents',
      'suppressions',
      'deliveries',
      'outbox',
      'audit_log',
      'webhooks',
      'webhook_messages',
    ]
    const select = tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')
    const result = await sql
      .raw<Record<string, unknown>>(`select ${select}`)
      .execute(h.deps.database.db)
    return JSON.stringify(result.rows[0], (_k, v) => (typeof v === 'bigint' ? Number(v) : v))
  }

  beforeAll(async () => {
    h = await createSecurityHarness(kind, { start: new Date('2026-03-02T08:00:00Z') })
    const newsroom = await h.api('POST', '/newsrooms', newsroomInput())
    expect(newsroom.status).toBe(201)
    draftId = (await h.api('POST', '/releases', releaseInput())).body.id
    publishedId = (await h.api('POST', '/releases', releaseInput('kaupunki', ' julkaistu'))).body.id
    await h.api('POST', `/releases/${publishedId}/publish`, {})
    mediaListId = (await h.api('POST', '/newsrooms/kaupunki/media-lists', { name: 'Lehdet' })).body
      .id
    await h.api('POST', `/media-lists/${mediaListId}/contacts`, { email: 'toimitus@example.fi' })
    manageToken = (await h.confirmedSubscriber('lukija@example.fi')).manage
  }, 30_000)
  afterAll(async () => {
    await h?.close()
  })

  /**
   * Sends a JSON body; a refused one must leave every table as it was, and the resource it
   * would change (`read`) exactly as it was.
   */
  async function sendJson(
    method: string,
    path: string,
    body: unknown,
    allowed: number[],
    read?: string,
  ) {
    const before = await counts()
    const resource = read ? (await h.apiWith(h.tokens.admin, 'GET', read)).text : ''
    const res = await h.apiWith(h.tokens.admin, method, path, JSON.stringify(body) ?? '', {
      'content-type': 'application/json',
    })
    expectHandled(res, `${method} ${path} ${JSON.stringify(body)?.slice(0, 200)}`, allowed)
    if (res.status >= 400) {
      expect(await counts(), `${method} ${path} wrote`).toBe(before)
      if (read) expect((await h.apiWith(h.tokens.admin, 'GET', read)).text).toBe(resource)
    }
    return res
  }

  it('API bodies: every JSON endpoint answers random and mutated bodies with 2xx or a clear 4xx', async () => {
    const release = `/releases/${draftId}`
    const endpoints: [string, string, Record<string, unknown>, number[], string?][] = [
      ['POST', '/releases', releaseInput(), [201, 409, 422]],
      ['PATCH', release, releaseInput(), [200, 409, 422], release],
      ['POST', `${release}/publish`, { at: '2030-01-01T10:00:00Z' }, [200, 409, 422], release],
      ['POST', '/newsrooms', newsroomInput('uusi'), [201, 409, 422]],
      [
        'PATCH',
        '/newsrooms/kaupunki',
        { name: { fi: 'Kaupunki' } },
        [200, 409, 422],
        '/newsrooms/kaupunki',
      ],
      [
        'POST',
        '/subscribers',
        {
          email: 'uusi@example.fi',
          languages: ['fi'],
          newsrooms: ['kaupunki'],
          status: 'confirmed',
          consent: { source: 's', text: 't', at: '2026-01-01T00:00:00Z' },
        },
        [201, 409, 422],
      ],
      ['POST', `/releases/${publishedId}/corrections`, { note: { fi: 'Korjaus' } }, [201, 422]],
      ['POST', '/suppressions', { email: 'x@example.fi', reason: 'manual' }, [201, 422]],
      ['POST', '/suppressions/check', { email: 'x@example.fi' }, [200, 422]],
      ['POST', `/releases/${publishedId}/test-send`, { to: 'x@example.fi' }, [200, 422, 502]],
      [
        'POST',
        '/newsrooms/kaupunki/contacts',
        { name: 'Maija', title: { fi: 'viestintäpäällikkö' }, group: { fi: 'Viestintä' } },
        [201, 422],
      ],
      ['POST', '/newsrooms/kaupunki/keywords', { labels: { fi: 'aihe' } }, [201, 409, 422]],
      ['POST', '/newsrooms/kaupunki/media-lists', { name: 'Radiot' }, [201, 409, 422]],
      [
        'POST',
        `/media-lists/${mediaListId}/contacts`,
        { email: 'aino@example.fi', name: 'Aino', outlet: 'Lehti', language: 'fi' },
        [201, 422],
      ],
      [
        'POST',
        `/releases/${draftId}/embargo`,
        { until: '2026-03-03T08:00:00Z', mediaLists: [mediaListId], note: 'Klo 10' },
        [201, 409, 422],
      ],
      [
        'POST',
        '/newsrooms/kaupunki/media',
        { url: 'https://vimeo.com/76979871', caption: { fi: 'Video' }, credit: 'K' },
        [201, 422],
      ],
      [
        'POST',
        '/webhooks',
        { url: 'https://93.184.216.34/hook', events: ['release.published'], description: 'd' },
        [201, 422],
      ],
    ]
    for (const [method, path, template, allowed, read] of endpoints) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 3, arbitrary: mutated(template) }, { weight: 1, arbitrary: anyValue }),
          async (body) => {
            await sendJson(method, path, body, [...allowed, 400], read)
          },
        ),
        { numRuns: 20 },
      )
      // Undo what an accepted body changed that later endpoints rely on.
      await h.apiWith(h.tokens.admin, 'POST', `/releases/${draftId}/unschedule`)
    }
  })

  it('API bodies: malformed JSON, wrong content types and oversized bodies answer 4xx', async () => {
    const raw = async (path: string, body: string, type: string, allowed: number[]) => {
      const before = await counts()
      const res = await h.apiWith(h.tokens.admin, 'POST', path, body, { 'content-type': type })
      expectHandled(res, `${path} ${type} ${body.slice(0, 40)}`, allowed)
      expect(await counts()).toBe(before)
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom('{', '{"versions":', '[]', 'null', '"x"', '1', '{"a":1}{', '\u0000{}'),
        ),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        async (body, type) => {
          await raw('/releases', body, type, [400, 415, 422])
        },
      ),
      RUNS,
    )
    const huge = JSON.stringify({
      ...releaseInput(),
      versions: { fi: { title: 'Iso', body: 'x'.repeat(6 * 1024 * 1024) } },
    })
    await raw('/releases', huge, 'application/json', [413])
    await raw('/subscribers', huge, 'application/json', [413])
    const bigCsv = `email,languages\n${'a@example.fi,fi\n'.repeat(11 * 1024 * 64)}`
    await raw('/subscribers/import?newsroom=kaupunki', bigCsv, 'text/csv', [413])
    const before = await counts()
    const bigFile = await h.apiWith(
      h.tokens.admin,
      'POST',
      `/releases/${draftId}/attachments`,
      uploadForm(new Uint8Array(21 * 1024 * 1024), 'iso.pdf'),
    )
    expectHandled(bigFile, 'a 21 MB file', [413])
    expect(await counts()).toBe(before)
    // Public forms: 64 KB at most, answered before anything is parsed.
    for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
      const res = await h.request('/subscribe', {
        method: 'POST',
        body: `email=${'a'.repeat(200 * 1024)}`,
        headers: { 'content-type': type, origin: ORIGIN, 'x-forwarded-for': freshIp() },
      })
      expect(res.status, type).toBe(413)
    }
    expect(await counts()).toBe(before)
  })

  it('JSON nested 100,000 levels deep, or not UTF-8, is refused with a clear 4xx everywhere', async () => {
    const before = await counts()
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    const deepObject = `{"versions":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`
    const notUtf8 = Buffer.concat([
      Buffer.from('{"newsroom":"kaupunki","versions":{"fi":{"title":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}}'),
    ])
    for (const path of [
      '/releases',
      '/newsrooms',
      '/subscribers',
      `/releases/${draftId}/publish`,
      `/releases/${draftId}/corrections`,
      '/suppressions',
    ]) {
      for (const body of [deep, deepObject]) {
        const res = await h.apiWith(h.tokens.admin, 'POST', path, body, {
          'content-type': 'application/json',
        })
        expectHandled(res, `${path} deep`, [422])
        expect(JSON.parse(res.text).error.message).toMatch(/at most 32 levels/)
      }
      const bad = await h.app.request(`http://tiedote.test/api/v1${path}`, {
        method: 'POST',
        body: notUtf8,
        headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'application/json' },
      })
      expect(bad.status, `${path} not UTF-8`).toBe(400)
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/UTF-8/)
    }
    const patch = await h.apiWith(h.tokens.admin, 'PATCH', `/releases/${draftId}`, deep, {
      'content-type': 'application/json',
    })
    expectHandled(patch, 'PATCH deep', [422])
    const subscribe = await h.request('/subscribe', {
      method: 'POST',
      body: '['.repeat(30_000) + ']'.repeat(30_000),
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': freshIp() },
    })
    expect(subscribe.status).toBe(422)
    expect(await counts()).toBe(before)
  })

  it('API queries: list filters, cursors, limits and ids answer 2xx or a clear 4xx', async () => {
    const param = fc.oneof(
      hostileText,
      fc.constantFrom('-1', '0', '1e9', 'NaN', '999999999999999999999'),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/releases',
          '/subscribers',
          '/subscribers/export.csv',
          '/subscribers/counts',
          '/suppressions',
          '/newsrooms',
        ),
        fc.dictionary(
          fc.constantFrom('newsroom', 'status', 'type', 'keyword', 'lang', 'limit', 'cursor', 'q'),
          param,
        ),
        async (path, query) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString()
          const res = await h.apiWith(h.tokens.admin, 'GET', `${path}?${qs}`)
          expectHandled(res, `${path}?${qs}`, [200, 400, 404, 422])
        },
      ),
      { numRuns: 60 },
    )
    await fc.assert(
      fc.asyncProperty(
        param,
        fc.constantFrom(
          'releases',
          'subscribers',
          'newsrooms',
          'media',
          'contacts',
          'webhooks',
          'media-lists',
        ),
        async (id, what) => {
          const res = await h.apiWith(h.tokens.admin, 'GET', `/${what}/${segmentOf(id)}`)
          expectHandled(res, `/${what}/${id}`, [200, 400, 404, 422])
        },
      ),
      RUNS,
    )
  })

  it('CSV import: random and hostile files are imported whole or refused whole', async () => {
    const header = 'email,languages,newsrooms,consent_source,consented_at'
    const cell = fc.oneof(
      hostileText,
      fc.constantFrom('fi', 'kaupunki', 'a@example.fi', '"', '""', ','),
    )
    const row = fc.array(cell, { minLength: 0, maxLength: 7 }).map((cells) => cells.join(','))
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(header, `\ufeff${header}`, '', 'email', 'x,y,z'),
        fc.array(row, { maxLength: 5 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        async (head, rows, eol) => {
          const before = await counts()
          const res = await h.apiWith(
            h.tokens.admin,
            'POST',
            '/subscribers/import?newsroom=kaupunki',
            [head, ...rows].join(eol),
            { 'content-type': 'text/csv' },
          )
          expectHandled(res, `csv ${JSON.stringify([head, ...rows])}`, [200, 400, 422])
          if (res.status !== 200) expect(await counts()).toBe(before)
        },
      ),
      RUNS,
    )
  })

  it('attachments: hostile names, bytes and captions are stored cleanly or refused without a trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText,
          fc.constantFrom('../../etc/passwd', '..\\..\\x.png', 'a\u0000.png', 'k.png'),
        ),
        fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(PNG_BYTES)),
        fc.dictionary(
          fc.constantFrom('caption.fi', 'caption.xx', 'alt.sv', 'credit', 'alt', 'file2'),
          hostileText,
          { maxKeys: 3 },
        ),
        async (name, bytes, fields) => {
          const before = await counts()
          const res = await h.apiWith(
            h.tokens.admin,
            'POST',
            `/releases/${draftId}/attachments`,
            uploadForm(bytes, name, fields),
          )
          expectHandled(res, `upload ${JSON.stringify(name)}`, [201, 400, 413, 422])
          if (res.status !== 201) {
            expect(await counts()).toBe(before)
            return
          }
          const file = JSON.parse(res.text) as { filename: string; path: string }
          // eslint-disable-next-line no-control-regex -- none of these may survive in a name
          expect(file.filename).not.toMatch(/[/\\\u0000-\u001f"]/)
          expect(file.path).toMatch(/^\/files\/[a-f0-9]{32}\.[a-z]+\/[^/]+$/)
        },
      ),
      RUNS,
    )
  })

  it('public forms: subscribe (form and JSON) answers 202 or a clear 4xx and writes nothing when refused', async () => {
    const fields = fc.dictionary(
      fc.constantFrom(
        'email',
        'newsroom',
        'newsrooms',
        'lang',
        'languages',
        'types',
        'keywords',
        'website',
        'source',
      ),
      fc.oneof(
        hostileText,
        fc.array(hostileText, { maxLength: 3 }),
        fc.constantFrom('kaupunki', 'fi', 'sv'),
      ),
    )
    await fc.assert(
      fc.asyncProperty(fields, fc.boolean(), async (form, json) => {
        const body = json
          ? JSON.stringify(form)
          : (() => {
              const params = new URLSearchParams()
              for (const [k, v] of Object.entries(form))
                for (const item of [v].flat()) params.append(k, String(item))
              return params
            })()
        const before = await counts()
        const res = await h.request('/subscribe', {
          method: 'POST',
          body,
          headers: {
            'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
            origin: ORIGIN,
            'x-forwarded-for': freshIp(),
          },
        })
        const text = await res.text()
        expect(
          [202, 400, 413, 422],
          `${res.status} ${JSON.stringify(form)} ${text.slice(0, 300)}`,
        ).toContain(res.status)
        expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/src\//)
        if (res.status !== 202) expect(await counts()).toBe(before)
        if (!json) expect(text).not.toMatch(/<script>alert|<img src=x/)
      }),
      { numRuns: 60 },
    )
  })

  it('public forms: garbage link tokens on confirm, manage and unsubscribe change nothing', async () => {
    const paths = [
      '/subscriptions/confirm/',
      '/subscriptions/manage/',
      '/subscriptions/manage/{}/unsubscribe',
      '/subscriptions/manage/{}/delete',
      '/subscriptions/manage/{}/resubscribe',
      '/unsubscribe/',
    ]
    const token = fc.oneof(
      hostileText,
      fc.constantFrom(
        '1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        `${manageToken}x`,
        manageToken.slice(0, -1),
        '999.',
      ),
      rawEscapes,
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        token,
        fc.boolean(),
        async (template, value, post) => {
          const encoded = (value.startsWith('%') ? value : segmentOf(value)) || '%20'
          const path = template.includes('{}')
            ? template.replace('{}', encoded)
            : `${template}${encoded}`
          const before = await counts()
          const res = await h.request(path, {
            method: post ? 'POST' : 'GET',
            body: post ? new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) : undefined,
            headers: post
              ? { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }
              : {},
          })
          expect([400, 404, 405, 410], `${path} ${res.status}`).toContain(res.status)
          expect(await counts()).toBe(before)
        },
      ),
      RUNS,
    )
  })

  it('public forms: preference updates with a valid link accept or refuse, never half-write', async () => {
    const subscriberState = () =>
      h.deps.database.db
        .selectFrom('subscriptions')
        .selectAll()
        .execute()
        .then(async (subs) => ({
          subs,
          langs: await h.deps.database.db.selectFrom('subscriber_languages').selectAll().execute(),
        }))
        .then((s) => JSON.stringify(s))
    const fields = fc.dictionary(
      fc.constantFrom('languages', 'newsrooms', 'types', 'keywords', 'paused', 'lang', 'action'),
      fc.oneof(
        hostileText,
        fc.array(hostileText, { maxLength: 3 }),
        fc.constantFrom('fi', 'kaupunki', 'news'),
      ),
    )
    await fc.assert(
      fc.asyncProperty(fields, async (form) => {
        const params = new URLSearchParams()
        for (const [k, v] of Object.entries(form))
          for (const item of [v].flat()) params.append(k, String(item))
        const before = await subscriberState()
        const res = await h.request(`/subscriptions/manage/${manageToken}`, {
          method: 'POST',
          body: params,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        })
        const text = await res.text()
        expect([200, 303, 400, 413, 422], `${res.status} ${JSON.stringify(form)}`).toContain(
          res.status,
        )
        expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules/)
        if (res.status >= 400) expect(await subscriberState()).toBe(before)
      }),
      RUNS,
    )
  })

  it('page and feed addresses: random paths and filters answer 2xx, 3xx or 4xx, never 500', async () => {
    const segment = fc.oneof(
      hostileText.map(segmentOf),
      rawEscapes,
      fc.constantFrom('fi', 'kaupunki', 'all.rss', 'x.atom', '..'),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.constantFrom('type', 'keyword', 'cursor', 'lang', 'limit'), hostileText, {
          maxKeys: 3,
        }),
        fc.constantFrom('', '/feeds', '/fi', '/files'),
        fc.boolean(),
        async (segments, query, prefix, slash) => {
          const path = `${prefix}/${segments.join('/')}${slash ? '/' : ''}`
          const qs = new URLSearchParams(query).toString()
          const res = await h.request(`${path}?${qs}`)
          const text = await res.text()
          expect(res.status, `${path}?${qs}: ${text.slice(0, 200)}`).toBeLessThan(500)
          expect(res.headers.get('set-cookie'), path).toBeNull()
          expect(text).not.toMatch(/<script>alert|\bat [\w.<>]+ \(/)
        },
      ),
      { numRuns: 80 },
    )
  })

  it('markup and control characters in a release come out escaped on its page, in every feed and in its email', async () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      processEntities: true,
      htmlEntities: true,
    })
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, hostileText, async (title, lead, keyword) => {
        const created = await h.apiWith(h.tokens.admin, 'POST', '/releases', {
          newsroom: 'kaupunki',
          keywords: [keyword],
          versions: { fi: { title: `Otsikko ${title}`, lead, body: `${lead}\n\n${title}` } },
        })
        expectHandled(created, `create ${JSON.stringify(title)}`, [201, 422])
        if (created.status !== 201) return
        const release = JSON.parse(created.text) as {
          id: number
          versions: { fi: { path: string; title: string } }
        }
        // Stored as sent (trimmed), not silently altered.
        const stored = JSON.parse(
          (await h.apiWith(h.tokens.admin, 'GET', `/releases/${release.id}`)).text,
        )
        expect(stored.versions.fi.title).toBe(`Otsikko ${title}`.trim())
        await h.apiWith(h.tokens.admin, 'POST', `/releases/${release.id}/publish`, {})

        const page = await (await h.get(release.versions.fi.path)).text()
        expect(page).not.toMatch(/<script>alert|<img src=x|<evil\/>/)
        for (const format of ['rss', 'atom'] as const) {
          const xml = await (await h.get(`/feeds/kaupunki.${format}?lang=fi&limit=200`)).text()
          expect(XMLValidator.validate(xml), `${format} for ${JSON.stringify(title)}`).toBe(true)
          // Nothing broke out of its element: no element the feed format does not have.
          expect(elementNames(parser.parse(xml))).not.toContain('evil')
          // HTML-bearing parts: the lead (RSS description) is escaped text, the body sanitised.
          const html = [
            ...xml.matchAll(/<(description|content:encoded|content)\b[^>]*>([\s\S]*?)<\/\1>/g),
          ]
          for (const [, element, inner] of html) {
            const text = inner.replace(/^<!\[CDATA\[|\]\]>$/g, '')
            if (element === 'description') expect(text).not.toMatch(/<[a-z!/?]/i)
            expect(text).not.toMatch(/<script|<img src=x|<evil/)
          }
        }
        const json = await (await h.get('/feeds/kaupunki.json?lang=fi&limit=200')).text()
        expect(() => JSON.parse(json)).not.toThrow()

        const prepared = await prepareReleaseEmail(
          {
            repos: h.deps.repos,
            templates: h.deps.templates,
            publicUrl: h.setup.config.publicUrl,
            secretKey: h.setup.config.secretKey,
            mailFrom: h.setup.config.mailFrom,
          },
          release.id,
          'release',
          'fi',
        )
        const raw = renderRaw(prepared, {
          address: 'lukija@example.fi',
          messageId: '<m@example.fi>',
          manageToken: 'm',
          unsubscribeToken: 'u',
        })
        const head = raw.slice(0, raw.indexOf('\r\n\r\n'))
        expect(head).not.toMatch(/^(Bcc|X-Injected):/im)
        // eslint-disable-next-line no-control-regex -- a bare CR or LF in a header is injection
        expect(head).not.toMatch(/[^\r]\n|\r(?!\n)|[\u0000\u0080-\uffff]/)
        const mail = await simpleParser(raw)
        expect(mail.headers.has('bcc')).toBe(false)
        expect(String(mail.html)).not.toMatch(/<script>alert|<img src=x|<evil/)
        expect(mail.to && 'value' in mail.to ? mail.to.value[0].address : '').toBe(
          'lukija@example.fi',
        )
      }),
      { numRuns: 25 },
    )
  })

  it('newsroom names with line breaks never inject a header into the email', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (name) => {
        const res = await h.apiWith(h.tokens.admin, 'PATCH', '/newsrooms/kaupunki', {
          name: { fi: `Kaupunki ${name}` },
        })
        expectHandled(res, `name ${JSON.stringify(name)}`, [200, 422])
        if (res.status !== 200) return
        const prepared = await prepareReleaseEmail(
          {
            repos: h.deps.repos,
            templates: h.deps.templates,
            publicUrl: h.setup.config.publicUrl,
            secretKey: h.setup.config.secretKey,
            mailFrom: h.setup.config.mailFrom,
          },
          publishedId,
          'release',
          'fi',
        )
        expect(prepared.headers).not.toMatch(/[^\r]\n|\r(?!\n)|^(Bcc|X-Injected):/im)
        const mail = await simpleParser(
          renderRaw(prepared, {
            address: 'a@example.fi',
            messageId: '<m@x>',
            manageToken: 'm',
            unsubscribeToken: 'u',
          }),
        )
        expect(mail.headers.has('bcc')).toBe(false)
        expect(mail.headers.has('x-injected')).toBe(false)
      }),
      RUNS,
    )
    await h.apiWith(h.tokens.admin, 'PATCH', '/newsrooms/kaupunki', { name: { fi: 'Kaupunki' } })
  })
})
