/**
 * Staff interface strings, one file per language. The language follows the signed-in user's
 * choice. The Finnish object defines the keys; the others `satisfies` its type, so a missing or
 * extra key does not compile.
 */
import type { Lang } from '../../../core/types.js'
import { en } from './en.js'
import { fi } from './fi.js'
import type { AdminStrings } from './fi.js'
import { sv } from './sv.js'

export type { AdminStrings }

/** The release editor script's words, handed to it as JSON with the page. */
export type EditorLabels = AdminStrings['editor']

export const adminStrings: Record<Lang, AdminStrings> = { fi, sv, en }
