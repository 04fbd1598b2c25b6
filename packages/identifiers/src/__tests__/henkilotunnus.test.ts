import { describe, expect, it } from 'vitest';
import {
  CENTURY_SIGNS,
  formatPersonalIdentityNumber,
  isValidPersonalIdentityNumber,
  maskPersonalIdentityNumber,
  parsePersonalIdentityNumber,
  personalIdentityNumberCheckCharacter,
  type CenturySign,
} from '../index.js';

const SIGN_LIST = '+, -, Y, X, W, V, U, A, B, C, D, E or F';

describe('parsePersonalIdentityNumber: valid numbers', () => {
  // Check characters computed independently of this implementation.
  const cases: [string, string, CenturySign, number, boolean, 'female' | 'male'][] = [
    ['131052-308T', '1952-10-13', '-', 308, false, 'female'],
    ['010185+002E', '1885-01-01', '+', 2, false, 'female'],
    ['100190Y999P', '1990-01-10', 'Y', 999, true, 'male'],
    ['311299X0029', '1999-12-31', 'X', 2, false, 'female'],
    ['150675W899V', '1975-06-15', 'W', 899, false, 'male'],
    ['010100V900F', '1900-01-01', 'V', 900, true, 'female'],
    ['280288U308A', '1988-02-28', 'U', 308, false, 'female'],
    ['010100A002H', '2000-01-01', 'A', 2, false, 'female'],
    ['290200B3088', '2000-02-29', 'B', 308, false, 'female'],
    ['311223C899L', '2023-12-31', 'C', 899, false, 'male'],
    ['150624D900R', '2024-06-15', 'D', 900, true, 'female'],
    ['010125E9994', '2025-01-01', 'E', 999, true, 'male'],
    ['291296F0027', '2096-12-29', 'F', 2, false, 'female'],
    ['290296-1232', '1996-02-29', '-', 123, false, 'male'],
    ['290204A4562', '2004-02-29', 'A', 456, false, 'female'],
  ];

  it.each(cases)('%s', (input, dateOfBirth, centurySign, individualNumber, temporary, sex) => {
    expect(parsePersonalIdentityNumber(input)).toEqual({
      ok: true,
      value: { value: input, dateOfBirth, centurySign, individualNumber, temporary, sex },
    });
    expect(isValidPersonalIdentityNumber(input)).toBe(true);
  });

  it('covers every century sign', () => {
    const used = new Set(cases.map(([, , sign]) => sign));
    expect([...used].sort()).toEqual([...CENTURY_SIGNS].sort());
  });

  it('treats the century sign as part of the identity', () => {
    const dash = parsePersonalIdentityNumber('100190-999P');
    const y = parsePersonalIdentityNumber('100190Y999P');
    expect(dash.ok && y.ok).toBe(true);
    if (!dash.ok || !y.ok) return;
    expect(dash.value.value).not.toBe(y.value.value);
    expect(dash.value.centurySign).toBe('-');
    expect(y.value.centurySign).toBe('Y');
    expect(dash.value.dateOfBirth).toBe(y.value.dateOfBirth);
  });

  it('reads the same digits in another century with a 2000s sign', () => {
    const result = parsePersonalIdentityNumber('131052A308T');
    expect(result.ok && result.value.dateOfBirth).toBe('2052-10-13');
  });
});

