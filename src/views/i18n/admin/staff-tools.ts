/**
 * Staff strings of the tools around a release: test send, the outbox viewer, numbers, the
 * account page, CSV import messages and the audit log's sentences. Kept in a file of their own
 * (spread into each language) so the language files stay readable; Finnish defines the keys.
 */
// plural forms: see ../plural.js

export const toolsFi = {
  testSendTo: 'Vastaanottaja',
  testSendToHint: 'Oletuksena oma osoitteesi.',
  testSendAction: 'Lähetä testiviesti',
  testSendLink: 'Lähetä testiviesti…',
  testSendBadAddress: 'Tarkista vastaanottajan sähköpostiosoite.',
  testSendUnreachable:
    'Postipalvelimeen ei saatu yhteyttä, joten testiviestiä ei lähetetty. Yritä hetken kuluttua uudelleen.',
  testSendRefused:
    'Postipalvelin ei ottanut testiviestiä vastaan. Tarkista osoite tai kysy ylläpitäjältä.',
  outboxHeadersDecoded: 'Otsakkeet',
}

export type ToolsStrings = typeof toolsFi

export const toolsSv = {
  testSendTo: 'Mottagare',
  testSendToHint: 'Som standard din egen adress.',
  testSendAction: 'Skicka ett testmeddelande',
  testSendLink: 'Skicka ett testmeddelande…',
  testSendBadAddress: 'Kontrollera mottagarens e-postadress.',
  testSendUnreachable:
    'E-postservern kunde inte nås, så testmeddelandet skickades inte. Försök igen om en stund.',
  testSendRefused:
    'E-postservern tog inte emot testmeddelandet. Kontrollera adressen eller fråga administratören.',
  outboxHeadersDecoded: 'Rubriker',
} satisfies ToolsStrings

export const toolsEn = {
  testSendTo: 'Recipient',
  testSendToHint: 'Your own address unless you give another.',
  testSendAction: 'Send a test message',
  testSendLink: 'Send a test…',
  testSendBadAddress: 'Check the recipient’s email address.',
  testSendUnreachable:
    'The mail server could not be reached, so the test message was not sent. Try again in a moment.',
  testSendRefused:
    'The mail server did not accept the test message. Check the address or ask your administrator.',
  outboxHeadersDecoded: 'Headers',
} satisfies ToolsStrings
