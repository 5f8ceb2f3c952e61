/** Strings of the subscription pages, one file per language (the Finnish one defines the keys). */
import type { Lang } from '../../../core/types.js'
import { en } from './en.js'
import { fi } from './fi.js'
import type { SubscriptionStrings } from './fi.js'
import { sv } from './sv.js'

export type { SubscriptionStrings }

export const subscriptionStrings: Record<Lang, SubscriptionStrings> = { fi, sv, en }
