/**
 * The release editor's script, bundled into /admin/assets/editor.js at build time (see
 * `scripts/editor-bundle.ts`): rich-text bodies, uploads without a reload, and a warning before
 * leaving with unsaved changes. Every part enhances a page that works without it.
 */
import type { EditorLabels } from '../../i18n/admin/index.js'
import { enhanceTextarea } from './rich-text.js'
import type { Draft } from './uploads.js'
import { post, setupUploads } from './uploads.js'

/** Warns before leaving while the form has changes that no save has sent. */
function trackChanges(form: HTMLFormElement) {
  let dirty = false
  const mark = () => (dirty = true)
  form.addEventListener('input', mark)
  form.addEventListener('change', mark)
  form.addEventListener('submit', () => (dirty = false))
  window.addEventListener('beforeunload', (event) => {
    if (!dirty) return
    event.preventDefault()
    event.returnValue = '' // older browsers need it set to show the question
  })
  return { saved: () => (dirty = false) }
}

/** The release's address; a new release is saved as a draft first, without reloading. */
function draftOf(form: HTMLFormElement, labels: EditorLabels, saved: () => void): Draft {
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? ''
  let address = form.dataset.releasePath || undefined
  return {
    csrf,
    async ensure() {
      if (address) return address
      const body = new FormData(form)
      body.set('action', 'save')
      // getAttribute: the form's buttons are named "action", which form.action would return.
      const answer = await post(form.getAttribute('action') ?? '', body, csrf)
      const path = (answer.data as { path?: string } | null)?.path
      const status = document.querySelector<HTMLElement>('.upload-status')
      if (answer.status !== 201 || !path) {
        if (status) {
          status.textContent = answer.data?.message ?? labels.saveFailed
          status.classList.add('error')
        }
        return undefined
      }
      address = path
      window.history.replaceState(null, '', path)
      form.setAttribute('action', path)
      form.dataset.releasePath = path
      form.dataset.previewUrl = `${path}/preview`
      for (const button of Array.from(form.querySelectorAll('[formaction]')))
        button.setAttribute('formaction', `${path}/preview`)
      saved()
      return path
    },
  }
}

function start() {
  const form = document.getElementById('release-form') as HTMLFormElement | null
  if (!form || form.querySelector('fieldset:disabled')) return
  const labels = JSON.parse(form.dataset.editorLabels ?? '{}') as EditorLabels
  for (const textarea of Array.from(form.querySelectorAll<HTMLTextAreaElement>('textarea.body-md')))
    enhanceTextarea(textarea, labels)
  const changes = trackChanges(form)
  const section = document.getElementById('attachments')
  const uploader = document.getElementById('attachment-form') as HTMLFormElement | null
  if (section && uploader)
    setupUploads(section, uploader, draftOf(form, labels, changes.saved), labels)
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
else start()
