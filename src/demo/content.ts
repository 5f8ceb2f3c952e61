// Demo newsroom seeded on first start. Facts follow public material from Länsi-Uudenmaan
// hyvinvointialue – Västra Nylands välfärdsområde; all wording is written for Tiedote. Contact
// details, the media briefing and the attachment are fictitious demo content.

export type DemoLang = 'fi' | 'sv' | 'en'

export interface DemoVersion {
  title: string
  lead: string
  /** Markdown */
  body: string
}

export interface DemoContact {
  name: string
  title: Partial<Record<DemoLang, string>>
  phone: string
  email: string
  /** Group on the public contacts page; listed in the order of `contacts`. */
  group: Record<DemoLang, string>
}

export interface DemoRelease {
  key: string
  type: 'press-release' | 'news' | 'invitation' | 'article'
  /** ISO 8601, UTC */
  publishedAt: string
  keywords: string[]
  contactKeys: string[]
  versions: Partial<Record<DemoLang, DemoVersion>>
  attachment?: {
    filename: string
    title: Partial<Record<DemoLang, string>>
    content: string
  }
  /** A drawn photo (`images.ts`) attached as the release's lead image. */
  image?: 'council' | 'health-station' | 'dark-season'
  /** An invitation's event. */
  event?: { start: string; end: string; location: string; url?: string }
}

export interface DemoNewsroom {
  slug: string
  languages: DemoLang[]
  timezone: 'Europe/Helsinki'
  name: Record<'fi' | 'sv', string> & Partial<Record<'en', string>>
  boilerplate: Record<'fi' | 'sv', string> & Partial<Record<'en', string>>
  website: string
  /** The county's own blue; 7.9:1 against white. */
  accentColor: string
  replyTo: string
  social: { label: string; url: string }[]
  contacts: Record<string, DemoContact>
}

export const demoNewsroom: DemoNewsroom = {
  slug: 'lansi-uusimaa',
  languages: ['fi', 'sv', 'en'],
  timezone: 'Europe/Helsinki',
  name: {
    fi: 'Länsi-Uudenmaan hyvinvointialue',
    sv: 'Västra Nylands välfärdsområde',
    en: 'Western Uusimaa Wellbeing Services County',
  },
  boilerplate: {
    fi: 'Länsi-Uudenmaan hyvinvointialue vastaa sosiaali- ja terveyspalveluista sekä pelastustoimesta kymmenen kunnan asukkaille. Alueeseen kuuluvat Espoo, Hanko, Inkoo, Karkkila, Kauniainen, Kirkkonummi, Lohja, Raasepori, Siuntio ja Vihti.',
    sv: 'Västra Nylands välfärdsområde ansvarar för social- och hälsovårdstjänsterna och räddningsväsendet för invånarna i tio kommuner. Till området hör Esbo, Hangö, Ingå, Högfors, Grankulla, Kyrkslätt, Lojo, Raseborg, Sjundeå och Vichtis.',
    en: 'The Western Uusimaa Wellbeing Services County is responsible for social services, health care and rescue services for the residents of ten municipalities: Espoo, Hanko, Inkoo, Karkkila, Kauniainen, Kirkkonummi, Lohja, Raseborg, Siuntio and Vihti.',
  },
  website: 'https://www.luvn.fi',
  accentColor: '#00577d',
  replyTo: 'viestinta@example.fi',
  social: [
    { label: 'X', url: 'https://x.com/LUhyvinvointi' },
    { label: 'Facebook', url: 'https://www.facebook.com/LansiUudenmaanHyvinvointialue' },
    { label: 'LinkedIn', url: 'https://www.linkedin.com/company/lansi-uudenmaan-hyvinvointialue' },
    { label: 'YouTube', url: 'https://www.youtube.com/@LansiUudenmaanHyvinvointialue' },
  ],
  contacts: {
    'anna-sahiluoma': {
      name: 'Anna Sahiluoma',
      title: {
        fi: 'aluevaltuuston neuvottelutoimikunnan puheenjohtaja',
        sv: 'ordförande för välfärdsområdesfullmäktiges förhandlingskommitté',
        en: 'Chair of the Regional Council Negotiation Committee',
      },
      phone: '+358 40 000 0001',
      email: 'anna.sahiluoma@example.fi',
      group: { fi: 'Luottamushenkilöt', sv: 'Förtroendevalda', en: 'Elected officials' },
    },
    'mikaela-lindholm': {
      name: 'Mikaela Lindholm',
      title: {
        fi: 'viestintäjohtaja',
        sv: 'kommunikationsdirektör',
        en: 'Director of Communications',
      },
      phone: '+358 40 000 0002',
      email: 'mikaela.lindholm@example.fi',
      group: { fi: 'Viestintä', sv: 'Kommunikation', en: 'Communications' },
    },
    'jari-koskinen': {
      name: 'Jari Koskinen',
      title: {
        fi: 'henkilöstöjohtaja',
        sv: 'personaldirektör',
        en: 'HR Director',
      },
      phone: '+358 40 000 0003',
      email: 'jari.koskinen@example.fi',
      group: { fi: 'Johto', sv: 'Ledning', en: 'Management' },
    },
  },
}

