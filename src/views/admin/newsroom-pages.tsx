/** Admin pages for newsrooms: the list and the create/edit form. */
import type { NewsroomView, PerLang } from '../../core/newsroom/newsrooms.js'
import type { AdminStrings } from '../i18n/admin/index.js'
import { LANG_NAMES, LANGS } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import { Csrf, ErrorSummary, Input, Select, DataTable, TextArea } from './components.js'

export interface NewsroomFormValues {
  slug: string
  languages: Lang[]
  defaultLang: Lang
  timezone: string
  name: PerLang
  boilerplate: PerLang
  description: PerLang
  website: string
  social: { label: string; url: string }[]
  accentColor: string
  replyTo: string
}

export function newsroomFormValues(newsroom?: NewsroomView): NewsroomFormValues {
  return {
    slug: newsroom?.slug ?? '',
    languages: newsroom?.languages ?? ['fi', 'sv'],
    defaultLang: newsroom?.languages[0] ?? 'fi',
    timezone: newsroom?.timezone ?? 'Europe/Helsinki',
    name: newsroom?.name ?? {},
    boilerplate: newsroom?.boilerplate ?? {},
    description: newsroom?.description ?? {},
    website: newsroom?.website ?? '',
    social: newsroom?.socialLinks ?? [],
    accentColor: newsroom?.accentColor ?? '',
    replyTo: newsroom?.replyTo ?? '',
  }
}

export const localName = (newsroom: Pick<NewsroomView, 'name' | 'languages'>, lang: Lang) =>
  newsroom.name[lang] ?? newsroom.name[newsroom.languages[0]] ?? ''

