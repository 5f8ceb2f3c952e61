/**
 * Strings of the subscription pages (subscribe form, confirmation, preference centre,
 * unsubscribe) in Finnish, the reference the other languages are checked against.
 * `consentText` is recorded with every subscription: change it only together with
 * CONSENT_TEXT_VERSION in src/core/subscription/consent.ts.
 */
import { formatCount } from '../plural.js'
import { releaseTypeLabels } from '../release-types.js'

type ErrorStrings = Record<string, Record<string, string>>

export const fi = {
  subscribeTitle: 'Tilaa tiedotteet sähköpostiisi',
  subscribeTitleFor: (newsroom: string) => `Tilaa tiedotteet: ${newsroom}`,
  subscribeIntro:
    'Saat uudet tiedotteet sähköpostiisi heti niiden julkaisuhetkellä tai halutessasi koottuna yhteen viestiin kerran päivässä tai viikossa. Voit muuttaa valintojasi tai perua tilauksen milloin tahansa jokaisen viestin linkistä.',
  emailLabel: 'Sähköpostiosoite',
  emailHint: 'Lähetämme osoitteeseen vahvistuslinkin. Tilaus alkaa vasta, kun vahvistat sen.',
  languagesLegend: 'Kielet tärkeysjärjestyksessä',
  languagesHint:
    'Saat kustakin tiedotteesta yhden viestin: ensimmäisellä valitsemallasi kielellä, jolla tiedote on julkaistu.',
  languageChoice: ['Ensisijainen kieli', 'Toinen kieli', 'Kolmas kieli'] as [
    string,
    string,
    string,
  ],
  noLanguage: '(ei valintaa)',
  newsroomsLegend: 'Julkaisijat',
  frequencyLegend: 'Kuinka usein',
  frequencyNames: {
    immediate: 'Heti, viesti jokaisesta tiedotteesta',
    daily: 'Päivittäin koosteena klo 7',
    weekly: 'Viikoittain koosteena maanantaisin klo 7',
  },
  typesLegend: 'Tiedotetyypit',
  typesHint: 'Jos et valitse mitään, saat kaikki tyypit.',
  keywordsLegend: 'Aiheet',
  keywordsHint: 'Jos et valitse mitään, saat tiedotteet kaikista aiheista.',
  consentHeading: 'Tietosuoja',
  consentText:
    'Tallennamme sähköpostiosoitteesi ja valintasi vain tiedotteiden lähettämistä varten. Tilauksen ajankohta, lähdesivu ja IP-osoitteesta laskettu tunniste tallennetaan suostumuksen todisteeksi. Voit ladata tietosi tai poistaa ne milloin tahansa.',
  subscribeButton: 'Tilaa',
  honeypotLabel: 'Jätä tämä kenttä tyhjäksi',
  errorSummary: 'Tarkista seuraavat kohdat',
  errors: {
    email: {
      required: 'Kirjoita sähköpostiosoite.',
      'too-long': 'Osoite on liian pitkä (enintään 64 merkkiä ennen @-merkkiä ja 254 yhteensä).',
      invalid: 'Kirjoita osoite muodossa nimi@esimerkki.fi.',
      'invalid-domain': '@-merkin jälkeinen osa ei ole kelvollinen verkkotunnus.',
    },
    languages: {
      required: 'Valitse vähintään yksi kieli.',
      invalid: 'Valitse kielet luettelosta.',
    },
    newsrooms: {
      required: 'Valitse vähintään yksi julkaisija.',
      unknown: 'Valittua julkaisijaa ei löydy.',
      'too-many': 'Valitse enintään 50 julkaisijaa.',
    },
    types: { invalid: 'Valitse tyypit luettelosta.' },
    frequency: { invalid: 'Valitse, kuinka usein haluat viestejä.' },
    keywords: {
      unknown: 'Valitse aiheet luettelosta.',
      invalid: 'Valitse aiheet luettelosta.',
      'too-many': 'Valitse enintään 30 aihetta.',
    },
  } as ErrorStrings,
  checkInboxTitle: 'Tarkista sähköpostisi',
  checkInboxBody:
    'Jos osoite on oikein, saat pian viestin, jossa on vahvistuslinkki. Tilaus alkaa, kun avaat linkin ja painat Vahvista. Jos viestiä ei näy, katso myös roskapostikansio.',
  rateLimitedTitle: 'Liian monta yritystä',
  // "1 minuutin" and "5 minuutin kuluttua" alike: the noun after a numeral stays singular here.
  rateLimitedBody: (minutes: number) =>
    `Tilauksia on tehty tästä osoitteesta tai tähän osoitteeseen liian monta lyhyessä ajassa. Yritä uudelleen ${formatCount('fi', minutes)} minuutin kuluttua.`,
  confirmTitle: 'Vahvista tilaus',
  confirmBody: (email: string) =>
    `Vahvista, että haluat tiedotteet osoitteeseen ${email}. Tilaus alkaa, kun painat painiketta.`,
  confirmButton: 'Vahvista tilaus',
  confirmedTitle: 'Tilaus on vahvistettu',
  confirmedBody:
    'Kiitos! Tilauksesi on voimassa: saat tiedotteet valitsemallasi tavalla, heti julkaisuhetkellä tai koosteena.',
  linkInvalidTitle: 'Linkki ei kelpaa',
  linkInvalidBody:
    'Linkki on virheellinen tai vanhentunut. Tarkista, että kopioit koko linkin viestistä.',
  linkExpiredTitle: 'Linkki on vanhentunut',
  linkExpiredBody:
    'Vahvistuslinkki on voimassa 48 tuntia. Tilaa uudelleen, niin lähetämme uuden linkin.',
  linkUsedTitle: 'Linkki on jo käytetty',
  linkUsedBody:
    'Tämä vahvistuslinkki on jo käytetty. Jos vahvistit tilauksen, se on voimassa; voit muuttaa sitä minkä tahansa tiedotteen lopussa olevasta linkistä.',
  subscribeAgain: 'Tilaa uudelleen',
  manageTitle: 'Tilauksen asetukset',
  manageIntro: (email: string) => `Tilauksen osoite: ${email}`,
  statusPending: 'Tilausta ei ole vielä vahvistettu. Avaa sähköpostiisi lähetetty vahvistuslinkki.',
  statusUnsubscribed: 'Olet perunut tilauksen. Et saa tiedotteita.',
  statusPaused: 'Tilaus on keskeytetty. Et saa tiedotteita ennen kuin jatkat sitä.',
  statusSuppressed:
    'Viestit osoitteeseesi ovat palautuneet tai niistä on tehty roskapostiilmoitus, joten emme lähetä niitä. Ota yhteyttä julkaisijaan, jos haluat jatkaa.',
  pauseLabel: 'Keskeytä tilaus toistaiseksi',
  saveButton: 'Tallenna valinnat',
  savedNotice: 'Valinnat on tallennettu.',
  resubscribeButton: 'Jatka tilausta',
  resubscribedNotice: 'Tilaus on taas voimassa.',
  unsubscribeLink: 'Peru tilaus',
  exportHeading: 'Tietosi',
  exportText:
    'Voit ladata kaikki sinusta tallennetut tiedot (osoite, valinnat, suostumukset ja lähetykset) JSON-tiedostona.',
  exportLink: 'Lataa tietoni (JSON)',
  deleteHeading: 'Poista kaikki tietoni',
  deleteText:
    'Poistaa osoitteesi, valintasi ja lähetyshistoriasi pysyvästi. Jäljelle jää vain nimetön merkintä poistosta.',
  deleteButton: 'Poista tietoni…',
  deleteConfirmTitle: 'Poistetaanko kaikki tietosi?',
  deleteConfirmBody: (email: string) =>
    `Osoite ${email} ja kaikki siihen liittyvät tiedot poistetaan pysyvästi. Et saa enää tiedotteita. Toimintoa ei voi perua.`,
  deleteConfirmButton: 'Poista pysyvästi',
  cancel: 'Peruuta',
  deletedTitle: 'Tietosi on poistettu',
  deletedBody:
    'Osoitteesi ja kaikki siihen liittyvät tiedot on poistettu. Et saa meiltä enää viestejä.',
  unsubscribeTitle: 'Peru tilaus',
  unsubscribeBody: (email: string) =>
    `Haluatko lopettaa tiedotteiden lähettämisen osoitteeseen ${email}?`,
  unsubscribeButton: 'Peru tilaus',
  unsubscribedTitle: 'Tilaus on peruttu',
  unsubscribedBody: 'Et saa enää tiedotteita tähän osoitteeseen.',
  mediaOptOutTitle: 'Tiedotteet medialistalta',
  mediaOptOutBody: (newsroom: string, email: string) =>
    `Osoitteesi ${email} on julkaisijan ${newsroom} medialistalla, joten saat sen tiedotteet ja embargotiedotteet. Haluatko, ettei niitä enää lähetetä?`,
  mediaOptOutButton: 'En halua enää tiedotteita',
  mediaOptedOutTitle: 'Et saa enää tiedotteita',
  mediaOptedOutBody: (newsroom: string) =>
    `Julkaisija ${newsroom} ei enää lähetä sinulle tiedotteita medialistoiltaan. Jos haluat ne takaisin, ota yhteyttä sen viestintään.`,
  manageLink: 'Tilauksen asetukset',
  forbiddenTitle: 'Lomake hylättiin',
  forbiddenBody:
    'Lomake lähetettiin toiselta sivustolta, joten sitä ei käsitelty. Avaa sivu uudelleen ja yritä uudelleen.',
  typeNames: releaseTypeLabels.fi,
}

/** The shape of the subscription strings; Swedish and English must have exactly these keys. */
export type SubscriptionStrings = typeof fi
