/**
 * The release editor: one form with a section per newsroom language (tabs on a phone, side by
 * side on a wide screen), the release's metadata and contacts, and the publishing controls the
 * staff member's role allows. Attachments and corrections have their own forms below it, since
 * file uploads and dated notes are separate actions. The editor's script (`editor/main.ts`, served
 * as /admin/assets/editor.js) turns the body textareas into rich-text editors that write Markdown
 * back into them, and uploads files without reloading; without it the page works as plain forms.
 */
import type { KeywordTerm } from '../../core/keywords/terms.js'
import { labelIn } from '../../core/keywords/terms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { ContactView, ReleaseView } from '../../core/release/views.js'
import { RELEASE_TYPES } from '../../core/release/views.js'
import type { ReleaseType } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { Csrf, ErrorSummary, Input, Select, StatusBadge, TextArea } from './components.js'
import { localName } from './newsroom-pages.js'
import { Countdown } from './release-lists.js'
import { formatDateTime } from '../format-time.js'

export interface ReleaseFormValues {
  newsroomId: number
  type: ReleaseType
  keywords: string
  contactIds: number[]
  /** A contact for this release only; the job title in each of the newsroom's languages. */
  newContact: { name: string; titles: Partial<Record<Lang, string>>; phone: string; email: string }
  /** `slug` is what the staff member typed; empty means "made from the title". */
  versions: Partial<Record<Lang, { title: string; lead: string; body: string; slug?: string }>>
  notify: boolean
  scheduleDate: string
  scheduleTime: string
  /** An invitation's event, as wall-clock dates and times in the newsroom's zone. */
  event: ReleaseEventValues
}

export interface ReleaseEventValues {
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  location: string
  url: string
}

