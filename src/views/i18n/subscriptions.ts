/**
 * Strings of the subscription pages (subscribe form, confirmation, preference centre,
 * unsubscribe) in Finnish, Swedish and English. `consentText` is recorded with every
 * subscription: change it only together with CONSENT_TEXT_VERSION in
 * src/core/subscription/consent.ts.
 */
import type { ReleaseType } from '../../core/types.js'
import type { Lang } from './index.js'

const fi = {
  subscribeTitle: 'Tilaa tiedotteet sähköpostiisi',
  subscribeTitleFor: (newsroom: string) => `Tilaa tiedotteet: ${newsroom}`,
  subscribeIntro:
    'Saat uudet tiedotteet sähköpostiisi heti niiden julkaisuhetkellä. Voit muuttaa valintojasi tai perua tilauksen milloin tahansa jokaisen viestin linkistä.',
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
    keywords: {
      invalid: 'Valitse aiheet luettelosta.',
      'too-many': 'Valitse enintään 30 aihetta.',
    },
  } as ErrorStrings,
  checkInboxTitle: 'Tarkista sähköpostisi',
  checkInboxBody:
    'Jos osoite on oikein, saat pian viestin, jossa on vahvistuslinkki. Tilaus alkaa, kun avaat linkin ja painat Vahvista. Jos viestiä ei näy, katso myös roskapostikansio.',
  rateLimitedTitle: 'Liian monta yritystä',
  rateLimitedBody: (minutes: number) =>
    `Tilauksia on tehty tästä osoitteesta tai tähän osoitteeseen liian monta lyhyessä ajassa. Yritä uudelleen ${minutes} minuutin kuluttua.`,
  confirmTitle: 'Vahvista tilaus',
  confirmBody: (email: string) =>
    `Vahvista, että haluat tiedotteet osoitteeseen ${email}. Tilaus alkaa, kun painat painiketta.`,
  confirmButton: 'Vahvista tilaus',
  confirmedTitle: 'Tilaus on vahvistettu',
  confirmedBody:
    'Kiitos! Saat tästä lähtien tiedotteet sähköpostiisi heti niiden julkaisuhetkellä.',
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
  manageLink: 'Tilauksen asetukset',
  forbiddenTitle: 'Lomake hylättiin',
  forbiddenBody:
    'Lomake lähetettiin toiselta sivustolta, joten sitä ei käsitelty. Avaa sivu uudelleen ja yritä uudelleen.',
  typeNames: {
    'press-release': 'Tiedote',
    news: 'Uutinen',
    invitation: 'Kutsu',
    article: 'Artikkeli',
  } as Record<ReleaseType, string>,
}

type ErrorStrings = Record<string, Record<string, string>>
export type SubscriptionStrings = typeof fi

