/**
 * Email templates from files: templates/email/<kind>.<lang>.{subject,txt,html}.hbs, rendered with
 * Handlebars (HTML-escaping by default; the HTML body of a release is passed as a SafeString
 * because it is already sanitised). `layout.html.hbs` wraps every HTML body.
 * Templates are compiled once per process and cached.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Handlebars from 'handlebars'
import type { Lang } from '../core/types.js'
import { APP_ROOT } from '../paths.js'

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

export interface TemplateRenderer {
  render(kind: string, lang: Lang, data: Record<string, unknown>): RenderedEmail
  /**
   * Compiles every template now (Handlebars compiles on first use, ~30 ms per language), so
   * that the first email of a release does not wait for it and a broken template stops the
   * worker at start rather than failing its first send. Returns how many were compiled.
   */
  compileAll(): number
}

export const DEFAULT_TEMPLATE_DIR = join(APP_ROOT, 'templates', 'email')

/** A template that cannot be compiled; the message names the file and says why, on one line. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

/** Marks already-sanitised HTML so Handlebars does not escape it. */
export const trustedHtml = (html: string) => new Handlebars.SafeString(html)

export function createTemplateRenderer(dir: string = DEFAULT_TEMPLATE_DIR): TemplateRenderer {
  const hbs = Handlebars.create()
  const cache = new Map<string, Handlebars.TemplateDelegate>()
  // Plain-text templates must not HTML-escape: they are compiled with noEscape. (Never change
  // `Utils.escapeExpression` for that: every Handlebars instance shares that object, so it
  // switched escaping off in the HTML templates too.)
  const text = Handlebars.create()

  const load = (engine: typeof Handlebars, file: string) => {
    const key = `${engine === text ? 't' : 'h'}:${file}`
    let template = cache.get(key)
    if (!template) {
      const path = join(dir, file)
      if (!existsSync(path)) throw new Error(`email template missing: templates/email/${file}`)
      template = engine.compile(readFileSync(path, 'utf8'), {
        strict: false,
        noEscape: engine === text,
      })
      cache.set(key, template)
    }
    return template
  }

  return {
    compileAll() {
      const files = readdirSync(dir).filter((file) => file.endsWith('.hbs'))
      for (const file of files) {
        const plain = file.endsWith('.subject.hbs') || file.endsWith('.txt.hbs')
        try {
          load(plain ? text : hbs, file)({})
        } catch (error) {
          const reason = (error as Error).message.replace(/\s*\n\s*/g, ' ')
          throw new TemplateError(`Email template templates/email/${file} is broken: ${reason}`)
        }
      }
      return files.length
    },
    render(kind, lang, data) {
      const subject = load(
        text,
        `${kind}.${lang}.subject.hbs`,
      )(data)
        .trim()
        .replace(/[\r\n]+/g, ' ')
      const body = load(text, `${kind}.${lang}.txt.hbs`)(data)
      const htmlBody = load(hbs, `${kind}.${lang}.html.hbs`)(data)
      const layout = existsSync(join(dir, 'layout.html.hbs'))
        ? load(
            hbs,
            'layout.html.hbs',
          )({ ...data, lang, subject, body: new Handlebars.SafeString(htmlBody) })
        : htmlBody
      return { subject, text: body, html: layout }
    },
  }
}
