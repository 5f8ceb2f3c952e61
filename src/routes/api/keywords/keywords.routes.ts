/** OpenAPI contract of a newsroom's keyword terms: list, create, change, delete, merge. */
import { z } from '@hono/zod-openapi'
import { apiRoutes, ErrorSchema } from '../api-app.js'
import { NewsroomParam, json, jsonBody } from '../openapi.js'

const { lookup } = apiRoutes('Keywords', 'No such newsroom or keyword')

const LabelsSchema = z
  .record(z.string(), z.string({ error: 'Give each label as text' }).nullable())
  .openapi({
    description: 'A label per language of the newsroom; in a change, null removes one',
    example: { fi: 'terveysasemat', sv: 'hälsostationer' },
  })

export const KeywordTermSchema = z
  .object({
    slug: z.string().openapi({ example: 'terveysasemat' }),
    labels: z.record(z.string(), z.string()).openapi({
      example: { fi: 'terveysasemat', sv: 'hälsostationer' },
    }),
    missing: z.array(z.string()).openapi({
      description: 'Languages of the newsroom without a label (shown in its first language)',
      example: [],
    }),
    releases: z.number().int().openapi({ description: 'Releases carrying the term' }),
  })
  .openapi('KeywordTerm')

const KeywordInputSchema = z
  .object({
    labels: LabelsSchema,
    slug: z
      .string({ error: 'Give the slug as text' })
      .optional()
      .openapi({ description: 'Made from the label in the newsroom’s first language if left out' }),
  })
  .openapi('KeywordInput')

const KeywordPatchSchema = z
  .object({ labels: LabelsSchema.optional(), slug: z.string().optional() })
  .openapi('KeywordPatch')

const MergeSchema = z
  .object({
    into: z.string({ error: 'Name the keyword to keep' }).openapi({ example: 'sote-palvelut' }),
  })
  .openapi('KeywordMerge')

const TermParams = NewsroomParam.extend({
  keyword: z.string().openapi({
    param: { name: 'keyword', in: 'path' },
    description: 'The slug, or a label in any language',
    example: 'terveysasemat',
  }),
})

export const listKeywordsRoute = lookup({
  method: 'get',
  path: '/newsrooms/{slug}/keywords',
  summary: 'List a newsroom’s keyword terms',
  request: { params: NewsroomParam },
  responses: {
    200: json(z.object({ items: z.array(KeywordTermSchema) }), 'The terms'),
  },
})

export const createKeywordRoute = lookup({
  method: 'post',
  path: '/newsrooms/{slug}/keywords',
  summary: 'Add a keyword term with a label per language (editor)',
  request: { params: NewsroomParam, body: jsonBody(KeywordInputSchema) },
  responses: {
    201: json(KeywordTermSchema, 'The term'),
    409: json(ErrorSchema, 'A label already names another term, or the slug is taken'),
  },
})

export const updateKeywordRoute = lookup({
  method: 'patch',
  path: '/newsrooms/{slug}/keywords/{keyword}',
  summary: 'Change a term’s labels (merged per language) or slug (editor)',
  request: { params: TermParams, body: jsonBody(KeywordPatchSchema) },
  responses: {
    200: json(KeywordTermSchema, 'The term'),
    409: json(ErrorSchema, 'A label already names another term, or the slug is taken'),
  },
})

export const deleteKeywordRoute = lookup({
  method: 'delete',
  path: '/newsrooms/{slug}/keywords/{keyword}',
  summary: 'Delete a term: releases lose it, its followers follow every keyword (editor)',
  request: { params: TermParams },
  responses: { 204: { description: 'Deleted' } },
})

export const mergeKeywordRoute = lookup({
  method: 'post',
  path: '/newsrooms/{slug}/keywords/{keyword}/merge',
  summary: 'Merge this term into another: its releases and followers move there (editor)',
  request: { params: TermParams, body: jsonBody(MergeSchema) },
  responses: { 200: json(KeywordTermSchema, 'The term kept') },
})