describe('parsePersonalIdentityNumber: invalid numbers', () => {
  const cases: [string, string, string][] = [
    // [input, code, error]
    ['', 'required', 'is empty'],
    [' 131052-308T', 'whitespace', 'remove the space at the start'],
    ['131052-308T ', 'whitespace', 'remove the space at the end'],
    ['\t131052-308T\n', 'whitespace', 'remove the spaces at the start and at the end'],
    ['131052 308T', 'format', 'must not contain spaces; write it like 131052-308T'],
    ['131052-308', 'length', 'must be 11 characters like 131052-308T'],
    ['131052-308TT', 'length', 'must be 11 characters like 131052-308T'],
    ['131052--308T', 'length', 'must be 11 characters like 131052-308T'],
    ['131052-308t', 'case', 'use capital letters: 131052-308T'],
    ['100190y999P', 'case', 'use capital letters: 100190Y999P'],
    ['010100a002h', 'case', 'use capital letters: 010100A002H'],
    ['131052Q308T', 'century', `unknown century sign "Q" (use ${SIGN_LIST})`],
    ['131052G308T', 'century', `unknown century sign "G" (use ${SIGN_LIST})`],
    ['131052g308T', 'century', `unknown century sign "g" (use ${SIGN_LIST})`],
    ['131052/308T', 'century', `unknown century sign "/" (use ${SIGN_LIST})`],
    [
      '131052\u2013308T',
      'century',
      `unknown century sign "\u2013" (use the ordinary hyphen "-", or one of ${SIGN_LIST})`,
    ],
    [
      '13105A-308T',
      'format',
      'the first 6 characters must be the date of birth as digits DDMMYY, like 131052',
    ],
    ['131052-3O8T', 'format', 'characters 8–10 must be the individual number as digits, like 308'],
    ['310252-308T', 'date', 'no such date 31.02.'],
    ['300252-308T', 'date', 'no such date 30.02.'],
    ['310452-308T', 'date', 'no such date 31.04.'],
    ['000152-308T', 'date', 'no such date 00.01.'],
    ['321052-308T', 'date', 'no such date 32.10.'],
    ['011352-308T', 'date', 'no such date 01.13.'],
    ['010052-308T', 'date', 'no such date 01.00.'],
    ['290200-002C', 'date', 'no such date 29.02.1900 (1900 is not a leap year)'],
    ['290201A002C', 'date', 'no such date 29.02.2001 (2001 is not a leap year)'],
    ['290200+002C', 'date', 'no such date 29.02.1800 (1800 is not a leap year)'],
    ['010101-000P', 'range', 'individual number 000 is not in use (it must be 002–999)'],
    ['010101-001R', 'range', 'individual number 001 is not in use (it must be 002–999)'],
    ['131052-308U', 'checksum', 'check character should be T'],
    ['131052-3080', 'checksum', 'check character should be T'],
    ['131052-308G', 'checksum', 'check character should be T'],
    ['100190Y999R', 'checksum', 'check character should be P'],
    ['290200A002D', 'checksum', 'check character should be C'],
  ];

  it.each(cases)('%j → %s: %s', (input, code, error) => {
    expect(parsePersonalIdentityNumber(input)).toEqual({ ok: false, code, error });
    expect(isValidPersonalIdentityNumber(input)).toBe(false);
  });

  it('accepts 29.02.2000 but not 29.02.1900', () => {
    expect(isValidPersonalIdentityNumber('290200A002C')).toBe(true);
    expect(isValidPersonalIdentityNumber('290200-002C')).toBe(false);
  });

  it('does not throw on values that are not strings (untyped callers)', () => {
    const untyped = parsePersonalIdentityNumber as (input: unknown) => unknown;
    expect(untyped(undefined)).toEqual({ ok: false, code: 'required', error: 'is empty' });
    expect(untyped(null)).toEqual({ ok: false, code: 'required', error: 'is empty' });
  });
});

describe('personalIdentityNumberCheckCharacter', () => {
  it.each([
    ['131052308', 'T'],
    ['100190999', 'P'],
    ['290200002', 'C'],
    ['311299002', '9'],
    ['010101000', 'P'],
  ])('%s → %s', (digits, expected) => {
    expect(personalIdentityNumberCheckCharacter(digits)).toBe(expected);
  });

  it.each(['13105230', '1310523080', '131052-30', '13105230T', ''])('rejects %j', (digits) => {
    expect(() => personalIdentityNumberCheckCharacter(digits)).toThrow(RangeError);
  });
});

describe('maskPersonalIdentityNumber', () => {
  it.each([
    ['131052-308T', '131052-****'],
    ['100190Y999P', '100190Y****'],
    ['010100A002H', '010100A****'],
    ['not an id', '***********'],
    ['', '***********'],
  ])('%j → %s', (value, masked) => {
    expect(maskPersonalIdentityNumber(value)).toBe(masked);
  });
});

