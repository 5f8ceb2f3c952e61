/**
 * A release body's textarea becomes a rich-text editor (Tiptap, on ProseMirror): a toolbar of
 * real buttons with words in the staff member's language, and the text as it will read. The
 * textarea stays in the form, hidden, and gets the Markdown back on every change (with an
 * `input` event, so the live preview and the unsaved-changes warning notice), so the form posts
 * what it always posted; without this script the textarea is the editor.
 */
import { Editor } from '@tiptap/core'
import type { ChainedCommands } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import type { EditorLabels } from '../../i18n/admin/index.js'
import { htmlToMarkdown, markdownToHtml } from './markdown.js'
import { askImage, BodyImage } from './images.js'
import { cleanPastedHtml } from './paste.js'

interface Tool {
  label: keyof EditorLabels
  run: (chain: ChainedCommands, editor: Editor) => ChainedCommands | undefined
  /** Whether the button shows as pressed (a toggle); absent for plain actions. */
  active?: (editor: Editor) => boolean
}

const SAFE_LINK = /^(https?:|mailto:|tel:)/i

function askLink(editor: Editor, labels: EditorLabels, chain: ChainedCommands) {
  const current = (editor.getAttributes('link').href as string | undefined) ?? 'https://'
  const answer = window.prompt(labels.linkPrompt, current)
  if (answer === null) return undefined
  const href = answer.trim()
  if (!href || href === 'https://') return chain.extendMarkRange('link').unsetLink()
  const safe = SAFE_LINK.test(href) ? href : `https://${href.replace(/^\/+/, '')}`
  return chain.extendMarkRange('link').setLink({ href: safe })
}

const TOOLS: Tool[] = [
  {
    label: 'heading',
    run: (c) => c.toggleHeading({ level: 2 }),
    active: (e) => e.isActive('heading', { level: 2 }),
  },
  {
    label: 'subheading',
    run: (c) => c.toggleHeading({ level: 3 }),
    active: (e) => e.isActive('heading', { level: 3 }),
  },
  { label: 'bold', run: (c) => c.toggleBold(), active: (e) => e.isActive('bold') },
  { label: 'italic', run: (c) => c.toggleItalic(), active: (e) => e.isActive('italic') },
  {
    label: 'bulletList',
    run: (c) => c.toggleBulletList(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    label: 'orderedList',
    run: (c) => c.toggleOrderedList(),
    active: (e) => e.isActive('orderedList'),
  },
  { label: 'quote', run: (c) => c.toggleBlockquote(), active: (e) => e.isActive('blockquote') },
  { label: 'link', run: () => undefined, active: (e) => e.isActive('link') },
  { label: 'image', run: () => undefined, active: (e) => e.isActive('image') },
  { label: 'table', run: (c) => c.insertTable({ rows: 3, cols: 2, withHeaderRow: true }) },
  { label: 'undo', run: (c) => c.undo() },
  { label: 'redo', run: (c) => c.redo() },
]

/** Arrow keys move along the toolbar; Tab leaves it (one stop, as the ARIA toolbar pattern). */
function rovingFocus(toolbar: HTMLElement, buttons: HTMLButtonElement[]) {
  buttons.forEach((button, index) => (button.tabIndex = index === 0 ? 0 : -1))
  toolbar.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % buttons.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + buttons.length) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : -1
    if (next < 0) return
    event.preventDefault()
    buttons[index]!.tabIndex = -1
    buttons[next]!.tabIndex = 0
    buttons[next]!.focus()
  })
}

export function enhanceTextarea(textarea: HTMLTextAreaElement, labels: EditorLabels): Editor {
  const label = document.querySelector<HTMLLabelElement>(`label[for="${textarea.id}"]`)
  if (label && !label.id) label.id = `${textarea.id}-label`
  const wrapper = document.createElement('div')
  wrapper.className = 'rich-editor'
  const toolbar = document.createElement('div')
  toolbar.className = 'rich-toolbar'
  toolbar.setAttribute('role', 'toolbar')
  toolbar.setAttribute('aria-label', `${labels.toolbar}: ${label?.textContent ?? ''}`.trim())
  toolbar.setAttribute('aria-controls', `${textarea.id}-rich`)
  const surface = document.createElement('div')
  wrapper.append(toolbar, surface)
  textarea.after(wrapper)
  textarea.hidden = true
  // The hint told how to write Markdown; now it tells what the toolbar and pasting do.
  const hint = document.getElementById(`${textarea.id}-hint`)
  if (hint) hint.textContent = labels.hint

  const attributes: Record<string, string> = {
    id: `${textarea.id}-rich`,
    class: 'rich-text',
    role: 'textbox',
    'aria-multiline': 'true',
    spellcheck: 'true',
  }
  if (label) attributes['aria-labelledby'] = label.id
  for (const name of ['aria-describedby', 'aria-invalid', 'lang']) {
    const value = textarea.getAttribute(name)
    if (value) attributes[name] = value
  }

  const editor: Editor = new Editor({
    element: surface,
    injectCSS: false, // the stylesheet is admin.css: the page's policy allows no inline style
    content: markdownToHtml(textarea.value),
    extensions: [
      StarterKit.configure({
        underline: false, // Markdown has no underline
        link: { openOnClick: false, autolink: true, HTMLAttributes: { target: null, rel: null } },
      }),
      TableKit.configure({ table: { resizable: false } }),
      BodyImage,
    ],
    editorProps: {
      attributes,
      transformPastedHTML: (html) => cleanPastedHtml(html),
    },
    onUpdate: () => {
      textarea.value = htmlToMarkdown(editor.getHTML())
      textarea.dispatchEvent(new Event('input', { bubbles: true }))
    },
  })

  const buttons = TOOLS.map((tool) => {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'secondary'
    button.textContent = labels[tool.label]
    button.dataset.tool = tool.label
    if (tool.active) button.setAttribute('aria-pressed', 'false')
    // Keep the text selection: a mouse press on a button would otherwise take the focus first.
    button.addEventListener('mousedown', (event) => event.preventDefault())
    button.addEventListener('click', () => {
      const chain = editor.chain().focus()
      if (tool.label === 'image') {
        askImage(editor, labels, textarea.getAttribute('lang') ?? '', textarea.id)
        return
      }
      const ready = tool.label === 'link' ? askLink(editor, labels, chain) : tool.run(chain, editor)
      ready?.run()
    })
    toolbar.appendChild(button)
    return { button, tool }
  })
  rovingFocus(
    toolbar,
    buttons.map((b) => b.button),
  )
  const refresh = () => {
    for (const { button, tool } of buttons) {
      if (tool.active) button.setAttribute('aria-pressed', String(tool.active(editor)))
    }
  }
  editor.on('transaction', refresh)
  refresh()
  // The label names the editor now: a click on it goes to the text.
  label?.addEventListener('click', (event) => {
    event.preventDefault()
    editor.commands.focus()
  })
  return editor
}
