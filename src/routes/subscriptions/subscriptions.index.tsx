/**
 * Subscribing by email: `POST /subscribe`, the full form at `/{lang}/{newsroom}/subscribe`,
 * confirmation, the preference centre and unsubscribe (including RFC 8058 one-click).
 *
 * Thin on purpose: parse, check origin and rate limits, call src/core/subscription, render.
 * - `POST /subscribe` answers 202 "check your inbox" for every well-formed request — new,
 *   pending, confirmed, suppressed or honeypot — so it reveals nothing about who subscribes.
 * - Links in email open pages with a button; only the POST acts (mail scanners follow GETs).
 * - Forms are protected against cross-site posting by an Origin / Sec-Fetch-Site check; the
 *   one-click unsubscribe POST from a mail provider carries neither and is exempt by design.
 * - Token pages send `Cache-Control: no-store` and `Referrer-Policy: no-referrer`.
 */
import { Hono } from 'hono'
import type { Context, MiddlewareHandler, Next } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { PublicEnv } from '../../app-base.js'
import { pageLang, renderPage } from '../../app-base.js'
import { isSubscriberFrequency } from '../../core/types.js'
import type { Lang, ReleaseType, SubscriberFrequency } from '../../core/types.js'
import { clientIp } from '../../http/client-ip.js'
import { jsonBodyGuard } from '../../http/json-body.js'
import type { RateLimitRule } from '../../http/rate-limit.js'
import {
  findNewsroom,
  getNewsroom,
  listNewsrooms,
  newsroomName,
} from '../../core/newsroom/newsrooms.js'
import { findOptOutTarget, optOutByLink } from '../../core/media-lists/opt-out.js'
import { listPublicKeywords, subscriptionKeywordChoices } from '../../core/release/read-model.js'
import { CONSENT_TEXT_VERSION, cleanSource } from '../../core/subscription/consent.js'
import { subscriptionDeps } from '../../wiring/subscription.js'
import { displayEmail, mailboxKey, parseEmail } from '../../core/subscription/email-address.js'
import { subscriberLinks } from '../../core/subscription/links.js'
import {
  eraseSubscriber,
  exportSubscriberData,
  findSubscriberByLink,
  firstLanguage,
  loadSubscriberState,
  resubscribe,
  unsubscribe,
  updatePreferences,
} from '../../core/subscription/manage.js'
import type { LinkedSubscriber } from '../../core/subscription/manage.js'
import { SubscriptionInputError, toList } from '../../core/subscription/preferences.js'
import {
  confirmSubscription,
  inspectConfirmation,
  subscribe,
} from '../../core/subscription/subscribe.js'
import { isLang } from '../../views/i18n/index.js'
import { subscriptionStrings } from '../../views/i18n/subscriptions/index.js'
import type { SubscriptionStrings } from '../../views/i18n/subscriptions/index.js'
import { errorText } from '../../views/subscriptions/form-parts.js'
import type { FieldErrors } from '../../views/subscriptions/form-parts.js'
import { ManagePage } from '../../views/subscriptions/manage-page.js'
import type { ManagePageProps } from '../../views/subscriptions/manage-page.js'
import {
  ActionPage,
  CheckInboxPage,
  ForbiddenFormPage,
  LinkProblemPage,
  OutcomePage,
  RateLimitedPage,
} from '../../views/subscriptions/pages.js'
import type { LinkProblem } from '../../views/subscriptions/pages.js'
import { SubscribePage } from '../../views/subscriptions/subscribe-page.js'
import type { SubscribeFormValues } from '../../views/subscriptions/subscribe-page.js'

/** Subscribe requests per client IP (a whole office may share one address). */
export const SUBSCRIBE_PER_IP: RateLimitRule = {
  name: 'subscribe-ip',
  limit: 20,
  windowMs: 15 * 60_000,
}
/** Subscribe requests per mailbox (aliases by `+tag`, Gmail's dots: one), whoever sends them. */
export const SUBSCRIBE_PER_ADDRESS: RateLimitRule = {
  name: 'subscribe-address',
  limit: 5,
  windowMs: 60 * 60_000,
}

