/**
 * Building blocks of the API's OpenAPI contract, shared by every resource: JSON bodies and
 * responses, numeric path ids, page sizes and cursors — each with the message a client sees
 * when it sends something else.
 */
import { z } from '@hono/zod-openapi'

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
})

/** A positive whole number from a path or query string. */
export const positiveInt = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message })

/** A whole number from 1 to `max` (page sizes). */
export const intUpTo = (max: number, message = `Use a number from 1 to ${max}`) =>
  z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(max, { error: message })

/** A numeric id in the path, e.g. `/releases/{id}`. */
export const pathId = (name: string, message: string, example: number) =>
  positiveInt(message).openapi({ param: { name, in: 'path' }, example })

/** The `{slug}` of the newsroom a resource belongs to, e.g. `/newsrooms/{slug}/contacts`. */
export const NewsroomParam = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'lansi-uusimaa' }),
})

/** `{id}` of a resource in the path, with the message naming the resource (`Give the … id as a number`). */
export const idParam = (resource: string, example: number) =>
  z.object({ id: pathId('id', `Give the ${resource} id as a number`, example) })
