/**
 * Attachments without leaving the editor: files chosen or dropped (several at once) upload one
 * after another with a progress bar each, and the list of the release's files is replaced by the
 * server's new rendering of it; describing, choosing the lead image and removing (after a
 * confirmation) work the same way. A release without an id is first saved as a draft with what
 * has been typed, and the address becomes the draft's without a reload, so nothing typed is lost.
 * Without this script the same forms post and the page reloads.
 */
import type { EditorLabels } from '../../i18n/admin/index.js'

export interface Draft {
  /** The release's address, saving it as a draft first when it has none; undefined if refused. */
  ensure(): Promise<string | undefined>
  csrf: string
}

interface Answer {
  status: number
  data: { html?: string; message?: string } | null
}

/** A POST that answers JSON, with upload progress (fetch has none, hence XMLHttpRequest). */
export function post(
  url: string,
  body: FormData,
  csrf: string,
  onProgress?: (fraction: number) => void,
): Promise<Answer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('X-CSRF-Token', csrf)
    xhr.responseType = 'json'
    if (onProgress)
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total)
      })
    xhr.addEventListener('load', () =>
      resolve({ status: xhr.status, data: xhr.response as Answer['data'] }),
    )
    xhr.addEventListener('error', () => resolve({ status: 0, data: null }))
    xhr.send(body)
  })
}

export function setupUploads(
  section: HTMLElement,
  uploader: HTMLFormElement,
  draft: Draft,
  labels: EditorLabels,
) {
  const list = section.querySelector<HTMLElement>('#attachment-list')!
  const input = uploader.querySelector<HTMLInputElement>('input[type="file"]')!
  const zone = input.closest<HTMLElement>('.field') ?? uploader
  const status = document.createElement('p')
  status.className = 'upload-status'
  status.setAttribute('role', 'status')
  status.tabIndex = -1
  const queue = document.createElement('ul')
  queue.className = 'upload-queue'
  uploader.append(queue, status)
  // The per-file descriptions are edited after the upload, one file at a time.
  for (const el of Array.from(section.querySelectorAll<HTMLElement>('[data-nojs-only]')))
    el.hidden = true
  uploader.hidden = false
  input.multiple = true
  zone.classList.add('dropzone')
  const hint = document.createElement('p')
  hint.className = 'hint'
  hint.textContent = labels.dropHint
  zone.insertBefore(hint, input)

  const say = (text: string, isError = false) => {
    status.textContent = text
    status.classList.toggle('error', isError)
  }
  const show = (answer: Answer, fallback: string) => {
    if (answer.status >= 200 && answer.status < 300 && answer.data?.html !== undefined) {
      list.innerHTML = answer.data.html
      say(answer.data.message ?? '')
      return true
    }
    say(answer.data?.message ?? fallback, true)
    return false
  }

  async function uploadAll(files: File[]) {
    if (files.length === 0) return
    say(labels.savingDraft)
    const base = await draft.ensure()
    if (!base) return
    say('')
    for (const file of files) {
      const row = document.createElement('li')
      const name = document.createElement('span')
      name.textContent = file.name
      const bar = document.createElement('progress')
      bar.max = 1
      bar.value = 0
      bar.setAttribute('aria-label', `${labels.uploading}: ${file.name}`)
      const state = document.createElement('span')
      state.className = 'meta'
      state.textContent = labels.uploading
      row.append(name, ' ', bar, ' ', state)
      queue.appendChild(row)
      const body = new FormData()
      body.set('_csrf', draft.csrf)
      body.set('file', file)
      const answer = await post(`${base}/attachments`, body, draft.csrf, (f) => (bar.value = f))
      const ok = show(answer, labels.uploadFailed)
      bar.value = ok ? 1 : 0
      state.textContent = ok ? labels.uploadDone : (answer.data?.message ?? labels.uploadFailed)
      row.classList.toggle('error', !ok)
    }
  }

  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? [])
    input.value = ''
    void uploadAll(files)
  })
  uploader.addEventListener('submit', (event) => {
    event.preventDefault()
    input.click()
  })
  zone.addEventListener('dragover', (event) => {
    event.preventDefault()
    zone.classList.add('dragging')
  })
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'))
  zone.addEventListener('drop', (event) => {
    event.preventDefault()
    zone.classList.remove('dragging')
    void uploadAll(Array.from(event.dataTransfer?.files ?? []))
  })

  // Describing a file and choosing the lead image: the list's own forms, posted in place.
  list.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement
    event.preventDefault()
    void post(form.getAttribute('action') ?? '', new FormData(form), draft.csrf).then((answer) => {
      if (show(answer, labels.saveFailed)) status.focus()
    })
  })
  // Removing asks first; the link leads to a confirmation page when this script is not there.
  list.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-confirm]')
    if (!link) return
    event.preventDefault()
    if (!window.confirm(link.dataset.confirm ?? '')) return
    const body = new FormData()
    body.set('_csrf', draft.csrf)
    void post(link.href, body, draft.csrf).then((answer) => {
      if (show(answer, labels.saveFailed)) status.focus()
    })
  })
}