export const demoReleases: DemoRelease[] = [
  {
    key: 'strategy-2026-2029-negotiation-result',
    image: 'council',
    type: 'press-release',
    // 29.9.2025 17:48:33 EEST
    publishedAt: '2025-09-29T14:48:33.000Z',
    keywords: ['strategia', 'hyvinvointialue', 'aluevaltuusto', 'muutoslupaukset', 'palvelut'],
    contactKeys: ['anna-sahiluoma', 'mikaela-lindholm'],
    versions: {
      fi: {
        title: 'Valtuustoryhmät sopuun palvelujen uudistamisen strategiasta vuosille 2026–2029',
        lead: 'Aluevaltuuston neuvottelutoimikunta on saavuttanut neuvottelutuloksen Länsi-Uudenmaan hyvinvointialueen strategiasta kaudelle 2026–2029. Tuloksen takana on valtaosa aluevaltuuston ryhmistä.',
        body: `Neuvottelujen pohjana oli hyvinvointialuejohtajan ehdotus palvelujen uudistamisen strategiaksi. Toimikunta kävi läpi myös palautteen, jota alueen kunnat, asukkaat, henkilöstö ja järjestöt antoivat strategialuonnoksesta.

Strategia linjaa, mihin hyvinvointialueen toiminnalla ja taloudella pyritään pitkällä aikavälillä, ja se suuntaa palvelujen uudistamista asiakkaiden tarpeista käsin. Päivitystyö alkoi syksyllä 2024, ja siihen ovat osallistuneet asukkaat, työntekijät, luottamushenkilöt ja muut yhteistyötahot.

## Kuusi muutoslupausta

Strategian ytimessä on kuusi muutoslupausta, joiden avulla palveluja uudistetaan:

1. Lapsille ja nuorille lisää ensisijaisia palveluja
2. Jokaiselle oma lääkäri
3. Turvallisempi arki kotona
4. Sujuvammat ja asiakaslähtöisemmät asiakaspolut
5. Hyvinvointialueesta teknologian hyödyntämisen edelläkävijä
6. Kriittiset palvelut toimivat kaikissa tilanteissa

Neuvottelutuloksessa painottuvat asiakaslähtöisen uudistamisen periaatteet, hoitoon pääsyn ja hoidon jatkuvuuden parantaminen sekä panostukset henkilöstön hyvinvointiin. Lisäksi siinä nostetaan esiin kumppanuus kuntien, HUSin ja järjestöjen sekä muiden yhteistyötahojen kanssa ja tavoite vahvistaa asukkaiden luottamusta julkisiin palveluihin.

> ”Tämän sovun pohjalta meillä on yhteinen perusta uudistaa palveluja valtuustokaudella 2026–2029 niin, että muutokset tuottavat tulosta ja talous kestää ne. Haluamme, että asukkaat pääsevät palveluihin helpommin, henkilöstö jaksaa työssään ja teknologiaa käytetään harkiten asukkaiden hyväksi”, sanoo neuvottelutoimikunnan puheenjohtaja Anna Sahiluoma.

Neuvottelutulokseen ovat sitoutuneet kokoomuksen, SDP:n, vihreiden, vasemmistoliiton, keskustan ja kristillisdemokraattien valtuustoryhmät. Strategian tekstimuutokset ja toimeenpanoa koskevat pöytäkirjamerkinnät ovat tiedotteen liitteenä. Aluehallitus käsittelee strategiaa 2.10.2025, ja aluevaltuuston on tarkoitus päättää siitä kokouksessaan 7.10.2025.`,
      },
      sv: {
        title: 'Fullmäktigegrupperna enades om strategin för förnyelse av tjänsterna 2026–2029',
        lead: 'Välfärdsområdesfullmäktiges förhandlingskommitté har nått ett förhandlingsresultat om Västra Nylands välfärdsområdes strategi för perioden 2026–2029. Majoriteten av fullmäktigegrupperna står bakom resultatet.',
        body: `Förhandlingarna utgick från välfärdsområdesdirektörens förslag till strategi för förnyelse av tjänsterna. Kommittén gick också igenom de kommentarer och utlåtanden som kommunerna, invånarna, personalen och organisationerna lämnat om strategiutkastet.

Strategin anger välfärdsområdets långsiktiga mål för både verksamheten och ekonomin och styr hur tjänsterna förnyas utifrån kundernas behov. Uppdateringen har beretts sedan hösten 2024 tillsammans med invånare, anställda, förtroendevalda och andra samarbetsparter.

## Sex förändringslöften

Välfärdsområdet förbinder sig att förnya sina tjänster genom sex förändringslöften:

1. Fler primära tjänster för barn och unga
2. En egen läkare för alla
3. Ett tryggare liv hemma
4. Smidigare och mer kundorienterade servicekedjor
5. Välfärdsområdet som föregångare i att utnyttja teknik
6. Kritiska tjänster som fungerar under alla förhållanden

I förhandlingsresultatet betonas principerna för en kundorienterad förnyelse, bättre tillgång till vård och bättre kontinuitet i vården samt satsningar på personalens välbefinnande. Resultatet lyfter också fram samarbetet med kommunerna, HUS, organisationerna och andra partner samt målet att stärka invånarnas förtroende för den offentliga servicen.

> ”Med det här resultatet har vi en gemensam grund för att förnya tjänsterna under fullmäktigeperioden 2026–2029 på ett sätt som ger effekt och som ekonomin håller för. Invånarna ska lättare få tillgång till tjänster, personalen ska orka i arbetet och tekniken ska användas klokt till förmån för invånarna”, säger förhandlingskommitténs ordförande Anna Sahiluoma.

Bakom resultatet står Samlingspartiets, Socialdemokraternas, De grönas, Vänsterförbundets, Centerns och Kristdemokraternas fullmäktigegrupper. Textändringarna i strategin och protokollsanteckningarna om verkställigheten finns i bilagan. Välfärdsområdesstyrelsen behandlar strategin den 2 oktober 2025, och fullmäktige väntas fatta beslut om den vid sitt sammanträde den 7 oktober 2025.`,
      },
    },
    attachment: {
      filename: 'strategia-2026-2029-tekstimuutokset.txt',
      title: {
        fi: 'Strategian 2026–2029 tekstimuutokset ja pöytäkirjamerkinnät (tiivistelmä)',
        sv: 'Textändringar i strategin 2026–2029 och protokollsanteckningar (sammandrag)',
      },
      content: `STRATEGIA 2026–2029: TEKSTIMUUTOKSET JA PÖYTÄKIRJAMERKINNÄT
Tiivistelmä neuvottelutuloksesta 29.9.2025

Huom. Tämä tiedosto on Tiedote-palvelun demoaineistoa. Se on laadittu esimerkiksi
eikä ole hyvinvointialueen virallinen asiakirja.

1. Tekstimuutokset strategialuonnokseen
- Asiakaslähtöisen uudistamisen periaatteet kirjataan strategiaan omana kokonaisuutenaan.
- Hoitoon pääsyä ja hoidon jatkuvuutta koskevia tavoitteita täsmennetään.
- Henkilöstön hyvinvointia ja työssä jaksamista käsittelevää osuutta vahvistetaan.
- Kumppanuus kuntien, HUSin ja järjestöjen sekä muiden yhteistyötahojen kanssa
  tuodaan näkyvämmin esiin.
- Tavoitteeksi lisätään asukkaiden luottamuksen vahvistaminen julkisiin palveluihin.

2. Toimeenpanoa koskevat pöytäkirjamerkinnät
- Muutoslupausten etenemisestä raportoidaan aluevaltuustolle säännöllisesti.
- Merkittävistä palvelumuutoksista tehdään vaikutusten arviointi ennen päätöksiä.
- Kuntia, henkilöstöä ja järjestöjä kuullaan myös toimeenpanon aikana.

SAMMANDRAG PÅ SVENSKA
Textändringarna lyfter fram kundorienterad förnyelse, tillgång till och kontinuitet
i vården, personalens välbefinnande, samarbetet med kommunerna, HUS och
organisationerna samt invånarnas förtroende för den offentliga servicen.
Protokollsanteckningarna gäller regelbunden rapportering till fullmäktige,
konsekvensbedömningar och hörande av berörda parter under verkställigheten.
`,
    },
  },
  {
    key: 'operations-management-structure-changes',
    type: 'press-release',
    // 29.9.2025 17:48:33 EEST, published together with the strategy release
    publishedAt: '2025-09-29T14:48:33.000Z',
    keywords: ['yhteistoimintaneuvottelut', 'johtamisrakenne', 'hallintosääntö', 'perheryhmäkodit'],
    contactKeys: ['jari-koskinen'],
    versions: {
      sv: {
        title: 'Styrelsen godkände ändringar i verksamheten och ledningsstrukturen',
        lead: 'Välfärdsområdesstyrelsen har godkänt resultatet av samarbetsförhandlingarna om omorganiseringen av familjegrupphemmen och om personalens lönesättning. Förhandlingarna inleddes för att verkställa den ändrade förvaltningsstadgan och utveckla ledningsstrukturen.',
        body: `Samarbetsförhandlingarna gällde förändringar i familjegrupphemmens verksamhet, verksamhetsställen, arbetsplatser och arbetsuppgifter. Dessutom förhandlade man om lönesättningen för den personal som berörs av förändringarna.

Välfärdsområdesstyrelsen inledde förhandlingarna med tre syften:

- att verkställa ändringen av förvaltningsstadgan
- att utveckla välfärdsområdets ledningsstruktur
- att genomföra de förändringar i verksamheten som ändringarna förutsätter

Familjegrupphemmen är boenden för minderåriga som har kommit till Finland utan vårdnadshavare. Syftet med omorganiseringen är att tjänsterna ska kunna ordnas ändamålsenligt även när behovet förändras.

Samarbetsförhandlingar förs när planerade förändringar kan påverka personalens ställning. Arbetsgivaren och personalens företrädare har under förhandlingarna gått igenom förslagen och deras konsekvenser.

Förändringarna genomförs stegvis. De anställda som berörs får närmare information av sina chefer, och personalens företrädare deltar i uppföljningen av verkställigheten.`,
      },
      fi: {
        title: 'Aluehallitus hyväksyi muutokset toimintaan ja johtamisrakenteeseen',
        lead: 'Aluehallitus on hyväksynyt yhteistoimintaneuvottelujen tuloksen, joka koskee perheryhmäkotien uudelleenjärjestelyjä ja henkilöstön palkkausta. Neuvottelut käynnistettiin hallintosäännön muutoksen toimeenpanemiseksi ja johtamisrakenteen kehittämiseksi.',
        body: `Yhteistoimintaneuvottelut koskivat perheryhmäkotien toimintaa, toimipisteitä, työpaikkoja ja työtehtäviä. Lisäksi neuvoteltiin muutosten piirissä olevan henkilöstön palkkauksesta.

Aluehallitus käynnisti neuvottelut kolmesta syystä:

- hallintosäännön muutoksen toimeenpano
- hyvinvointialueen johtamisrakenteen kehittäminen
- muutosten edellyttämät uudistukset toiminnassa

Perheryhmäkodit ovat asumisyksiköitä alaikäisille, jotka ovat tulleet Suomeen ilman huoltajaa. Uudelleenjärjestelyjen tavoitteena on, että palvelut voidaan järjestää tarkoituksenmukaisesti myös tarpeen muuttuessa.

Yhteistoimintaneuvotteluja käydään, kun suunnitellut muutokset voivat vaikuttaa henkilöstön asemaan. Neuvotteluissa työnantaja ja henkilöstön edustajat ovat käyneet läpi ehdotukset ja niiden vaikutukset.

Muutokset toteutetaan vaiheittain. Esihenkilöt kertovat muutosten piirissä oleville työntekijöille tarkemmin, ja henkilöstön edustajat osallistuvat toimeenpanon seurantaan.`,
      },
    },
  },
  {
    key: 'strategy-2026-2029-approved',
    type: 'news',
    // 7.10.2025 21:15 EEST
    publishedAt: '2025-10-07T18:15:00.000Z',
    keywords: ['strategia', 'aluevaltuusto', 'hyvinvointialue', 'muutoslupaukset'],
    contactKeys: ['anna-sahiluoma', 'mikaela-lindholm'],
    versions: {
      fi: {
        title: 'Aluevaltuusto hyväksyi hyvinvointialueen strategian vuosille 2026–2029',
        lead: 'Länsi-Uudenmaan aluevaltuusto on hyväksynyt palvelujen uudistamisen strategian kaudelle 2026–2029. Päätös perustuu syyskuun lopussa syntyneeseen valtuustoryhmien neuvottelutulokseen.',
        body: `Aluevaltuusto päätti strategiasta kokouksessaan tiistaina 7.10.2025. Pohjana oli neuvottelutulos, jonka aluevaltuuston neuvottelutoimikunta saavutti yhdessä valtaosan valtuustoryhmien kanssa ja jota aluehallitus käsitteli 2.10.2025.

Strategia ohjaa hyvinvointialueen toimintaa ja taloutta koko valtuustokauden ajan. Sen keskiössä on kuusi muutoslupausta, joilla palveluja uudistetaan asukkaiden tarpeista lähtien:

- lisää ensisijaisia palveluja lapsille ja nuorille
- oma lääkäri jokaiselle
- turvallisempaa elämää kotona
- asiakaslähtöisemmät ja sujuvammat asiakaspolut
- edelläkävijyys teknologian hyödyntämisessä
- kriittiset palvelut toimintakuntoisina kaikissa oloissa

## Mitä seuraavaksi

Seuraavaksi muutoslupaukset viedään käytäntöön. Toimeenpanoa suunnitellaan palvelualueilla, ja tavoitteet kytketään talousarvioon ja taloussuunnitelmaan. Strategian toteutumista seurataan mittareilla, ja etenemisestä raportoidaan aluevaltuustolle.

Strategiaa on valmisteltu syksystä 2024 lähtien yhdessä asukkaiden, henkilöstön, kuntien ja järjestöjen kanssa. Sama yhteistyö jatkuu myös toimeenpanossa.`,
      },
      sv: {
        title: 'Fullmäktige godkände välfärdsområdets strategi för 2026–2029',
        lead: 'Välfärdsområdesfullmäktige i Västra Nyland har godkänt strategin för förnyelse av tjänsterna för perioden 2026–2029. Beslutet bygger på det förhandlingsresultat som fullmäktigegrupperna nådde i slutet av september.',
        body: `Fullmäktige fattade beslut om strategin vid sitt sammanträde tisdagen den 7 oktober 2025. Underlaget var det förhandlingsresultat som fullmäktiges förhandlingskommitté nådde med majoriteten av fullmäktigegrupperna och som välfärdsområdesstyrelsen behandlade den 2 oktober.

Strategin styr välfärdsområdets verksamhet och ekonomi under hela fullmäktigeperioden. I centrum står sex förändringslöften som ska förnya tjänsterna utifrån invånarnas behov:

- fler primära tjänster för barn och unga
- en egen läkare för alla
- ett tryggare liv hemma
- smidigare och mer kundorienterade servicekedjor
- en föregångare i att utnyttja teknik
- kritiska tjänster som fungerar under alla förhållanden

## Vad händer härnäst

Nästa steg är att omsätta förändringslöftena i praktiken. Verkställigheten planeras inom serviceområdena, och målen kopplas till budgeten och ekonomiplanen. Hur strategin förverkligas följs upp med mätare, och fullmäktige får regelbundet rapporter om läget.

Strategin har beretts sedan hösten 2024 tillsammans med invånare, personal, kommuner och organisationer. Samma samarbete fortsätter under verkställigheten.`,
      },
    },
  },
  {
    key: 'strategy-implementation-media-briefing',
    type: 'invitation',
    event: {
      start: '2025-10-21T10:00:00+03:00',
      end: '2025-10-21T11:00:00+03:00',
      location: 'Demotalo, kokoustila Aurora, Esimerkkikatu 1, 02100 Espoo',
      url: 'https://example.fi/tiedotustilaisuus',
    },
    // 14.10.2025 10:00 EEST
    publishedAt: '2025-10-14T07:00:00.000Z',
    keywords: ['mediakutsu', 'tiedotustilaisuus', 'strategia', 'toimeenpano'],
    contactKeys: ['mikaela-lindholm'],
    versions: {
      fi: {
        title:
          'Mediakutsu: Miten strategian muutoslupaukset näkyvät arjessa? Tiedotustilaisuus 21.10.',
        lead: 'Kutsumme median kuulemaan, miten hyvinvointialue alkaa toteuttaa vastahyväksyttyä strategiaansa vuosille 2026–2029. Tilaisuus pidetään tiistaina 21.10.2025 klo 10 Espoossa ja verkossa.',
        body: `> Tämä kutsu kuuluu Tiedote-palvelun demoaineistoon. Tilaisuus, sen paikka ja verkkolinkki ovat kuvitteellisia.

Aluevaltuusto hyväksyi 7.10.2025 Länsi-Uudenmaan hyvinvointialueen palvelujen uudistamisen strategian vuosille 2026–2029. Tiedotustilaisuudessa kerrotaan, millä aikataululla strategian kuusi muutoslupausta viedään käytäntöön ja mitä ne merkitsevät asukkaille ja henkilöstölle.

## Aika ja paikka

- **Aika:** tiistai 21.10.2025 klo 10.00–11.00
- **Paikka:** Demotalo, kokoustila Aurora, Esimerkkikatu 1, 02100 Espoo
- **Etäyhteys:** suora lähetys osoitteessa https://example.fi/tiedotustilaisuus
- **Kielet:** suomi ja ruotsi

Tilaisuudessa puhuvat hyvinvointialuejohtaja sekä palvelualueiden johtajat. Toimittajat voivat esittää kysymyksiä sekä paikan päällä että verkon kautta, ja haastatteluista voi sopia etukäteen.

Pyydämme ilmoittautumaan maanantaihin 20.10.2025 klo 12 mennessä osoitteeseen viestinta@example.fi. Kerro samalla, osallistutko paikan päällä vai etänä. Tervetuloa!`,
      },
      sv: {
        title:
          'Mediainbjudan: Hur syns strategins förändringslöften i vardagen? Presstillfälle 21.10.',
        lead: 'Vi bjuder in medierna till ett presstillfälle om hur välfärdsområdet börjar genomföra sin nyss godkända strategi för 2026–2029. Tillfället ordnas tisdagen den 21 oktober 2025 kl. 10 i Esbo och på webben.',
        body: `> Den här inbjudan hör till demomaterialet i tjänsten Tiedote. Tillfället, platsen och webblänken är fiktiva.

Välfärdsområdesfullmäktige godkände den 7 oktober 2025 Västra Nylands välfärdsområdes strategi för förnyelse av tjänsterna 2026–2029. Vid presstillfället berättar vi enligt vilken tidtabell strategins sex förändringslöften genomförs och vad de innebär för invånarna och personalen.

## Tid och plats

- **Tid:** tisdag 21.10.2025 kl. 10.00–11.00
- **Plats:** Demohuset, mötesrummet Aurora, Exempelgatan 1, 02100 Esbo
- **På distans:** direktsändning på adressen https://example.fi/tiedotustilaisuus
- **Språk:** finska och svenska

Vid tillfället talar välfärdsområdesdirektören och direktörerna för serviceområdena. Journalisterna kan ställa frågor både på plats och via webben, och intervjuer kan bokas på förhand.

Vi ber er anmäla er senast måndagen den 20 oktober 2025 kl. 12 till viestinta@example.fi. Meddela samtidigt om ni deltar på plats eller på distans. Välkomna!`,
      },
    },
  },
  {
    key: 'strategy-everyday-article',
    image: 'health-station',
    type: 'article',
    // 22.10.2025 09:00 EEST
    publishedAt: '2025-10-22T06:00:00.000Z',
    keywords: ['omalääkäri', 'lapset ja nuoret', 'teknologia', 'strategia', 'kaksikielisyys'],
    contactKeys: ['mikaela-lindholm'],
    versions: {
      fi: {
        title:
          'Oma lääkäri, apu lapsille ajoissa ja fiksu teknologia – näin strategia näkyy arjessa',
        lead: 'Hyvinvointialueen uusi strategia lupaa muutoksia, jotka asukas huomaa omassa arjessaan. Kävimme läpi, mitä kolme kuudesta muutoslupauksesta tarkoittaa käytännössä.',
        body: `Länsi-Uudenmaan hyvinvointialueella asuu lähes puoli miljoonaa ihmistä kymmenessä kunnassa, ja palveluja tuottaa noin 9 000 työntekijää. Väestö kasvaa ja ikääntyy eri tahtiin eri puolilla aluetta, joten yksi malli ei sovi kaikkialle. Strategian kuusi muutoslupausta näyttävät suunnan palvelujen kehittämiselle vuoteen 2029 asti.

## Jokaiselle oma lääkäri

Kun sama lääkäri tuntee potilaan taustat, hoito sujuu paremmin eikä samoja asioita tarvitse kertoa joka käynnillä uudelleen. Omalääkärimallin tavoitteena on hoidon jatkuvuus etenkin niille, jotka tarvitsevat palveluja usein. Vastaanotolle voi jatkossakin tulla paikan päälle, mutta osan asioista voi hoitaa myös etänä.

## Ensisijaista tukea lapsille ja nuorille

Ajoissa saatu apu vähentää raskaampien palvelujen tarvetta myöhemmin. Hyvinvointialue vastaa muun muassa opiskeluhuollon psykologi- ja kuraattoripalveluista, ja tiivis yhteistyö kuntien koulujen ja varhaiskasvatuksen kanssa on avainasemassa. Tavoitteena on, että matalan kynnyksen apua on tarjolla siellä, missä lapset ja nuoret muutenkin ovat.

## Teknologia asukkaan apuna

Hyvinvointialue haluaa olla edelläkävijä teknologian hyödyntämisessä. Käytännössä se tarkoittaa esimerkiksi:

- digitaalisia asiointikanavia niille, joille ne sopivat
- etävastaanottoja ja etäseurantaa, jotka säästävät matkoja pitkien välimatkojen alueella
- työkaluja, jotka vapauttavat työntekijöiden aikaa asiakkaiden kohtaamiseen

Teknologia ei korvaa ihmistä: kasvokkaiset vastaanotot, kotikäynnit ja liikkuvat palvelut säilyvät niille, jotka niitä tarvitsevat.

Alue on kaksikielinen. Noin 12 prosenttia asukkaista puhuu äidinkielenään ruotsia ja noin 15 prosenttia jotakin muuta kieltä. Siksi palveluja kehitetään toimimaan sekä suomeksi että ruotsiksi, ja muut kieliryhmät otetaan huomioon. Hyvinvointialueella on lisäksi kansallinen vastuu ruotsinkielisten sosiaali- ja terveyspalvelujen kehittämisestä.`,
      },
      sv: {
        title: 'Egen läkare, tidigt stöd för barn och smart teknik – så syns strategin i vardagen',
        lead: 'Välfärdsområdets nya strategi utlovar förändringar som invånarna märker i sin vardag. Vi gick igenom vad tre av de sex förändringslöftena betyder i praktiken.',
        body: `I Västra Nylands välfärdsområde bor nästan en halv miljon människor i tio kommuner, och omkring 9 000 anställda producerar tjänsterna. Befolkningen växer och åldras i olika takt i olika delar av området, så en och samma modell passar inte överallt. Strategins sex förändringslöften visar riktningen för hur tjänsterna utvecklas fram till 2029.

## En egen läkare för alla

När samma läkare känner till patientens bakgrund löper vården smidigare, och man behöver inte berätta samma saker vid varje besök. Målet med egenläkarmodellen är kontinuitet i vården, särskilt för dem som behöver tjänster ofta. Man kan fortfarande besöka mottagningen på plats, men en del ärenden kan också skötas på distans.

## Stöd i första hand för barn och unga

Hjälp i tid minskar behovet av tyngre tjänster senare. Välfärdsområdet ansvarar bland annat för psykolog- och kuratorstjänsterna inom elevhälsan, och ett nära samarbete med kommunernas skolor och småbarnspedagogik är avgörande. Målet är att hjälp med låg tröskel ska finnas där barn och unga redan är.

## Teknik till hjälp för invånarna

Välfärdsområdet vill vara en föregångare i att utnyttja teknik. I praktiken innebär det till exempel:

- digitala kanaler för dem som tycker att de passar
- distansmottagningar och distansuppföljning som sparar resor i en region med långa avstånd
- verktyg som frigör tid för personalen att möta klienterna

Tekniken ersätter inte människan: mottagningsbesök på plats, hembesök och mobila tjänster finns kvar för dem som behöver dem.

Området är tvåspråkigt. Omkring 12 procent av invånarna har svenska som modersmål och omkring 15 procent något annat språk. Därför utvecklas tjänsterna så att de fungerar både på finska och svenska, och andra språkgrupper beaktas. Välfärdsområdet har dessutom ett nationellt ansvar för att utveckla social- och hälsovårdstjänster på svenska.`,
      },
      en: {
        title:
          'A personal doctor, early help for children and smart technology: the strategy in everyday life',
        lead: 'The wellbeing services county’s new strategy promises changes that residents will notice in their daily lives. Here is what three of the six change promises mean in practice.',
        body: `Almost half a million people in ten municipalities live in the Western Uusimaa Wellbeing Services County, and around 9,000 employees provide its services. The population is growing and ageing at a different pace in different parts of the region, so no single model fits everywhere. The six change promises in the strategy set the direction for developing services until 2029.

## A personal doctor for everyone

When the same doctor knows a patient’s background, care runs more smoothly and nobody has to repeat their story at every visit. The personal doctor model aims at continuity of care, especially for people who need services often. Patients can still visit the health centre in person, but some matters can also be handled remotely.

## Early support for children and young people

Help that comes in time reduces the need for heavier services later. Among other things, the county is responsible for psychologist and school social worker services in student welfare, and close cooperation with municipal schools and early childhood education is essential. The goal is to offer low-threshold help where children and young people already spend their days.

## Technology that serves residents

The county wants to be a forerunner in using technology. In practice this means, for example:

- digital channels for those who find them convenient
- remote appointments and monitoring that save travel in a region of long distances
- tools that free up staff time for meeting clients

Technology does not replace people: face-to-face appointments, home visits and mobile services remain available for those who need them.

The region is bilingual. About 12 per cent of residents speak Swedish as their mother tongue and about 15 per cent speak another language. Services are therefore developed to work in both Finnish and Swedish while taking other language groups into account. The county also has a national responsibility for developing social and health services in Swedish.`,
      },
    },
  },
  {
    key: 'safer-home-dark-season',
    image: 'dark-season',
    type: 'news',
    // 28.10.2025 12:30 EET (after the switch to winter time on 26.10.2025); Finnish only on purpose
    publishedAt: '2025-10-28T10:30:00.000Z',
    keywords: [
      'pelastuslaitos',
      'paloturvallisuus',
      'palovaroitin',
      'kotona asuminen',
      'turvallisuus',
    ],
    contactKeys: ['mikaela-lindholm'],
    versions: {
      fi: {
        title: 'Pimeä vuodenaika lisää kotien paloriskiä – pelastuslaitoksen viisi vinkkiä',
        lead: 'Länsi-Uudenmaan pelastuslaitos muistuttaa, että kynttilät, sähkölaitteet ja tulisijat lisäävät syksyllä ja talvella asuntopalojen riskiä. Muutamalla helpolla teolla voi parantaa omaa ja läheisten turvallisuutta.',
        body: `Kun illat pimenevät, kodeissa poltetaan enemmän kynttilöitä, lämmitetään tulisijoja ja käytetään sähkölämmittimiä. Samalla kasvaa riski, että pienestä huolimattomuudesta syttyy tulipalo. Turvallisempi elämä kotona on yksi hyvinvointialueen strategian kuudesta muutoslupauksesta, ja paloturvallisuus on siinä tärkeä osa.

Pelastuslaitos suosittelee tarkistamaan ainakin nämä asiat:

1. Testaa palovaroitin testinapista ja vaihda paristo tarvittaessa. Varoittimia tarvitaan jokaiseen kerrokseen ja makuutilojen lähelle.
2. Älä jätä kynttilää palamaan valvomatta, ja aseta se tukevalle, palamattomalle alustalle.
3. Irrota kahvinkeitin ja muut pienlaitteet pistorasiasta käytön jälkeen.
4. Lämmitä tulisijaa ohjeiden mukaan ja huolehdi säännöllisestä nuohouksesta.
5. Pidä sammutuspeite tai käsisammutin helposti saatavilla ja opettele niiden käyttö.

Erityistä huomiota tarvitsevat ikääntyneet ja ne, joiden toimintakyky on heikentynyt. Jos läheisesi liikkuminen tai muisti on heikentynyt, käykää kodin turvallisuus läpi yhdessä. Hyvinvointialueen kotihoito ja pelastuslaitos tekevät yhteistyötä, jotta riskit huomataan ajoissa.

> Palovaroitin on edullinen henkivakuutus – mutta vain silloin, kun se toimii.

Hätätilanteessa soita aina hätänumeroon 112.`,
      },
    },
  },
]

