/**
 * `/{lang}/{newsroom}/contacts`: the newsroom's press contacts, in groups, each with a job title
 * in the page's language, a phone number to tap (`tel:`) and an email address (`mailto:`).
 */
import type { PublicContact } from '../../core/contacts/directory.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { Layout } from '../layout.js'
import { AboutNewsroom, newsroomBrand } from './components.js'

export interface ContactsPageProps {
  lang: Lang
  publicUrl: string
  newsroom: NewsroomView
  groups: { group: string; contacts: PublicContact[] }[]
  siteName?: string
}

function ContactCard(props: { lang: Lang; contact: PublicContact; level: 2 | 3 }) {
  const t = publicStrings[props.lang]
  const { contact } = props
  const Heading = props.level === 2 ? 'h2' : 'h3'
  return (
    <li class="contact-card">
      <Heading class="contact-name">{contact.name}</Heading>
      {contact.title ? <p class="contact-title">{contact.title}</p> : null}
      <dl class="contact-ways">
        {contact.phone && contact.phoneHref ? (
          <>
            <dt>{t.phone}</dt>
            <dd>
              <a href={contact.phoneHref}>{contact.phone}</a>
            </dd>
          </>
        ) : null}
        {contact.email ? (
          <>
            <dt>{t.email}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  )
}

export function ContactsPage(props: ContactsPageProps) {
  const t = publicStrings[props.lang]
  const { newsroom, lang } = props
  const name = newsroomName(newsroom, lang)
  const path = `/${lang}/${newsroom.slug}/contacts`
  const alternates = newsroom.languages.map((l) => ({
    lang: l,
    href: `/${l}/${newsroom.slug}/contacts`,
  }))
  const grouped = props.groups.some((g) => g.group)
  return (
    <Layout
      lang={lang}
      title={t.pressContactsOf(name)}
      description={t.pressContactsIntro}
      alternates={alternates}
      siteName={props.siteName}
      search={{ newsroom: newsroom.slug }}
      newsroom={newsroomBrand(newsroom, lang)}
      head={
        <>
          <link rel="canonical" href={`${props.publicUrl}${path}`} />
          {alternates.map((alt) => (
            <link rel="alternate" hreflang={alt.lang} href={`${props.publicUrl}${alt.href}`} />
          ))}
        </>
      }
    >
      <p class="breadcrumb">
        <a href={`/${lang}/${newsroom.slug}`}>{name}</a>
      </p>
      <h1>{t.pressContacts}</h1>
      <p class="lead">{t.pressContactsIntro}</p>
      {props.groups.length === 0 ? <p>{t.pressContactsEmpty}</p> : null}
      {props.groups.map((group, i) =>
        grouped ? (
          <section aria-labelledby={`contact-group-${i}`}>
            <h2 id={`contact-group-${i}`}>{group.group || t.pressContacts}</h2>
            <ul class="contact-cards">
              {group.contacts.map((contact) => (
                <ContactCard lang={lang} contact={contact} level={3} />
              ))}
            </ul>
          </section>
        ) : (
          <ul class="contact-cards">
            {group.contacts.map((contact) => (
              <ContactCard lang={lang} contact={contact} level={2} />
            ))}
          </ul>
        ),
      )}
      <AboutNewsroom lang={lang} newsroom={newsroom} headingId="about-heading" />
    </Layout>
  )
}
