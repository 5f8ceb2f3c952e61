/** Small building blocks shared by the staff pages: form controls, badges, tables. */
import type { Child } from 'hono/jsx'
import type { ReleaseStatus } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin.js'

/** The hidden CSRF field every admin form carries. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

function Help(props: { id: string; hint?: Child; error?: string }) {
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

export function TextArea(props: {
  id: string
  name: string
  label: string
  value?: string
  error?: string
  hint?: Child
  rows?: number
  lang?: string
  class?: string
  required?: boolean
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <Help id={props.id} hint={props.hint} error={props.error} />
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 4}
        lang={props.lang}
        class={props.class}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint ? 'x' : undefined, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  )
}

/** A text-like input with optional lang (for content in another language than the UI). */
export function Input(props: {
  id: string
  name: string
  label: string
  type?: string
  value?: string
  error?: string
  hint?: Child
  required?: boolean
  lang?: string
  autocomplete?: string
  class?: string
}) {
  return (
    <div class={`field ${props.class ?? ''}`.trim()}>
      <label for={props.id}>{props.label}</label>
      <Help id={props.id} hint={props.hint} error={props.error} />
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        lang={props.lang}
        autocomplete={props.autocomplete}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint ? 'x' : undefined, props.error)}
      />
    </div>
  )
}

export function Select(props: {
  id: string
  name: string
  label: string
  options: { value: string; label: string }[]
  value?: string
  error?: string
  hint?: Child
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <Help id={props.id} hint={props.hint} error={props.error} />
      <select
        id={props.id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint ? 'x' : undefined, props.error)}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
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
 * the rows come as children.
 */
export function DataTable(props: { label: string; columns: Child[]; children: Child }) {
  return (
    <TableWrap label={props.label}>
      <table>
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

/** `{n}`-style placeholders in translated strings. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}
