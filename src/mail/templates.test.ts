import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATE_DIR, TemplateError, createTemplateRenderer } from './templates.js'

describe('email templates', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const dirWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'tiedote-templates-'))
    dirs.push(dir)
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    return dir
  }

  it('compiles every shipped template up front', () => {
    const shipped = readdirSync(DEFAULT_TEMPLATE_DIR).filter((file) => file.endsWith('.hbs'))
    expect(createTemplateRenderer().compileAll()).toBe(shipped.length)
  })

  it('names a broken template and the reason on one line', () => {
    const dir = dirWith({
      'confirm.fi.subject.hbs': 'Vahvista tilaus',
      'confirm.fi.html.hbs': '<p>{{#if name}}Hei {{name}}</p>',
    })
    const compile = () => createTemplateRenderer(dir).compileAll()
    expect(compile).toThrow(TemplateError)
    expect(compile).toThrow(
      /^Email template templates\/email\/confirm\.fi\.html\.hbs is broken: [^\n]+$/,
    )
  })
})
