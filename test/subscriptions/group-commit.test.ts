/**
 * Subscribers added at the same moment are written together (group commit): many concurrent API
 * creates, with addresses repeated inside a batch and addresses already there, each get their
 * own answer; every new subscriber has its preferences, audit entry, consent record and exactly
 * one confirmation email; the answer built from what was written equals reading it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/core/auth/users.js'
import { writeNewSubscribers } from '../../src/core/subscription/staff.js'
import { addSuppression } from '../../src/core/subscription/suppressions.js'
import type { NewSubscriberItem } from '../../src/core/subscription/staff.js'
import { validateSubscribeRequest } from '../../src/core/subscription/subscribe.js'
import { createRepositories } from '../../src/db/repositories/index.js'
import type { Repositories } from '../../src/db/repositories/index.js'
import { ConflictError } from '../../src/core/errors.js'
import { SYSTEM } from '../helpers/actors.js'
import { DB_KINDS } from '../helpers/env.js'
import { ORIGIN } from '../helpers/harness.js'
import { startHarness } from './harness.js'
import type { Harness } from './harness.js'

describe.each(DB_KINDS)('subscribers added together (%s)', (kind) => {
  let h: Harness
  let token = ''
  let tokenLabel = ''
  const create = (body: unknown) =>
    h.app.request(`${ORIGIN}/api/v1/subscribers`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    })
  const read = async (id: number) =>
    (
      await h.app.request(`${ORIGIN}/api/v1/subscribers/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()

  beforeAll(async () => {
    h = await startHarness(kind)
    const made = await createApiToken(createRepositories(h.deps.database.db), h.clock, {
      name: 'crm sync',
      role: 'editor',
    })
    token = made.token
    tokenLabel = `token:${made.id}`
  })
  afterAll(async () => {
    await h.close()
  })

  it('answers 40 concurrent creates one by one: 30 written, 10 refused as taken', async () => {
    const before = await create({
      email: 'jo-tilaaja@example.fi',
      languages: ['fi'],
      newsrooms: ['kaupunki'],
    })
    expect(before.status).toBe(201)
    const existingId = ((await before.json()) as { id: number }).id
    await h.smtp.waitFor(1)

    const fresh = Array.from({ length: 30 }, (_, n) => ({
      email: `toimittaja${n}@example.fi`,
      languages: n % 2 ? ['sv', 'fi'] : ['fi'],
      newsrooms: n % 3 ? ['kaupunki', 'lansi-uusimaa'] : ['lansi-uusimaa'],
      ...(n % 4 === 0 ? { keywords: ['terveys'], types: ['press-release'] } : {}),
      ...(n % 5 === 0
        ? {
            status: 'confirmed',
            consent: { source: 'Messut 2026', at: '2026-01-15T10:00:00Z' },
          }
        : {}),
    }))
    const repeated = [0, 1, 2, 3, 4].map((n) => ({
      email: `TOIMITTAJA${n}@example.fi`,
      languages: ['en'],
      newsrooms: ['kaupunki'],
    }))
    const alreadyThere = Array.from({ length: 5 }, () => ({
      email: 'Jo-Tilaaja@example.fi',
      languages: ['sv'],
      newsrooms: ['kaupunki'],
    }))
    // Interleaved, as the clients of a sync job would send them.
    const bodies = fresh.flatMap((body, n) =>
      n < 5 ? [body, repeated[n], alreadyThere[n]] : [body],
    )
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const res = await create(body)
        return { body, status: res.status, json: (await res.json()) as Record<string, unknown> }
      }),
    )

    const written = answers.filter((a) => a.status === 201)
    expect(written).toHaveLength(30)
    expect(answers.filter((a) => a.status === 409)).toHaveLength(10)
    // Each address is written once (whichever of its requests came first) and the others
    // are told which subscriber has it.
    const byAddress = new Map<string, typeof answers>()
    for (const a of answers) {
      const address = a.body.email.toLowerCase()
      byAddress.set(address, [...(byAddress.get(address) ?? []), a])
    }
    for (const [address, group] of byAddress) {
      const winner = group.find((a) => a.status === 201)
      const id = address === 'jo-tilaaja@example.fi' ? existingId : (winner!.json.id as number)
      if (address === 'jo-tilaaja@example.fi') expect(winner).toBeUndefined()
      for (const a of group.filter((a) => a !== winner))
        expect(a).toMatchObject({
          status: 409,
          json: { error: { fields: { email: `Already a subscriber (id ${id})` } } },
        })
    }
    expect(byAddress.size).toBe(31)

    // What the create answered is what reading the subscriber back shows.
    for (const a of written) expect(await read(a.json.id as number)).toEqual(a.json)
    const sample = written.find((a) => a.body.email === 'toimittaja8@example.fi')!.json
    expect(sample).toMatchObject({
      status: 'pending',
      languages: ['fi'],
      newsrooms: ['kaupunki', 'lansi-uusimaa'],
    })
    expect(sample.subscriptions).toEqual([
      expect.objectContaining({ newsroom: 'kaupunki', keywords: ['terveys'] }),
      expect.objectContaining({ newsroom: 'lansi-uusimaa', types: ['press-release'] }),
    ])

    // One confirmation email to each pending address, none to the confirmed.
    const addressesOf = (status: string) =>
      written.filter((a) => a.json.status === status).map((a) => a.body.email.toLowerCase())
    const pending = addressesOf('pending')
    const mails = await h.smtp.waitFor(1 + pending.length)
    expect(
      mails
        .slice(1)
        .flatMap((m) => m.to)
        .map((to) => to.toLowerCase())
        .sort(),
    ).toEqual(pending.sort())
    const db = h.deps.database.db
    const open = await db.selectFrom('outbox').select('id').where('done_at', 'is', null).execute()
    expect(open).toEqual([])

    // An audit entry by the token and a consent record for every subscriber written.
    const ids = written.map((a) => a.json.id as number)
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor', 'subject', 'details'])
      .where('action', '=', 'subscriber.create')
      .execute()
    for (const id of ids)
      expect(audit.filter((row) => row.subject === `subscriber:${id}`)).toEqual([
        expect.objectContaining({ actor: tokenLabel }),
      ])
    const consents = await db
      .selectFrom('consents')
      .select(['subscriber_id', 'action', 'source'])
      .where('subscriber_id', 'in', ids)
      .execute()
    expect(consents).toHaveLength(30)
    const confirmedIds = written.filter((a) => a.json.status === 'confirmed').map((a) => a.json.id)
    expect(
      consents
        .filter((c) => c.action === 'import')
        .map((c) => c.subscriber_id)
        .sort(),
    ).toEqual(confirmedIds.sort())
  })

  it('writes one batch: an address twice in it and one already there are refused, the rest written', async () => {
    const repos = h.subs.repos
    const item = async (email: string, status: 'pending' | 'confirmed' = 'pending') => ({
      actor: SYSTEM,
      status,
      ...(status === 'confirmed'
        ? { consent: { source: 'Kokous', at: '2026-01-20T12:00:00.000Z' } }
        : {}),
      ...(await validateSubscribeRequest(repos, {
        email,
        languages: ['sv'],
        newsrooms: ['lansi-uusimaa'],
      })),
    })
    const items: NewSubscriberItem[] = [
      await item('era.yksi@example.fi'),
      await item('era.kaksi@example.fi', 'confirmed'),
      await item('ERA.KAKSI@example.fi'),
      await item('jo-tilaaja@example.fi'),
    ]
    const outcomes = await writeNewSubscribers(h.subs, items)
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, false])
    expect(outcomes[1]).toMatchObject({ value: { status: 'confirmed', languages: ['sv'] } })
    expect((outcomes[2] as { error: unknown }).error).toBeInstanceOf(ConflictError)
  })

  it('refuses a suppressed address in the batch that would write it, and writes the others', async () => {
    await addSuppression(h.subs, SYSTEM, { email: 'pomppaa@example.fi', reason: 'hard-bounce' })
    const emails = ['ok.yksi@example.fi', 'Pomppaa@example.fi', 'ok.kaksi@example.fi']
    const answers = await Promise.all(
      emails.map((email) => create({ email, languages: ['fi'], newsrooms: ['kaupunki'] })),
    )
    expect(answers.map((res) => res.status)).toEqual([201, 409, 201])
    expect(await answers[1].json()).toMatchObject({
      error: {
        message: 'The address is on the suppression list; lift the suppression first',
        fields: { email: 'Suppressed (bounced or complained)' },
      },
    })
    const written = await h.subs.repos.subscribers.findByEmails(['pomppaa@example.fi'])
    expect(written).toEqual([])
  })

  it('answers each item when another request takes an address between the check and the write', async () => {
    const repos = h.subs.repos
    const racing = 'kilpa@example.fi'
    let raced = false
    // The check of the first attempt does not see the address another request writes just then.
    const stale: Repositories = {
      ...repos,
      async transaction(fn) {
        if (raced) return repos.transaction(fn)
        raced = true
        const taken = await create({ email: racing, languages: ['fi'], newsrooms: ['kaupunki'] })
        expect(taken.status).toBe(201)
        return repos.transaction((tx) =>
          fn({ ...tx, subscribers: { ...tx.subscribers, findByEmails: async () => [] } }),
        )
      },
    }
    const items: NewSubscriberItem[] = []
    for (const email of ['ennen@example.fi', racing, 'jalkeen@example.fi'])
      items.push({
        actor: SYSTEM,
        status: 'pending',
        ...(await validateSubscribeRequest(repos, {
          email,
          languages: ['fi'],
          newsrooms: ['kaupunki'],
        })),
      })
    const outcomes = await writeNewSubscribers({ ...h.subs, repos: stale }, items)
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true])
    expect((outcomes[1] as { error: unknown }).error).toBeInstanceOf(ConflictError)
  })
})
