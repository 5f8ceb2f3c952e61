/**
 * The release editor's form, both ways: a ReleaseView (or a submitted form) becomes the values
 * the editor shows, and submitted values become the core's ReleaseInput / ReleasePatch, checked
 * by the same schemas as the API's. The core's refusals (paths like versions.fi.title with a
 * code) map back to field ids and messages in the staff member's language here, so the core
 * stays free of UI strings.
 */
import type { FieldCode } from '../../core/errors.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { ContactInput, ReleaseInput, ReleasePatch } from '../../core/release/releases.js'
import { bodyImagesOf, renderMarkdown } from '../../core/release/markdown.js'
import { ReleaseCreateSchema, ReleasePatchSchema } from '../../core/release/schemas.js'
import { makeSlug } from '../../core/release/slug.js'
import { isReleaseType, releasePath } from '../../core/release/views.js'
import type { AttachmentView, ContactView, ReleaseView } from '../../core/release/views.js'
import type { Lang, ReleaseType } from '../../core/types.js'
import type { ReleaseFormValues } from '../../views/admin/release-editor.js'
import { utcToZoned, zonedToUtc } from '../../views/admin/zoned-time.js'
import type { EventInput } from '../../core/release/events.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import type { FormBody } from './form-body.js'
import { text, texts } from './form-body.js'

export function emptyValues(newsroom: NewsroomView): ReleaseFormValues {
  return {
    newsroomId: newsroom.id,
    type: 'press-release',
    keywords: '',
    contactIds: [],
    newContact: { name: '', titles: {}, phone: '', email: '' },
    versions: {},
    notify: true,
    scheduleDate: '',
    scheduleTime: '',
    event: { startDate: '', startTime: '', endDate: '', endTime: '', location: '', url: '' },
  }
}

export function valuesFromRelease(release: ReleaseView, newsroom: NewsroomView): ReleaseFormValues {
  const scheduled =
    release.status === 'scheduled' && release.publishAt
      ? utcToZoned(new Date(release.publishAt), newsroom.timezone)
      : { date: '', time: '' }
  return {
    newsroomId: newsroom.id,
    type: release.type,
    keywords: release.keywords.map((k) => k.label).join(', '),
    contactIds: release.contacts.map((c) => c.id),
    newContact: { name: '', titles: {}, phone: '', email: '' },
    versions: Object.fromEntries(
      release.languages.map((lang) => {
        const v = release.versions[lang]!
        return [lang, { title: v.title, lead: v.lead, body: v.bodyMarkdown }]
      }),
    ),
    notify: release.notify,
    scheduleDate: scheduled.date,
    scheduleTime: scheduled.time,
    event: eventValues(release, newsroom),
  }
}

function eventValues(release: ReleaseView, newsroom: NewsroomView): ReleaseFormValues['event'] {
  if (!release.event)
    return { startDate: '', startTime: '', endDate: '', endTime: '', location: '', url: '' }
  const start = utcToZoned(new Date(release.event.start), newsroom.timezone)
  const end = utcToZoned(new Date(release.event.end), newsroom.timezone)
  return {
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    location: release.event.location,
    url: release.event.url ?? '',
  }
}

/**
 * The event fields as the core takes them: wall-clock times in the newsroom's zone become
 * instants; a time that does not exist there goes as typed, and the core refuses it. All empty:
 * no event (null when the release had one, so that it is removed).
 */
function eventInput(
  values: ReleaseFormValues,
  newsroom: NewsroomView,
  had: boolean,
): EventInput | null | undefined {
  const e = values.event
  if (!e.startDate && !e.startTime && !e.endDate && !e.endTime && !e.location && !e.url)
    return had ? null : undefined
  const instant = (date: string, time: string) => {
    if (!date && !time) return undefined
    const parsed = zonedToUtc(date, time, newsroom.timezone)
    return parsed.ok ? parsed.at.toISOString() : `${date}T${time}`
  }
  return {
    start: instant(e.startDate, e.startTime),
    end: instant(e.endDate || e.startDate, e.endTime),
    location: e.location,
    url: e.url || undefined,
  }
}

export function valuesFromForm(body: FormBody, newsroom: NewsroomView): ReleaseFormValues {
  const type = text(body, 'type')
  return {
    newsroomId: newsroom.id,
    type: isReleaseType(type) ? type : 'press-release',
    keywords: text(body, 'keywords'),
    contactIds: texts(body, 'contact')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
    newContact: {
      name: text(body, 'contact_name').trim(),
      titles: Object.fromEntries(
        newsroom.languages
          .map((lang) => [lang, text(body, `contact_title.${lang}`).trim()])
          .filter(([, title]) => title),
      ),
      phone: text(body, 'contact_phone').trim(),
      email: text(body, 'contact_email').trim(),
    },
    versions: Object.fromEntries(
      newsroom.languages.map((lang) => [
        lang,
        {
          title: text(body, `title.${lang}`),
          lead: text(body, `lead.${lang}`),
          body: text(body, `body.${lang}`),
          slug: text(body, `slug.${lang}`).trim(),
        },
      ]),
    ),
    notify: text(body, 'notify') === '1',
    scheduleDate: text(body, 'schedule_date').trim(),
    scheduleTime: text(body, 'schedule_time').trim(),
    event: {
      startDate: text(body, 'event_startDate').trim(),
      startTime: text(body, 'event_startTime').trim(),
      endDate: text(body, 'event_endDate').trim(),
      endTime: text(body, 'event_endTime').trim(),
      location: text(body, 'event_location').trim(),
      url: text(body, 'event_url').trim(),
    },
  }
}

