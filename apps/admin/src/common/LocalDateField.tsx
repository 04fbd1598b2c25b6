import { Typography } from '@mui/material';
import { memo } from 'react';
import { useFieldValue, useLocaleState } from 'react-admin';
import { intlLocale } from '../i18n';

/**
 * One formatter per locale and kind, made once: `toLocaleDateString(locale)` (react-admin's
 * DateField) builds a new one for every value, which was most of a list's rendering time.
 * Same output: the defaults of toLocaleDateString / toLocaleString, and a bare date
 * ('2024-05-01') read in UTC so that it is the same day in every time zone, as DateField does.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, showTime: boolean, bareDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${showTime ? 'time' : bareDate ? 'utc' : 'date'}`;
  let format = formats.get(key);
  if (!format) {
    const date = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;
    format = new Intl.DateTimeFormat(
      locale,
      showTime ? { ...date, hour: 'numeric', minute: 'numeric', second: 'numeric' } : bareDate ? { ...date, timeZone: 'UTC' } : date,
    );
    formats.set(key, format);
  }
  return format;
}

/** A date value as text in the UI language's format; undefined for no date. */
export function formatLocalDate(value: unknown, locale: string, showTime = false): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!date) return undefined;
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  return formatter(intlLocale(locale), showTime, typeof value === 'string' && value.length <= 10).format(date);
}

/** A date (or date and time) in the format of the chosen UI language (d.m.yyyy in Finnish). */
export const LocalDateField = memo(function LocalDateField({ source, showTime = false }: { source: string; showTime?: boolean }) {
  const [locale] = useLocaleState();
  const value: unknown = useFieldValue({ source });
  const text = formatLocalDate(value, locale, showTime);
  if (text === undefined) return null;
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
});
