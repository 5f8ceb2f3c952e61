/**
 * The digest email: one message per (subscriber, newsroom, period) listing the releases of the
 * period — title, type, time, lead and link — each in the subscriber's language when it has it,
 * else in its first (the language rule). Headers and footer are those of every subscriber email
 * (List-Unsubscribe with one click, List-Id, bulk headers), built by `prepareSubscriberEmail`.
 */
import type { DigestComposer } from '../core/digest/ports.js'
import type { DigestRow } from '../db/repositories/digests.js'
import { getNewsroom, newsroomName } from '../core/newsroom/newsrooms.js'
import { loadReleaseViews } from '../core/release/views.js'
import type { Lang } from '../core/types.js'
import { formatDate, formatDateTime } from '../views/format-time.js'
import { releaseTypeLabel } from '../views/i18n/release-types.js'
import { footerData, messageFor, prepareSubscriberEmail } from './release-email.js'
import type { ReleaseEmailDeps } from './release-email.js'

const HEADINGS: Record<
  Lang,
  Record<'daily' | 'weekly', (name: string, period: string) => string>
> = {
  fi: {
    daily: (name, period) => `${name}: päivän tiedotteet ${period}`,
    weekly: (name, period) => `${name}: viikon tiedotteet ${period}`,
  },
  sv: {
    daily: (name, period) => `${name}: dagens meddelanden ${period}`,
    weekly: (name, period) => `${name}: veckans meddelanden ${period}`,
  },
  en: {
    daily: (name, period) => `${name}: releases of ${period}`,
    weekly: (name, period) => `${name}: releases of the week ${period}`,
  },
}

export function createDigestComposer(
  deps: Pick<
    ReleaseEmailDeps,
    'repos' | 'templates' | 'publicUrl' | 'secretKey' | 'mailFrom' | 'dkim'
  >,
): DigestComposer {
  return {
    async compose(digest: DigestRow, recipient) {
      const ids = JSON.parse(digest.release_ids) as number[]
      const rows = (await deps.repos.releases.findByIds(ids)).filter(
        (row) => row.status === 'published',
      )
      // Everything withdrawn since the digest was planned: nothing to send.
      if (rows.length === 0) return undefined
      const releases = await loadReleaseViews(deps.repos, rows)
      const newsroom = await getNewsroom(deps.repos, digest.newsroom_id)
      const lang = digest.lang
      const name = newsroomName(newsroom, lang)
      const zone = newsroom.timezone
      // A period runs from 07:00 to 07:00: named by the day (or the days) it starts on.
      const lastDay = new Date(Date.parse(digest.period_end) - 86400_000)
      const period =
        digest.frequency === 'daily'
          ? formatDate(digest.period_start, zone)
          : `${formatDate(digest.period_start, zone)}–${formatDate(lastDay, zone)}`
      const heading = HEADINGS[lang][digest.frequency](name, period)
      const items = releases
        .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''))
        .map((release) => {
          const version = release.versions[lang] ?? release.versions[release.languages[0]]!
          return {
            lang: version.lang,
            title: version.title,
            lead: version.lead,
            url: `${deps.publicUrl}${version.path}`,
            typeLabel: releaseTypeLabel(lang, release.type),
            published: release.publishedAt ? formatDateTime(release.publishedAt, zone) : '',
          }
        })
      const rendered = deps.templates.render('digest', lang, {
        lang,
        brand: name,
        brandLogo: newsroom.logo ? `${deps.publicUrl}${newsroom.logo.path}` : undefined,
        subjectLine: heading,
        heading,
        preheader: items.map((item) => item.title).join(' · '),
        items,
        ...footerData(name, lang, deps.publicUrl),
      })
      const email = prepareSubscriberEmail(deps, {
        newsroom,
        lang,
        rendered,
        boundarySeed: `digest.${digest.id}.${digest.release_ids}`,
      })
      return messageFor(deps, email, { ...recipient, messageId: digest.message_id })
    },
  }
}
