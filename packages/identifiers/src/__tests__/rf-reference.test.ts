import { describe, expect, it } from 'vitest';
import {
  createInvoiceReference,
  createRfReference,
  formatRfReference,
  isValidAnyInvoiceReference,
  isValidRfReference,
  parseAnyInvoiceReference,
  parseRfReference,
} from '../index.js';

describe('parseRfReference: valid references', () => {
  it.each([
    // [input, value, reference, formatted]
    ['RF18539007547034', 'RF18539007547034', '539007547034', 'RF18 5390 0754 7034'], // ISO 11649 example
    ['RF18 5390 0754 7034', 'RF18539007547034', '539007547034', 'RF18 5390 0754 7034'],
    [
      'RF18 000000000539007547034',
      'RF18000000000539007547034',
      '000000000539007547034',
      'RF18 0000 0000 0539 0075 4703 4',
    ],
    [
      'RF18000000000539007547034',
      'RF18000000000539007547034',
      '000000000539007547034',
      'RF18 0000 0000 0539 0075 4703 4',
    ],
    ['RF111232', 'RF111232', '1232', 'RF11 1232'],
    ['RF7520230012', 'RF7520230012', '20230012', 'RF75 2023 0012'],
    ['RF47ABC123', 'RF47ABC123', 'ABC123', 'RF47 ABC1 23'],
    [
      'RF0912345678901234567894',
      'RF0912345678901234567894',
      '12345678901234567894',
      'RF09 1234 5678 9012 3456 7894',
    ],
  ])('%j', (input, value, reference, formatted) => {
    expect(parseRfReference(input)).toEqual({
      ok: true,
      value: { value, checkDigits: value.slice(2, 4), reference, formatted },
    });
    expect(isValidRfReference(input)).toBe(true);
  });
});

describe('parseRfReference: invalid references', () => {
  it.each([
    ['', 'required', 'is empty'],
    [' RF18539007547034', 'whitespace', 'remove the space at the start'],
    ['RF18539007547034 ', 'whitespace', 'remove the space at the end'],
    ['RF19539007547034', 'checksum', 'check digits should be 18'],
    ['RF18539007547035', 'checksum', 'check digits should be 88'],
    ['RF12 1232', 'checksum', 'check digits should be 11'],
    ['rf18539007547034', 'case', 'use capital letters: RF18539007547034'],
    ['RF47abc123', 'case', 'use capital letters: RF47ABC123'],
    ['XX18539007547034', 'prefix', 'must start with RF'],
    ['539007547034', 'prefix', 'must start with RF'],
    ['RFAB1232', 'format', 'RF must be followed by two check digits, like RF18'],
    ['RF1', 'format', 'RF must be followed by two check digits, like RF18'],
    ['RF18', 'length', 'the reference after RF and the check digits is missing'],
    [
      'RF18-539007547034',
      'format',
      'after RF and the check digits use only digits and letters A–Z',
    ],
    [
      'RF18Ä539007547034',
      'format',
      'after RF and the check digits use only digits and letters A–Z',
    ],
    ['RF18  5390 0754 7034', 'format', 'use single spaces between the groups'],
    [
      'RF180000000000539007547034',
      'length',
      'can be at most 25 characters not counting spaces (got 26)',
    ],
  ])('%j → %s: %s', (input, code, error) => {
    expect(parseRfReference(input)).toEqual({ ok: false, code, error });
    expect(isValidRfReference(input)).toBe(false);
  });
});

/** Check digits by the ISO 11649 definition, with BigInt, independent of the implementation. */
function expectedFor(reference: string): string {
  const numeric = [...`${reference}RF00`]
    .map((c) => (/[0-9]/.test(c) ? c : String(c.charCodeAt(0) - 55)))
    .join('');
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}

describe('createRfReference', () => {
  it.each([
    ['1232', 'RF111232'],
    ['20230012', 'RF7520230012'],
    ['12345678901234567894', 'RF0912345678901234567894'],
    ['12345 67890 12345 67894', 'RF0912345678901234567894'],
    ['0001232', 'RF111232'], // leading zeros are not significant
  ])('%j → %s', (finnish, expected) => {
    expect(createRfReference(finnish)).toBe(expected);
  });

  it('matches the ISO 11649 definition for created Finnish references', () => {
    for (let base = 100; base < 20_000; base += 37) {
      const finnish = createInvoiceReference(base);
      const rf = createRfReference(finnish);
      expect(rf).toBe(`RF${expectedFor(finnish)}${finnish}`);
      expect(parseRfReference(rf).ok).toBe(true);
    }
  });

  it.each([
    [
      '539007547034',
      'not a valid Finnish invoice reference: check digit (the last digit) should be 7',
    ],
    ['123', 'not a valid Finnish invoice reference: must be 4–20 digits (got 3)'],
    ['RF111232', 'not a valid Finnish invoice reference: this is an RF creditor reference'],
  ])('rejects %j', (finnish, message) => {
    expect(() => createRfReference(finnish)).toThrow(RangeError);
    expect(() => createRfReference(finnish)).toThrow(message);
  });
});

describe('formatRfReference', () => {
  it('groups in blocks of four', () => {
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatRfReference('RF18 5390 0754 7034')).toBe('RF18 5390 0754 7034');
  });

  it('refuses to format an invalid reference', () => {
    expect(() => formatRfReference('RF19539007547034')).toThrow(
      'not a valid RF reference: check digits should be 18',
    );
  });
});

describe('parseAnyInvoiceReference', () => {
  it('recognises a Finnish reference', () => {
    expect(parseAnyInvoiceReference('12345 67890 12345 67894')).toEqual({
      ok: true,
      value: {
        kind: 'finnish',
        value: '12345678901234567894',
        normalized: '12345678901234567894',
        formatted: '12345 67890 12345 67894',
      },
    });
  });

  it('recognises an RF reference', () => {
    expect(parseAnyInvoiceReference('RF18 5390 0754 7034')).toEqual({
      ok: true,
      value: {
        kind: 'rf',
        value: 'RF18539007547034',
        checkDigits: '18',
        reference: '539007547034',
        formatted: 'RF18 5390 0754 7034',
      },
    });
  });

  it.each([
    ['', 'required', 'is empty'],
    [' 1232', 'whitespace', 'remove the space at the start'],
    ['1233', 'checksum', 'check digit (the last digit) should be 2'],
    ['RF12 1232', 'checksum', 'check digits should be 11'],
    ['rf111232', 'case', 'use capital letters: RF111232'],
    ['AB1232', 'format', 'digits only (single spaces between groups are allowed)'],
  ])('%j → %s: %s', (input, code, error) => {
    expect(parseAnyInvoiceReference(input)).toEqual({ ok: false, code, error });
    expect(isValidAnyInvoiceReference(input)).toBe(false);
  });

  it('isValidAnyInvoiceReference accepts both kinds', () => {
    expect(isValidAnyInvoiceReference('1232')).toBe(true);
    expect(isValidAnyInvoiceReference('RF111232')).toBe(true);
  });
});