const sv: SubscriptionStrings = {
  subscribeTitle: 'Prenumerera på pressmeddelanden',
  subscribeTitleFor: (newsroom) => `Prenumerera på pressmeddelanden: ${newsroom}`,
  subscribeIntro:
    'Nya pressmeddelanden kommer till din e-post i samma stund som de publiceras. Du kan ändra dina val eller avsluta prenumerationen när som helst via länken i varje meddelande.',
  emailLabel: 'E-postadress',
  emailHint:
    'Vi skickar en bekräftelselänk till adressen. Prenumerationen börjar först när du bekräftar den.',
  languagesLegend: 'Språk i önskad ordning',
  languagesHint:
    'Du får ett meddelande per pressmeddelande: på det första av dina språk som det har publicerats på.',
  languageChoice: ['Första språk', 'Andra språk', 'Tredje språk'] as [string, string, string],
  noLanguage: '(inget val)',
  newsroomsLegend: 'Utgivare',
  typesLegend: 'Typer av meddelanden',
  typesHint: 'Om du inte väljer något får du alla typer.',
  keywordsLegend: 'Ämnen',
  keywordsHint: 'Om du inte väljer något får du meddelanden om alla ämnen.',
  consentHeading: 'Dataskydd',
  consentText:
    'Vi sparar din e-postadress och dina val enbart för att skicka pressmeddelanden. Tidpunkten, sidan du prenumererade från och en kod beräknad ur din IP-adress sparas som bevis på ditt samtycke. Du kan ladda ner eller radera dina uppgifter när som helst.',
  subscribeButton: 'Prenumerera',
  honeypotLabel: 'Lämna det här fältet tomt',
  errorSummary: 'Kontrollera följande',
  errors: {
    email: {
      required: 'Skriv en e-postadress.',
      'too-long': 'Adressen är för lång (högst 64 tecken före @ och 254 totalt).',
      invalid: 'Skriv adressen i formen namn@exempel.fi.',
      'invalid-domain': 'Delen efter @ är inte ett giltigt domännamn.',
    },
    languages: {
      required: 'Välj minst ett språk.',
      invalid: 'Välj språk ur listan.',
    },
    newsrooms: {
      required: 'Välj minst en utgivare.',
      unknown: 'Den valda utgivaren finns inte.',
      'too-many': 'Välj högst 50 utgivare.',
    },
    types: { invalid: 'Välj typer ur listan.' },
    keywords: {
      invalid: 'Välj ämnen ur listan.',
      'too-many': 'Välj högst 30 ämnen.',
    },
  },
  checkInboxTitle: 'Kontrollera din e-post',
  checkInboxBody:
    'Om adressen är rätt får du snart ett meddelande med en bekräftelselänk. Prenumerationen börjar när du öppnar länken och trycker på Bekräfta. Titta också i skräpposten om meddelandet inte syns.',
  rateLimitedTitle: 'För många försök',
  rateLimitedBody: (minutes) =>
    `Det har gjorts för många prenumerationer från den här adressen eller till den här adressen på kort tid. Försök igen om ${minutes} minuter.`,
  confirmTitle: 'Bekräfta prenumerationen',
  confirmBody: (email) =>
    `Bekräfta att du vill ha pressmeddelanden till ${email}. Prenumerationen börjar när du trycker på knappen.`,
  confirmButton: 'Bekräfta prenumerationen',
  confirmedTitle: 'Prenumerationen är bekräftad',
  confirmedBody:
    'Tack! Från och med nu får du pressmeddelanden per e-post i samma stund som de publiceras.',
  linkInvalidTitle: 'Länken gäller inte',
  linkInvalidBody:
    'Länken är felaktig eller har gått ut. Kontrollera att du kopierade hela länken ur meddelandet.',
  linkExpiredTitle: 'Länken har gått ut',
  linkExpiredBody:
    'Bekräftelselänken gäller i 48 timmar. Prenumerera på nytt så skickar vi en ny länk.',
  linkUsedTitle: 'Länken har redan använts',
  linkUsedBody:
    'Den här bekräftelselänken har redan använts. Om du bekräftade är prenumerationen i kraft; du kan ändra den via länken i slutet av varje meddelande.',
  subscribeAgain: 'Prenumerera på nytt',
  manageTitle: 'Inställningar för prenumerationen',
  manageIntro: (email) => `Prenumerationens adress: ${email}`,
  statusPending:
    'Prenumerationen är inte bekräftad ännu. Öppna bekräftelselänken som skickades till din e-post.',
  statusUnsubscribed: 'Du har avslutat prenumerationen. Du får inga pressmeddelanden.',
  statusPaused: 'Prenumerationen är pausad. Du får inga pressmeddelanden förrän du fortsätter.',
  statusSuppressed:
    'Meddelanden till din adress har studsat eller rapporterats som skräppost, så vi skickar inga. Kontakta utgivaren om du vill fortsätta.',
  pauseLabel: 'Pausa prenumerationen tills vidare',
  saveButton: 'Spara valen',
  savedNotice: 'Valen har sparats.',
  resubscribeButton: 'Fortsätt prenumerationen',
  resubscribedNotice: 'Prenumerationen gäller igen.',
  unsubscribeLink: 'Avsluta prenumerationen',
  exportHeading: 'Dina uppgifter',
  exportText:
    'Du kan ladda ner alla uppgifter vi har sparat om dig (adress, val, samtycken och utskick) som en JSON-fil.',
  exportLink: 'Ladda ner mina uppgifter (JSON)',
  deleteHeading: 'Radera alla mina uppgifter',
  deleteText:
    'Raderar din adress, dina val och din utskickshistorik permanent. Kvar blir endast en anonym notering om raderingen.',
  deleteButton: 'Radera mina uppgifter…',
  deleteConfirmTitle: 'Radera alla dina uppgifter?',
  deleteConfirmBody: (email) =>
    `Adressen ${email} och alla uppgifter som hör till den raderas permanent. Du får inga fler pressmeddelanden. Det går inte att ångra.`,
  deleteConfirmButton: 'Radera permanent',
  cancel: 'Avbryt',
  deletedTitle: 'Dina uppgifter har raderats',
  deletedBody:
    'Din adress och alla uppgifter som hör till den har raderats. Du får inga fler meddelanden från oss.',
  unsubscribeTitle: 'Avsluta prenumerationen',
  unsubscribeBody: (email) => `Vill du sluta få pressmeddelanden till ${email}?`,
  unsubscribeButton: 'Avsluta prenumerationen',
  unsubscribedTitle: 'Prenumerationen är avslutad',
  unsubscribedBody: 'Du får inga fler pressmeddelanden till den här adressen.',
  manageLink: 'Inställningar för prenumerationen',
  forbiddenTitle: 'Formuläret avvisades',
  forbiddenBody:
    'Formuläret skickades från en annan webbplats och behandlades därför inte. Öppna sidan på nytt och försök igen.',
  typeNames: {
    'press-release': 'Pressmeddelande',
    news: 'Nyhet',
    invitation: 'Inbjudan',
    article: 'Artikel',
  },
}

