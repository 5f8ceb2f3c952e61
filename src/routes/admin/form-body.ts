/** Reading urlencoded and multipart admin forms (parsed once, with repeated fields kept). */
import type { Context } from 'hono'

export type FormBody = Record<string, string | File | (string | File)[]>

export async function readForm(c: Context): Promise<FormBody> {
  // Same options as the CSRF check, which already parsed (and cached) the body.
  return (await c.req.parseBody({ all: true })) as FormBody
}

/** The first text value of a field, or ''. */
export function text(body: FormBody, key: string): string {
  const value = body[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/** Every text value of a repeated field (checkboxes). */
export function texts(body: FormBody, key: string): string[] {
  const value = body[key]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
}

export function file(body: FormBody, key: string): File | undefined {
  const value = body[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'object' && first !== null && first.size > 0 ? first : undefined
}

/** A positive integer route parameter, or undefined. */
export function idParam(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,12}$/.test(value)) return undefined
  const id = Number(value)
  return id > 0 ? id : undefined
}
