/**
 * `/api/docs`: a readable reference of the JSON API, rendered on the server from the same
 * OpenAPI document as `/api/v1/openapi.json` — no client-side viewer, nothing from a CDN, so it
 * works under the site's strict Content-Security-Policy and offline installations.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { AppEnv } from '../../../app.js'
import { Layout } from '../../../views/layout.js'
import type { ApiEnv } from '../api-app.js'

type Json = Record<string, unknown>

interface Operation {
  method: string
  path: string
  summary?: string
  description?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean; description?: string }[]
  requestBody?: { content?: Record<string, { schema?: Json }> }
  responses?: Record<string, { description?: string }>
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

function operations(doc: Json): Operation[] {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>
  const out: Operation[] = []
  for (const [path, item] of Object.entries(paths))
    for (const method of METHODS)
      if (item[method]) out.push({ ...(item[method] as object), method, path } as Operation)
  return out
}

/** Top-level fields of a request body schema, following one `$ref` into the components. */
function bodyFields(doc: Json, schema: Json | undefined) {
  const components = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>
  const resolve = (s: Json | undefined) =>
    s && typeof s.$ref === 'string' ? components[s.$ref.split('/').pop()!] : s
  const resolved = resolve(schema)
  const properties = (resolved?.properties ?? {}) as Record<string, Json>
  const required = new Set((resolved?.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => {
    const p = resolve(property) ?? {}
    const type =
      (p.type as string | undefined) ??
      (Array.isArray(p.anyOf)
        ? 'one of several shapes'
        : typeof property.$ref === 'string'
          ? 'object'
          : '')
    return {
      name,
      type: Array.isArray(p.enum) ? (p.enum as string[]).join(' | ') : String(type ?? ''),
      required: required.has(name),
      description: (property.description ?? p.description) as string | undefined,
    }
  })
}

export function createApiDocsPage(api: OpenAPIHono<ApiEnv>) {
  const app = new Hono<AppEnv>()
  app.get('/api/docs', (c) => {
    const doc = api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Tiedote API', version: '1.0.0' },
    }) as unknown as Json
    const ops = operations(doc)
    const tags = [...new Set(ops.map((op) => op.tags?.[0] ?? 'Other'))]
    const base = `${c.var.deps.config.publicUrl}/api/v1`
    c.header('Cache-Control', 'public, max-age=300')
    return c.html(
      <Layout lang="en" title="Tiedote API v1 – reference" description="JSON API reference">
        <h1>Tiedote API v1</h1>
        <p>
          Base address <code>{base}</code>. Send <code>Authorization: Bearer &lt;token&gt;</code>{' '}
          with every request; create a token with{' '}
          <code>npx tiedote token create --name NAME --role editor</code>. Bodies are JSON unless
          noted. Errors look like{' '}
          <code>
            {
              '{"error": {"code": "validation_failed", "message": "…", "fields": {"versions.fi.title": "…"}}}'
            }
          </code>
          .
        </p>
        <p>
          Machine-readable contract: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.
        </p>
        {tags.map((tag) => (
          <section aria-labelledby={`tag-${tag}`}>
            <h2 id={`tag-${tag}`}>{tag}</h2>
            {ops
              .filter((op) => (op.tags?.[0] ?? 'Other') === tag)
              .map((op) => {
                const content = op.requestBody?.content ?? {}
                const [mediaType, body] = Object.entries(content)[0] ?? []
                const fields = bodyFields(doc, body?.schema)
                return (
                  <details>
                    <summary>
                      <code>
                        {op.method.toUpperCase()} {op.path}
                      </code>{' '}
                      {op.summary}
                    </summary>
                    {op.description ? <p>{op.description}</p> : null}
                    {op.parameters?.length ? (
                      <>
                        <h3>Parameters</h3>
                        <ul>
                          {op.parameters.map((p) => (
                            <li>
                              <code>{p.name}</code> ({p.in}
                              {p.required ? ', required' : ''})
                              {p.description ? `: ${p.description}` : ''}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    {fields.length ? (
                      <>
                        <h3>Body ({mediaType})</h3>
                        <ul>
                          {fields.map((f) => (
                            <li>
                              <code>{f.name}</code> {f.type ? `(${f.type})` : ''}
                              {f.required ? ' required' : ''}
                              {f.description ? `: ${f.description}` : ''}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    <h3>Responses</h3>
                    <ul>
                      {Object.entries(op.responses ?? {}).map(([code, r]) => (
                        <li>
                          <code>{code}</code> {r.description}
                        </li>
                      ))}
                    </ul>
                  </details>
                )
              })}
          </section>
        ))}
      </Layout>,
    )
  })
  return app
}