/**
 * A request path fit for logs: the secret part of confirm, manage and unsubscribe links is
 * replaced, so that whoever reads the logs cannot act for a subscriber.
 */
/** The "are you sure?" page of a manage-link step (unsubscribe, delete), posting to itself. */
function confirmStep(
  c: Context,
  lang: Lang,
  page: { title: string; body: string; step: string; button: string; danger?: boolean },
) {
  const base = `/subscriptions/manage/${c.req.param('token')}`
  return renderPage(
    c,
    <ActionPage
      lang={lang}
      title={page.title}
      body={page.body}
      action={`${base}/${page.step}?lang=${lang}`}
      button={page.button}
      danger={page.danger}
      cancelHref={`${base}?lang=${lang}`}
      cancelLabel={subscriptionStrings[lang].cancel}
    />,
  )
}

export function logSafePath(path: string): string {
  return path.replace(
    /^\/(subscriptions\/(?:confirm|manage)|unsubscribe|media-optout|embargo)\/[^/]+/,
    '/$1/[token]',
  )
}

type Ctx = Context<PublicEnv>
type Body = Record<string, unknown>

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i

/** True for a form post that a browser sent from another site (CSRF). */
function isCrossSiteForm(c: Ctx): boolean {
  const type = c.req.header('content-type') ?? 'text/plain'
  if (!FORM_TYPES.test(type)) return false
  if (c.req.header('sec-fetch-site') === 'same-origin') return false
  const origin = c.req.header('origin')
  if (!origin) return true
  return (
    origin !== new URL(c.var.deps.config.publicUrl).origin && origin !== new URL(c.req.url).origin
  )
}

const isJsonRequest = (c: Ctx) => (c.req.header('content-type') ?? '').includes('application/json')

async function readBody(c: Ctx): Promise<Body> {
  if (isJsonRequest(c)) {
    const body: unknown = await c.req.json()
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {}
  }
  const type = c.req.header('content-type') ?? ''
  if (!/form/i.test(type)) return {}
  return (await c.req.parseBody({ all: true })) as Body
}

const asString = (value: unknown) =>
  typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : ''

function tokenPageHeaders(c: Ctx) {
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Robots-Tag', 'noindex')
}

/** Language of a token page: ?lang= if given, else the subscriber's first choice. */
async function tokenPageLang(c: Ctx, subscriberId?: number): Promise<Lang> {
  const query = c.req.query('lang')
  if (isLang(query)) return query
  if (subscriberId !== undefined) return firstLanguage(subscriptionDeps(c.var.deps), subscriberId)
  return pageLang(c)
}

const tokenAlternates = (path: string) =>
  (['fi', 'sv', 'en'] as const).map((lang) => ({ lang, href: `${path}?lang=${lang}` }))

function linkProblem(c: Ctx, lang: Lang, problem: LinkProblem) {
  tokenPageHeaders(c)
  return renderPage(
    c,
    <LinkProblemPage lang={lang} problem={problem} />,
    problem === 'invalid' ? 404 : 410,
  )
}

function forbidden(c: Ctx, lang: Lang) {
  if (isJsonRequest(c)) {
    return c.json(
      { error: { code: 'forbidden', message: 'Cross-site form posts are refused' } },
      403,
    )
  }
  return renderPage(c, <ForbiddenFormPage lang={lang} />, 403)
}

function localisedFields(t: SubscriptionStrings, codes: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(codes).map(([field, code]) => [field, errorText(t, field, code)]),
  )
}

