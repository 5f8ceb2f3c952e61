/**
 * Snowball stems of a text in one language, for the SQLite full-text index and its queries.
 * PostgreSQL stems with its own `finnish`, `swedish` and `english` configurations, which are the
 * same Snowball algorithms, so both engines find the same words.
 */
import snowball from 'snowball-stemmers'

const ALGORITHMS = { fi: 'finnish', sv: 'swedish', en: 'english' } as const

const stemmers = new Map<string, ReturnType<typeof snowball.newStemmer>>()

function stemmer(lang: string) {
  const algorithm = ALGORITHMS[lang as keyof typeof ALGORITHMS] ?? 'english'
  let found = stemmers.get(algorithm)
  if (!found) stemmers.set(algorithm, (found = snowball.newStemmer(algorithm)))
  return found
}

/** The words of a text: letters and digits, lower-cased. */
export const words = (text: string): string[] =>
  text.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

export const stem = (lang: string, word: string): string => stemmer(lang).stem(word)

/** Every word of the text as its stem, space-separated (what the SQLite index holds). */
export function searchStems(lang: string, text: string): string {
  return words(text)
    .map((word) => stem(lang, word))
    .join(' ')
}