export function NewsroomList(props: {
  t: AdminStrings
  lang: Lang
  newsrooms: (NewsroomView & { releases: number })[]
}) {
  const { t } = props
  return (
    <>
      <div class="toolbar">
        <h1>{t.newsroomsTitle}</h1>
        <a class="button" href="/admin/newsrooms/new">
          {t.newNewsroom}
        </a>
      </div>
      <DataTable
        label={t.newsroomsTitle}
        columns={[t.newsroomName, t.slug, t.offeredLanguages, t.timezone, t.releases]}
      >
        {props.newsrooms.map((newsroom) => (
          <tr>
            <td>
              <a href={`/admin/newsrooms/${newsroom.id}`}>{localName(newsroom, props.lang)}</a>
            </td>
            <td>
              <code>{newsroom.slug}</code>
            </td>
            <td>{newsroom.languages.map((l) => t.languageNames[l]).join(', ')}</td>
            <td>{newsroom.timezone}</td>
            <td>{newsroom.releases}</td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}

/** Field ids in the form, keyed like the core's validation paths. */
export const newsroomFieldId = (path: string) =>
  path === 'languages' || path.startsWith('languages.')
    ? 'nr-languages'
    : `nr-${path.replace(/\./g, '-')}`

export function NewsroomForm(props: {
  t: AdminStrings
  csrf: string
  action: string
  values: NewsroomFormValues
  errors: Record<string, string>
  timezones: string[]
  heading: string
}) {
  const { t, values, errors } = props
  const err = (path: string) => errors[newsroomFieldId(path)]
  const social = [...values.social, { label: '', url: '' }, { label: '', url: '' }]
  return (
    <>
      <h1>{props.heading}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={props.action} novalidate>
        <Csrf token={props.csrf} />
        <Input
          id="nr-slug"
          name="slug"
          label={t.slug}
          hint={t.slugHint}
          value={values.slug}
          error={err('slug')}
          required
          autocomplete="off"
        />
        <fieldset
          id="nr-languages"
          aria-describedby={errors['nr-languages'] ? 'nr-languages-error' : undefined}
        >
          <legend>{t.offeredLanguages}</legend>
          {errors['nr-languages'] ? (
            <p class="field-error" id="nr-languages-error">
              {errors['nr-languages']}
            </p>
          ) : null}
          <div class="checks">
            {LANGS.map((lang) => (
              <label>
                <input
                  type="checkbox"
                  name="languages"
                  value={lang}
                  checked={values.languages.includes(lang)}
                />{' '}
                {t.languageNames[lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <Select
          id="nr-default"
          name="default_lang"
          label={t.defaultLanguage}
          value={values.defaultLang}
          error={errors['nr-default']}
          options={LANGS.map((lang) => ({ value: lang, label: t.languageNames[lang] }))}
        />
        <div class="field">
          <label for="nr-timezone">{t.timezone}</label>
          <p class="hint" id="nr-timezone-hint">
            {t.timezoneHint}
          </p>
          {err('timezone') ? (
            <p class="field-error" id="nr-timezone-error">
              {err('timezone')}
            </p>
          ) : null}
          <input
            type="text"
            id="nr-timezone"
            name="timezone"
            value={values.timezone}
            list="nr-timezones"
            autocomplete="off"
            aria-invalid={err('timezone') ? 'true' : undefined}
            aria-describedby={`nr-timezone-hint${err('timezone') ? ' nr-timezone-error' : ''}`}
          />
          <datalist id="nr-timezones">
            {props.timezones.map((zone) => (
              <option value={zone} />
            ))}
          </datalist>
        </div>
        {LANGS.map((lang) => (
          <fieldset lang={lang}>
            <legend>{LANG_NAMES[lang]}</legend>
            <Input
              id={`nr-name-${lang}`}
              name={`name.${lang}`}
              label={`${t.newsroomName} (${t.languageNames[lang]})`}
              value={values.name[lang]}
              error={err(`name.${lang}`)}
              lang={lang}
            />
            <TextArea
              id={`nr-boilerplate-${lang}`}
              name={`boilerplate.${lang}`}
              label={`${t.boilerplate} (${t.languageNames[lang]})`}
              value={values.boilerplate[lang]}
              error={err(`boilerplate.${lang}`)}
              lang={lang}
            />
            <TextArea
              id={`nr-description-${lang}`}
              name={`description.${lang}`}
              label={`${t.description} (${t.languageNames[lang]})`}
              value={values.description[lang]}
              error={err(`description.${lang}`)}
              lang={lang}
              rows={2}
            />
          </fieldset>
        ))}
        <Input
          id="nr-website"
          name="website"
          type="url"
          label={t.website}
          value={values.website}
          error={err('website')}
        />
        <Input
          id="nr-replyTo"
          name="reply_to"
          type="email"
          label={t.replyTo}
          hint={t.replyToHint}
          value={values.replyTo}
          error={err('replyTo')}
        />
        <Input
          id="nr-accentColor"
          name="accent_color"
          label={t.accentColor}
          hint={t.accentColorHint}
          value={values.accentColor}
          error={err('accentColor')}
        />
        <fieldset>
          <legend>{t.socialLinks}</legend>
          <p class="hint">{t.socialHint}</p>
          {social.map((link, i) => (
            <div class="contact-new">
              <Input
                id={`nr-socialLinks-${i}-label`}
                name="social_label"
                label={`${t.socialLabel} ${i + 1}`}
                value={link.label}
                error={err(`socialLinks.${i}.label`)}
              />
              <Input
                id={`nr-socialLinks-${i}-url`}
                name="social_url"
                type="url"
                label={`${t.socialUrl} ${i + 1}`}
                value={link.url}
                error={err(`socialLinks.${i}.url`)}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit">{t.save}</button>
      </form>
    </>
  )
}

/** The logo of an existing newsroom: the current image, an upload form and a remove button. */
export function NewsroomLogo(props: {
  t: AdminStrings
  csrf: string
  newsroomId: number
  logo: NewsroomView['logo']
  error?: string
}) {
  const { t, error } = props
  const action = `/admin/newsrooms/${props.newsroomId}/logo`
  return (
    <section aria-labelledby="logo-h">
      <h2 id="logo-h">{t.logo}</h2>
      {props.logo ? (
        <>
          <img class="newsroom-logo" src={props.logo.path} alt={t.logo} />
          <form method="post" action={`${action}/remove`}>
            <Csrf token={props.csrf} />
            <button type="submit" class="secondary">
              {t.removeLogo}
            </button>
          </form>
        </>
      ) : (
        <p>{t.noLogo}</p>
      )}
      <form method="post" action={action} enctype="multipart/form-data">
        <Csrf token={props.csrf} />
        <div class="field">
          <label for="logo-file">{t.file}</label>
          <p class="hint" id="logo-file-hint">
            {t.logoHint}
          </p>
          {error ? (
            <p class="field-error" id="logo-file-error">
              {error}
            </p>
          ) : null}
          <input
            type="file"
            id="logo-file"
            name="file"
            accept="image/png,image/jpeg,image/webp,image/gif,image/avif"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={`logo-file-hint${error ? ' logo-file-error' : ''}`}
          />
        </div>
        <button type="submit">{t.upload}</button>
      </form>
    </section>
  )
}