function rateLimited(c: Ctx, lang: Lang, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds))
  if (isJsonRequest(c) || (c.req.header('accept') ?? '').startsWith('application/json')) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    return c.json(
      {
        error: {
          code: 'rate_limited',
          message: subscriptionStrings[lang].rateLimitedBody(minutes),
          retryAfterSeconds,
        },
      },
      429,
    )
  }
  return renderPage(c, <RateLimitedPage lang={lang} retryAfterSeconds={retryAfterSeconds} />, 429)
}

/** The same answer for every accepted request, whatever the address's state. */
function accepted(c: Ctx, lang: Lang, backHref?: string) {
  if (isJsonRequest(c)) {
    return c.json({ status: 'accepted', message: subscriptionStrings[lang].checkInboxBody }, 202)
  }
  return renderPage(c, <CheckInboxPage lang={lang} backHref={backHref} />, 202)
}

async function subscribeFormData(c: Ctx, lang: Lang, slug: string) {
  const db = c.var.deps.readRepos
  const newsroom = await findNewsroom(db, slug)
  if (!newsroom || /^\d+$/.test(slug)) return undefined
  return {
    newsroom,
    keywords: await listPublicKeywords(db, newsroom, lang),
    alternates: newsroom.languages.map((l) => ({
      lang: l,
      href: `/${l}/${newsroom.slug}/subscribe`,
    })),
  }
}

function formValues(body: Body): SubscribeFormValues {
  return {
    email: asString(body.email).slice(0, 254),
    languages: toList(body.languages).filter(isLang),
    types: toList(body.types).map(String) as ReleaseType[],
    keywords: toList(body.keywords)
      .map(String)
      .filter((k) => /^[a-z0-9-]{1,80}$/.test(k)),
    frequency: frequencyOf(body),
  }
}

/** The posted frequency when it is one of ours (a typo is refused by the core, not shown). */
const frequencyOf = (body: Body): SubscriberFrequency | undefined => {
  const value = asString(body.frequency)
  return isSubscriberFrequency(value) ? value : undefined
}