const isBlank = (v: { title: string; lead: string; body: string } | undefined) =>
  !v || (!v.title.trim() && !v.lead.trim() && !v.body.trim())

export function keywordList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((k) => k.trim())
    .filter(Boolean)
}

export function contactList(values: ReleaseFormValues, known: ContactView[]): ContactInput[] {
  const byId = new Map(known.map((c) => [c.id, c]))
  const chosen: ContactInput[] = values.contactIds
    .map((id) => byId.get(id))
    .filter((c): c is ContactView => c !== undefined)
    .map((c) => ({
      name: c.name,
      title: Object.fromEntries(Object.entries(c.title).filter(([, v]) => v)) as Record<
        string,
        string
      >,
      phone: c.phone,
      email: c.email,
    }))
  const added = values.newContact
  const titles = Object.keys(added.titles).length > 0 ? added.titles : undefined
  if (added.name || titles || added.phone || added.email) {
    chosen.push({
      name: added.name,
      title: titles as Record<string, string> | undefined,
      phone: added.phone || null,
      email: added.email || null,
    })
  }
  return chosen
}

/** A version as the core takes it; a slug only when the staff member typed one. */
const versionInput = (v: NonNullable<ReleaseFormValues['versions'][Lang]>) => ({
  title: v.title,
  lead: v.lead,
  body: v.body,
  ...(v.slug ? { slug: v.slug } : {}),
})

/** Values for createRelease; languages left empty are left out. */
export function toReleaseInput(
  values: ReleaseFormValues,
  newsroom: NewsroomView,
  contacts: ContactView[],
): ReleaseInput {
  const versions: ReleaseInput['versions'] = {}
  for (const lang of newsroom.languages) {
    const v = values.versions[lang]
    if (!isBlank(v)) versions[lang] = versionInput(v!)
  }
  // The API's schema for the same action: the form's input has the shape an API client's has.
  return ReleaseCreateSchema.parse({
    newsroom: newsroom.id,
    type: values.type,
    keywords: keywordList(values.keywords),
    contacts: contactList(values, contacts),
    versions,
    notify: values.notify,
    event: eventInput(values, newsroom, false),
  })
}

/** Values for updateRelease; a language emptied completely is removed from the release. */
export function toReleasePatch(
  values: ReleaseFormValues,
  newsroom: NewsroomView,
  release: ReleaseView,
  contacts: ContactView[],
): ReleasePatch {
  const versions: NonNullable<ReleasePatch['versions']> = {}
  for (const lang of newsroom.languages) {
    const v = values.versions[lang]
    if (!isBlank(v)) versions[lang] = versionInput(v!)
    else if (release.versions[lang]) versions[lang] = null
  }
  return ReleasePatchSchema.parse({
    type: values.type as ReleaseType,
    keywords: keywordList(values.keywords),
    contacts: contactList(values, contacts),
    versions,
    notify: values.notify,
    event: eventInput(values, newsroom, release.event !== null),
  })
}

/** What the core refused: English messages (for logs and API clients) and codes by path. */
export interface Refused {
  fields: Record<string, string>
  fieldCodes: Record<string, FieldCode>
}

/** A draft's files are not public yet: the preview shows them through the admin. */
const previewMedia = (releaseId: number, media: AttachmentView): AttachmentView => ({
  ...media,
  path: `/admin/releases/${releaseId}/attachments/${media.id}/file`,
  renditions: [],
})

/**
 * The preview's body images through the admin: a draft's files are not public yet. Web sizes
 * have no admin address, so the preview shows the original.
 */
function previewBodyImages(html: string, base: ReleaseView | undefined): string {
  if (!base) return html
  const byPath = new Map<string, string>()
  for (const a of base.attachments) {
    const path = `/admin/releases/${base.id}/attachments/${a.id}/file`
    byPath.set(a.path, path)
    for (const r of a.renditions) byPath.set(r.path, path)
  }
  return html.replace(/<img [^>]*>/g, (tag) => {
    const src = /\ssrc="([^"]*)"/.exec(tag)?.[1]
    const path = src === undefined ? undefined : byPath.get(src.replace(/&amp;/g, '&'))
    return path
      ? tag.replace(/\s(?:srcset|sizes)="[^"]*"/g, '').replace(/\ssrc="[^"]*"/, ` src="${path}"`)
      : tag
  })
}