const en: SubscriptionStrings = {
  subscribeTitle: 'Get releases by email',
  subscribeTitleFor: (newsroom) => `Get releases by email: ${newsroom}`,
  subscribeIntro:
    'New releases reach your inbox the moment they are published. You can change your choices or unsubscribe at any time with the link in every message.',
  emailLabel: 'Email address',
  emailHint: 'We will send a confirmation link to this address. Nothing is sent until you confirm.',
  languagesLegend: 'Languages in order of preference',
  languagesHint:
    'You get one message per release: in the first of your languages that it was published in.',
  languageChoice: ['First language', 'Second language', 'Third language'] as [
    string,
    string,
    string,
  ],
  noLanguage: '(none)',
  newsroomsLegend: 'Publishers',
  typesLegend: 'Kinds of release',
  typesHint: 'Choose none to get every kind.',
  keywordsLegend: 'Topics',
  keywordsHint: 'Choose none to get releases on every topic.',
  consentHeading: 'Privacy',
  consentText:
    'We keep your email address and choices only to send you releases. The time, the page you subscribed on and a code derived from your IP address are kept as proof of your consent. You can download or delete your data at any time.',
  subscribeButton: 'Subscribe',
  honeypotLabel: 'Leave this field empty',
  errorSummary: 'Please check the following',
  errors: {
    email: {
      required: 'Enter an email address.',
      'too-long': 'The address is too long (at most 64 characters before @ and 254 in all).',
      invalid: 'Enter the address like name@example.fi.',
      'invalid-domain': 'The part after @ is not a valid domain name.',
    },
    languages: {
      required: 'Choose at least one language.',
      invalid: 'Choose languages from the list.',
    },
    newsrooms: {
      required: 'Choose at least one publisher.',
      unknown: 'The chosen publisher does not exist.',
      'too-many': 'Choose at most 50 publishers.',
    },
    types: { invalid: 'Choose kinds from the list.' },
    keywords: {
      invalid: 'Choose topics from the list.',
      'too-many': 'Choose at most 30 topics.',
    },
  },
  checkInboxTitle: 'Check your inbox',
  checkInboxBody:
    'If the address is right, a message with a confirmation link is on its way. Your subscription starts when you open the link and press Confirm. If you cannot see it, look in your spam folder too.',
  rateLimitedTitle: 'Too many attempts',
  rateLimitedBody: (minutes) =>
    `There have been too many subscriptions from this network or to this address in a short time. Please try again in ${minutes} minutes.`,
  confirmTitle: 'Confirm your subscription',
  confirmBody: (email) =>
    `Confirm that you want releases sent to ${email}. Your subscription starts when you press the button.`,
  confirmButton: 'Confirm subscription',
  confirmedTitle: 'Subscription confirmed',
  confirmedBody: 'Thank you! From now on, releases reach your inbox the moment they are published.',
  linkInvalidTitle: 'This link does not work',
  linkInvalidBody:
    'The link is not valid or no longer works. Check that you copied the whole link from the message.',
  linkExpiredTitle: 'This link has expired',
  linkExpiredBody:
    'Confirmation links are valid for 48 hours. Subscribe again and we will send a new one.',
  linkUsedTitle: 'This link has already been used',
  linkUsedBody:
    'This confirmation link has already been used. If you confirmed, your subscription is active; you can change it with the link at the end of every release.',
  subscribeAgain: 'Subscribe again',
  manageTitle: 'Subscription settings',
  manageIntro: (email) => `Subscribed address: ${email}`,
  statusPending:
    'Your subscription is not confirmed yet. Open the confirmation link we sent to your inbox.',
  statusUnsubscribed: 'You have unsubscribed. You do not receive releases.',
  statusPaused: 'Your subscription is paused. You receive no releases until you resume it.',
  statusSuppressed:
    'Messages to your address bounced or were reported as spam, so we do not send any. Contact the publisher if you want to continue.',
  pauseLabel: 'Pause my subscription for now',
  saveButton: 'Save choices',
  savedNotice: 'Your choices have been saved.',
  resubscribeButton: 'Resume subscription',
  resubscribedNotice: 'Your subscription is active again.',
  unsubscribeLink: 'Unsubscribe',
  exportHeading: 'Your data',
  exportText:
    'You can download everything we hold about you (address, choices, consents and deliveries) as a JSON file.',
  exportLink: 'Download my data (JSON)',
  deleteHeading: 'Delete all my data',
  deleteText:
    'Deletes your address, choices and delivery history for good. Only an anonymous note that a deletion happened remains.',
  deleteButton: 'Delete my data…',
  deleteConfirmTitle: 'Delete all your data?',
  deleteConfirmBody: (email) =>
    `The address ${email} and everything about it will be deleted for good. You will receive no more releases. This cannot be undone.`,
  deleteConfirmButton: 'Delete for good',
  cancel: 'Cancel',
  deletedTitle: 'Your data has been deleted',
  deletedBody:
    'Your address and everything about it has been deleted. You will receive no more messages from us.',
  unsubscribeTitle: 'Unsubscribe',
  unsubscribeBody: (email) => `Do you want to stop receiving releases at ${email}?`,
  unsubscribeButton: 'Unsubscribe',
  unsubscribedTitle: 'You have unsubscribed',
  unsubscribedBody: 'You will receive no more releases at this address.',
  manageLink: 'Subscription settings',
  forbiddenTitle: 'Form rejected',
  forbiddenBody:
    'The form was sent from another website, so it was not processed. Open the page again and retry.',
  typeNames: {
    'press-release': 'Press release',
    news: 'News',
    invitation: 'Invitation',
    article: 'Article',
  },
}

export const subscriptionStrings: Record<Lang, SubscriptionStrings> = { fi, sv, en }
