import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';
import { intlLocale } from '../i18n';

/** Dates and times in the format of the chosen UI language (d.m.yyyy in Finnish). */
export function LocalDateField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField {...props} locales={intlLocale(locale)} />;
}
