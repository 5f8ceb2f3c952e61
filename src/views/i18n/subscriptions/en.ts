/** Strings of the subscription pages in English. */
import type { SubscriptionStrings } from './fi.js'
import { plural } from '../plural.js'
import { releaseTypeLabels } from '../release-types.js'

export const en = {
  subscribeTitle: 'Get releases by email',
  subscribeTitleFor: (newsroom) => `Get releases by email: ${newsroom}`,
  subscribeIntro:
    'New releases reach your inbox the moment they are published, or if you prefer, gathered into one email a day or a week. You can change your choices or unsubscribe at any time with the link in every message.',
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
  frequencyLegend: 'How often',
  frequencyNames: {
    immediate: 'At once, an email per release',
    daily: 'Daily, as a digest at 07:00',
    weekly: 'Weekly, as a digest on Mondays at 07:00',
  },
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
    frequency: { invalid: 'Choose how often you want email.' },
    keywords: {
      unknown: 'Choose topics from the list.',
      invalid: 'Choose topics from the list.',
      'too-many': 'Choose at most 30 topics.',
    },
  },
  checkInboxTitle: 'Check your inbox',
  checkInboxBody:
    'If the address is right, a message with a confirmation link is on its way. Your subscription starts when you open the link and press Confirm. If you cannot see it, look in your spam folder too.',
  rateLimitedTitle: 'Too many attempts',
  rateLimitedBody: (minutes) =>
    `There have been too many subscriptions from this network or to this address in a short time. Please try again in ${plural('en', minutes, { one: 'minute', other: 'minutes' })}.`,
  confirmTitle: 'Confirm your subscription',
  confirmBody: (email) =>
    `Confirm that you want releases sent to ${email}. Your subscription starts when you press the button.`,
  confirmButton: 'Confirm subscription',
  confirmedTitle: 'Subscription confirmed',
  confirmedBody:
    'Thank you! Your subscription is active: releases reach your inbox as you chose, the moment they are published or gathered into a digest.',
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
  mediaOptOutTitle: 'Releases from a media list',
  mediaOptOutBody: (newsroom, email) =>
    `Your address ${email} is on the media list of ${newsroom}, so you receive its releases and embargoed releases. Do you want them to stop?`,
  mediaOptOutButton: 'Stop sending me releases',
  mediaOptedOutTitle: 'You will get no more releases',
  mediaOptedOutBody: (newsroom) =>
    `${newsroom} will send you no more releases from its media lists. To get them again, contact its communications team.`,
  manageLink: 'Subscription settings',
  forbiddenTitle: 'Form rejected',
  forbiddenBody:
    'The form was sent from another website, so it was not processed. Open the page again and retry.',
  typeNames: releaseTypeLabels.en,
} satisfies SubscriptionStrings
