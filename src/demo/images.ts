/**
 * The demo newsroom's photos, drawn here as SVG and rasterised with sharp (the same library
 * that makes the renditions), so the repository ships no binary images: a council chamber, a
 * health station, a home in the dark season, and the county's coast. Each has a caption and
 * alternative text in Finnish, Swedish and English; the credit says they are illustrations.
 */
import sharp from 'sharp'
import type { DemoLang } from './content.js'

export type DemoImageKey = 'council' | 'health-station' | 'dark-season' | 'coast'

export interface DemoImage {
  key: DemoImageKey
  filename: string
  caption: Record<DemoLang, string>
  alt: Record<DemoLang, string>
  credit: string
  svg: string
}

const W = 1600
const H = 1000

const frame = (defs: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`

/** Rows of seats in a semicircle before a rostrum, under tall windows. */
function councilSvg(): string {
  const seats: string[] = []
  for (let row = 0; row < 5; row++) {
    const radius = 330 + row * 95
    const count = 11 + row * 3
    for (let i = 0; i < count; i++) {
      const angle = Math.PI * (0.08 + (0.84 * i) / (count - 1))
      const x = W / 2 + radius * Math.cos(angle)
      const y = 330 + radius * Math.sin(angle) * 0.62
      const hue = ['#2f6f9f', '#3f86b8', '#255a82'][(i + row) % 3]
      seats.push(
        `<rect x="${(x - 24).toFixed(1)}" y="${(y - 16).toFixed(1)}" width="48" height="34" rx="8" fill="${hue}"/>`,
        `<circle cx="${x.toFixed(1)}" cy="${(y - 26).toFixed(1)}" r="13" fill="#f1d2b6"/>`,
      )
    }
  }
  const windows = [0, 1, 2, 3, 4, 5, 6]
    .map(
      (i) =>
        `<rect x="${130 + i * 200}" y="60" width="120" height="250" rx="60" fill="url(#sky)"/>`,
    )
    .join('')
  return frame(
    `<linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e9e4da"/><stop offset="1" stop-color="#cfc6b6"/></linearGradient>
     <linearGradient id="floor" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8c6b4f"/><stop offset="1" stop-color="#5e4632"/></linearGradient>
     <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#bfe0f5"/><stop offset="1" stop-color="#eaf5fb"/></linearGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#wall)"/>${windows}
     <rect y="330" width="${W}" height="${H - 330}" fill="url(#floor)"/>
     <rect x="${W / 2 - 170}" y="250" width="340" height="110" rx="10" fill="#3b2b1e"/>
     <rect x="${W / 2 - 40}" y="205" width="80" height="60" rx="6" fill="#00528c"/>
     ${seats.join('')}`,
  )
}

/** A low wooden health station with a green roof, birches and a path. */
function healthStationSvg(): string {
  const birch = (x: number, s: number) =>
    `<rect x="${x}" y="${520 - 260 * s}" width="${16 * s}" height="${300 * s}" fill="#f4f1ea"/>
     <rect x="${x}" y="${560 - 200 * s}" width="${16 * s}" height="${8 * s}" fill="#333"/>
     <ellipse cx="${x + 8 * s}" cy="${470 - 280 * s}" rx="${110 * s}" ry="${150 * s}" fill="#6aa84f" opacity=".92"/>`
  return frame(
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6fb3e0"/><stop offset="1" stop-color="#d8eefa"/></linearGradient>
     <linearGradient id="grass" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7cbf5a"/><stop offset="1" stop-color="#4e8f35"/></linearGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>
     <circle cx="1350" cy="170" r="80" fill="#fff4c2"/>
     <rect y="600" width="${W}" height="400" fill="url(#grass)"/>
     ${birch(120, 1.1)}${birch(1380, 1)}${birch(1500, 0.8)}
     <polygon points="330,420 800,250 1270,420" fill="#2e7d4f"/>
     <rect x="380" y="415" width="840" height="255" fill="#c8905a"/>
     ${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="${420 + i * 130}" y="460" width="90" height="80" fill="#d9f0fb" stroke="#7a5230" stroke-width="8"/>`).join('')}
     <rect x="740" y="560" width="120" height="110" fill="#00528c"/>
     <rect x="705" y="520" width="190" height="34" rx="6" fill="#ffffff"/>
     <rect x="790" y="526" width="20" height="22" fill="#c0392b"/><rect x="789" y="532" width="22" height="10" fill="#c0392b"/>
     <polygon points="740,670 860,670 1000,1000 600,1000" fill="#d8cbb3"/>`,
  )
}

/** A window at night: a candle on the sill, a smoke alarm on the ceiling, snow outside. */
function darkSeasonSvg(): string {
  const flakes = Array.from({ length: 60 }, (_, i) => {
    const x = 520 + ((i * 137) % 560)
    const y = 140 + ((i * 89) % 420)
    return `<circle cx="${x}" cy="${y}" r="${3 + (i % 3)}" fill="#ffffff" opacity=".85"/>`
  }).join('')
  return frame(
    `<radialGradient id="glow" cx=".5" cy=".5" r=".5"><stop offset="0" stop-color="#ffd27a" stop-opacity=".9"/><stop offset="1" stop-color="#ffd27a" stop-opacity="0"/></radialGradient>
     <linearGradient id="night" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0d1b3d"/><stop offset="1" stop-color="#27406b"/></linearGradient>`,
    `<rect width="${W}" height="${H}" fill="#3a2f2a"/>
     <rect x="480" y="110" width="640" height="480" fill="url(#night)"/>${flakes}
     <rect x="470" y="100" width="660" height="500" fill="none" stroke="#efe6d8" stroke-width="22"/>
     <rect x="790" y="100" width="20" height="500" fill="#efe6d8"/>
     <rect x="430" y="590" width="740" height="40" fill="#d9cbb6"/>
     <circle cx="800" cy="520" r="190" fill="url(#glow)"/>
     <rect x="775" y="500" width="50" height="92" rx="6" fill="#f7f2e8"/>
     <path d="M800 440 C 780 470 785 492 800 498 C 815 492 820 470 800 440 Z" fill="#ffb02e"/>
     <circle cx="250" cy="40" r="70" fill="#f2f2f2"/><circle cx="250" cy="40" r="10" fill="#c0392b"/>`,
  )
}

