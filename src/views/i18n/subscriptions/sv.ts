/** Strings of the subscription pages in Swedish. */
import type { SubscriptionStrings } from './fi.js'
import { plural } from '../plural.js'
import { releaseTypeLabels } from '../release-types.js'

export const sv = {
  subscribeTitle: 'Prenumerera på pressmeddelanden',
  subscribeTitleFor: (newsroom) => `Prenumerera på pressmeddelanden: ${newsroom}`,
  subscribeIntro:
    'Nya pressmeddelanden kommer till din e-post i samma stund som de publiceras, eller om du vill samlade i ett mejl om dagen eller i veckan. Du kan ändra dina val eller avsluta prenumerationen när som helst via länken i varje meddelande.',
  emailLabel: 'E-postadress',
  emailHint:
    'Vi skickar en bekräftelselänk till adressen. Prenumerationen börjar först när du bekräftar den.',
  languagesLegend: 'Språk i önskad ordning',
  languagesHint:
    'Du får ett meddelande per pressmeddelande: på det första av dina språk som det har publicerats på.',
  languageChoice: ['Första språk', 'Andra språk', 'Tredje språk'] as [string, string, string],
  noLanguage: '(inget val)',
  newsroomsLegend: 'Utgivare',
  frequencyLegend: 'Hur ofta',
  frequencyNames: {
    immediate: 'Genast, ett mejl per meddelande',
    daily: 'Dagligen som sammandrag kl. 7',
    weekly: 'Varje vecka som sammandrag på måndagar kl. 7',
  },
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
    frequency: { invalid: 'Välj hur ofta du vill få mejl.' },
    keywords: {
      unknown: 'Välj ämnen ur listan.',
      invalid: 'Välj ämnen ur listan.',
      'too-many': 'Välj högst 30 ämnen.',
    },
  },
  checkInboxTitle: 'Kontrollera din e-post',
  checkInboxBody:
    'Om adressen är rätt får du snart ett meddelande med en bekräftelselänk. Prenumerationen börjar när du öppnar länken och trycker på Bekräfta. Titta också i skräpposten om meddelandet inte syns.',
  rateLimitedTitle: 'För många försök',
  rateLimitedBody: (minutes) =>
    `Det har gjorts för många prenumerationer från den här adressen eller till den här adressen på kort tid. Försök igen om ${plural('sv', minutes, { one: 'minut', other: 'minuter' })}.`,
  confirmTitle: 'Bekräfta prenumerationen',
  confirmBody: (email) =>
    `Bekräfta att du vill ha pressmeddelanden till ${email}. Prenumerationen börjar när du trycker på knappen.`,
  confirmButton: 'Bekräfta prenumerationen',
  confirmedTitle: 'Prenumerationen är bekräftad',
  confirmedBody:
    'Tack! Din prenumeration är aktiv: du får pressmeddelanden så som du valde, i samma stund som de publiceras eller samlade i ett sammandrag.',
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
  mediaOptOutTitle: 'Pressmeddelanden från medielistan',
  mediaOptOutBody: (newsroom, email) =>
    `Din adress ${email} finns på medielistan hos ${newsroom}, så du får dess pressmeddelanden och embargomeddelanden. Vill du att de inte längre skickas?`,
  mediaOptOutButton: 'Jag vill inte längre få pressmeddelanden',
  mediaOptedOutTitle: 'Du får inga fler pressmeddelanden',
  mediaOptedOutBody: (newsroom) =>
    `${newsroom} skickar dig inte längre pressmeddelanden från sina medielistor. Vill du få dem igen, kontakta dess kommunikation.`,
  manageLink: 'Inställningar för prenumerationen',
  forbiddenTitle: 'Formuläret avvisades',
  forbiddenBody:
    'Formuläret skickades från en annan webbplats och behandlades därför inte. Öppna sidan på nytt och försök igen.',
  typeNames: releaseTypeLabels.sv,
} satisfies SubscriptionStrings
