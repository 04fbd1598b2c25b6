import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { en } from './en';
import { mergeMessages } from './merge';

export type { Locale } from './fieldLabels';
export { intlLocale } from './intlLocale';

const english: TranslationMessages = mergeMessages(englishMessages, en);

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'fi', name: 'Suomi' },
];

/**
 * English by default; Finnish is loaded when chosen. The choice is remembered by react-admin's
 * store (the `locale` key, kept across sign-outs: see store.ts).
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'fi' ? import('./finnish').then((module) => module.finnish) : english),
  'en',
  LOCALES,
  { allowMissing: true },
);