describe('formatPersonalIdentityNumber', () => {
  it.each([
    [{ dateOfBirth: '1952-10-13', individualNumber: 308 }, '131052-308T'],
    [
      { dateOfBirth: '1952-10-13', individualNumber: 308, centurySign: 'Y' as const },
      '131052Y308T',
    ],
    [{ dateOfBirth: '2000-02-29', individualNumber: 2 }, '290200A002C'],
    [{ dateOfBirth: '2000-02-29', individualNumber: 2, centurySign: 'B' as const }, '290200B002C'],
    [{ dateOfBirth: '1885-01-01', individualNumber: 2 }, '010185+002E'],
    [{ dateOfBirth: '1990-01-10', individualNumber: 999 }, '100190-999P'],
  ])('%j → %s', (parts, expected) => {
    expect(formatPersonalIdentityNumber(parts)).toBe(expected);
  });

  it.each([
    [{ dateOfBirth: '1900-02-29', individualNumber: 2 }, 'dateOfBirth: no such date 29.02.1900'],
    [{ dateOfBirth: '2023-02-31', individualNumber: 2 }, 'dateOfBirth: no such date 31.02.'],
    [{ dateOfBirth: '13.10.1952', individualNumber: 2 }, 'dateOfBirth must be an ISO date'],
    [{ dateOfBirth: '1799-12-31', individualNumber: 2 }, 'year must be 1800–2099, got 1799'],
    [{ dateOfBirth: '2100-01-01', individualNumber: 2 }, 'year must be 1800–2099, got 2100'],
    [{ dateOfBirth: '1990-01-10', individualNumber: 1 }, 'individualNumber must be an integer'],
    [{ dateOfBirth: '1990-01-10', individualNumber: 1000 }, 'individualNumber must be'],
    [{ dateOfBirth: '1990-01-10', individualNumber: 2.5 }, 'individualNumber must be'],
    [
      { dateOfBirth: '1990-01-10', individualNumber: 2, centurySign: 'A' as const },
      'century sign "A" is for years 2000–2099, not 1990',
    ],
    [
      { dateOfBirth: '2005-01-10', individualNumber: 2, centurySign: '-' as const },
      'century sign "-" is for years 1900–1999, not 2005',
    ],
    [
      { dateOfBirth: '1990-01-10', individualNumber: 2, centurySign: 'Q' as CenturySign },
      'unknown century sign "Q"',
    ],
  ])('rejects %j', (parts, message) => {
    expect(() => formatPersonalIdentityNumber(parts)).toThrow(RangeError);
    expect(() => formatPersonalIdentityNumber(parts)).toThrow(message);
  });
});

describe('round trip: formatPersonalIdentityNumber → parsePersonalIdentityNumber', () => {
  // Small seeded PRNG (mulberry32) so that failures are reproducible.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const signsByCentury: Record<number, CenturySign[]> = {
    1800: ['+'],
    1900: ['-', 'Y', 'X', 'W', 'V', 'U'],
    2000: ['A', 'B', 'C', 'D', 'E', 'F'],
  };
  const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

  it('parses 5000 generated numbers back to the same parts', () => {
    const next = random(20230101);
    const pick = (n: number): number => Math.floor(next() * n);
    const seen = new Set<CenturySign>();
    for (let i = 0; i < 5000; i += 1) {
      const year = 1800 + pick(300);
      const month = 1 + pick(12);
      // Days in the month from the platform's calendar, independent of the implementation.
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const day = 1 + pick(days);
      const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const signs = signsByCentury[Math.floor(year / 100) * 100] ?? [];
      const centurySign = signs[pick(signs.length)];
      if (centurySign === undefined) throw new Error('no sign');
      seen.add(centurySign);
      const individualNumber = 2 + pick(998);

      const value = formatPersonalIdentityNumber({ dateOfBirth, centurySign, individualNumber });
      expect(value).toHaveLength(11);
      expect(parsePersonalIdentityNumber(value)).toEqual({
        ok: true,
        value: {
          value,
          dateOfBirth,
          centurySign,
          individualNumber,
          temporary: individualNumber >= 900,
          sex: individualNumber % 2 === 0 ? 'female' : 'male',
        },
      });

      // Any other check character is caught and the right one is named.
      const expected = value.charAt(10);
      const wrong = CHECK_CHARACTERS.charAt(
        (CHECK_CHARACTERS.indexOf(expected) + 1 + pick(30)) % 31,
      );
      expect(parsePersonalIdentityNumber(value.slice(0, 10) + wrong)).toEqual({
        ok: false,
        code: 'checksum',
        error: `check character should be ${expected}`,
      });
    }
    expect(seen.size).toBe(CENTURY_SIGNS.length);
  });

  it('uses the default century sign of each century', () => {
    expect(
      formatPersonalIdentityNumber({ dateOfBirth: '1899-12-31', individualNumber: 2 }),
    ).toMatch(/^311299\+002/);
    expect(
      formatPersonalIdentityNumber({ dateOfBirth: '1900-01-01', individualNumber: 2 }),
    ).toMatch(/^010100-002/);
    expect(
      formatPersonalIdentityNumber({ dateOfBirth: '2099-12-31', individualNumber: 2 }),
    ).toMatch(/^311299A002/);
  });
});