/**
 * The demo newsroom's keyword terms, each with its label in Finnish, Swedish and English. The
 * releases above name them by their Finnish label, as staff writing in Finnish would.
 */
export const demoKeywords: { slug: string; labels: Record<DemoLang, string> }[] = [
  { slug: 'strategia', labels: { fi: 'strategia', sv: 'strategi', en: 'strategy' } },
  {
    slug: 'hyvinvointialue',
    labels: { fi: 'hyvinvointialue', sv: 'välfärdsområde', en: 'wellbeing services county' },
  },
  {
    slug: 'aluevaltuusto',
    labels: { fi: 'aluevaltuusto', sv: 'områdesfullmäktige', en: 'county council' },
  },
  {
    slug: 'muutoslupaukset',
    labels: { fi: 'muutoslupaukset', sv: 'förändringslöften', en: 'pledges for change' },
  },
  { slug: 'palvelut', labels: { fi: 'palvelut', sv: 'tjänster', en: 'services' } },
  {
    slug: 'yhteistoimintaneuvottelut',
    labels: {
      fi: 'yhteistoimintaneuvottelut',
      sv: 'samarbetsförhandlingar',
      en: 'employee consultations',
    },
  },
  {
    slug: 'johtamisrakenne',
    labels: { fi: 'johtamisrakenne', sv: 'ledningsstruktur', en: 'management structure' },
  },
  {
    slug: 'hallintosaanto',
    labels: { fi: 'hallintosääntö', sv: 'förvaltningsstadga', en: 'administrative regulations' },
  },
  {
    slug: 'perheryhmakodit',
    labels: { fi: 'perheryhmäkodit', sv: 'familjegrupphem', en: 'family group homes' },
  },
  { slug: 'mediakutsu', labels: { fi: 'mediakutsu', sv: 'mediainbjudan', en: 'media invitation' } },
  {
    slug: 'tiedotustilaisuus',
    labels: { fi: 'tiedotustilaisuus', sv: 'presskonferens', en: 'press conference' },
  },
  { slug: 'toimeenpano', labels: { fi: 'toimeenpano', sv: 'verkställande', en: 'implementation' } },
  { slug: 'omalaakari', labels: { fi: 'omalääkäri', sv: 'egen läkare', en: 'personal doctor' } },
  {
    slug: 'lapset-ja-nuoret',
    labels: { fi: 'lapset ja nuoret', sv: 'barn och unga', en: 'children and young people' },
  },
  { slug: 'teknologia', labels: { fi: 'teknologia', sv: 'teknik', en: 'technology' } },
  {
    slug: 'kaksikielisyys',
    labels: { fi: 'kaksikielisyys', sv: 'tvåspråkighet', en: 'bilingualism' },
  },
  {
    slug: 'pelastuslaitos',
    labels: { fi: 'pelastuslaitos', sv: 'räddningsverket', en: 'rescue department' },
  },
  {
    slug: 'paloturvallisuus',
    labels: { fi: 'paloturvallisuus', sv: 'brandsäkerhet', en: 'fire safety' },
  },
  { slug: 'palovaroitin', labels: { fi: 'palovaroitin', sv: 'brandvarnare', en: 'smoke alarm' } },
  {
    slug: 'kotona-asuminen',
    labels: { fi: 'kotona asuminen', sv: 'boende hemma', en: 'living at home' },
  },
  { slug: 'turvallisuus', labels: { fi: 'turvallisuus', sv: 'säkerhet', en: 'safety' } },
]
