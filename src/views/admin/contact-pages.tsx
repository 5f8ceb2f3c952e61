/**
 * Staff pages of a newsroom's contacts directory: everyone releases have named, who of them the
 * public press contacts page lists (in groups and order), a form to add one and a page to
 * change or delete one.
 */
import type { DirectoryContact } from '../../core/contacts/directory.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import {
  Csrf,
  DataTable,
  ErrorSummary,
  Input,
  NewsroomSwitcher,
  PerLanguageInputs,
} from './components.js'

export interface ContactFormValues {
  name: string
  title: Partial<Record<Lang, string>>
  group: Partial<Record<Lang, string>>
  phone: string
  email: string
  inDirectory: boolean
  position: string
}

export const emptyContact: ContactFormValues = {
  name: '',
  title: {},
  group: {},
  phone: '',
  email: '',
  inDirectory: true,
  position: '0',
}

/** The single-value fields after the per-language ones, in the order the form shows them. */
const CONTACT_FIELDS = [
  { key: 'phone', type: 'tel', label: 'contactPhone', hint: undefined },
  { key: 'email', type: 'email', label: 'contactEmail', hint: undefined },
  { key: 'position', type: 'number', label: 'contactPosition', hint: 'contactPositionHint' },
] as const

interface Base {
  t: AdminStrings
  lang: Lang
  csrf: string
  newsroom: NewsroomView
}

function ContactFields(
  props: Base & { values: ContactFormValues; errors: Record<string, string> },
) {
  const { t, newsroom, values, errors } = props
  return (
    <>
      <Input id="name" name="name" label={t.contactName} value={values.name} error={errors.name} />
      <PerLanguageInputs
        t={t}
        prefix="title"
        languages={newsroom.languages}
        label={t.contactTitleIn}
        values={values.title}
        errors={errors}
      />
      <PerLanguageInputs
        t={t}
        prefix="group"
        languages={newsroom.languages}
        label={t.contactGroupIn}
        values={values.group}
        errors={errors}
      />
      <div class="field-row">
        {CONTACT_FIELDS.map(({ key, type, label, hint }) => (
          <Input
            id={key}
            name={key}
            type={type}
            label={t[label]}
            hint={hint ? t[hint] : undefined}
            value={values[key]}
            error={errors[key]}
          />
        ))}
      </div>
      <div class="field checks">
        <label>
          <input type="checkbox" name="inDirectory" value="1" checked={values.inDirectory} />{' '}
          {t.contactInDirectory}
        </label>
      </div>
    </>
  )
}

export function ContactsAdminPage(
  props: Base & {
    newsrooms: NewsroomView[]
    contacts: DirectoryContact[]
    canEdit: boolean
    values: ContactFormValues
    errors: Record<string, string>
  },
) {
  const { t, lang, newsroom } = props
  return (
    <>
      <h1>{t.contactsTitle}</h1>
      <p class="lead">{t.contactsIntro}</p>
      <p>
        <a href={`/${newsroom.languages[0]}/${newsroom.slug}/contacts`}>{t.contactViewPage}</a>
      </p>
      <NewsroomSwitcher
        t={t}
        lang={lang}
        action="/admin/contacts"
        newsroom={newsroom}
        newsrooms={props.newsrooms}
      />
      <h2 id="contact-list">{newsroomName(newsroom, lang)}</h2>
      {props.contacts.length === 0 ? (
        <p>{t.contactsNone}</p>
      ) : (
        <DataTable
          stack
          label={t.contactsTitle}
          columns={[
            t.contactName,
            t.contactTitle,
            t.contactPhone,
            t.contactEmail,
            t.contactInDirectory,
          ]}
        >
          {props.contacts.map((contact) => (
            <tr>
              <td data-label={t.contactName}>
                {props.canEdit ? (
                  <a href={`/admin/contacts/${contact.id}`}>{contact.name}</a>
                ) : (
                  contact.name
                )}
              </td>
              <td data-label={t.contactTitle}>
                {newsroom.languages
                  .map((l) => contact.title[l])
                  .filter(Boolean)
                  .join(' / ')}
              </td>
              <td data-label={t.contactPhone}>{contact.phone}</td>
              <td data-label={t.contactEmail}>{contact.email}</td>
              <td data-label={t.contactInDirectory}>
                {contact.inDirectory
                  ? `${t.contactListed}${(contact.group[lang] ?? contact.group[newsroom.languages[0]]) ? ` · ${contact.group[lang] ?? contact.group[newsroom.languages[0]]}` : ''}`
                  : t.contactNotListed}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.canEdit ? (
        <section aria-labelledby="add-contact">
          <h2 id="add-contact">{t.contactAdd}</h2>
          <ErrorSummary t={t} errors={props.errors} />
          <form method="post" action={`/admin/contacts?newsroom=${newsroom.id}`}>
            <Csrf token={props.csrf} />
            <ContactFields {...props} />
            <p class="actions">
              <button type="submit">{t.contactAdd}</button>
            </p>
          </form>
        </section>
      ) : null}
    </>
  )
}

export function ContactEditPage(
  props: Base & {
    contact: DirectoryContact
    values: ContactFormValues
    errors: Record<string, string>
  },
) {
  const { t, newsroom, contact } = props
  return (
    <>
      <p>
        <a href={`/admin/contacts?newsroom=${newsroom.id}`}>← {t.contactsTitle}</a>
      </p>
      <h1>{t.contactEditTitle(contact.name)}</h1>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action={`/admin/contacts/${contact.id}`}>
        <Csrf token={props.csrf} />
        <ContactFields {...props} />
        <p class="actions">
          <button type="submit">{t.save}</button>
        </p>
      </form>
      <section aria-labelledby="photo-heading">
        <h2 id="photo-heading">{t.contactPhoto}</h2>
        {contact.photo ? (
          <p class="media-preview">
            <img class="thumb" src={`/admin/media/${contact.photo.id}/file`} alt="" />
          </p>
        ) : null}
        <form
          method="post"
          action={`/admin/contacts/${contact.id}/photo`}
          enctype="multipart/form-data"
        >
          <Csrf token={props.csrf} />
          <div class="field">
            <label for="contact-photo">{t.contactPhoto}</label>
            <p class="hint" id="contact-photo-hint">
              {t.contactPhotoHint}
            </p>
            {props.errors['contact-photo'] ? (
              <p class="field-error" id="contact-photo-error">
                {props.errors['contact-photo']}
              </p>
            ) : null}
            <input
              type="file"
              id="contact-photo"
              name="file"
              accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
              aria-invalid={props.errors['contact-photo'] ? 'true' : undefined}
              aria-describedby={`contact-photo-hint${props.errors['contact-photo'] ? ' contact-photo-error' : ''}`}
            />
          </div>
          <p class="actions">
            <button type="submit" class="secondary">
              {t.contactPhotoUpload}
            </button>
          </p>
        </form>
        {contact.photo ? (
          <form method="post" action={`/admin/contacts/${contact.id}/photo/remove`}>
            <Csrf token={props.csrf} />
            <button type="submit" class="secondary">
              {t.contactPhotoRemove}
            </button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t.contactDelete}</h2>
        <p id="delete-hint">{t.contactDeleteHint}</p>
        <form method="post" action={`/admin/contacts/${contact.id}/delete`}>
          <Csrf token={props.csrf} />
          <button
            type="submit"
            class="danger"
            aria-describedby="delete-hint"
            disabled={contact.releases > 0}
          >
            {t.contactDelete}
          </button>
        </form>
      </section>
    </>
  )
}
