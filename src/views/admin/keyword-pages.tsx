/**
 * Staff pages of a newsroom's keyword terms: the list with each term's name in every language
 * (a missing translation flagged), a form to add one, and a page to rename, merge or delete one.
 */
import type { KeywordTerm } from '../../core/keywords/terms.js'
import { labelIn } from '../../core/keywords/terms.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../../core/types.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import {
  Csrf,
  DataTable,
  ErrorSummary,
  Input,
  NewsroomSwitcher,
  PerLanguageInputs,
  Select,
} from './components.js'

interface KeywordPageBase {
  t: AdminStrings
  lang: Lang
  csrf: string
  newsroom: NewsroomView
  /** Whether the staff member may change terms (editors and administrators). */
  canEdit: boolean
}

/** The label inputs of a term, one per newsroom language, in the newsroom's order. */
function LabelInputs(props: {
  t: AdminStrings
  newsroom: NewsroomView
  values: Partial<Record<Lang, string>>
  errors: Record<string, string>
}) {
  return (
    <PerLanguageInputs
      t={props.t}
      prefix="label"
      languages={props.newsroom.languages}
      label={props.t.keywordLabelIn}
      values={props.values}
      errors={props.errors}
    />
  )
}

export function KeywordsPage(
  props: KeywordPageBase & {
    newsrooms: NewsroomView[]
    terms: KeywordTerm[]
    values: Partial<Record<Lang, string>>
    errors: Record<string, string>
  },
) {
  const { t, lang, newsroom } = props
  const base = `/admin/keywords?newsroom=${newsroom.id}`
  const missing = props.terms.filter((term) => term.missing.length > 0).length
  return (
    <>
      <h1>{t.keywordsTitle}</h1>
      <p class="lead">{t.keywordsIntro}</p>
      <NewsroomSwitcher
        t={t}
        lang={lang}
        action="/admin/keywords"
        newsroom={newsroom}
        newsrooms={props.newsrooms}
      />
      {props.canEdit ? (
        <section aria-labelledby="add-keyword">
          <h2 id="add-keyword">{t.keywordAdd}</h2>
          <ErrorSummary t={t} errors={props.errors} />
          <form method="post" action={base}>
            <Csrf token={props.csrf} />
            <LabelInputs t={t} newsroom={newsroom} values={props.values} errors={props.errors} />
            <p class="actions">
              <button type="submit">{t.keywordAdd}</button>
            </p>
          </form>
        </section>
      ) : null}
      <h2 id="keyword-list">
        {newsroomName(newsroom, lang)}
        {missing > 0 ? <span class="badge warn">{t.keywordMissingCount(missing)}</span> : null}
      </h2>
      {props.terms.length === 0 ? (
        <p>{t.keywordsNone}</p>
      ) : (
        <DataTable
          stack
          label={t.keywordsTitle}
          columns={[
            ...newsroom.languages.map((l) => t.languageNames[l]),
            t.keywordSlug,
            t.keywordReleases,
            ...(props.canEdit ? [<span class="visually-hidden">{t.keywordEdit}</span>] : []),
          ]}
        >
          {props.terms.map((term) => (
            <tr>
              {newsroom.languages.map((l) =>
                term.labels[l] ? (
                  <td lang={l} data-label={t.languageNames[l]}>
                    {term.labels[l]}
                  </td>
                ) : (
                  <td data-label={t.languageNames[l]}>
                    <span class="badge warn">{t.keywordMissing}</span>
                  </td>
                ),
              )}
              <td data-label={t.keywordSlug}>
                <code>{term.slug}</code>
              </td>
              <td class="num" data-label={t.keywordReleases}>
                {term.releases}
              </td>
              {props.canEdit ? (
                <td data-label="">
                  <a
                    href={`/admin/keywords/${encodeURIComponent(term.slug)}?newsroom=${newsroom.id}`}
                  >
                    {t.keywordEdit}
                    <span class="visually-hidden">
                      {' '}
                      {labelIn(term.labels, lang, newsroom.languages, term.slug)}
                    </span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </>
  )
}

export function KeywordEditPage(
  props: KeywordPageBase & {
    term: KeywordTerm
    others: KeywordTerm[]
    values: { labels: Partial<Record<Lang, string>>; slug: string }
    errors: Record<string, string>
  },
) {
  const { t, lang, newsroom, term } = props
  const action = `/admin/keywords/${encodeURIComponent(term.slug)}`
  const query = `?newsroom=${newsroom.id}`
  const name = labelIn(term.labels, lang, newsroom.languages, term.slug)
  return (
    <>
      <p>
        <a href={`/admin/keywords${query}`}>← {t.keywordsTitle}</a>
      </p>
      <h1>{t.keywordEditTitle(name)}</h1>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action={`${action}${query}`}>
        <Csrf token={props.csrf} />
        <LabelInputs t={t} newsroom={newsroom} values={props.values.labels} errors={props.errors} />
        <Input
          id="slug"
          name="slug"
          label={t.keywordSlug}
          hint={t.keywordSlugHint}
          value={props.values.slug}
          error={props.errors.slug}
        />
        <p class="actions">
          <button type="submit">{t.save}</button>
        </p>
      </form>
      {props.others.length > 0 ? (
        <section aria-labelledby="merge-heading">
          <h2 id="merge-heading">{t.keywordMergeInto}</h2>
          <form method="post" action={`${action}/merge${query}`}>
            <Csrf token={props.csrf} />
            <Select
              id="into"
              name="into"
              label={t.keywordMergeInto}
              hint={t.keywordMergeHint}
              options={props.others.map((other) => ({
                value: other.slug,
                label: labelIn(other.labels, lang, newsroom.languages, other.slug),
              }))}
            />
            <p class="actions">
              <button type="submit" class="secondary">
                {t.keywordMerge}
              </button>
            </p>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t.keywordDelete}</h2>
        <p id="delete-hint">{t.keywordDeleteHint}</p>
        <form method="post" action={`${action}/delete${query}`}>
          <Csrf token={props.csrf} />
          <button type="submit" class="danger" aria-describedby="delete-hint">
            {t.keywordDelete}
          </button>
        </form>
      </section>
    </>
  )
}
