/**
 * Images in a release body, chosen from the release's own uploaded images. The body stores the
 * image's public address (`![alt](/files/{key}/{name})`), which the server's sanitiser accepts
 * only for the release's images; a draft's files are not public yet, so the editor shows each
 * image from the staff address the attachment list gives, without changing what is stored.
 */
import type { Editor } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import type { EditorLabels } from '../../i18n/admin/index.js'

export interface ReleaseImage {
  /** The address stored in the body. */
  src: string
  /** Where the staff page can show it from (drafts included). */
  adminSrc: string
  filename: string
  alt: Record<string, string>
}

/** The release's images as the attachment list shows them now (uploads replace the list). */
export function releaseImages(): ReleaseImage[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-body-image]')).map((el) => ({
    src: el.dataset.bodyImage ?? '',
    adminSrc: el.dataset.adminSrc ?? '',
    filename: el.dataset.filename ?? '',
    alt: JSON.parse(el.dataset.alt ?? '{}') as Record<string, string>,
  }))
}

/** The image node: stored with its public address, shown from the staff one. */
export const BodyImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img')
      const show = (src: string, alt: string) => {
        const known = releaseImages().find((image) => image.src === src)
        img.src = known?.adminSrc ?? src
        img.alt = alt
      }
      show(String(node.attrs.src ?? ''), String(node.attrs.alt ?? ''))
      return {
        dom: img,
        update: (updated) => {
          if (updated.type !== node.type) return false
          show(String(updated.attrs.src ?? ''), String(updated.attrs.alt ?? ''))
          return true
        },
      }
    }
  },
})

/**
 * The image button's dialog: the release's images as a choice with thumbnails, and the
 * alternative text in the body's language (the image's own, editable; required). With an image
 * selected in the text, the dialog edits that image's alternative text.
 */
export function askImage(editor: Editor, labels: EditorLabels, lang: string, idBase: string) {
  const images = releaseImages()
  const selected = editor.isActive('image')
    ? (editor.getAttributes('image') as { src?: string; alt?: string })
    : undefined
  const n = idBase
  const dialog = document.createElement('dialog')
  dialog.className = 'image-dialog'
  dialog.setAttribute('aria-labelledby', `image-dialog-${n}-h`)
  const heading = document.createElement('h2')
  heading.id = `image-dialog-${n}-h`
  heading.textContent = labels.imageTitle
  const form = document.createElement('form')
  form.method = 'dialog'
  form.noValidate = true
  dialog.append(heading, form)

  const buttons = document.createElement('div')
  buttons.className = 'actions'
  const cancel = document.createElement('button')
  cancel.type = 'button'
  cancel.className = 'secondary'
  cancel.textContent = labels.imageCancel
  cancel.addEventListener('click', () => dialog.close())

  if (images.length === 0) {
    const note = document.createElement('p')
    note.textContent = labels.imageNone
    buttons.append(cancel)
    form.append(note, buttons)
  } else {
    const choice = document.createElement('fieldset')
    choice.className = 'image-choice'
    const legend = document.createElement('legend')
    legend.textContent = labels.imageChoose
    choice.append(legend)
    const alt = document.createElement('input')
    const radios = images.map((image, i) => {
      const label = document.createElement('label')
      const radio = document.createElement('input')
      radio.type = 'radio'
      radio.name = 'image'
      radio.value = image.src
      radio.checked = selected ? selected.src === image.src : i === 0
      const thumb = document.createElement('img')
      thumb.src = image.adminSrc
      thumb.alt = ''
      const name = document.createElement('span')
      name.textContent = image.filename
      label.append(radio, thumb, name)
      radio.addEventListener('change', () => {
        if (radio.checked) alt.value = image.alt[lang] ?? ''
      })
      choice.append(label)
      return radio
    })
    const altField = document.createElement('div')
    altField.className = 'field'
    const altLabel = document.createElement('label')
    altLabel.htmlFor = `image-dialog-${n}-alt`
    altLabel.textContent = labels.imageAlt
    const hint = document.createElement('p')
    hint.className = 'hint'
    hint.id = `image-dialog-${n}-alt-hint`
    hint.textContent = labels.imageAltHint
    const error = document.createElement('p')
    error.className = 'field-error'
    error.id = `image-dialog-${n}-alt-error`
    error.hidden = true
    alt.type = 'text'
    alt.id = altLabel.htmlFor
    alt.lang = lang
    alt.required = true
    alt.maxLength = 500
    alt.setAttribute('aria-describedby', hint.id)
    const chosen = images.find((image) => image.src === selected?.src) ?? images[0]!
    alt.value = selected?.alt ?? chosen.alt[lang] ?? ''
    altField.append(altLabel, hint, error, alt)

    const insert = document.createElement('button')
    insert.type = 'submit'
    insert.textContent = selected ? labels.imageUpdate : labels.imageInsert
    buttons.append(insert, cancel)
    form.append(choice, altField, buttons)
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const src = radios.find((r) => r.checked)?.value
      const text = alt.value.trim()
      if (!text) {
        error.textContent = labels.imageAltRequired
        error.hidden = false
        alt.setAttribute('aria-invalid', 'true')
        alt.setAttribute('aria-describedby', `${hint.id} ${error.id}`)
        alt.focus()
        return
      }
      if (!src) return
      dialog.close()
      editor.chain().focus().setImage({ src, alt: text }).run()
    })
  }
  dialog.addEventListener('close', () => {
    dialog.remove()
    if (!editor.isFocused) editor.commands.focus()
  })
  document.body.append(dialog)
  dialog.showModal()
}
