/**
 * Counts in words, e.g. "1 bekräftad prenumerant" and "2 bekräftade prenumeranter". The plural
 * category comes from `Intl.PluralRules`, so a language whose rules need more forms than one and
 * other only has to add them here; the number is formatted as the reader's language writes it.
 */
import type { Lang } from '../../core/types.js'

/** The word forms after a number; `other` covers every category a language does not spell out. */
export interface PluralForms {
  one: string
  other: string
}

/*
 * Intl objects are costly to build and immutable, so each language gets one of each (three
 * languages, bounded).
 */
const rules = new Map<Lang, Intl.PluralRules>()
const numbers = new Map<Lang, Intl.NumberFormat>()

function pluralRules(lang: Lang): Intl.PluralRules {
  let found = rules.get(lang)
  if (!found) rules.set(lang, (found = new Intl.PluralRules(lang)))
  return found
}

/** `1 234` in Finnish and Swedish, `1,234` in English. */
export function formatCount(lang: Lang, n: number): string {
  let found = numbers.get(lang)
  if (!found) numbers.set(lang, (found = new Intl.NumberFormat(lang)))
  return found.format(n)
}

/** The form of the words that agrees with `n` in `lang`, without the number. */
export function pluralForm(lang: Lang, n: number, forms: PluralForms): string {
  return pluralRules(lang).select(n) === 'one' ? forms.one : forms.other
}

/** The number and the words that agree with it: `plural('fi', 2, …)` → "2 vahvistettua tilaajaa". */
export function plural(lang: Lang, n: number, forms: PluralForms): string {
  return `${formatCount(lang, n)} ${pluralForm(lang, n, forms)}`
}
