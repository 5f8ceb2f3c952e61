/**
 * Staff strings of the tools around a release: test send, the outbox viewer, numbers, the
 * account page, CSV import messages and the audit log's sentences. Kept in a file of their own
 * (spread into each language) so the language files stay readable; Finnish defines the keys.
 */
import { formatCount, plural } from '../plural.js'

export const toolsFi = {
  testSendTo: 'Vastaanottaja',
  figures: 'Luvut',
  figuresPrivacy:
    'Lukijaluvut lasketaan palvelimella: ei evästeitä, ei tallennettuja IP-osoitteita eikä ulkopuolisia analytiikkapalveluita, ja hakurobotit jätetään pois.',
  figConfirmed: 'Vahvistetut tilaajat',
  figChange: (n: number) =>
    `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatCount('fi', Math.abs(n))} 30 päivässä`,
  figReleasesThisMonth: 'Julkaistu tässä kuussa',
  figViews30: 'Sivujen lukukertoja 30 päivässä',
  figLatestSends: 'Viimeisimmät lähetykset',
  figMostRead: 'Luetuimmat tiedotteet (30 päivää)',
  figViewsPerDay: 'Lukukerrat päivittäin (30 päivää)',
  figFeedFetches: 'Syötteiden haut (30 päivää)',
  figNone: 'Ei vielä lukuja.',
  figDay: 'Päivä',
  figRelease: 'Tiedote',
  figViews: 'Lukukerrat',
  figFeed: 'Syöte',
  figFetches: 'Haut',
  figDelivered: 'Toimitettu',
  figReadings: 'Lukijat',
  figReleaseViews: (n: number) =>
    plural('fi', n, { one: 'lukukerta yhteensä', other: 'lukukertaa yhteensä' }),
  testSendToHint: 'Oletuksena oma osoitteesi.',
  testSendAction: 'Lähetä testiviesti',
  testSendLink: 'Lähetä testiviesti…',
  testSendBadAddress: 'Tarkista vastaanottajan sähköpostiosoite.',
  testSendUnreachable:
    'Postipalvelimeen ei saatu yhteyttä, joten testiviestiä ei lähetetty. Yritä hetken kuluttua uudelleen.',
  testSendRefused:
    'Postipalvelin ei ottanut testiviestiä vastaan. Tarkista osoite tai kysy ylläpitäjältä.',
  outboxHeadersDecoded: 'Otsakkeet',
  csvUnreadable: (line?: number) =>
    line
      ? `Tiedostoa ei voitu lukea CSV-muodossa (rivi ${line}). Tarkista lainausmerkit ja sarakkeiden määrä.`
      : 'Tiedostoa ei voitu lukea CSV-muodossa. Tarkista lainausmerkit ja sarakkeiden määrä.',
  csvNoEmailColumn:
    'Ensimmäisen rivin pitää nimetä sarakkeet, ja yhden niistä pitää olla ”email”. Erottimeksi käy pilkku, puolipiste tai sarkain.',
  csvUnknownColumns: (columns: string) =>
    `Tuntemattomat sarakkeet: ${columns}. Käytä sarakkeita email, languages, newsrooms, types, keywords, consent_source, consent_text ja consented_at.`,
  csvProblems: {
    'email.required': 'Sähköpostiosoite puuttuu.',
    'email.too-long': 'Sähköpostiosoite on liian pitkä.',
    'email.invalid': 'Sähköpostiosoite ei ole muotoa nimi@esimerkki.fi.',
    'email.invalid-domain': 'Osoitteen @-merkin jälkeinen osa ei ole kelvollinen verkkotunnus.',
    'email.duplicate': 'Sama osoite on tiedostossa jo aiemmalla rivillä.',
    'email.suppressed': 'Osoite on estolistalla; poista esto ensin.',
    'email.unsubscribed': 'Henkilö on perunut tilauksen; tuonti ei voi tilata uudelleen.',
    'status.not-confirmed': 'Vain vahvistettuja tilaajia voi tuoda; jätä muut rivit pois.',
    'newsrooms.required': 'Nimeä vähintään yksi uutishuone sen tunnisteella.',
    'newsrooms.unknown': 'Tuntematon uutishuone.',
    'newsrooms.not-yours': 'Et hallinnoi tämän uutishuoneen tilaajia.',
    'newsrooms.too-many': 'Liian monta uutishuonetta.',
    'languages.required': 'Anna vähintään yksi kieli: fi, sv tai en.',
    'languages.invalid': 'Käytä kieliä fi, sv ja en, kutakin kerran.',
    'types.invalid': 'Käytä tyyppejä press-release, news, invitation ja article.',
    'keywords.invalid': 'Anna avainsanat sanoina tai tunnisteina, esim. ”terveydenhuolto”.',
    'keywords.unknown': 'Avainsanaa ei ole valituissa uutishuoneissa.',
    'keywords.too-many': 'Liian monta avainsanaa.',
    'consent.invalid':
      'Tarkista suostumuksen tiedot: mistä (consent_source) ja milloin (consented_at, esim. 2025-09-29T14:48:00Z).',
  } as Record<string, string>,
  csvProblemOther: 'Tarkista tämän sarakkeen arvo.',
}

