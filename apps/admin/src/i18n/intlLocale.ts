/** The locale for dates and numbers of a UI locale. */
export function intlLocale(locale: string): string {
  return locale === 'fi' ? 'fi-FI' : 'en-GB';
}