/**
 * Core validation paths → editor field ids with messages in the UI language, chosen by the
 * core's codes (never by its English text). The new contact is always the last contact in the
 * list the form sends.
 */
export function localiseReleaseErrors(
  t: AdminStrings,
  refused: Refused,
  values: ReleaseFormValues,
  languages: Lang[],
): Record<string, string> {
  const out: Record<string, string> = {}
  const newContactIndex = values.contactIds.length
  for (const [path, message] of Object.entries(refused.fields)) {
    const code = refused.fieldCodes[path]
    const version = /^versions\.(fi|sv|en)(?:\.(title|lead|body|slug))?$/.exec(path)
    if (version) {
      const [, lang, part] = version
      if (!part || part === 'title') {
        out[`title-${lang}`] = code === 'too_long' ? t.tooLong : t.titleRequired
      } else if (part === 'slug') {
        out[`slug-${lang}`] =
          code === 'slug_taken'
            ? t.releaseSlugTaken
            : code === 'not_allowed'
              ? t.releaseSlugReserved
              : t.releaseSlugInvalid
      } else {
        out[`${part}-${lang}`] = t.tooLong
      }
    } else if (path === 'versions') {
      // Two saves raced for a slug made from the title: the title is what to change.
      out[`title-${languages[0]}`] = code === 'slug_taken' ? t.slugClash : t.versionRequired
    } else if (path === 'type') {
      out.type = t.fieldRequired
    } else if (path.startsWith('keywords')) {
      out.keywords = t.keywordInvalid
    } else if (path.startsWith('contacts')) {
      const contact = /^contacts\.(\d+)\.(name|phone|email|title)/.exec(path)
      if (contact && Number(contact[1]) === newContactIndex) {
        const part = contact[2]
        const id = part === 'title' ? `contact-title-${languages[0]}` : `contact-${part}`
        out[id] =
          part === 'phone'
            ? t.phoneInvalid
            : part === 'email'
              ? t.emailInvalid
              : part === 'title' || code === 'too_long'
                ? t.tooLong
                : t.fieldRequired
      } else {
        out.contacts = t.contactsInvalid
      }
    } else if (path.startsWith('event')) {
      const part = path.split('.')[1]
      if (part === 'start') out['event-start-date'] = t.eventStartRequired
      else if (part === 'end') out['event-end-date'] = t.eventEndInvalid
      else if (part === 'url') out['event-url'] = t.eventUrlInvalid
      else if (part === 'location') out['event-location'] = t.tooLong
      else out['event-start-date'] = t.eventOnlyInvitation
    } else if (path === 'newsroom') {
      out.newsroom = t.fieldRequired
    } else {
      out['error-summary'] = message
    }
  }
  return out
}

/**
 * The release as it would look with the submitted values, for the preview. Files are linked
 * through the admin, because a draft's files are not public yet.
 */
export function previewReleaseView(
  values: ReleaseFormValues,
  newsroom: NewsroomView,
  base: ReleaseView | undefined,
  contacts: ContactView[],
  now: Date,
): ReleaseView {
  const versions: ReleaseView['versions'] = {}
  for (const lang of newsroom.languages) {
    const v = values.versions[lang]
    if (!v || !v.title.trim()) continue
    const slug = base?.versions[lang]?.slug ?? (makeSlug(v.title) || 'preview')
    versions[lang] = {
      lang,
      slug,
      path: releasePath(lang, newsroom.slug, slug),
      title: v.title.trim(),
      lead: v.lead.trim(),
      bodyMarkdown: v.body,
      bodyHtml: previewBodyImages(
        renderMarkdown(v.body, bodyImagesOf(base?.attachments ?? [])),
        base,
      ),
      updatedAt: now.toISOString(),
    }
  }
  const contactViews: ContactView[] = contactList(values, contacts).map((c, i) => ({
    id: -1 - i,
    name: c.name,
    title:
      typeof c.title === 'string'
        ? Object.fromEntries(newsroom.languages.map((l) => [l, c.title as string]))
        : (c.title ?? {}),
    phone: c.phone ?? null,
    email: c.email ?? null,
  }))
  const at = base?.publishedAt ?? base?.publishAt ?? now.toISOString()
  return {
    id: base?.id ?? 0,
    newsroom: { id: newsroom.id, slug: newsroom.slug },
    type: values.type,
    status: base?.status ?? 'draft',
    publishAt: at,
    publishedAt: at,
    withdrawnAt: null,
    withdrawnReason: null,
    event: base?.event ?? null,
    notify: values.notify,
    languages: newsroom.languages.filter((l) => versions[l]),
    versions,
    keywords: keywordList(values.keywords).map((label) => ({
      slug: makeSlug(label),
      label,
      labels: {},
    })),
    contacts: contactViews,
    attachments: (base?.attachments ?? []).map((a) => previewMedia(base!.id, a)),
    leadImage: base?.leadImage ? previewMedia(base.id, base.leadImage) : null,
    corrections: base?.corrections ?? [],
    createdAt: base?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  }
}
