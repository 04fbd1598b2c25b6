/**
 * Dates in the app's two locales are written out without Intl (the first Intl.DateTimeFormat of a
 * page costs tens of milliseconds of a cold customer list): the text must stay exactly Intl's.
 */
import { describe, expect, test } from 'vitest';
import { formatLocalDate } from '../formatDate';

const intl = (locale: string, date: Date, utc: boolean) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', ...(utc ? { timeZone: 'UTC' } : {}) }).format(date);

describe('formatLocalDate', () => {
  const samples: Date[] = [];
  for (let day = 0; day < 800; day += 7) samples.push(new Date(Date.UTC(2023, 11, 20 + day, (day * 5) % 24, 13)));
  samples.push(new Date(Date.UTC(1000, 0, 1, 12)), new Date(Date.UTC(9999, 11, 31, 12)), new Date('1999-12-31T23:59:59Z'));

  test.each([
    ['en', 'en-GB'],
    ['fi', 'fi-FI'],
  ])('%s: timestamps and bare dates read as Intl writes them', (ui, locale) => {
    for (const date of samples) {
      expect(formatLocalDate(date.toISOString(), ui)).toBe(intl(locale, date, false));
      expect(formatLocalDate(date.getTime(), ui)).toBe(intl(locale, date, false));
      const bare = date.toISOString().slice(0, 10);
      expect(formatLocalDate(bare, ui)).toBe(intl(locale, new Date(bare), true));
    }
  });

  test('examples, times, no date and invalid dates', () => {
    expect(formatLocalDate('2024-05-01', 'en')).toBe('01/05/2024');
    expect(formatLocalDate('2024-05-01', 'fi')).toBe('1.5.2024');
    expect(formatLocalDate('2024-05-01T10:11:12Z', 'fi', true)).toBe(
      new Intl.DateTimeFormat('fi-FI', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).format(new Date('2024-05-01T10:11:12Z')),
    );
    expect(formatLocalDate(null, 'en')).toBeUndefined();
    expect(formatLocalDate('', 'en')).toBeUndefined();
    expect(formatLocalDate('not a date', 'en')).toBe('Invalid Date');
  });
});
