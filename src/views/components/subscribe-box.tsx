/**
 * "Subscribe to releases by email" box shown on newsroom and release pages. Posts to
 * /subscribe; the full form with type and keyword choices is at /{lang}/{newsroom}/subscribe.
 * `source` (the page path) goes into the consent record; the hidden `website` field is a
 * honeypot that only bots fill in.
 */
import type { Lang } from '../i18n/index.js'
import { subscriptionStrings } from '../i18n/subscriptions/index.js'

const strings: Record<
  Lang,
  { heading: string; text: string; email: string; submit: string; more: string }
> = {
  fi: {
    heading: 'Tilaa tiedotteet sähköpostiisi',
    text: 'Saat uudet tiedotteet sähköpostiisi heti kun ne julkaistaan. Voit perua tilauksen milloin vain.',
    email: 'Sähköpostiosoite',
    submit: 'Tilaa',
    more: 'Valitse kielet, aiheet ja tahti',
  },
  sv: {
    heading: 'Prenumerera på pressmeddelanden',
    text: 'Du får nya pressmeddelanden per e-post genast när de publiceras. Du kan avsluta prenumerationen när som helst.',
    email: 'E-postadress',
    submit: 'Prenumerera',
    more: 'Välj språk, ämnen och hur ofta',
  },
  en: {
    heading: 'Get releases by email',
    text: 'New releases reach your inbox the moment they are published. You can unsubscribe at any time.',
    email: 'Email address',
    submit: 'Subscribe',
    more: 'Choose languages, topics and how often',
  },
}

export function SubscribeBox(props: { lang: Lang; newsroomSlug: string; source?: string }) {
  const t = strings[props.lang]
  const shared = subscriptionStrings[props.lang]
  const id = `subscribe-email-${props.newsroomSlug}`
  return (
    <section class="box" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.heading}</h2>
      <p>{t.text}</p>
      <form method="post" action="/subscribe">
        <input type="hidden" name="newsroom" value={props.newsroomSlug} />
        <input type="hidden" name="lang" value={props.lang} />
        <input type="hidden" name="languages" value={props.lang} />
        {props.source ? <input type="hidden" name="source" value={props.source} /> : null}
        <div class="field">
          <label for={id}>{t.email}</label>
          <input id={id} type="email" name="email" autocomplete="email" required maxlength={254} />
        </div>
        <div class="hp" aria-hidden="true">
          <label for={`${id}-website`}>{shared.honeypotLabel}</label>
          <input id={`${id}-website`} type="text" name="website" tabindex={-1} autocomplete="off" />
        </div>
        <p class="hint">{shared.consentText}</p>
        <button type="submit">{t.submit}</button>{' '}
        <a href={`/${props.lang}/${props.newsroomSlug}/subscribe`}>{t.more}</a>
      </form>
    </section>
  )
}
