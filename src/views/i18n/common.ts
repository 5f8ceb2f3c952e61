import type { Lang } from './index.js'

const fi = {
  siteName: 'Uutishuone',
  skipToContent: 'Siirry sisältöön',
  languageSwitcher: 'Kieli',
  notFoundTitle: 'Sivua ei löytynyt',
  notFoundBody: 'Etsimääsi sivua ei ole olemassa tai se on siirretty.',
  backToFront: 'Takaisin etusivulle',
  errorTitle: 'Jotain meni vikaan',
  errorBody: 'Palvelussa tapahtui virhe. Yritä hetken kuluttua uudelleen.',
  unavailableTitle: 'Palvelu on tilapäisesti poissa käytöstä',
  unavailableBody: 'Palvelu ei juuri nyt tavoita tietokantaansa. Yritä uudelleen hetken kuluttua.',
  badRequestTitle: 'Pyyntöä ei voitu käsitellä',
  homeOf: (name: string) => `${name}: etusivu`,
}

export type CommonStrings = typeof fi

const sv: CommonStrings = {
  siteName: 'Nyhetsrum',
  skipToContent: 'Hoppa till innehållet',
  languageSwitcher: 'Språk',
  notFoundTitle: 'Sidan hittades inte',
  notFoundBody: 'Sidan du söker finns inte eller har flyttats.',
  backToFront: 'Tillbaka till startsidan',
  errorTitle: 'Något gick fel',
  errorBody: 'Ett fel inträffade i tjänsten. Försök igen om en stund.',
  unavailableTitle: 'Tjänsten är tillfälligt ur bruk',
  unavailableBody: 'Tjänsten når inte sin databas just nu. Försök igen om en stund.',
  badRequestTitle: 'Begäran kunde inte behandlas',
  homeOf: (name: string) => `${name}: startsida`,
}

const en: CommonStrings = {
  siteName: 'Newsroom',
  skipToContent: 'Skip to content',
  languageSwitcher: 'Language',
  notFoundTitle: 'Page not found',
  notFoundBody: 'The page you are looking for does not exist or has moved.',
  backToFront: 'Back to the front page',
  errorTitle: 'Something went wrong',
  errorBody: 'The service ran into an error. Please try again in a moment.',
  unavailableTitle: 'Service temporarily unavailable',
  unavailableBody: 'The service cannot reach its database right now. Please try again shortly.',
  badRequestTitle: 'The request could not be handled',
  homeOf: (name: string) => `${name}: front page`,
}

export const common: Record<Lang, CommonStrings> = { fi, sv, en }
