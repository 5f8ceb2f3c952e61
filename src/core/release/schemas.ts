/**
 * The input of each release action, once: the API validates request bodies with these and
 * documents them (the `meta` ids and descriptions become the OpenAPI components), and the admin
 * passes what its form builds through the same schemas. They check shapes and types; the
 * use-cases check meaning (languages of the newsroom, slugs, limits).
 */
import { z } from 'zod'
import { RELEASE_TYPES } from '../types.js'

const TYPE_MESSAGE = 'Use press-release, news, invitation or article'
const KEYWORDS_DESCRIPTION =
  'Keyword terms of the newsroom, each by its slug or a label in any language (case and accents do not matter); an unknown one becomes a new term labelled in the newsroom’s first language'
const versionsDescription = 'One entry per language (fi, sv, en) the newsroom publishes in'

export const VersionInputSchema = z
  .object({
    title: z.string({ error: 'Give a title' }),
    lead: z.string({ error: 'Give the lead as text' }).optional(),
    body: z
      .string({ error: 'Give the body as Markdown text' })
      .optional()
      .meta({ description: 'Markdown; raw HTML is not rendered' }),
    slug: z
      .string({ error: 'Give the slug as text' })
      .optional()
      .meta({ description: 'Made from the title when left out' }),
  })
  .meta({ id: 'ReleaseVersionInput' })

export const ContactInputSchema = z
  .object({
    name: z.string({ error: 'Give the name' }),
    title: z
      .union([z.string(), z.record(z.string(), z.string())], {
        error: 'Give the title as text, or per language {"fi": "…", "sv": "…"}',
      })
      .optional(),
    phone: z.string({ error: 'Give the phone number as text' }).nullable().optional(),
    email: z.string({ error: 'Give the email address as text' }).nullable().optional(),
  })
  .meta({ id: 'ContactInput' })

const EVENT_TIME = 'Give the time as ISO 8601 with an offset, e.g. 2026-03-01T10:00:00+02:00'

export const EventInputSchema = z
  .object({
    start: z.string({ error: EVENT_TIME }).optional().meta({
      description: 'Required; ISO 8601 with an offset',
      example: '2026-03-24T10:00:00+02:00',
    }),
    end: z.string({ error: EVENT_TIME }).optional().meta({
      description: 'Defaults to an hour after the start',
      example: '2026-03-24T11:00:00+02:00',
    }),
    location: z.string({ error: 'Give the place as text' }).optional(),
    url: z
      .string({ error: 'Give the online link as text' })
      .optional()
      .meta({ description: 'An online link (http or https): a stream or a meeting' }),
  })
  .meta({ id: 'InvitationEvent', description: 'The event of an invitation (type "invitation")' })

export const ReleaseCreateSchema = z
  .object({
    newsroom: z
      .union([z.string(), z.number().int()], { error: 'Give the newsroom slug' })
      .meta({ example: 'lansi-uusimaa' }),
    type: z
      .enum(RELEASE_TYPES, { error: TYPE_MESSAGE })
      .optional()
      .meta({ example: 'press-release' }),
    keywords: z
      .array(z.string({ error: 'Give each keyword as text' }))
      .optional()
      .meta({ description: KEYWORDS_DESCRIPTION }),
    contacts: z.array(ContactInputSchema).optional(),
    versions: z
      .record(z.string(), VersionInputSchema, {
        error: 'Give at least one language version, e.g. {"fi": {"title": "…"}}',
      })
      .meta({
        description: versionsDescription,
        example: { fi: { title: 'Otsikko', lead: 'Ingressi', body: 'Teksti **Markdownina**' } },
      }),
    notify: z
      .boolean({ error: 'Use true or false' })
      .optional()
      .meta({ description: 'Email subscribers when published (default true)' }),
    event: EventInputSchema.nullable().optional(),
  })
  .meta({ id: 'ReleaseInput' })

export const ReleasePatchSchema = z
  .object({
    type: z.enum(RELEASE_TYPES, { error: TYPE_MESSAGE }).optional(),
    keywords: z.array(z.string({ error: 'Give each keyword as text' })).optional(),
    contacts: z.array(ContactInputSchema).optional(),
    versions: z
      .record(z.string(), VersionInputSchema.nullable(), {
        error: 'Give the versions to change, e.g. {"sv": {"title": "…"}}',
      })
      .optional()
      .meta({ description: `${versionsDescription}; null removes a version` }),
    notify: z.boolean({ error: 'Use true or false' }).optional(),
    leadImage: z
      .number({ error: 'Give the id of one of the release’s images, or null' })
      .int({ error: 'Give the id of one of the release’s images, or null' })
      .nullable()
      .optional()
      .meta({
        description:
          'Id of one of the release’s image attachments, shown at the top, on cards, as og:image, in feeds and email; null: none',
      }),
    event: EventInputSchema.nullable()
      .optional()
      .meta({ description: 'The event of an invitation; null removes it' }),
  })
  .meta({ id: 'ReleasePatch' })

export const PublishInputSchema = z
  .object({
    at: z.iso
      .datetime({
        offset: true,
        error: 'Give the time as ISO 8601, e.g. 2026-03-01T09:00:00+02:00',
      })
      .optional()
      .meta({ description: 'Publish at this time; leave out to publish now' }),
  })
  .meta({ id: 'PublishInput' })

export const WithdrawInputSchema = z.object({
  reason: z
    .string({ error: 'Give the reason as text' })
    .optional()
    .meta({ description: 'Shown on the page that replaces the release' }),
})

export const CorrectionInputSchema = z
  .object({
    note: z.record(z.string(), z.string({ error: 'Write the note as text' }), {
      error: 'Give the note per language, e.g. {"fi": "…", "sv": "…"}',
    }),
    notify: z
      .boolean({ error: 'Use true or false' })
      .optional()
      .meta({ description: 'Send a short notice to those who received the release' }),
  })
  .meta({ id: 'CorrectionInput' })

export type ReleaseCreateInput = z.infer<typeof ReleaseCreateSchema>
export type ReleasePatchInput = z.infer<typeof ReleasePatchSchema>