export function createSubscriptionRoutes() {
  const app = new Hono<PublicEnv>()
  const limitForm = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => c.text('Request body too large', 413),
  })
  // JSON posts: the same 64 KB, and UTF-8, nesting and storable text checked before parsing.
  const limitJson = jsonBodyGuard(64 * 1024)
  const limitBody: MiddlewareHandler<PublicEnv> = (c, next) =>
    isJsonRequest(c) ? limitJson(c, next) : limitForm(c, next)

  app.post('/subscribe', limitBody, async (c) => {
    const deps = c.var.deps
    const body = await readBody(c)
    const lang = isLang(body.lang) ? body.lang : pageLang(c)
    const t = subscriptionStrings[lang]
    if (isCrossSiteForm(c)) return forbidden(c, lang)

    const limiter = deps.rateLimiter
    const ip = clientIp(c, c.var.deps.config.trustProxy)
    const perIp = await limiter.hit(SUBSCRIBE_PER_IP, ip)
    if (!perIp.allowed) return rateLimited(c, lang, perIp.retryAfterSeconds)

    const newsrooms = body.newsrooms ?? body.newsroom
    const firstNewsroom = asString(toList(newsrooms)[0] ?? '')
    const backHref = /^[a-z0-9-]{1,60}$/.test(firstNewsroom)
      ? `/${lang}/${firstNewsroom}`
      : undefined
    // Bots fill every field. Answer exactly as for a person, and do nothing.
    if (asString(body.website).trim() !== '') {
      c.var.log.info('subscribe honeypot filled; ignored')
      return accepted(c, lang, backHref)
    }

    const parsed = parseEmail(body.email)
    if (parsed.ok) {
      const perAddress = await limiter.hit(
        SUBSCRIBE_PER_ADDRESS,
        mailboxKey(parsed.value.normalized),
      )
      if (!perAddress.allowed) return rateLimited(c, lang, perAddress.retryAfterSeconds)
    }

    const referer = c.req.header('referer')
    let refererPath = '/subscribe'
    try {
      if (referer && new URL(referer).origin === new URL(deps.config.publicUrl).origin) {
        refererPath = new URL(referer).pathname
      }
    } catch {}
    try {
      const outcome = await subscribe(subscriptionDeps(deps), {
        email: body.email,
        newsrooms,
        languages: body.languages ?? lang,
        types: body.types,
        keywords: body.keywords,
        frequency: body.frequency,
        context: {
          source: cleanSource(body.source, cleanSource(refererPath, '/subscribe')),
          ip,
          textVersion: CONSENT_TEXT_VERSION,
          text: t.consentText,
        },
      })
      c.var.log.info({ outcome }, 'subscribe request handled')
    } catch (error) {
      if (!(error instanceof SubscriptionInputError)) throw error
      const fields = localisedFields(t, error.codes)
      if (isJsonRequest(c)) {
        const [key, message] = Object.entries(fields)[0]
        return c.json(
          { error: { code: 'validation_failed', message: `${key}: ${message}`, fields } },
          422,
        )
      }
      const form = await subscribeFormData(c, lang, firstNewsroom)
      if (!form) {
        return renderPage(
          c,
          <OutcomePage lang={lang} title={t.errorSummary} body={Object.values(fields).join(' ')} />,
          422,
        )
      }
      return renderPage(
        c,
        <SubscribePage
          lang={lang}
          newsroom={{ slug: form.newsroom.slug, name: newsroomName(form.newsroom, lang) }}
          keywords={form.keywords}
          values={formValues(body)}
          errors={error.codes}
          source={cleanSource(body.source, '/subscribe')}
          alternates={form.alternates}
        />,
        422,
      )
    }
    return accepted(c, lang, backHref)
  })

  app.get('/:lang/:newsroom/subscribe', async (c, next: Next) => {
    const lang = c.req.param('lang')
    if (!isLang(lang)) return next()
    const form = await subscribeFormData(c, lang, c.req.param('newsroom'))
    if (!form || !form.newsroom.languages.includes(lang)) return next()
    return renderPage(
      c,
      <SubscribePage
        lang={lang}
        newsroom={{ slug: form.newsroom.slug, name: newsroomName(form.newsroom, lang) }}
        keywords={form.keywords}
        values={{ email: '', languages: [lang], types: [], keywords: [] }}
        errors={{}}
        source={`/${lang}/${form.newsroom.slug}/subscribe`}
        alternates={form.alternates}
      />,
    )
  })

  // --- Confirmation ------------------------------------------------------------------------

  app.get('/subscriptions/confirm/:token', async (c) => {
    const token = c.req.param('token')
    const check = await inspectConfirmation(subscriptionDeps(c.var.deps), token)
    if (check.state !== 'valid') return linkProblem(c, await tokenPageLang(c), check.state)
    const lang = await tokenPageLang(c, check.subscriberId)
    const t = subscriptionStrings[lang]
    tokenPageHeaders(c)
    const path = `/subscriptions/confirm/${token}`
    return renderPage(
      c,
      <ActionPage
        lang={lang}
        title={t.confirmTitle}
        body={t.confirmBody(check.email)}
        action={`${path}?lang=${lang}`}
        button={t.confirmButton}
        alternates={tokenAlternates(path)}
      />,
    )
  })

  app.post('/subscriptions/confirm/:token', limitBody, async (c) => {
    const deps = c.var.deps
    if (isCrossSiteForm(c)) return forbidden(c, await tokenPageLang(c))
    const result = await confirmSubscription(subscriptionDeps(deps), c.req.param('token'), {
      source: 'confirm-page',
      ip: clientIp(c, c.var.deps.config.trustProxy),
    })
    if (!result.ok) return linkProblem(c, await tokenPageLang(c), result.reason)
    const lang = await tokenPageLang(c, result.subscriberId)
    const t = subscriptionStrings[lang]
    tokenPageHeaders(c)
    return renderPage(
      c,
      <OutcomePage
        lang={lang}
        title={t.confirmedTitle}
        body={t.confirmedBody}
        link={{
          href: `/subscriptions/manage/${result.manageToken}?lang=${lang}`,
          label: t.manageLink,
        }}
      />,
    )
  })

  // --- Preference centre -------------------------------------------------------------------

  async function manageProps(
    c: Ctx,
    subscriberId: number,
    lang: Lang,
  ): Promise<Omit<ManagePageProps, 'errors'>> {
    const db = c.var.deps.readRepos
    const state = await loadSubscriberState(subscriptionDeps(c.var.deps), subscriberId)
    const newsrooms = await listNewsrooms(db)
    const subscribedIds = state.preferences.subscriptions.map((s) => s.newsroomId)
    const first = state.preferences.subscriptions[0]
    const keywords = await subscriptionKeywordChoices(
      db,
      newsrooms.filter((n) => subscribedIds.includes(n.id)),
      lang,
      first?.keywords ?? [],
    )
    return {
      lang,
      token: c.req.param('token')!,
      state,
      newsrooms: newsrooms.map((n) => ({ slug: n.slug, name: newsroomName(n, lang) })),
      keywords,
      values: {
        languages: state.preferences.languages,
        newsrooms: state.preferences.subscriptions.map((s) => s.newsroom),
        types: first?.types ?? [],
        keywords: first?.keywords ?? [],
        frequency: state.preferences.frequency,
      },
      paused: state.paused,
      alternates: tokenAlternates(`/subscriptions/manage/${c.req.param('token')}`),
    }
  }

  /** Loads the subscriber of a manage link, or answers with the "link does not work" page. */
  async function withManageLink(
    c: Ctx,
    purpose: 'manage' | 'unsubscribe',
    act: (subscriber: LinkedSubscriber, lang: Lang) => Promise<Response>,
  ): Promise<Response> {
    const subscriber = await findSubscriberByLink(
      subscriptionDeps(c.var.deps),
      purpose,
      c.req.param('token') ?? '',
    )
    if (!subscriber) return linkProblem(c, await tokenPageLang(c), 'invalid')
    const lang = await tokenPageLang(c, subscriber.id)
    if (c.req.method === 'POST' && isCrossSiteForm(c)) return forbidden(c, lang)
    tokenPageHeaders(c)
    return act(subscriber, lang)
  }

  app.get('/subscriptions/manage/:token', (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) =>
      renderPage(c, <ManagePage {...await manageProps(c, subscriber.id, lang)} errors={{}} />),
    ),
  )

  app.post('/subscriptions/manage/:token', limitBody, (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) => {
      const body = await readBody(c)
      const input = {
        languages: body.languages,
        newsrooms: body.newsrooms,
        types: body.types,
        keywords: body.keywords,
        frequency: body.frequency,
        paused: asString(body.paused) === '1' || body.paused === true,
      }
      try {
        await updatePreferences(subscriptionDeps(c.var.deps), subscriber.id, input, {
          source: 'manage-page',
          ip: clientIp(c, c.var.deps.config.trustProxy),
        })
      } catch (error) {
        if (!(error instanceof SubscriptionInputError)) throw error
        const props = await manageProps(c, subscriber.id, lang)
        const errors: FieldErrors = error.codes
        return renderPage(
          c,
          <ManagePage
            {...props}
            values={{
              ...formValues(body),
              // A refused frequency shows the one kept, not the form's default.
              frequency: frequencyOf(body) ?? props.values.frequency,
              newsrooms: toList(body.newsrooms).map(String),
            }}
            paused={input.paused}
            errors={errors}
          />,
          422,
        )
      }
      return renderPage(
        c,
        <ManagePage {...await manageProps(c, subscriber.id, lang)} errors={{}} notice="saved" />,
      )
    }),
  )

  app.post('/subscriptions/manage/:token/resubscribe', limitBody, (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) => {
      await resubscribe(subscriptionDeps(c.var.deps), subscriber.id, {
        source: 'manage-page',
        ip: clientIp(c, c.var.deps.config.trustProxy),
      })
      return renderPage(
        c,
        <ManagePage
          {...await manageProps(c, subscriber.id, lang)}
          errors={{}}
          notice="resubscribed"
        />,
      )
    }),
  )

  app.get('/subscriptions/manage/:token/export.json', (c) =>
    withManageLink(c, 'manage', async (subscriber) => {
      const data = await exportSubscriberData(subscriptionDeps(c.var.deps), subscriber.id)
      c.header('Content-Disposition', 'attachment; filename="tiedote-subscription.json"')
      return c.body(JSON.stringify(data, null, 2), 200, {
        'Content-Type': 'application/json; charset=utf-8',
      })
    }),
  )

  app.get('/subscriptions/manage/:token/unsubscribe', (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) => {
      const t = subscriptionStrings[lang]
      return confirmStep(c, lang, {
        title: t.unsubscribeTitle,
        body: t.unsubscribeBody(displayEmail(subscriber.email)),
        step: 'unsubscribe',
        button: t.unsubscribeButton,
      })
    }),
  )

  app.post('/subscriptions/manage/:token/unsubscribe', limitBody, (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) => {
      await unsubscribe(subscriptionDeps(c.var.deps), subscriber.id, {
        source: 'manage-page',
        ip: clientIp(c, c.var.deps.config.trustProxy),
      })
      return unsubscribedPage(c, lang, subscriber)
    }),
  )

  app.get('/subscriptions/manage/:token/delete', (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) => {
      const t = subscriptionStrings[lang]
      return confirmStep(c, lang, {
        title: t.deleteConfirmTitle,
        body: t.deleteConfirmBody(displayEmail(subscriber.email)),
        step: 'delete',
        button: t.deleteConfirmButton,
        danger: true,
      })
    }),
  )

  app.post('/subscriptions/manage/:token/delete', limitBody, (c) =>
    withManageLink(c, 'manage', async (subscriber, lang) => {
      await eraseSubscriber(subscriptionDeps(c.var.deps), subscriber.id, {
        source: 'manage-page',
      })
      const t = subscriptionStrings[lang]
      return renderPage(c, <OutcomePage lang={lang} title={t.deletedTitle} body={t.deletedBody} />)
    }),
  )

  // --- Unsubscribe (link in every email, List-Unsubscribe header) --------------------------

  app.get('/unsubscribe/:token', (c) =>
    withManageLink(c, 'unsubscribe', async (subscriber, lang) => {
      const t = subscriptionStrings[lang]
      const path = `/unsubscribe/${c.req.param('token')}`
      return renderPage(
        c,
        <ActionPage
          lang={lang}
          title={t.unsubscribeTitle}
          body={t.unsubscribeBody(displayEmail(subscriber.email))}
          action={`${path}?lang=${lang}`}
          button={t.unsubscribeButton}
          alternates={tokenAlternates(path)}
        />,
      )
    }),
  )

  app.post('/unsubscribe/:token', limitBody, async (c) => {
    const body = await readBody(c).catch(() => ({}) as Body)
    // RFC 8058: the mail provider POSTs `List-Unsubscribe=One-Click` from its own servers —
    // no cookies, no Origin, no CSRF token. The signed token in the URL is the authority.
    const oneClick = asString(body['List-Unsubscribe']) === 'One-Click'
    const subscriber = await findSubscriberByLink(
      subscriptionDeps(c.var.deps),
      'unsubscribe',
      c.req.param('token'),
    )
    if (!subscriber) return linkProblem(c, await tokenPageLang(c), 'invalid')
    const lang = await tokenPageLang(c, subscriber.id)
    if (!oneClick && isCrossSiteForm(c)) return forbidden(c, lang)
    await unsubscribe(subscriptionDeps(c.var.deps), subscriber.id, {
      source: oneClick ? 'one-click' : 'unsubscribe-page',
      ip: clientIp(c, c.var.deps.config.trustProxy),
    })
    tokenPageHeaders(c)
    return unsubscribedPage(c, lang, subscriber)
  })

  // --- Journalists' opt-out (media lists and embargoes; footer link, List-Unsubscribe) -------

  const optOutDeps = (c: Ctx) => ({
    repos: c.var.deps.repos,
    clock: c.var.deps.clock,
    secretKey: c.var.deps.config.secretKey,
  })

  async function optOutNewsroomName(c: Ctx, newsroomId: number, lang: Lang) {
    return newsroomName(await getNewsroom(c.var.deps.repos, newsroomId), lang)
  }

  app.get('/media-optout/:token', async (c) => {
    const target = await findOptOutTarget(optOutDeps(c), c.req.param('token'))
    const query = c.req.query('lang')
    if (!target) return linkProblem(c, isLang(query) ? query : pageLang(c), 'invalid')
    const lang = isLang(query) ? query : target.lang
    const t = subscriptionStrings[lang]
    const name = await optOutNewsroomName(c, target.newsroomId, lang)
    tokenPageHeaders(c)
    if (target.optedOutAt)
      return renderPage(
        c,
        <OutcomePage lang={lang} title={t.mediaOptedOutTitle} body={t.mediaOptedOutBody(name)} />,
      )
    const path = `/media-optout/${c.req.param('token')}`
    return renderPage(
      c,
      <ActionPage
        lang={lang}
        title={t.mediaOptOutTitle}
        body={t.mediaOptOutBody(name, displayEmail(target.email))}
        action={`${path}?lang=${lang}`}
        button={t.mediaOptOutButton}
        alternates={tokenAlternates(path)}
      />,
    )
  })

  app.post('/media-optout/:token', limitBody, async (c) => {
    const body = await readBody(c).catch(() => ({}) as Body)
    // RFC 8058 one-click from the mail provider: no Origin, no cookies; the signed token is
    // the authority. A browser's form post must come from our own pages.
    const oneClick = asString(body['List-Unsubscribe']) === 'One-Click'
    const query = c.req.query('lang')
    const found = await findOptOutTarget(optOutDeps(c), c.req.param('token'))
    if (!found) return linkProblem(c, isLang(query) ? query : pageLang(c), 'invalid')
    const lang = isLang(query) ? query : found.lang
    if (!oneClick && isCrossSiteForm(c)) return forbidden(c, lang)
    const target = await optOutByLink(
      optOutDeps(c),
      c.req.param('token'),
      oneClick ? 'one-click' : 'page',
    )
    if (!target) return linkProblem(c, lang, 'invalid')
    const t = subscriptionStrings[lang]
    tokenPageHeaders(c)
    return renderPage(
      c,
      <OutcomePage
        lang={lang}
        title={t.mediaOptedOutTitle}
        body={t.mediaOptedOutBody(await optOutNewsroomName(c, target.newsroomId, lang))}
      />,
    )
  })

  function unsubscribedPage(c: Ctx, lang: Lang, subscriber: LinkedSubscriber) {
    const t = subscriptionStrings[lang]
    const { manageUrl } = subscriberLinksFor(c, subscriber)
    return renderPage(
      c,
      <OutcomePage
        lang={lang}
        title={t.unsubscribedTitle}
        body={t.unsubscribedBody}
        link={{ href: `${manageUrl}?lang=${lang}`, label: t.manageLink }}
      />,
      200,
    )
  }

  return app
}

function subscriberLinksFor(c: Ctx, subscriber: LinkedSubscriber) {
  // Site-relative: the page links stay on whatever host served them.
  return subscriberLinks('', c.var.deps.config.secretKey, subscriber)
}
