/**
 * `/{lang}/{newsroom}/contacts`: the newsroom's press contacts, in groups, each with a job title
 * in the page's language, a phone number to tap (`tel:`) and an email address (`mailto:`).
 */
import type { PublicContact } from '../../core/contacts/directory.js'
import type { NewsroomView } from '../../core/newsroom/newsrooms.js'
import { newsroomName } from '../../core/newsroom/newsrooms.js'
import type { Lang } from '../i18n/index.js'
import { publicStrings } from '../i18n/public.js'
import { NewsroomSubpage, ResponsiveImage, jsonLd } from './components.js'

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
    <li class={contact.photo ? 'contact-card with-photo' : 'contact-card'}>
      {contact.photo ? (
        // The name beside it says who this is: the portrait itself needs no words.
        <ResponsiveImage class="contact-photo" media={contact.photo} alt="" sizes="6rem" />
      ) : null}
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

/** The press contacts for search engines: the publisher with its people (schema.org). */
function directoryLd(props: ContactsPageProps, name: string) {
  const { newsroom, publicUrl, lang } = props
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name,
    url: newsroom.website ?? `${publicUrl}/${lang}/${newsroom.slug}`,
    ...(newsroom.logo ? { logo: `${publicUrl}${newsroom.logo.path}` } : {}),
    employee: props.groups.flatMap((g) =>
      g.contacts.map((c) => ({
        '@type': 'Person',
        name: c.name,
        ...(c.title ? { jobTitle: c.title } : {}),
        ...(c.phone ? { telephone: c.phoneHref?.slice(4) ?? c.phone } : {}),
        ...(c.email ? { email: c.email } : {}),
        ...(c.photo?.renditions[0] ? { image: `${publicUrl}${c.photo.renditions[0].path}` } : {}),
        ...(g.group ? { department: { '@type': 'Organization', name: g.group } } : {}),
      })),
    ),
  }
}

export function ContactsPage(props: ContactsPageProps) {
  const t = publicStrings[props.lang]
  const { newsroom, lang } = props
  const name = newsroomName(newsroom, lang)
  const grouped = props.groups.some((g) => g.group)
  return (
    <NewsroomSubpage
      lang={lang}
      publicUrl={props.publicUrl}
      newsroom={newsroom}
      siteName={props.siteName}
      section="contacts"
      title={t.pressContactsOf(name)}
      description={t.pressContactsIntro}
      head={
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: jsonLd(directoryLd(props, name)) }}
        />
      }
    >
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
    </NewsroomSubpage>
  )
}
