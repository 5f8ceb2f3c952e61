/**
 * Staff pages of media lists: a newsroom's lists with a form to create one, and one list with
 * its journalists, a form to add one, removal, and a CSV import.
 */
import type { MediaListSummary, MediaListView } from '../../core/media-lists/lists.js'
import type { ImportRowError } from '../../core/subscription/csv.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import { LANG_NAMES } from '../i18n/index.js'
import { formatDateTime } from '../format-time.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import {
  Csrf,
  DataTable,
  ErrorSummary,
  Input,
  NewsroomSwitcher,
  RowButton,
  Select,
} from './components.js'

interface Base {
  t: AdminStrings
  lang: Lang
  csrf: string
  newsroom: NewsroomView
  canEdit: boolean
}

export function MediaListsPage(
  props: Base & {
    newsrooms: NewsroomView[]
    lists: MediaListSummary[]
    name: string
    errors: Record<string, string>
  },
) {
  const { t, lang, newsroom } = props
  return (
    <>
      <h1>{t.mediaListsTitle}</h1>
      <p class="lead">{t.mediaListsIntro}</p>
      <NewsroomSwitcher
        t={t}
        lang={lang}
        action="/admin/media-lists"
        newsroom={newsroom}
        newsrooms={props.newsrooms}
      />
      <h2>{newsroomName(newsroom, lang)}</h2>
      {props.lists.length === 0 ? (
        <p>{t.mediaListsNone}</p>
      ) : (
        <DataTable stack label={t.mediaListsTitle} columns={[t.mediaListName, t.mediaListMembers]}>
          {props.lists.map((list) => (
            <tr>
              <td data-label={t.mediaListName}>
                <a href={`/admin/media-lists/${list.id}`}>{list.name}</a>
              </td>
              <td data-label={t.mediaListMembers}>{list.contacts}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.canEdit ? (
        <section aria-labelledby="create-list">
          <h2 id="create-list">{t.mediaListCreate}</h2>
          <ErrorSummary t={t} errors={props.errors} />
          <form method="post" action={`/admin/media-lists?newsroom=${newsroom.id}`}>
            <Csrf token={props.csrf} />
            <Input
              id="name"
              name="name"
              label={t.mediaListName}
              value={props.name}
              error={props.errors.name}
              required
            />
            <p class="actions">
              <button type="submit">{t.mediaListCreate}</button>
            </p>
          </form>
        </section>
      ) : null}
    </>
  )
}

export interface MediaContactFormValues {
  email: string
  name: string
  outlet: string
  language: string
}

export function MediaListPage(
  props: Base & {
    list: MediaListView
    values: MediaContactFormValues
    errors: Record<string, string>
    importErrors: ImportRowError[]
  },
) {
  const { t, list, newsroom, values, errors } = props
  return (
    <>
      <p>
        <a href={`/admin/media-lists?newsroom=${newsroom.id}`}>← {t.mediaListsTitle}</a>
      </p>
      <h1>{list.name}</h1>
      {errors.resume ? (
        <div class="notice error" role="alert">
          <p>{errors.resume}</p>
        </div>
      ) : null}
      <DataTable
        stack
        label={list.name}
        columns={[
          t.mediaContactName,
          t.mediaContactEmail,
          t.mediaContactOutlet,
          t.mediaContactLanguage,
          t.mediaContactStatus,
          ...(props.canEdit ? [t.mediaContactRemove] : []),
        ]}
      >
        {list.members.map((member) => (
          <tr>
            <td data-label={t.mediaContactName}>{member.name}</td>
            <td data-label={t.mediaContactEmail}>{member.email}</td>
            <td data-label={t.mediaContactOutlet}>{member.outlet}</td>
            <td data-label={t.mediaContactLanguage}>{LANG_NAMES[member.language]}</td>
            <td data-label={t.mediaContactStatus}>
              {member.optedOutAt ? (
                <>
                  <strong>
                    {t.mediaContactOptedOut(formatDateTime(member.optedOutAt, newsroom.timezone))}
                  </strong>
                  {props.canEdit ? (
                    <details>
                      <summary>{t.mediaContactResume}</summary>
                      <form
                        method="post"
                        action={`/admin/media-lists/${list.id}/contacts/${member.id}/resume`}
                      >
                        <Csrf token={props.csrf} />
                        <p>
                          <input
                            type="checkbox"
                            id={`resume-${member.id}`}
                            name="confirm"
                            value="1"
                            required
                          />{' '}
                          <label for={`resume-${member.id}`}>
                            {t.mediaContactResumeConfirm(member.email)}
                          </label>
                        </p>
                        <button type="submit" class="secondary">
                          {t.mediaContactResume}
                        </button>
                      </form>
                    </details>
                  ) : null}
                </>
              ) : (
                t.mediaContactReceives
              )}
            </td>
            {props.canEdit ? (
              <td data-label={t.mediaContactRemove}>
                <RowButton
                  action={`/admin/media-lists/${list.id}/contacts/${member.id}/remove`}
                  csrf={props.csrf}
                  label={t.mediaContactRemove}
                  subject={member.email}
                />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {props.canEdit ? (
        <>
          <section aria-labelledby="add-journalist">
            <h2 id="add-journalist">{t.mediaContactAdd}</h2>
            <ErrorSummary t={t} errors={errors} />
            <form method="post" action={`/admin/media-lists/${list.id}/contacts`}>
              <Csrf token={props.csrf} />
              <div class="field-row">
                <Input
                  id="email"
                  name="email"
                  type="email"
                  label={t.mediaContactEmail}
                  value={values.email}
                  error={errors.email}
                  required
                />
                <Input id="name" name="name" label={t.mediaContactName} value={values.name} />
                <Input
                  id="outlet"
                  name="outlet"
                  label={t.mediaContactOutlet}
                  value={values.outlet}
                />
                <Select
                  id="language"
                  name="language"
                  label={t.mediaContactLanguage}
                  value={values.language || newsroom.languages[0]}
                  options={newsroom.languages.map((l) => ({ value: l, label: LANG_NAMES[l] }))}
                />
              </div>
              <p class="actions">
                <button type="submit">{t.mediaContactAdd}</button>
              </p>
            </form>
          </section>
          <section aria-labelledby="import-list">
            <h2 id="import-list">{t.mediaListImport}</h2>
            {props.importErrors.length > 0 ? (
              <div class="notice error" role="alert">
                <p>{t.mediaListImportErrors}</p>
                <ul>
                  {props.importErrors.slice(0, 50).map((e) => (
                    <li>
                      {e.line}: {e.field} — {e.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <form
              method="post"
              action={`/admin/media-lists/${list.id}/import`}
              enctype="multipart/form-data"
            >
              <Csrf token={props.csrf} />
              <Input
                id="file"
                name="file"
                type="file"
                label={t.mediaListImport}
                hint={t.mediaListImportHint}
              />
              <p class="actions">
                <button type="submit">{t.mediaListImport}</button>
              </p>
            </form>
          </section>
          <form method="post" action={`/admin/media-lists/${list.id}/delete`}>
            <Csrf token={props.csrf} />
            <p class="actions">
              <button type="submit" class="danger">
                {t.mediaListDelete}
              </button>
            </p>
          </form>
        </>
      ) : null}
    </>
  )
}