export interface EditorProps {
  t: AdminStrings
  lang: Lang
  csrf: string
  now: Date
  newsroom: NewsroomView
  release?: ReleaseView
  values: ReleaseFormValues
  errors: Record<string, string>
  /** Contacts used in the newsroom, for the picker. */
  contacts: ContactView[]
  /** The newsroom's keyword terms, offered as suggestions. */
  keywordTerms: KeywordTerm[]
  canPublish: boolean
  /** The preview document for the iframe, rendered from the saved (or submitted) values. */
  preview?: { lang: Lang; html: string }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function contactLabel(contact: ContactView, lang: Lang) {
  const title = contact.title[lang] ?? Object.values(contact.title)[0]
  return [contact.name, title, contact.phone, contact.email].filter(Boolean).join(', ')
}

/** The one-off contact's fields besides the job titles, in the order the form shows them. */
const NEW_CONTACT_FIELDS = [
  { key: 'phone', type: 'tel', label: 'contactPhone' },
  { key: 'email', type: 'email', label: 'contactEmail' },
] as const

export function releaseEditorPath(release?: ReleaseView) {
  return release ? `/admin/releases/${release.id}` : '/admin/releases'
}

function StatusNotes(props: EditorProps) {
  const { t, release, newsroom } = props
  if (!release) return props.canPublish ? null : <p class="notice">{t.contributorNote}</p>
  if (release.status === 'withdrawn') return <p class="notice error">{t.withdrawnNote}</p>
  if (release.status === 'published')
    return (
      <div class="notice">
        <p>{props.canPublish ? t.publishedEditNote : t.contributorPublishedNote}</p>
        <p class="actions">
          {release.languages.map((l) => (
            <a href={release.versions[l]!.path} lang={l} hreflang={l}>
              {t.viewPublic} ({t.languageNames[l]})
            </a>
          ))}
          <a href={`/admin/releases/${release.id}/delivery`}>{t.deliveryLink}</a>
        </p>
      </div>
    )
  if (release.status === 'scheduled' && release.publishAt)
    return (
      <div class="notice">
        <p>
          {t.scheduledFor} <strong>{formatDateTime(release.publishAt, newsroom.timezone)}</strong> (
          <Countdown at={release.publishAt} now={props.now} lang={props.lang} />)
        </p>
        {!props.canPublish ? <p>{t.contributorNote}</p> : null}
      </div>
    )
  return props.canPublish ? null : <p class="notice">{t.contributorNote}</p>
}

function MissingVersions(props: EditorProps) {
  const { t, newsroom, values } = props
  const missing = newsroom.languages.filter((l) => !values.versions[l]?.title?.trim())
  if (missing.length === 0 || missing.length === newsroom.languages.length) return null
  return (
    <div class="notice" id="missing-versions">
      <p>
        <strong>{t.missingVersions}</strong>{' '}
        {missing.map((l) => capitalise(t.languageNames[l])).join(', ')}
      </p>
      <p class="hint">{t.missingVersionsHint}</p>
    </div>
  )
}

function VersionSection(props: EditorProps & { versionLang: Lang }) {
  const { t, versionLang: l, values, errors, release } = props
  const v = values.versions[l] ?? { title: '', lead: '', body: '' }
  const missing = !v.title.trim()
  const label = capitalise(t.languageNames[l])
  const tabLabel = missing ? `${label} (${t.missingShort})` : label
  const saved = release?.versions[l]
  return (
    <section
      class="version"
      id={`version-${l}`}
      data-lang={l}
      data-tab-label={tabLabel}
      data-heading-id={`version-${l}-h`}
      aria-labelledby={`version-${l}-h`}
    >
      <h3 id={`version-${l}-h`}>
        {t.versionHeading(t.languageNames[l])}
        {missing ? <span class="missing"> – {t.versionMissing}</span> : null}
      </h3>
      <Input
        id={`title-${l}`}
        name={`title.${l}`}
        label={`${t.title} (${t.languageNames[l]})`}
        value={v.title}
        error={errors[`title-${l}`]}
        lang={l}
      />
      <TextArea
        id={`lead-${l}`}
        name={`lead.${l}`}
        label={`${t.lead} (${t.languageNames[l]})`}
        value={v.lead}
        error={errors[`lead-${l}`]}
        lang={l}
        rows={3}
      />
      <TextArea
        id={`body-${l}`}
        name={`body.${l}`}
        label={`${t.body} (${t.languageNames[l]})`}
        value={v.body}
        error={errors[`body-${l}`]}
        hint={t.bodyHint}
        lang={l}
        rows={16}
        class="body-md"
      />
      <Input
        id={`slug-${l}`}
        name={`slug.${l}`}
        label={`${t.releaseSlugLabel} (${t.languageNames[l]})`}
        value={v.slug ?? ''}
        error={errors[`slug-${l}`]}
        hint={t.releaseSlugHint}
        autocomplete="off"
      />
      {saved ? (
        <p class="hint">
          {t.publicAddress}: <code>{saved.path}</code>
        </p>
      ) : null}
    </section>
  )
}

function ContactsPicker(props: EditorProps) {
  const { t, values, errors } = props
  return (
    <fieldset id="contacts">
      <legend>{t.contacts}</legend>
      <p class="hint">{t.contactsHint}</p>
      {errors.contacts ? <p class="field-error">{errors.contacts}</p> : null}
      {props.contacts.length === 0 ? (
        <p class="hint">{t.noContactsYet}</p>
      ) : (
        <ul class="release-list">
          {props.contacts.map((contact) => (
            <li>
              <label class="checks">
                <input
                  type="checkbox"
                  name="contact"
                  value={String(contact.id)}
                  checked={values.contactIds.includes(contact.id)}
                />{' '}
                {contactLabel(contact, props.lang)}
              </label>
            </li>
          ))}
        </ul>
      )}
      <details open={Boolean(values.newContact.name || errors['contact-name'])}>
        <summary>{t.newContact}</summary>
        <div class="contact-new">
          <Input
            id="contact-name"
            name="contact_name"
            label={t.contactName}
            value={values.newContact.name}
            error={errors['contact-name']}
            autocomplete="off"
          />
          {props.newsroom.languages.map((lang) => (
            <Input
              id={`contact-title-${lang}`}
              name={`contact_title.${lang}`}
              label={t.contactTitleIn(t.languageNames[lang])}
              lang={lang}
              value={values.newContact.titles[lang]}
              error={errors[`contact-title-${lang}`]}
              autocomplete="off"
            />
          ))}
          {NEW_CONTACT_FIELDS.map(({ key, type, label }) => (
            <Input
              id={`contact-${key}`}
              name={`contact_${key}`}
              type={type}
              label={t[label]}
              value={values.newContact[key]}
              error={errors[`contact-${key}`]}
              autocomplete="off"
            />
          ))}
        </div>
      </details>
    </fieldset>
  )
}

function PublishingControls(props: EditorProps) {
  const { t, release, values, errors, newsroom } = props
  const status = release?.status ?? 'draft'
  const editable = status !== 'withdrawn' && (status !== 'published' || props.canPublish)
  if (!editable) return null
  const mayPublish = props.canPublish && (status === 'draft' || status === 'scheduled')
  const scheduleError = errors['schedule-date']
  return (
    <section aria-labelledby="publishing-h">
      <h2 id="publishing-h">{t.publishing}</h2>
      {mayPublish ? (
        <fieldset>
          <legend>{t.scheduleAction.replace('…', '')}</legend>
          <p class="hint" id="schedule-hint">
            {t.scheduleZone(newsroom.timezone)}
          </p>
          {scheduleError ? (
            <p class="field-error" id="schedule-date-error">
              {scheduleError}
            </p>
          ) : null}
          <div class="schedule">
            <div class="field">
              <label for="schedule-date">{t.scheduleDate}</label>
              <input
                type="date"
                id="schedule-date"
                name="schedule_date"
                value={values.scheduleDate}
                aria-invalid={scheduleError ? 'true' : undefined}
                aria-describedby={`schedule-hint${scheduleError ? ' schedule-date-error' : ''}`}
              />
            </div>
            <div class="field">
              <label for="schedule-time">{t.scheduleTime}</label>
              <input
                type="time"
                id="schedule-time"
                name="schedule_time"
                value={values.scheduleTime}
                aria-invalid={scheduleError ? 'true' : undefined}
                aria-describedby="schedule-hint"
              />
            </div>
          </div>
        </fieldset>
      ) : null}
      <div class="actions">
        <button type="submit" name="action" value="save">
          {status === 'draft' ? t.saveDraft : t.saveChanges}
        </button>
        <button
          type="submit"
          class="secondary"
          name="action"
          value="preview"
          formaction={`${releaseEditorPath(release)}/preview`}
        >
          {t.preview}
        </button>
        {release && props.canPublish ? (
          <a class="button secondary" href={`/admin/releases/${release.id}/delivery#test-send`}>
            {t.testSendLink}
          </a>
        ) : null}
        {mayPublish ? (
          <>
            <button type="submit" class="secondary" name="action" value="schedule">
              {t.scheduleAction}
            </button>
            <button type="submit" class="secondary" name="action" value="publish">
              {t.publishNow}
            </button>
          </>
        ) : null}
        {status === 'scheduled' && props.canPublish ? (
          <button type="submit" class="secondary" form="unschedule-form">
            {t.unschedule}
          </button>
        ) : null}
      </div>
    </section>
  )
}

export function ReleaseEditor(props: EditorProps) {
  const { t, release, values, errors, newsroom } = props
  const status = release?.status ?? 'draft'
  const readOnly = status === 'withdrawn' || (status === 'published' && !props.canPublish)
  const languages = newsroom.languages
  return (
    <>
      <h1>
        {release ? t.editRelease : t.newRelease} <StatusBadge t={t} status={status} />
      </h1>
      <StatusNotes {...props} />
      <ErrorSummary t={t} errors={errors} />
      <MissingVersions {...props} />
      <form
        id="release-form"
        method="post"
        action={releaseEditorPath(release)}
        data-preview-url={`${releaseEditorPath(release)}/preview`}
        data-release-path={release ? releaseEditorPath(release) : ''}
        data-editor-labels={JSON.stringify(t.editor)}
        novalidate
      >
        <Csrf token={props.csrf} />
        <input type="hidden" name="newsroom" value={String(newsroom.id)} />
        <fieldset disabled={readOnly} class="plain">
          {/* The writing area gets the room; type, keywords and notification sit beside it on a
              wide screen and below it on a narrower one. */}
          <div class="editor-columns">
            <div class="editor-main">
              <h2 id="versions-h">{t.versions}</h2>
              <div class="versions" data-tabs-label={t.versions}>
                {languages.map((l) => (
                  <VersionSection {...props} versionLang={l} />
                ))}
              </div>
            </div>
            <div class="editor-side">
              <h2>{t.releaseSettings}</h2>
              <div class="editor-meta">
                <div class="field">
                  <span class="label">{t.newsroom}</span>
                  <p>{localName(newsroom, props.lang)}</p>
                </div>
                <Select
                  id="type"
                  name="type"
                  label={t.type}
                  value={values.type}
                  error={errors.type}
                  options={RELEASE_TYPES.map((type) => ({ value: type, label: t.types[type] }))}
                />
                <Input
                  id="keywords"
                  name="keywords"
                  label={t.keywords}
                  hint={t.keywordsHint}
                  value={values.keywords}
                  error={errors.keywords}
                  autocomplete="off"
                  list="keyword-terms"
                />
                <datalist id="keyword-terms" aria-label={t.keywordSuggestions}>
                  {props.keywordTerms.map((term) => {
                    const main = labelIn(term.labels, newsroom.languages[0], newsroom.languages)
                    const others = newsroom.languages
                      .slice(1)
                      .map((l) => term.labels[l])
                      .filter((label): label is string => Boolean(label) && label !== main)
                    return <option value={main} label={[main, ...others].join(' · ')} />
                  })}
                </datalist>
                <div class="field checks">
                  <label>
                    <input type="checkbox" name="notify" value="1" checked={values.notify} />{' '}
                    {t.notify}
                  </label>
                </div>
              </div>
            </div>
          </div>
          <EventFields {...props} />
          <ContactsPicker {...props} />
          <PublishingControls {...props} />
        </fieldset>
      </form>
      {/* Rich-text bodies and uploads without a reload (see editor/main.ts). */}
      {readOnly ? null : <script src="/admin/assets/editor.js" defer></script>}
      {status === 'scheduled' && props.canPublish ? (
        <form
          id="unschedule-form"
          method="post"
          action={`/admin/releases/${release!.id}/unschedule`}
        >
          <Csrf token={props.csrf} />
        </form>
      ) : null}
      {props.preview ? (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{t.livePreview}</h2>
          <form
            method="get"
            action={release ? releaseEditorPath(release) : '/admin/releases/new'}
            class="toolbar"
          >
            {release ? null : <input type="hidden" name="newsroom" value={String(newsroom.id)} />}
            <div class="field">
              <label for="preview-lang">{t.previewLanguage}</label>
              <select id="preview-lang" name="preview">
                {languages.map((l) => (
                  <option value={l} selected={l === props.preview!.lang}>
                    {capitalise(t.languageNames[l])}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="secondary" data-js-hide>
              {t.preview}
            </button>
          </form>
          <iframe
            id="preview-pane"
            class="preview-frame"
            title={t.livePreview}
            sandbox="allow-same-origin"
            srcdoc={props.preview.html}
          ></iframe>
        </section>
      ) : null}
    </>
  )
}

/** The event of an invitation: when and where, in the newsroom's time zone. */
function EventFields(props: EditorProps) {
  const { t, values, errors, newsroom } = props
  const field = (
    id: string,
    name: keyof ReleaseEventValues,
    label: string,
    type: 'date' | 'time' | 'text' | 'url',
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        type={type}
        id={id}
        name={`event_${name}`}
        value={values.event[name]}
        aria-invalid={errors[id] ? 'true' : undefined}
        aria-describedby={`event-hint${errors[id] ? ` ${id}-error` : ''}`}
      />
      {errors[id] ? (
        <p class="field-error" id={`${id}-error`}>
          {errors[id]}
        </p>
      ) : null}
    </div>
  )
  return (
    <fieldset
      id="event"
      class="event-fields"
      data-for-type="invitation"
      hidden={values.type !== 'invitation'}
    >
      <legend>{t.eventLegend}</legend>
      <p class="hint" id="event-hint">
        {t.eventHint(newsroom.timezone)}
      </p>
      <div class="schedule">
        {field('event-start-date', 'startDate', t.eventStartDate, 'date')}
        {field('event-start-time', 'startTime', t.eventStartTime, 'time')}
        {field('event-end-date', 'endDate', t.eventEndDate, 'date')}
        {field('event-end-time', 'endTime', t.eventEndTime, 'time')}
      </div>
      {field('event-location', 'location', t.eventLocation, 'text')}
      {field('event-url', 'url', t.eventUrl, 'url')}
    </fieldset>
  )
}