/** Skerries and a lighthouse on the county's coast in the evening sun. */
function coastSvg(): string {
  return frame(
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6b26b"/><stop offset="1" stop-color="#fde5c4"/></linearGradient>
     <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3d85c6"/><stop offset="1" stop-color="#0b3d6b"/></linearGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>
     <circle cx="1120" cy="470" r="110" fill="#fff1cf"/>
     <rect y="520" width="${W}" height="480" fill="url(#sea)"/>
     ${[0, 1, 2, 3, 4, 5, 6].map((i) => `<path d="M${i * 260 - 40} ${600 + i * 50} q 60 -22 120 0 t 120 0" stroke="#9fc5e8" stroke-width="6" fill="none" opacity=".7"/>`).join('')}
     <path d="M0 560 C 200 470 380 480 560 560 Z" fill="#6b5b4b"/>
     <path d="M420 580 C 520 520 640 530 720 585 Z" fill="#7d6b58"/>
     <path d="M1250 600 C 1350 520 1500 520 1600 590 L1600 620 Z" fill="#6b5b4b"/>
     <rect x="210" y="330" width="46" height="190" fill="#ffffff"/>
     <rect x="210" y="390" width="46" height="30" fill="#c0392b"/><rect x="210" y="460" width="46" height="30" fill="#c0392b"/>
     <rect x="200" y="300" width="66" height="34" fill="#444"/><polygon points="200,300 233,270 266,300" fill="#c0392b"/>`,
  )
}

export const demoImages: DemoImage[] = [
  {
    key: 'council',
    filename: 'aluevaltuusto-kokoussali.jpg',
    caption: {
      fi: 'Aluevaltuuston kokoussali ennen kokouksen alkua.',
      sv: 'Välfärdsområdesfullmäktiges sessionssal före mötet.',
      en: 'The county council’s chamber before the meeting.',
    },
    alt: {
      fi: 'Piirroskuva kokoussalista: valtuutetut istuvat puolikaaren muotoisissa riveissä puhujakorokkeen edessä, taustalla korkeat kaari-ikkunat.',
      sv: 'Illustration av en sessionssal: ledamöterna sitter i halvcirkelformade rader framför talarstolen, i bakgrunden höga välvda fönster.',
      en: 'Illustration of a council chamber: members seated in semicircular rows facing a rostrum, tall arched windows behind.',
    },
    credit: 'Länsi-Uusimaa / kuvitus',
    svg: councilSvg(),
  },
  {
    key: 'health-station',
    filename: 'terveysasema.jpg',
    caption: {
      fi: 'Oma lääkäri ja tuttu hoitaja lähellä: terveysasema on palvelujen arjen ydin.',
      sv: 'Egen läkare och bekant skötare nära: hälsostationen är kärnan i vardagens tjänster.',
      en: 'A named doctor and a familiar nurse close by: the health station is at the heart of everyday services.',
    },
    alt: {
      fi: 'Piirroskuva matalasta puisesta terveysasemasta, jolla on vihreä katto ja sininen ovi; pihalla koivuja ja polku.',
      sv: 'Illustration av en låg hälsostation i trä med grönt tak och blå dörr; björkar och en gångstig på gården.',
      en: 'Illustration of a low wooden health station with a green roof and a blue door; birches and a path in front.',
    },
    credit: 'Länsi-Uusimaa / kuvitus',
    svg: healthStationSvg(),
  },
  {
    key: 'dark-season',
    filename: 'kynttila-ja-palovaroitin.jpg',
    caption: {
      fi: 'Kynttilä vain valvotusti – ja palovaroitin testataan säännöllisesti.',
      sv: 'Levande ljus bara under uppsikt – och brandvarnaren testas regelbundet.',
      en: 'Candles only under supervision – and the smoke alarm tested regularly.',
    },
    alt: {
      fi: 'Piirroskuva pimeästä ikkunasta, jonka takana sataa lunta; ikkunalaudalla palaa kynttilä ja katossa on palovaroitin.',
      sv: 'Illustration av ett mörkt fönster med snöfall utanför; ett ljus brinner på fönsterbrädan och i taket sitter en brandvarnare.',
      en: 'Illustration of a dark window with snow falling outside; a candle burns on the sill and a smoke alarm is on the ceiling.',
    },
    credit: 'Länsi-Uusimaa / kuvitus',
    svg: darkSeasonSvg(),
  },
  {
    key: 'coast',
    filename: 'lansi-uusimaa-rannikko.jpg',
    caption: {
      fi: 'Länsi-Uudenmaan rannikkoa ja majakka iltavalossa.',
      sv: 'Västra Nylands kust och en fyr i kvällsljus.',
      en: 'The coast of Western Uusimaa and a lighthouse in the evening light.',
    },
    alt: {
      fi: 'Piirroskuva merenrannasta: kallioluotoja, punavalkoinen majakka ja laskeva aurinko oranssilla taivaalla.',
      sv: 'Illustration av en havsstrand: klippskär, en röd-vit fyr och solnedgång på en orange himmel.',
      en: 'Illustration of a seashore: rocky skerries, a red and white lighthouse and the setting sun in an orange sky.',
    },
    credit: 'Länsi-Uusimaa / kuvitus',
    svg: coastSvg(),
  },
]

/** The drawing as a JPEG, as a camera would deliver it. */
export async function demoImageJpeg(image: DemoImage): Promise<Uint8Array> {
  return sharp(Buffer.from(image.svg)).jpeg({ quality: 86, mozjpeg: true }).toBuffer()
}
