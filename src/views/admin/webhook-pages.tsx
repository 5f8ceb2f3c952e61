/**
 * Staff pages of webhooks (administrators): the list with each hook's state (a hook disabled
 * after five days of failed calls is announced at the top), a form to add one, the page that
 * shows a new secret once, and a hook's page to change, rotate or delete it with its call log.
 */
import type { WebhookDeliveryView, WebhookView } from '../../core/webhooks/hooks.js'
import { WEBHOOK_EVENTS } from '../../core/webhooks/events.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import { Csrf, DataTable, ErrorSummary, Input } from './components.js'

export interface WebhookFormValues {
  url: string
  description: string
  events: string[]
  includeAddresses: boolean
  enabled: boolean
}

export const emptyWebhookForm: WebhookFormValues = {
  url: '',
  description: '',
  events: ['release.published'],
  includeAddresses: false,
  enabled: true,
}

interface Base {
  t: AdminStrings
  csrf: string
  /** Formats a stored time for the staff member. */
  time: (iso: string) => string
}

function WebhookFields(props: {
  t: AdminStrings
  values: WebhookFormValues
  errors: Record<string, string>
  withEnabled?: boolean
}) {
  const { t, values, errors } = props
  return (
    <>
      <Input
        id="wh-url"
        name="url"
        type="url"
        label={t.webhookUrl}
        hint={t.webhookUrlHint}
        value={values.url}
        error={errors['wh-url']}
        required
      />
      <Input
        id="wh-description"
        name="description"
        label={t.webhookDescription}
        value={values.description}
        error={errors['wh-description']}
      />
      <fieldset
        id="wh-events"
        aria-describedby={errors['wh-events'] ? 'wh-events-error' : undefined}
      >
        <legend>{t.webhookEvents}</legend>
        {errors['wh-events'] ? (
          <p class="field-error" id="wh-events-error">
            {errors['wh-events']}
          </p>
        ) : null}
        <div class="checks">
          {WEBHOOK_EVENTS.map((event) => (
            <label>
              <input
                type="checkbox"
                name="events"
                value={event}
                checked={values.events.includes(event)}
              />{' '}
              <span>
                {t.webhookEventLabels[event]} <code>{event}</code>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field checks">
        <label>
          <input
            type="checkbox"
            name="includeAddresses"
            value="1"
            checked={values.includeAddresses}
          />{' '}
          {t.webhookIncludeAddresses}
        </label>
        {props.withEnabled ? (
          <label>
            <input type="checkbox" name="enabled" value="1" checked={values.enabled} />{' '}
            {t.webhookEnabled}
          </label>
        ) : null}
      </div>
    </>
  )
}

function HookState(props: { t: AdminStrings; hook: WebhookView; time: (iso: string) => string }) {
  const { t, hook } = props
  if (hook.disabledAt)
    return (
      <span class="badge status-withdrawn">{t.webhookDisabled(props.time(hook.disabledAt))}</span>
    )
  if (hook.failingSince)
    return (
      <span class="badge status-scheduled">{t.webhookFailing(props.time(hook.failingSince))}</span>
    )
  return <span class="badge status-published">{t.webhookActive}</span>
}

export function WebhooksPage(
  props: Base & {
    hooks: WebhookView[]
    values: WebhookFormValues
    errors: Record<string, string>
  },
) {
  const { t } = props
  const disabled = props.hooks.filter((hook) => hook.disabledAt && hook.failingSince).length
  return (
    <>
      <h1>{t.webhooksTitle}</h1>
      <p class="lead">{t.webhooksIntro}</p>
      {disabled > 0 ? (
        <div class="notice error" role="alert">
          <p>{t.webhooksDisabledNotice(disabled)}</p>
        </div>
      ) : null}
      {props.hooks.length === 0 ? (
        <p>{t.webhooksEmpty}</p>
      ) : (
        <DataTable
          label={t.webhooksTitle}
          stack
          columns={[t.webhookUrl, t.webhookEvents, t.webhookStatus, '']}
        >
          {props.hooks.map((hook) => (
            <tr>
              <td data-label={t.webhookUrl}>
                <span class="break">{hook.url}</span>
                {hook.description ? <div class="hint">{hook.description}</div> : null}
              </td>
              <td data-label={t.webhookEvents}>
                {hook.events.map((event) => t.webhookEventLabels[event]).join(', ')}
              </td>
              <td data-label={t.webhookStatus}>
                <HookState t={t} hook={hook} time={props.time} />
              </td>
              <td>
                <a href={`/admin/webhooks/${hook.id}`}>
                  {t.webhookEdit}
                  <span class="visually-hidden"> {hook.url}</span>
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="add-webhook">
        <h2 id="add-webhook">{t.webhookAdd}</h2>
        <ErrorSummary t={t} errors={props.errors} />
        <form method="post" action="/admin/webhooks">
          <Csrf token={props.csrf} />
          <WebhookFields t={t} values={props.values} errors={props.errors} />
          <p class="actions">
            <button type="submit">{t.webhookAdd}</button>
          </p>
        </form>
      </section>
    </>
  )
}

/** Shown once, after creating a hook or rotating its secret; the admin pages are no-store. */
export function WebhookSecretPage(props: { t: AdminStrings; hook: WebhookView; secret: string }) {
  const { t } = props
  return (
    <>
      <h1>{t.webhookSecretTitle}</h1>
      <p class="break">{props.hook.url}</p>
      <div class="notice ok" role="status">
        <p>{t.webhookSecretShown}</p>
        <p>
          <code class="break" id="webhook-secret">
            {props.secret}
          </code>
        </p>
      </div>
      <p>
        <a href={`/admin/webhooks/${props.hook.id}`}>{t.webhookDeliveries}</a> ·{' '}
        <a href="/admin/webhooks">{t.webhookBackToList}</a>
      </p>
    </>
  )
}

export function WebhookEditPage(
  props: Base & {
    hook: WebhookView
    values: WebhookFormValues
    errors: Record<string, string>
    deliveries: WebhookDeliveryView[]
  },
) {
  const { t, hook } = props
  const base = `/admin/webhooks/${hook.id}`
  return (
    <>
      <p>
        <a href="/admin/webhooks">{t.webhookBackToList}</a>
      </p>
      <h1 class="break">{hook.url}</h1>
      <p>
        <HookState t={t} hook={hook} time={props.time} />
      </p>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action={base}>
        <Csrf token={props.csrf} />
        <WebhookFields t={t} values={props.values} errors={props.errors} withEnabled />
        <p class="actions">
          <button type="submit">{t.webhookSave}</button>
        </p>
      </form>
      <section aria-labelledby="rotate-secret">
        <h2 id="rotate-secret">{t.webhookRotate}</h2>
        <p>{t.webhookRotateHint}</p>
        {hook.previousSecretUntil ? (
          <p>{t.webhookOldSecretUntil(props.time(hook.previousSecretUntil))}</p>
        ) : null}
        <form method="post" action={`${base}/rotate`}>
          <Csrf token={props.csrf} />
          <button type="submit">{t.webhookRotate}</button>
        </form>
      </section>
      <section aria-labelledby="deliveries">
        <h2 id="deliveries">{t.webhookDeliveries}</h2>
        {props.deliveries.length === 0 ? (
          <p>{t.webhookDeliveriesEmpty}</p>
        ) : (
          <DataTable
            label={t.webhookDeliveries}
            stack
            columns={[
              t.webhookAttemptAt,
              t.webhookEvent,
              t.webhookAttempt,
              t.webhookAnswer,
              t.webhookDuration,
            ]}
          >
            {props.deliveries.map((d) => (
              <tr>
                <td data-label={t.webhookAttemptAt}>{props.time(d.at)}</td>
                <td data-label={t.webhookEvent}>
                  <code>{d.event}</code>
                  <div class="hint">
                    <code>{d.messageId}</code>
                  </div>
                </td>
                <td data-label={t.webhookAttempt}>{d.attempt}</td>
                <td data-label={t.webhookAnswer}>
                  {d.statusCode ?? t.webhookNoAnswer}
                  {d.error && d.statusCode === null ? <div class="hint">{d.error}</div> : null}
                </td>
                <td data-label={t.webhookDuration}>{`${d.durationMs} ms`}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="delete-webhook">
        <h2 id="delete-webhook">{t.webhookDelete}</h2>
        <form method="post" action={`${base}/delete`}>
          <Csrf token={props.csrf} />
          <button type="submit" class="danger">
            {t.webhookDelete}
          </button>
        </form>
      </section>
    </>
  )
}