export type ToolsStrings = typeof toolsFi

export const toolsSv = {
  testSendTo: 'Mottagare',
  figures: 'Siffror',
  figuresPrivacy:
    'Läsarsiffrorna räknas på servern: inga kakor, inga sparade IP-adresser och inga utomstående analystjänster, och sökrobotar räknas inte.',
  figConfirmed: 'Bekräftade prenumeranter',
  figChange: (n: number) =>
    `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatCount('sv', Math.abs(n))} på 30 dagar`,
  figReleasesThisMonth: 'Publicerade denna månad',
  figViews30: 'Sidvisningar på 30 dagar',
  figLatestSends: 'Senaste utskick',
  figMostRead: 'Mest lästa meddelanden (30 dagar)',
  figViewsPerDay: 'Visningar per dag (30 dagar)',
  figFeedFetches: 'Hämtningar av flöden (30 dagar)',
  figNone: 'Inga siffror ännu.',
  figDay: 'Dag',
  figRelease: 'Meddelande',
  figViews: 'Visningar',
  figFeed: 'Flöde',
  figFetches: 'Hämtningar',
  figDelivered: 'Levererade',
  figReadings: 'Läsare',
  figReleaseViews: (n: number) =>
    plural('sv', n, { one: 'visning totalt', other: 'visningar totalt' }),
  testSendToHint: 'Som standard din egen adress.',
  testSendAction: 'Skicka ett testmeddelande',
  testSendLink: 'Skicka ett testmeddelande…',
  testSendBadAddress: 'Kontrollera mottagarens e-postadress.',
  testSendUnreachable:
    'E-postservern kunde inte nås, så testmeddelandet skickades inte. Försök igen om en stund.',
  testSendRefused:
    'E-postservern tog inte emot testmeddelandet. Kontrollera adressen eller fråga administratören.',
  outboxHeadersDecoded: 'Rubriker',
  csvUnreadable: (line?: number) =>
    line
      ? `Filen kunde inte läsas som CSV (rad ${line}). Kontrollera citattecknen och antalet kolumner.`
      : 'Filen kunde inte läsas som CSV. Kontrollera citattecknen och antalet kolumner.',
  csvNoEmailColumn:
    'Första raden ska namnge kolumnerna, och en av dem ska vara ”email”. Som avgränsare duger komma, semikolon eller tabb.',
  csvUnknownColumns: (columns: string) =>
    `Okända kolumner: ${columns}. Använd kolumnerna email, languages, newsrooms, types, keywords, consent_source, consent_text och consented_at.`,
  csvProblems: {
    'email.required': 'E-postadressen saknas.',
    'email.too-long': 'E-postadressen är för lång.',
    'email.invalid': 'E-postadressen har inte formen namn@exempel.fi.',
    'email.invalid-domain': 'Delen efter @ är inte ett giltigt domännamn.',
    'email.duplicate': 'Samma adress finns redan på en tidigare rad i filen.',
    'email.suppressed': 'Adressen är spärrad; häv spärren först.',
    'email.unsubscribed':
      'Personen har avslutat prenumerationen; en import kan inte prenumerera på nytt.',
    'status.not-confirmed':
      'Bara bekräftade prenumeranter kan importeras; lämna bort de andra raderna.',
    'newsrooms.required': 'Ange minst ett nyhetsrum med dess kortnamn.',
    'newsrooms.unknown': 'Okänt nyhetsrum.',
    'newsrooms.not-yours': 'Du hanterar inte prenumeranterna i detta nyhetsrum.',
    'newsrooms.too-many': 'För många nyhetsrum.',
    'languages.required': 'Ange minst ett språk: fi, sv eller en.',
    'languages.invalid': 'Använd språken fi, sv och en, vart och ett en gång.',
    'types.invalid': 'Använd typerna press-release, news, invitation och article.',
    'keywords.invalid': 'Ange nyckelord som ord eller kortnamn, t.ex. ”halsovard”.',
    'keywords.unknown': 'Nyckelordet finns inte i de valda nyhetsrummen.',
    'keywords.too-many': 'För många nyckelord.',
    'consent.invalid':
      'Kontrollera samtyckets uppgifter: var (consent_source) och när (consented_at, t.ex. 2025-09-29T14:48:00Z).',
  } as Record<string, string>,
  csvProblemOther: 'Kontrollera värdet i den här kolumnen.',
} satisfies ToolsStrings

