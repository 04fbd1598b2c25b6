import { intlLocale } from '../i18n/intlLocale';

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

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * A date without time in the app's two locales, written out as Intl writes it (en-GB `dd/mm/yyyy`,
 * fi-FI `d.m.yyyy`; a unit test compares the two): the first Intl.DateTimeFormat of a page loads
 * the locale's calendar data, 30–70 ms of a cold customer list that shows a date on every row.
 * Other locales, times and years outside 1000–9999 go through Intl.
 */
function writtenDate(date: Date, locale: string, utc: boolean): string | undefined {
  if (locale !== 'en-GB' && locale !== 'fi-FI') return undefined;
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  if (year < 1000 || year > 9999) return undefined;
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = utc ? date.getUTCDate() : date.getDate();
  return locale === 'en-GB' ? `${pad2(day)}/${pad2(month)}/${year}` : `${day}.${month}.${year}`;
}

/** A date value as text in the UI language's format; undefined for no date. */
export function formatLocalDate(value: unknown, locale: string, showTime = false): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!date) return undefined;
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const bareDate = typeof value === 'string' && value.length <= 10;
  const intl = intlLocale(locale);
  return (showTime ? undefined : writtenDate(date, intl, bareDate)) ?? formatter(intl, showTime, bareDate).format(date);
}
