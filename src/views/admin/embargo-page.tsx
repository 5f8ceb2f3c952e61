/**
 * Staff page "Send under embargo…" of a release: the embargo's end (in the newsroom's zone),
 * media lists, other addresses and a note; a confirmation with the number of recipients; and,
 * once sent, who received and opened it, with revocation.
 */
import type { EmbargoView } from '../../core/embargo/embargo.js'
import type { MediaListSummary } from '../../core/media-lists/lists.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import { formatDateTime } from '../format-time.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import { utcToZoned } from './zoned-time.js'
import { Checks, Csrf, DataTable, ErrorSummary, Input, RowButton, TextArea } from './components.js'

export interface EmbargoFormValues {
  date: string
  time: string
  lists: number[]
  contacts: string
  note: string
}

export function EmbargoPage(props: {
  t: AdminStrings
  lang: Lang
  csrf: string
  newsroom: NewsroomView
  releaseId: number
  title: string
  canEdit: boolean
  lists: MediaListSummary[]
  values: EmbargoFormValues
  errors: Record<string, string>
  /** The confirmation step: how many get it, and when it is published. */
  review?: { recipients: number; until: string }
  embargo?: EmbargoView
  /** The form moving the end: what was typed, and a problem with it. */
  move?: { date: string; time: string; error?: string }
  /** Second step of moving the end earlier than announced: the old and the new end. */
  moveEarlier?: { date: string; time: string; from: string; to: string }
}) {
  const { t, values, newsroom } = props
  // The move form starts at the end in force, in the newsroom's zone.
  const current = props.embargo
    ? utcToZoned(new Date(props.embargo.until), newsroom.timezone)
    : undefined
  const hidden = (
    <>
      <input type="hidden" name="date" value={values.date} />
      <input type="hidden" name="time" value={values.time} />
      {values.lists.map((id) => (
        <input type="hidden" name="lists" value={String(id)} />
      ))}
      <input type="hidden" name="contacts" value={values.contacts} />
      <input type="hidden" name="note" value={values.note} />
    </>
  )
  return (
    <>
      <p>
        <a href={`/admin/releases/${props.releaseId}`}>← {props.title}</a>
      </p>
      <h1>{t.embargoTitle}</h1>
      <p class="lead">{t.embargoIntro}</p>
      {props.moveEarlier ? (
        <form method="post" action={`/admin/releases/${props.releaseId}/embargo/move`}>
          <Csrf token={props.csrf} />
          <input type="hidden" name="date" value={props.moveEarlier.date} />
          <input type="hidden" name="time" value={props.moveEarlier.time} />
          <input type="hidden" name="confirmEarlier" value="1" />
          <div class="notice error" role="alert">
            <p>
              {t.embargoMoveEarlierWarning(
                formatDateTime(props.moveEarlier.from, newsroom.timezone),
                formatDateTime(props.moveEarlier.to, newsroom.timezone),
              )}
            </p>
          </div>
          <p class="actions">
            <button type="submit" class="danger">
              {t.embargoMoveEarlierConfirm}
            </button>{' '}
            <a href={`/admin/releases/${props.releaseId}/embargo`}>{t.cancel}</a>
          </p>
        </form>
      ) : null}
      {props.review ? (
        <form method="post" action={`/admin/releases/${props.releaseId}/embargo`}>
          <Csrf token={props.csrf} />
          {hidden}
          <input type="hidden" name="step" value="send" />
          <p class="notice" role="status">
            {t.embargoConfirmCount(
              props.review.recipients,
              formatDateTime(props.review.until, newsroom.timezone),
            )}
          </p>
          <p class="actions">
            <button type="submit">{t.embargoConfirm}</button>
          </p>
        </form>
      ) : props.canEdit ? (
        <form method="post" action={`/admin/releases/${props.releaseId}/embargo`}>
          <Csrf token={props.csrf} />
          <input type="hidden" name="step" value="review" />
          <ErrorSummary t={t} errors={props.errors} />
          <div class="field-row">
            <Input
              id="date"
              name="date"
              type="date"
              label={t.embargoUntilDate}
              value={values.date}
              error={props.errors.date}
              required
            />
            <Input
              id="time"
              name="time"
              type="time"
              label={t.embargoUntilTime}
              value={values.time}
              required
            />
          </div>
          <Checks
            id="lists"
            name="lists"
            legend={t.embargoLists}
            error={props.errors.lists}
            options={props.lists.map((list) => ({
              value: String(list.id),
              label: `${list.name} (${list.contacts})`,
            }))}
            checked={values.lists.map(String)}
          />
          <TextArea
            id="contacts"
            name="contacts"
            label={t.embargoContacts}
            value={values.contacts}
            error={props.errors.contacts}
            rows={3}
          />
          <TextArea id="note" name="note" label={t.embargoNote} value={values.note} rows={3} />
          <p class="actions">
            <button type="submit">{t.embargoReview}</button>
          </p>
        </form>
      ) : null}
      {props.embargo ? (
        <section aria-labelledby="embargo-status">
          <h2 id="embargo-status">{t.embargoStatus}</h2>
          <p>{formatDateTime(props.embargo.until, newsroom.timezone)}</p>
          <DataTable
            stack
            label={t.embargoStatus}
            columns={[
              t.embargoRecipient,
              t.mediaContactOutlet,
              t.embargoSentAt,
              t.embargoOpenedAt,
              t.embargoOpens,
              ...(props.canEdit ? [t.embargoRevoke] : []),
            ]}
          >
            {props.embargo.recipients.map((r) => (
              <tr>
                <td data-label={t.embargoRecipient}>
                  {r.name ? `${r.name} · ` : ''}
                  {r.email}
                </td>
                <td data-label={t.mediaContactOutlet}>{r.outlet}</td>
                <td data-label={t.embargoSentAt}>
                  {r.sentAt ? formatDateTime(r.sentAt, newsroom.timezone) : '–'}
                </td>
                <td data-label={t.embargoOpenedAt}>
                  {r.openedAt ? formatDateTime(r.openedAt, newsroom.timezone) : '–'}
                </td>
                <td data-label={t.embargoOpens}>{r.opens}</td>
                {props.canEdit ? (
                  <td data-label={t.embargoRevoke}>
                    {r.revokedAt ? (
                      t.embargoRevoked
                    ) : (
                      <RowButton
                        action={`/admin/releases/${props.releaseId}/embargo/revoke`}
                        csrf={props.csrf}
                        label={t.embargoRevoke}
                        subject={r.email}
                        fields={{ email: r.email }}
                      />
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
          {props.canEdit && !props.embargo.revokedAt && !props.moveEarlier ? (
            <form method="post" action={`/admin/releases/${props.releaseId}/embargo/move`}>
              <Csrf token={props.csrf} />
              <h3>{t.embargoMove}</h3>
              <ErrorSummary
                t={t}
                errors={props.move?.error ? { 'move-date': props.move.error } : {}}
              />
              <div class="field-row">
                <Input
                  id="move-date"
                  name="date"
                  type="date"
                  label={t.embargoUntilDate}
                  value={props.move?.date ?? current!.date}
                  error={props.move?.error}
                  required
                />
                <Input
                  id="move-time"
                  name="time"
                  type="time"
                  label={t.embargoUntilTime}
                  value={props.move?.time ?? current!.time}
                  required
                />
              </div>
              <p class="actions">
                <button type="submit" class="secondary">
                  {t.embargoMove}
                </button>
              </p>
            </form>
          ) : null}
          {props.canEdit && !props.embargo.revokedAt ? (
            <form method="post" action={`/admin/releases/${props.releaseId}/embargo/revoke`}>
              <Csrf token={props.csrf} />
              <p class="actions">
                <button type="submit" class="danger">
                  {t.embargoRevokeAll}
                </button>
              </p>
            </form>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
