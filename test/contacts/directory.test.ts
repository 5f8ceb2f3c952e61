/**
 * The contacts directory through the API and on the public page: job titles and groups per
 * language, tel: and mailto: links, only listed contacts shown, bad input refused with nothing
 * written, and contacts named by releases kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { telNumber } from '../../src/core/contacts/directory.js'
import sharp from 'sharp'
import { startApiHarness, uploadForm } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'
import { DB_KINDS } from '../helpers/env.js'

describe('telNumber', () => {
  it('makes an international tel: number', () => {
    expect(telNumber('+358 40 000 0002')).toBe('+358400000002')
    expect(telNumber('040 123 4567')).toBe('+358401234567')
    expect(telNumber('00358 (0)9 816 3000')).toBe('+358098163000')
  })
})

describe.each(DB_KINDS)('contacts directory (%s)', (kind) => {
  let h: ApiHarness
  let mikaela = 0

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

  const count = async () =>
    Number(
      (
        await h.deps.database.db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('adds contacts with a title and group per language', async () => {
    const created = await h.api('POST', '/newsrooms/lansi-uusimaa/contacts', {
      name: 'Mikaela Lindholm',
      title: { fi: 'viestintäjohtaja', sv: 'kommunikationsdirektör' },
      group: { fi: 'Viestintä', sv: 'Kommunikation' },
      phone: '+358 40 000 0002',
      email: 'mikaela.lindholm@example.fi',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Mikaela Lindholm',
      title: { fi: 'viestintäjohtaja', sv: 'kommunikationsdirektör' },
      group: { fi: 'Viestintä', sv: 'Kommunikation' },
      inDirectory: true,
      releases: 0,
    })
    mikaela = created.body.id
    const hidden = await h.api('POST', '/newsrooms/lansi-uusimaa/contacts', {
      name: 'Piilotettu Henkilö',
      title: 'asiantuntija',
      inDirectory: false,
    })
    expect(hidden.body.title).toEqual({ fi: 'asiantuntija', sv: 'asiantuntija' })
    const list = await h.api('GET', '/newsrooms/lansi-uusimaa/contacts')
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Mikaela Lindholm',
      'Piilotettu Henkilö',
    ])
  })

  it('refuses bad input with 422 naming the field, writing nothing', async () => {
    const before = await count()
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'X', email: 'not-an-address' }, 'email'],
      [{ name: 'X', phone: 'call me' }, 'phone'],
      [{ name: 'X', title: { de: 'Sprecherin' } }, 'title.de'],
      [{ name: 'X', title: { en: 'Spokesperson' } }, 'title.en'],
      [{ name: 'X', group: { fi: 'x'.repeat(81) } }, 'group.fi'],
      [{ name: 'X', position: -1 }, 'position'],
      [{ name: 'X', nimi: 'Y' }, 'nimi'],
    ] as const) {
      const res = await h.api('POST', '/newsrooms/lansi-uusimaa/contacts', body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field)
    }
    expect((await h.api('POST', '/newsrooms/ei-ole/contacts', { name: 'X' })).status).toBe(404)
    expect(await count()).toBe(before)
  })

  it('shows listed contacts on the page in its language, with tel: and mailto: links', async () => {
    const sv = await (await h.get('/sv/lansi-uusimaa/contacts')).text()
    expect(sv).toContain('<h1>Mediekontakter</h1>')
    expect(sv).toContain('>Kommunikation</h2>')
    expect(sv).toContain('kommunikationsdirektör')
    expect(sv).not.toContain('viestintäjohtaja')
    expect(sv).toContain('href="tel:+358400000002"')
    expect(sv).toContain('href="mailto:mikaela.lindholm@example.fi"')
    expect(sv).not.toContain('Piilotettu')
    const fi = await (await h.get('/fi/lansi-uusimaa/contacts')).text()
    expect(fi).toContain('viestintäjohtaja')
    expect(fi).toContain('>Viestintä</h2>')
    const newsroom = await (await h.get('/fi/lansi-uusimaa')).text()
    expect(newsroom).toContain('href="/fi/lansi-uusimaa/contacts"')
    expect((await h.get('/en/lansi-uusimaa/contacts')).status).toBe(302)
  })

  it('gives a contact a portrait in web sizes, shown round on the page and in its JSON-LD', async () => {
    const photo = await sharp({
      create: { width: 900, height: 1200, channels: 3, background: '#b5651d' },
    })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '60/1 9/1 30/1' } })
      .toBuffer()
    const before = await h.deps.database.db.selectFrom('attachments').select('id').execute()
    // Not an image: refused, nothing written.
    const refused = await h.api(
      'PUT',
      `/contacts/${mikaela}/photo`,
      uploadForm(new TextEncoder().encode('%PDF-1.4 x'), 'cv.pdf'),
    )
    expect(refused.status).toBe(422)
    expect(refused.body.error.fields).toHaveProperty('photo')
    expect(await h.deps.database.db.selectFrom('attachments').select('id').execute()).toEqual(
      before,
    )

    const set = await h.api(
      'PUT',
      `/contacts/${mikaela}/photo`,
      uploadForm(new Uint8Array(photo), 'mikaela.jpg'),
    )
    expect(set.status).toBe(200)
    expect(set.body.photo).toMatchObject({ kind: 'image', width: 900, height: 1200 })
    expect(set.body.photo.renditions.map((r: { width: number }) => r.width)).toEqual([
      400, 800, 900,
    ])
    const page = await (await h.get('/fi/lansi-uusimaa/contacts')).text()
    expect(page).toMatch(
      /<img class="contact-photo" src="\/files\/[^"]+\/mikaela-800\.jpg"[^>]*alt=""/,
    )
    const ld = JSON.parse(
      /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1],
    )
    expect(ld).toMatchObject({ '@type': 'Organization', name: 'Länsi-Uudenmaan hyvinvointialue' })
    expect(ld.employee).toContainEqual(
      expect.objectContaining({
        '@type': 'Person',
        name: 'Mikaela Lindholm',
        jobTitle: 'viestintäjohtaja',
        telephone: '+358400000002',
        email: 'mikaela.lindholm@example.fi',
        image: expect.stringMatching(/^http:\/\/tiedote\.test\/files\/.+-400\.jpg$/),
      }),
    )
    const rendition = await h.get(new URL(set.body.photo.renditions[0].url).pathname)
    expect(
      (await sharp(Buffer.from(await rendition.arrayBuffer())).metadata()).exif,
    ).toBeUndefined()

    // A new photo replaces the old one, whose files are gone; removing leaves none.
    const replaced = await h.api(
      'PUT',
      `/contacts/${mikaela}/photo`,
      uploadForm(new Uint8Array(photo), 'uusi.jpg'),
    )
    expect(replaced.body.photo.id).not.toBe(set.body.photo.id)
    expect((await h.get(new URL(set.body.photo.url).pathname)).status).toBe(404)
    const removed = await h.api('DELETE', `/contacts/${mikaela}/photo`)
    expect(removed.body.photo).toBeNull()
    expect((await h.get(new URL(replaced.body.photo.url).pathname)).status).toBe(404)
    expect(await h.deps.database.db.selectFrom('attachments').select('id').execute()).toEqual(
      before,
    )
  })

  it('changes a contact; one that a release names can leave the directory but not be deleted', async () => {
    const patched = await h.api('PATCH', `/contacts/${mikaela}`, {
      title: { sv: 'kommunikationsdirektör' },
      group: { sv: null },
      position: 2,
    })
    expect(patched.status).toBe(200)
    // Per-language texts are merged: the Finnish title stays, the Swedish group is gone.
    expect(patched.body).toMatchObject({
      title: { fi: 'viestintäjohtaja', sv: 'kommunikationsdirektör' },
      group: { fi: 'Viestintä' },
      position: 2,
    })
    const release = await h.api('POST', '/releases', {
      newsroom: 'lansi-uusimaa',
      contacts: [{ name: 'Mikaela Lindholm', email: 'mikaela.lindholm@example.fi' }],
      versions: { fi: { title: 'Tiedote' } },
    })
    expect(release.status).toBe(201)
    const named = await h.api('DELETE', `/contacts/${mikaela}`)
    expect(named.status).toBe(409)
    const hidden = await h.api('PATCH', `/contacts/${mikaela}`, { inDirectory: false })
    expect(hidden.body).toMatchObject({ inDirectory: false, releases: 1 })
    const page = await (await h.get('/fi/lansi-uusimaa/contacts')).text()
    expect(page).not.toContain('Mikaela Lindholm')
    expect(page).toContain('Julkaisija ei ole vielä lisännyt yhteyshenkilöitä.')
  })
})
