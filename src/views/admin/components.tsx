/** Small building blocks shared by the staff pages: form controls, badges, tables. */
import type { Child } from 'hono/jsx'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { Lang, ReleaseStatus } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'

/** The hidden CSRF field every admin form carries. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />
}

interface FieldProps {
  id: string
  name: string
  label: string
  error?: string
  hint?: Child
}

/** A field's hint and error, each with the id its control (or fieldset) refers to. */
function FieldNotes(props: { id: string; hint?: Child; error?: string }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </>
  )
}

/** The ids of a field's hint and error, for `aria-describedby`. */
const describedBy = (props: { id: string; hint?: Child; error?: string }) =>
  [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ') || undefined

/**
 * The frame every form control shares: label, hint and error, with the control tied to both
 * through aria-describedby so screen readers read them with it.
 */
function FieldFrame(props: FieldProps & { class?: string; children: Child }) {
  return (
    <div class={`field ${props.class ?? ''}`.trim()}>
      <label for={props.id}>{props.label}</label>
      <FieldNotes id={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  )
}

/** id, name and the ARIA wiring of a control inside a FieldFrame. */
const controlAttributes = (props: FieldProps) => ({
  id: props.id,
  name: props.name,
  'aria-invalid': props.error ? ('true' as const) : undefined,
  'aria-describedby': describedBy(props),
})

/**
 * A fieldset of checkboxes with its legend, hint and error, tied to the fieldset as a field's
 * are to its control; `children` follow the boxes (e.g. a button that acts on them).
 */
export function Checks(props: {
  id: string
  name: string
  legend: string
  hint?: Child
  error?: string
  options: { value: string; label: Child }[]
  checked: string[]
  children?: Child
}) {
  return (
    <fieldset class="field checks" id={props.id} aria-describedby={describedBy(props)}>
      <legend>{props.legend}</legend>
      <FieldNotes id={props.id} hint={props.hint} error={props.error} />
      {props.options.map((option) => (
        <label>
          <input
            type="checkbox"
            name={props.name}
            value={option.value}
            checked={props.checked.includes(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
      {props.children}
    </fieldset>
  )
}

export function TextArea(
  props: FieldProps & {
    value?: string
    rows?: number
    lang?: string
    class?: string
    required?: boolean
  },
) {
  return (
    <FieldFrame {...props} class={undefined}>
      <textarea
        {...controlAttributes(props)}
        rows={props.rows ?? 4}
        lang={props.lang}
        class={props.class}
        required={props.required}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  )
}

/** A text-like input with optional lang (for content in another language than the UI). */
export function Input(
  props: FieldProps & {
    type?: string
    value?: string
    required?: boolean
    lang?: string
    autocomplete?: string
    class?: string
    /** The id of a <datalist> of suggestions. */
    list?: string
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        {...controlAttributes(props)}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        lang={props.lang}
        autocomplete={props.autocomplete}
        list={props.list}
      />
    </FieldFrame>
  )
}

export function Select(
  props: FieldProps & { options: { value: string; label: string }[]; value?: string },
) {
  return (
    <FieldFrame {...props}>
      <select {...controlAttributes(props)}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

export function StatusBadge(props: { t: AdminStrings; status: ReleaseStatus }) {
  return <span class={`badge status-${props.status}`}>{props.t.statuses[props.status]}</span>
}

/** Tables scroll sideways inside their own box on a phone instead of widening the page. */
export function TableWrap(props: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  )
}

/**
 * A staff data table: a scrollable, labelled region with one header row of column names;
 * the rows come as children. With `stack`, a phone shows each row as a card of "column: value"
 * lines instead of scrolling sideways (cells then carry `data-label` with their column name).
 */
export function DataTable(props: {
  label: string
  columns: Child[]
  stack?: boolean
  children: Child
}) {
  return (
    <TableWrap label={props.label}>
      <table class={props.stack ? 'stack' : undefined}>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableWrap>
  )
}

/** A list of problems at the top of a form, linking to each field. */
export function ErrorSummary(props: { t: AdminStrings; errors: Record<string, string> }) {
  const entries = Object.entries(props.errors)
  if (entries.length === 0) return null
  return (
    <div class="notice error" role="alert" id="error-summary">
      <p>{props.t.fixErrors}</p>
      <ul>
        {entries.map(([id, message]) => (
          <li>
            <a href={`#${id}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Chooses which of the staff member's newsrooms a page shows (only when they have several). */
export function NewsroomSwitcher(props: {
  t: AdminStrings
  lang: Lang
  action: string
  newsroom: NewsroomView
  newsrooms: NewsroomView[]
}) {
  const { t } = props
  if (props.newsrooms.length < 2) return null
  return (
    <form method="get" action={props.action} class="toolbar">
      <Select
        id="newsroom"
        name="newsroom"
        label={t.keywordsNewsroom}
        value={String(props.newsroom.id)}
        options={props.newsrooms.map((n) => ({
          value: String(n.id),
          label: newsroomName(n, props.lang),
        }))}
      />
      <button type="submit" class="secondary">
        {t.keywordsShow}
      </button>
    </form>
  )
}

/**
 * One text input per language of the newsroom, side by side on a wide screen: field ids
 * `{prefix}-{lang}`, names `{prefix}.{lang}`, each marked with the language of its text.
 */
export function PerLanguageInputs(props: {
  t: AdminStrings
  prefix: string
  languages: Lang[]
  label: (language: string) => string
  values: Partial<Record<Lang, string>>
  errors: Record<string, string>
}) {
  return (
    <div class="field-row">
      {props.languages.map((lang) => (
        <Input
          id={`${props.prefix}-${lang}`}
          name={`${props.prefix}.${lang}`}
          label={props.label(props.t.languageNames[lang])}
          lang={lang}
          value={props.values[lang]}
          error={props.errors[`${props.prefix}-${lang}`]}
        />
      ))}
    </div>
  )
}

/** A one-button form in a table row (remove, revoke); the button names the row's subject. */
export function RowButton(props: {
  action: string
  csrf: string
  label: string
  subject: string
  fields?: Record<string, string>
}) {
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="secondary" aria-label={`${props.label}: ${props.subject}`}>
        {props.label}
      </button>
    </form>
  )
}
