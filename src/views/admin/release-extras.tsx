/**
 * Parts of the release pages around the editor form: attachments, corrections, and the
 * confirmation steps for publishing, withdrawing and deleting.
 */
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { AttachmentView, ReleaseView } from '../../core/release/views.js'
import type { PublicationPreview } from '../../core/release/publishing.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import type { Lang } from '../i18n/index.js'
import { Checks, Csrf, ErrorSummary, Input, TextArea } from './components.js'
import { releaseTitle } from './release-lists.js'
import { Countdown } from './release-lists.js'
import { formatDateTime } from '../format-time.js'

/** Staff see a release's files through the admin (drafts are not public yet). */
export const adminFilePath = (releaseId: number, attachmentId: number) =>
  `/admin/releases/${releaseId}/attachments/${attachmentId}/file`

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`

interface AttachmentProps {
  t: AdminStrings
  lang: Lang
  csrf: string
  languages: Lang[]
  canEdit: boolean
}

/** One file's description form (alternative text and caption per language, credit). */
function DescribeForm(props: AttachmentProps & { release: ReleaseView; a: AttachmentView }) {
  const { t, release, a } = props
  const id = (field: string) => `attachment-${a.id}-${field}`
  return (
    <details class="describe">
      <summary>
        {t.describeAttachment}
        <span class="visually-hidden">: {a.filename}</span>
      </summary>
      <form method="post" action={`/admin/releases/${release.id}/attachments/${a.id}`}>
        <Csrf token={props.csrf} />
        {props.languages.map((l) => (
          <div class="contact-new">
            {a.kind === 'image' ? (
              <Input
                id={id(`alt-${l}`)}
                name={`alt.${l}`}
                label={`${t.altText} (${t.languageNames[l]})`}
                lang={l}
                value={a.alt[l] ?? ''}
              />
            ) : null}
            <Input
              id={id(`caption-${l}`)}
              name={`caption.${l}`}
              label={`${t.caption} (${t.languageNames[l]})`}
              lang={l}
              value={a.caption[l] ?? ''}
            />
          </div>
        ))}
        <Input id={id('credit')} name="credit" label={t.credit} value={a.credit ?? ''} />
        <button type="submit" class="secondary">
          {t.saveDescription}
        </button>
      </form>
    </details>
  )
}

/**
 * The release's files with their descriptions and actions. The editor's script replaces it with
 * the server's new rendering after each upload or change, so it is one component for both.
 */
export function AttachmentList(props: AttachmentProps & { release: ReleaseView }) {
  const { t, release } = props
  return (
    <>
      {release.attachments.length === 0 ? <p>{t.noAttachments}</p> : null}
      {release.attachments.some((a) => a.kind === 'image') ? (
        <p class="hint">{t.leadImageHint}</p>
      ) : null}
      <ul class="attachment-list">
        {release.attachments.map((a) => {
          const altLang = props.languages.find((l) => a.alt[l]) ?? props.languages[0]
          const isLead = a.kind === 'image' && release.leadImage?.id === a.id
          // The editor's image button offers the release's images: the address stored in the
          // body (the public one), the one the editor shows it from, and the alternative texts.
          const bodyImage =
            a.kind === 'image'
              ? {
                  'data-body-image': a.path,
                  'data-admin-src': adminFilePath(release.id, a.id),
                  'data-alt': JSON.stringify(a.alt),
                  'data-filename': a.filename,
                }
              : {}
          return (
            <li {...bodyImage}>
              {a.kind === 'image' ? (
                <img
                  src={adminFilePath(release.id, a.id)}
                  alt={a.alt[altLang] ?? ''}
                  lang={altLang}
                />
              ) : null}
              <div class="details">
                <p>
                  <a href={adminFilePath(release.id, a.id)}>{a.filename}</a>{' '}
                  <span class="meta">({sizeText(a.size)})</span>
                </p>
                <dl class="headers">
                  {(
                    [
                      [a.alt, t.altText],
                      [a.caption, t.caption],
                    ] as const
                  ).map(([texts, name]) =>
                    props.languages.map((l) =>
                      texts[l] ? (
                        <>
                          <dt>
                            {name} ({t.languageNames[l]})
                          </dt>
                          <dd lang={l}>{texts[l]}</dd>
                        </>
                      ) : null,
                    ),
                  )}
                  {a.credit ? (
                    <>
                      <dt>{t.credit}</dt>
                      <dd>{a.credit}</dd>
                    </>
                  ) : null}
                </dl>
                {props.canEdit ? <DescribeForm {...props} a={a} /> : null}
              </div>
              {isLead ? <p class="badge">{t.leadImage}</p> : null}
              {props.canEdit && a.kind === 'image' ? (
                <form method="post" action={`/admin/releases/${release.id}/lead-image`}>
                  <Csrf token={props.csrf} />
                  <input type="hidden" name="attachment" value={isLead ? '' : String(a.id)} />
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={`${isLead ? t.noLeadImage : t.makeLeadImage}: ${a.filename}`}
                  >
                    {isLead ? t.noLeadImage : t.makeLeadImage}
                  </button>
                </form>
              ) : null}
              {props.canEdit ? (
                <a
                  class="button secondary"
                  href={`/admin/releases/${release.id}/attachments/${a.id}/remove`}
                  data-confirm={t.removeAttachmentConfirm(a.filename)}
                  aria-label={`${t.remove}: ${a.filename}`}
                >
                  {t.remove}
                </a>
              ) : null}
            </li>
          )
        })}
      </ul>
    </>
  )
}

/**
 * Files of the release and the upload form. A new release has no files yet: without script the
 * page says to save first; the editor's script shows the form and saves a draft on the first
 * upload.
 */
export function AttachmentsSection(
  props: Omit<AttachmentProps, 'canEdit'> & {
    release?: ReleaseView
    canEdit: boolean
    errors: Record<string, string>
  },
) {
  const { t, release, errors } = props
  return (
    <section aria-labelledby="attachments-h" id="attachments">
      <h2 id="attachments-h">{t.attachments}</h2>
      {!release ? (
        <p class="hint" data-nojs-only>
          {t.attachmentsSaveFirst}
        </p>
      ) : null}
      <div id="attachment-list">
        {release ? <AttachmentList {...props} release={release} /> : null}
      </div>
      {props.canEdit ? (
        <form
          method="post"
          action={release ? `/admin/releases/${release.id}/attachments` : undefined}
          enctype="multipart/form-data"
          id="attachment-form"
          hidden={!release}
        >
          <Csrf token={props.csrf} />
          <h3>{t.addAttachment}</h3>
          <ErrorSummary t={t} errors={errors} />
          <div class="field">
            <label for="attachment-file">{t.file}</label>
            <p class="hint" id="attachment-file-hint">
              {t.fileHint}
            </p>
            {errors['attachment-file'] ? (
              <p class="field-error" id="attachment-file-error">
                {errors['attachment-file']}
              </p>
            ) : null}
            <input
              type="file"
              id="attachment-file"
              name="file"
              aria-invalid={errors['attachment-file'] ? 'true' : undefined}
              aria-describedby={`attachment-file-hint${errors['attachment-file'] ? ' attachment-file-error' : ''}`}
            />
          </div>
          <div data-nojs-only>
            {props.languages.map((l) => (
              <div class="contact-new">
                <Input
                  id={`attachment-alt-${l}`}
                  name={`alt.${l}`}
                  label={`${t.altText} (${t.languageNames[l]})`}
                  hint={t.altHint}
                  lang={l}
                  error={errors[`attachment-alt-${l}`]}
                />
                <Input
                  id={`attachment-caption-${l}`}
                  name={`caption.${l}`}
                  label={`${t.caption} (${t.languageNames[l]})`}
                  lang={l}
                  error={errors[`attachment-caption-${l}`]}
                />
              </div>
            ))}
            <Input
              id="attachment-credit"
              name="credit"
              label={t.credit}
              error={errors['attachment-credit']}
            />
            <button type="submit">{t.upload}</button>
          </div>
        </form>
      ) : null}
    </section>
  )
}

export function CorrectionsSection(props: {
  t: AdminStrings
  csrf: string
  release: ReleaseView
  newsroom: NewsroomView
  canPublish: boolean
  error?: string
}) {
  const { t, release, newsroom } = props
  return (
    <section aria-labelledby="corrections-h">
      <h2 id="corrections-h">{t.corrections}</h2>
      {release.corrections.length ? (
        <ul class="release-list">
          {release.corrections.map((c) => (
            <li>
              <strong>{formatDateTime(c.createdAt, newsroom.timezone)}</strong>
              {release.languages.map((l) =>
                c.note[l] ? (
                  <p lang={l}>
                    <span class="meta">{t.languageNames[l]}:</span> {c.note[l]}
                  </p>
                ) : null,
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {props.canPublish && release.status === 'published' ? (
        <form method="post" action={`/admin/releases/${release.id}/corrections`}>
          <Csrf token={props.csrf} />
          <h3>{t.addCorrection}</h3>
          {props.error ? (
            <p class="field-error" id="correction-error" role="alert">
              {props.error}
            </p>
          ) : null}
          {release.languages.map((l) => (
            <TextArea
              id={`correction-${l}`}
              name={`note.${l}`}
              label={`${t.correctionNote} (${t.languageNames[l]})`}
              lang={l}
              rows={3}
            />
          ))}
          {release.notify ? (
            <div class="field checks">
              <label>
                <input type="checkbox" name="notify" value="1" /> {t.correctionNotify}
              </label>
            </div>
          ) : null}
          <button type="submit">{t.addCorrection}</button>
        </form>
      ) : null}
    </section>
  )
}

/** Links to the destructive actions, each behind its own confirmation page. */
export function DangerLinks(props: { t: AdminStrings; release: ReleaseView; canPublish: boolean }) {
  const { t, release } = props
  const links = []
  if (release.status === 'published' && props.canPublish)
    links.push({ href: `/admin/releases/${release.id}/withdraw`, label: t.withdraw })
  // Journalists first: the release to media lists with personal links before it is public.
  if ((release.status === 'draft' || release.status === 'scheduled') && props.canPublish)
    links.push({ href: `/admin/releases/${release.id}/embargo`, label: t.embargoLink })
  if (release.status === 'draft' || release.status === 'scheduled')
    links.push({ href: `/admin/releases/${release.id}/delete`, label: t.deleteDraft })
  if (links.length === 0) return null
  return (
    <p class="actions">
      {links.map((link) => (
        <a href={link.href}>{link.label}</a>
      ))}
    </p>
  )
}

export function ConfirmPublishPage(props: {
  t: AdminStrings
  lang: Lang
  csrf: string
  now: Date
  release: ReleaseView
  newsroom: NewsroomView
  at?: Date
  /** The newsroom's media lists, those chosen, and who would be emailed (null: not emailed). */
  preview: PublicationPreview
  error?: string
}) {
  const { t, release, newsroom, at } = props
  const { lists, chosen, audience } = props.preview
  const missing = newsroom.languages.filter((l) => !release.versions[l])
  const title = releaseTitle(release, props.lang, t.untitled)
  return (
    <>
      <h1>{at ? t.confirmScheduleTitle : t.confirmPublishTitle}</h1>
      {props.error ? (
        <div class="notice error" role="alert">
          {props.error}
        </div>
      ) : null}
      <p>
        <strong>{title}</strong>
      </p>
      <p>
        {at ? (
          <>
            {t.scheduledFor} <strong>{formatDateTime(at, newsroom.timezone)}</strong> (
            <Countdown at={at.toISOString()} now={props.now} lang={props.lang} />)
          </>
        ) : (
          t.publishImmediately
        )}
      </p>
      <AudienceNotice
        t={t}
        audience={audience ? audience.total : null}
        journalists={audience?.journalists}
      />
      {missing.length ? (
        <div class="notice error">
          <p>
            <strong>{t.missingVersions}</strong> {missing.map((l) => t.languageNames[l]).join(', ')}
          </p>
          <p class="hint">{t.missingVersionsHint}</p>
        </div>
      ) : null}
      <form method="post" action={`/admin/releases/${release.id}/publish`}>
        <Csrf token={props.csrf} />
        {at ? <input type="hidden" name="at" value={at.toISOString()} /> : null}
        {audience ? (
          <>
            <input type="hidden" name="listsShown" value="1" />
            <Checks
              id="lists"
              name="list"
              legend={t.publishListsLegend}
              hint={
                lists.length === 0 ? (
                  <>
                    {t.publishListsNone} <a href="/admin/media-lists">{t.publishListsManage}</a>
                  </>
                ) : (
                  t.publishListsHint
                )
              }
              options={lists.map((list) => ({
                value: String(list.id),
                label: `${list.name} (${t.publishListCount(list.contacts)})`,
              }))}
              checked={chosen.map(String)}
            >
              {lists.length > 0 ? (
                <p>
                  <button type="submit" name="intent" value="count" class="secondary">
                    {t.publishRecount}
                  </button>
                </p>
              ) : null}
            </Checks>
          </>
        ) : lists.length > 0 ? (
          <p class="hint">{t.publishListsEmailOff}</p>
        ) : null}
        <p class="actions">
          <button type="submit" name="intent" value="publish">
            {at ? t.confirmSchedule : t.confirmPublish}
          </button>
          <a href={`/admin/releases/${release.id}`}>{t.backToEditor}</a>
        </p>
      </form>
    </>
  )
}

/**
 * How many an email would reach: shared by publish and correction confirmations. `journalists`:
 * how many of `audience` come from media lists (publication only).
 */
function AudienceNotice(props: { t: AdminStrings; audience: number | null; journalists?: number }) {
  const { t } = props
  return (
    <div class="notice" id="audience">
      <p>
        <strong>
          {props.audience === null
            ? t.notifyOff
            : props.journalists
              ? t.publishRecipients(props.audience, props.journalists)
              : props.audience === 0
                ? t.audienceNone
                : t.audienceCount(props.audience)}
        </strong>
      </p>
      {props.audience ? <p class="hint">{t.audienceHint}</p> : null}
    </div>
  )
}

/**
 * The step between "add a correction with a notice" and the email going out: the note as typed,
 * the recipient count (the same audience rule as publishing), and a button that posts it again
 * with `confirm=1`.
 */
export function ConfirmCorrectionPage(props: {
  t: AdminStrings
  lang: Lang
  csrf: string
  release: ReleaseView
  note: Record<string, string>
  audience: number | null
}) {
  const { t, release } = props
  return (
    <>
      <h1>{t.correctionConfirmTitle}</h1>
      <p>
        <strong>{releaseTitle(release, props.lang, t.untitled)}</strong>
      </p>
      <p>{t.correctionConfirmText}</p>
      <dl>
        {Object.entries(props.note).map(([l, value]) => (
          <>
            <dt>{t.languageNames[l as Lang]}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <AudienceNotice t={t} audience={props.audience} />
      <form method="post" action={`/admin/releases/${release.id}/corrections`} class="actions">
        <Csrf token={props.csrf} />
        {Object.entries(props.note).map(([l, value]) => (
          <input type="hidden" name={`note.${l}`} value={value} />
        ))}
        <input type="hidden" name="notify" value="1" />
        <input type="hidden" name="confirm" value="1" />
        <button type="submit">{t.correctionConfirmSend}</button>
        <a href={`/admin/releases/${release.id}#corrections-h`}>{t.backToEditor}</a>
      </form>
    </>
  )
}

export function ConfirmActionPage(props: {
  t: AdminStrings
  csrf: string
  title: string
  text: string
  action: string
  button: string
  backHref: string
  reasonLabel?: string
}) {
  const { t } = props
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      <form method="post" action={props.action}>
        <Csrf token={props.csrf} />
        {props.reasonLabel ? (
          <TextArea id="reason" name="reason" label={props.reasonLabel} rows={3} />
        ) : null}
        <div class="actions">
          <button type="submit" class="danger">
            {props.button}
          </button>
          <a href={props.backHref}>{t.cancel}</a>
        </div>
      </form>
    </>
  )
}
