/**
 * Form pieces shared by the subscribe form and the preference centre: ordered language
 * choice, type and keyword checkboxes, the honeypot, and error messages tied to their fields
 * (aria-invalid + aria-describedby, and a summary linking to each field).
 */
import type { Child } from 'hono/jsx'
import { SUBSCRIBER_FREQUENCIES } from '../../core/types.js'
import type { ReleaseType, SubscriberFrequency } from '../../core/types.js'
import { RELEASE_TYPES } from '../../core/release/views.js'
import { LANGS, LANG_NAMES } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import type { SubscriptionStrings } from '../i18n/subscriptions/index.js'

export type FieldErrors = Record<string, string>

/** Localised message for a field's error code, falling back to the code itself. */
export function errorText(t: SubscriptionStrings, field: string, code: string): string {
  return t.errors[field]?.[code] ?? code
}

export const fieldId = (prefix: string, field: string) => `${prefix}-${field}`

export function ErrorSummary(props: {
  t: SubscriptionStrings
  prefix: string
  errors: FieldErrors
}) {
  const entries = Object.entries(props.errors)
  if (entries.length === 0) return null
  return (
    <div class="notice error" role="alert" aria-labelledby={`${props.prefix}-errors-heading`}>
      <h2 id={`${props.prefix}-errors-heading`}>{props.t.errorSummary}</h2>
      <ul>
        {entries.map(([field, code]) => (
          <li>
            <a href={`#${fieldId(props.prefix, field)}`}>{errorText(props.t, field, code)}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function FieldError(props: {
  t: SubscriptionStrings
  prefix: string
  field: string
  errors: FieldErrors
}) {
  const code = props.errors[props.field]
  if (!code) return null
  return (
    <p class="field-error" id={`${fieldId(props.prefix, props.field)}-error`}>
      {errorText(props.t, props.field, code)}
    </p>
  )
}

const describedBy = (prefix: string, field: string, errors: FieldErrors, hint = true) =>
  [
    errors[field] ? `${fieldId(prefix, field)}-error` : '',
    hint ? `${fieldId(prefix, field)}-hint` : '',
  ]
    .filter(Boolean)
    .join(' ') || undefined

export function EmailField(props: {
  t: SubscriptionStrings
  prefix: string
  value: string
  errors: FieldErrors
}) {
  const id = fieldId(props.prefix, 'email')
  return (
    <div class="field">
      <label for={id}>{props.t.emailLabel}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.t.emailHint}
      </p>
      <FieldError t={props.t} prefix={props.prefix} field="email" errors={props.errors} />
      <input
        id={id}
        type="email"
        name="email"
        autocomplete="email"
        required
        maxlength={254}
        value={props.value}
        aria-invalid={props.errors.email ? 'true' : undefined}
        aria-describedby={describedBy(props.prefix, 'email', props.errors)}
      />
    </div>
  )
}

/** Three selects named `languages`: the form posts them in order of preference. */
export function LanguageChoice(props: {
  t: SubscriptionStrings
  prefix: string
  selected: Lang[]
  errors: FieldErrors
}) {
  const id = fieldId(props.prefix, 'languages')
  return (
    <fieldset
      id={id}
      tabindex={-1}
      aria-describedby={describedBy(props.prefix, 'languages', props.errors)}
    >
      <legend>{props.t.languagesLegend}</legend>
      <p class="hint" id={`${id}-hint`}>
        {props.t.languagesHint}
      </p>
      <FieldError t={props.t} prefix={props.prefix} field="languages" errors={props.errors} />
      {props.t.languageChoice.map((label, index) => {
        const selectId = `${id}-${index + 1}`
        const current: string = props.selected[index] ?? ''
        return (
          <div class="field">
            <label for={selectId}>{label}</label>
            <select
              id={selectId}
              name="languages"
              required={index === 0}
              aria-invalid={props.errors.languages ? 'true' : undefined}
            >
              {index > 0 ? (
                <option value="" selected={current === ''}>
                  {props.t.noLanguage}
                </option>
              ) : null}
              {LANGS.map((lang) => (
                <option value={lang} lang={lang} selected={current === lang}>
                  {LANG_NAMES[lang]}
                </option>
              ))}
            </select>
          </div>
        )
      })}
    </fieldset>
  )
}

export function CheckboxGroup(props: {
  t: SubscriptionStrings
  prefix: string
  field: string
  legend: string
  hint?: string
  options: { value: string; label: string }[]
  selected: string[]
  errors: FieldErrors
  /** Radio buttons: one of the options. */
  single?: boolean
}) {
  if (props.options.length === 0) return null
  const id = fieldId(props.prefix, props.field)
  return (
    <fieldset
      id={id}
      tabindex={-1}
      class="checks"
      aria-describedby={describedBy(props.prefix, props.field, props.errors, Boolean(props.hint))}
    >
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError t={props.t} prefix={props.prefix} field={props.field} errors={props.errors} />
      {props.options.map((option, index) => (
        <label for={`${id}-${index}`}>
          <input
            id={`${id}-${index}`}
            type={props.single ? 'radio' : 'checkbox'}
            name={props.field}
            value={option.value}
            checked={props.selected.includes(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  )
}

export function typeOptions(t: SubscriptionStrings, types: readonly ReleaseType[]) {
  return types.map((type) => ({ value: type, label: t.typeNames[type] }))
}

/** What a subscriber follows: release types and keywords (none chosen in a group: all). */
export function TopicChoice(props: {
  t: SubscriptionStrings
  prefix: string
  /** The newsroom's keywords. */
  keywords: { slug: string; label: string }[]
  selected: { types: ReleaseType[]; keywords: string[]; frequency?: SubscriberFrequency }
  errors: FieldErrors
}) {
  const { t, prefix, errors } = props
  const keywordOptions = props.keywords.map((k) => ({ value: k.slug, label: k.label }))
  // A chosen keyword no longer in the list stays visible so that it can be unchosen.
  for (const slug of props.selected.keywords) {
    if (!keywordOptions.some((o) => o.value === slug))
      keywordOptions.push({ value: slug, label: slug })
  }
  return (
    <>
      <CheckboxGroup
        t={t}
        prefix={prefix}
        field="types"
        legend={t.typesLegend}
        hint={t.typesHint}
        options={typeOptions(t, RELEASE_TYPES)}
        selected={props.selected.types}
        errors={errors}
      />
      <CheckboxGroup
        t={t}
        prefix={prefix}
        field="keywords"
        legend={t.keywordsLegend}
        hint={t.keywordsHint}
        options={keywordOptions}
        selected={props.selected.keywords}
        errors={errors}
      />
      <CheckboxGroup
        t={t}
        prefix={prefix}
        field="frequency"
        legend={t.frequencyLegend}
        options={SUBSCRIBER_FREQUENCIES.map((f) => ({ value: f, label: t.frequencyNames[f] }))}
        selected={[props.selected.frequency ?? 'immediate']}
        errors={errors}
        single
      />
    </>
  )
}

/** Bots fill every field; people never see this one. Filled in: accepted, nothing done. */
export function Honeypot(props: { t: SubscriptionStrings; prefix: string }) {
  const id = fieldId(props.prefix, 'website')
  return (
    <div class="hp" aria-hidden="true">
      <label for={id}>{props.t.honeypotLabel}</label>
      <input id={id} type="text" name="website" tabindex={-1} autocomplete="off" value="" />
    </div>
  )
}

export function ConsentNotice(props: { t: SubscriptionStrings; prefix: string }) {
  return (
    <section aria-labelledby={`${props.prefix}-consent-heading`}>
      <h2 id={`${props.prefix}-consent-heading`}>{props.t.consentHeading}</h2>
      <p>{props.t.consentText}</p>
    </section>
  )
}

export function Notice(props: { kind?: 'ok' | 'error'; children?: Child }) {
  return (
    <div class={props.kind ? `notice ${props.kind}` : 'notice'} role="status">
      {props.children}
    </div>
  )
}