export const toolsEn = {
  testSendTo: 'Recipient',
  figures: 'Numbers',
  figuresPrivacy:
    'Reading figures are counted on the server: no cookies, no stored IP addresses and no third-party analytics, and crawlers are left out.',
  figConfirmed: 'Confirmed subscribers',
  figChange: (n: number) =>
    `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatCount('en', Math.abs(n))} in 30 days`,
  figReleasesThisMonth: 'Published this month',
  figViews30: 'Page views in 30 days',
  figLatestSends: 'Latest sends',
  figMostRead: 'Most read releases (30 days)',
  figViewsPerDay: 'Views per day (30 days)',
  figFeedFetches: 'Feed fetches (30 days)',
  figNone: 'No figures yet.',
  figDay: 'Day',
  figRelease: 'Release',
  figViews: 'Views',
  figFeed: 'Feed',
  figFetches: 'Fetches',
  figDelivered: 'Delivered',
  figReadings: 'Readers',
  figReleaseViews: (n: number) => plural('en', n, { one: 'view in all', other: 'views in all' }),
  testSendToHint: 'Your own address unless you give another.',
  testSendAction: 'Send a test message',
  testSendLink: 'Send a test…',
  testSendBadAddress: 'Check the recipient’s email address.',
  testSendUnreachable:
    'The mail server could not be reached, so the test message was not sent. Try again in a moment.',
  testSendRefused:
    'The mail server did not accept the test message. Check the address or ask your administrator.',
  outboxHeadersDecoded: 'Headers',
  csvUnreadable: (line?: number) =>
    line
      ? `The file could not be read as CSV (line ${line}). Check the quotes and the number of columns.`
      : 'The file could not be read as CSV. Check the quotes and the number of columns.',
  csvNoEmailColumn:
    'The first line must name the columns, and one of them must be “email”. Columns may be separated by commas, semicolons or tabs.',
  csvUnknownColumns: (columns: string) =>
    `Unknown columns: ${columns}. Use the columns email, languages, newsrooms, types, keywords, consent_source, consent_text and consented_at.`,
  csvProblems: {
    'email.required': 'The email address is missing.',
    'email.too-long': 'The email address is too long.',
    'email.invalid': 'The email address is not like name@example.fi.',
    'email.invalid-domain': 'The part after @ is not a valid domain name.',
    'email.duplicate': 'The same address is on an earlier line of the file.',
    'email.suppressed': 'The address is suppressed; lift the suppression first.',
    'email.unsubscribed': 'This person unsubscribed; an import cannot subscribe them again.',
    'status.not-confirmed': 'Only confirmed subscribers can be imported; leave out the other rows.',
    'newsrooms.required': 'Name at least one newsroom by its slug.',
    'newsrooms.unknown': 'No such newsroom.',
    'newsrooms.not-yours': 'You do not manage the subscribers of this newsroom.',
    'newsrooms.too-many': 'Too many newsrooms.',
    'languages.required': 'Give at least one language: fi, sv or en.',
    'languages.invalid': 'Use the languages fi, sv and en, each once.',
    'types.invalid': 'Use the types press-release, news, invitation and article.',
    'keywords.invalid': 'Give keywords as words or slugs like “health-care”.',
    'keywords.unknown': 'No such keyword in the chosen newsrooms.',
    'keywords.too-many': 'Too many keywords.',
    'consent.invalid':
      'Check the consent details: where (consent_source) and when (consented_at, e.g. 2025-09-29T14:48:00Z).',
  } as Record<string, string>,
  csvProblemOther: 'Check the value in this column.',
} satisfies ToolsStrings
