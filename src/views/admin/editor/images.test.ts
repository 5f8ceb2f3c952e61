// @vitest-environment happy-dom
/**
 * Body images in the editor: stored Markdown with an image reads into the editor and back
 * unchanged, and the editor shows a draft's image from the staff address while storing the
 * public one.
 */
import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { BodyImage } from './images.js'
import { htmlToMarkdown, markdownToHtml } from './markdown.js'

describe('images in the editor', () => {
  afterEach(() => document.body.replaceChildren())

  it('round-trips an image between paragraphs and shows it from the staff address', () => {
    document.body.innerHTML =
      '<ul id="attachment-list"><li data-body-image="/files/k1/valtuusto.jpg" data-admin-src="/admin/releases/3/attachments/7/file" data-alt="{&quot;fi&quot;:&quot;Valtuusto&quot;}" data-filename="valtuusto.jpg"></li></ul><div id="surface"></div>'
    const stored = 'Ennen kuvaa.\n\n![Valtuusto salissa](/files/k1/valtuusto.jpg)\n\nKuvan jälkeen.'
    const editor = new Editor({
      element: document.getElementById('surface')!,
      content: markdownToHtml(stored),
      extensions: [StarterKit, BodyImage],
    })
    expect(htmlToMarkdown(editor.getHTML())).toBe(stored)
    const shown = document.querySelector<HTMLImageElement>('#surface img')!
    expect(shown.getAttribute('src')).toBe('/admin/releases/3/attachments/7/file')
    expect(shown.getAttribute('alt')).toBe('Valtuusto salissa')

    editor
      .chain()
      .setTextSelection(1)
      .setImage({ src: '/files/k1/valtuusto.jpg', alt: 'Sali' })
      .run()
    expect(htmlToMarkdown(editor.getHTML())).toContain('![Sali](/files/k1/valtuusto.jpg)')
    editor.destroy()
  })
})
