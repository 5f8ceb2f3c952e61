/**
 * Admin: a newsroom's keyword terms (`/admin/keywords?newsroom=`). Every staff member of the
 * newsroom sees them; editors and administrators add, rename, merge and delete.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { can } from '../../core/auth/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js'
import {
  createKeywordTerm,
  deleteKeywordTerm,
  listKeywordTerms,
  mergeKeywordTerms,
  updateKeywordTerm,
} from '../../core/keywords/terms.js'
import type { KeywordTerm } from '../../core/keywords/terms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import type { AdminStrings } from '../../views/i18n/admin/index.js'
import { KeywordEditPage, KeywordsPage } from '../../views/admin/keyword-pages.js'
import { contentDeps } from '../../wiring/content.js'
import { adminPage } from './admin-page.js'
import type { AdminEnv } from './admin-session.js'
import { chosenNewsroom } from './dashboard.routes.js'
import { readForm, text } from './form-body.js'

type C = Context<AdminEnv>

const labelsFrom = (body: Awaited<ReturnType<typeof readForm>>, newsroom: NewsroomView) =>
  Object.fromEntries(newsroom.languages.map((lang) => [lang, text(body, `label.${lang}`).trim()]))

/** The core's refusal as messages by form field, in the staff member's language. */
function fieldErrors(error: ValidationError | ConflictError, t: AdminStrings, first: Lang) {
  const out: Record<string, string> = {}
  for (const path of Object.keys(error.fields)) {
    const code = error.fieldCodes[path]
    if (path.startsWith('labels.')) {
      const id = `label-${path.slice('labels.'.length)}`
      out[id] =
        error instanceof ConflictError
          ? t.keywordLabelTaken
          : code === 'too_long'
            ? t.tooLong
            : t.keywordLabelRequired
    } else if (path === 'slug') out.slug = code === 'slug_taken' ? t.slugTaken : t.slugHint
    else out[`label-${first}`] = t.keywordLabelRequired
  }
  return out
}

export function createKeywordRoutes() {
  const router = new Hono<AdminEnv>()

  const listPage = async (
    c: C,
    options: { values?: Partial<Record<Lang, string>>; errors?: Record<string, string> } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    const { newsroom, all } = await chosenNewsroom(c)
    const terms = await listKeywordTerms(contentDeps(c.var.deps), session.actor, newsroom.id)
    return c.html(
      adminPage(
        c,
        { title: t.keywordsTitle, current: '/admin/keywords' },
        <KeywordsPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          newsrooms={all}
          canEdit={can(session.actor, 'release.publish', newsroom.id)}
          terms={terms}
          values={options.values ?? {}}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  const editPage = async (
    c: C,
    term: KeywordTerm,
    terms: KeywordTerm[],
    newsroom: NewsroomView,
    options: {
      values?: { labels: Partial<Record<Lang, string>>; slug: string }
      errors?: Record<string, string>
    } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const { t, lang, session } = c.var
    return c.html(
      adminPage(
        c,
        { title: t.keywordsTitle, current: '/admin/keywords' },
        <KeywordEditPage
          t={t}
          lang={lang}
          csrf={session.csrfToken}
          newsroom={newsroom}
          canEdit
          term={term}
          others={terms.filter((other) => other.slug !== term.slug)}
          values={options.values ?? { labels: term.labels, slug: term.slug }}
          errors={options.errors ?? {}}
        />,
      ),
      status,
    )
  }

  /** The term of the path among the newsroom's, for its edit page and actions. */
  const termOf = async (c: C) => {
    const { newsroom } = await chosenNewsroom(c)
    const terms = await listKeywordTerms(contentDeps(c.var.deps), c.var.session.actor, newsroom.id)
    const term = terms.find((candidate) => candidate.slug === c.req.param('slug'))
    if (!term) throw new NotFoundError()
    return { newsroom, terms, term }
  }
  const back = (newsroom: NewsroomView, ok: string) =>
    `/admin/keywords?newsroom=${newsroom.id}&ok=${ok}`

  router.get('/keywords', (c) => listPage(c))

  router.post('/keywords', async (c) => {
    const { newsroom } = await chosenNewsroom(c)
    const labels = labelsFrom(await readForm(c), newsroom)
    try {
      await createKeywordTerm(contentDeps(c.var.deps), c.var.session.actor, newsroom.id, {
        labels,
      })
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      return listPage(
        c,
        { values: labels, errors: fieldErrors(error, c.var.t, newsroom.languages[0]) },
        error instanceof ConflictError ? 409 : 422,
      )
    }
    return c.redirect(back(newsroom, 'keywordAdded'), 303)
  })

  router.get('/keywords/:slug', async (c) => {
    const { newsroom, terms, term } = await termOf(c)
    if (!can(c.var.session.actor, 'release.publish', newsroom.id)) return listPage(c)
    return editPage(c, term, terms, newsroom)
  })

  router.post('/keywords/:slug', async (c) => {
    const { newsroom, terms, term } = await termOf(c)
    const body = await readForm(c)
    const labels = labelsFrom(body, newsroom)
    const slug = text(body, 'slug').trim()
    try {
      await updateKeywordTerm(
        contentDeps(c.var.deps),
        c.var.session.actor,
        newsroom.id,
        term.slug,
        {
          labels: Object.fromEntries(
            Object.entries(labels).map(([lang, label]) => [lang, label || null]),
          ),
          slug: slug || undefined,
        },
      )
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      return editPage(
        c,
        term,
        terms,
        newsroom,
        { values: { labels, slug }, errors: fieldErrors(error, c.var.t, newsroom.languages[0]) },
        error instanceof ConflictError ? 409 : 422,
      )
    }
    return c.redirect(back(newsroom, 'keywordSaved'), 303)
  })

  router.post('/keywords/:slug/merge', async (c) => {
    const { newsroom, term } = await termOf(c)
    const into = text(await readForm(c), 'into')
    await mergeKeywordTerms(
      contentDeps(c.var.deps),
      c.var.session.actor,
      newsroom.id,
      term.slug,
      into,
    )
    return c.redirect(back(newsroom, 'keywordMerged'), 303)
  })

  router.post('/keywords/:slug/delete', async (c) => {
    const { newsroom, term } = await termOf(c)
    await deleteKeywordTerm(contentDeps(c.var.deps), c.var.session.actor, newsroom.id, term.slug)
    return c.redirect(back(newsroom, 'keywordDeleted'), 303)
  })

  return router
}
