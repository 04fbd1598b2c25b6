import { describe, expect, it } from 'vitest';
import {
  createInvoiceReference,
  formatInvoiceReference,
  invoiceReferenceCheckDigit,
  isValidInvoiceReference,
  parseInvoiceReference,
} from '../index.js';

// Independent reference implementation for the property test.
function referenceCheckDigit(base: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  [...base].reverse().forEach((digit, i) => {
    sum += Number(digit) * (weights[i % 3] ?? 0);
  });
  return (10 - (sum % 10)) % 10;
}

describe('parseInvoiceReference: valid references', () => {
  it.each([
    // [input, value, normalized, formatted]
    ['1232', '1232', '1232', '1232'], // 3·7 + 2·3 + 1·1 = 28 → 2
    ['1009', '1009', '1009', '1009'],
    ['9991', '9991', '9991', '9991'],
    ['20230012', '20230012', '20230012', '202 30012'],
    ['539007547037', '539007547037', '539007547037', '53 90075 47037'],
    [
      '12345678901234567894',
      '12345678901234567894',
      '12345678901234567894',
      '12345 67890 12345 67894',
    ],
    [
      '12345 67890 12345 67894',
      '12345678901234567894',
      '12345678901234567894',
      '12345 67890 12345 67894',
    ],
    ['53 90075 47037', '539007547037', '539007547037', '53 90075 47037'],
    ['5390 0754 7037', '539007547037', '539007547037', '53 90075 47037'], // any grouping
    ['0001232', '0001232', '1232', '00 01232'], // leading zeros kept but not significant
    ['01232', '01232', '1232', '01232'],
  ])('%j', (input, value, normalized, formatted) => {
    expect(parseInvoiceReference(input)).toEqual({
      ok: true,
      value: { value, normalized, formatted },
    });
    expect(isValidInvoiceReference(input)).toBe(true);
  });
});

describe('parseInvoiceReference: invalid references', () => {
  it.each([
    ['', 'required', 'is empty'],
    [' 1232', 'whitespace', 'remove the space at the start'],
    ['1232 ', 'whitespace', 'remove the space at the end'],
    ['1233', 'checksum', 'check digit (the last digit) should be 2'],
    ['1230', 'checksum', 'check digit (the last digit) should be 2'],
    ['12345 67890 12345 67895', 'checksum', 'check digit (the last digit) should be 4'],
    ['539007547034', 'checksum', 'check digit (the last digit) should be 7'],
    ['123', 'length', 'must be 4–20 digits (got 3)'],
    ['42', 'length', 'must be 4–20 digits (got 2)'],
    ['0123', 'length', 'must be 4–20 digits not counting leading zeros (got 3)'],
    ['123456789012345678901', 'length', 'must be 4–20 digits (got 21)'],
    ['0000000000000000001232', 'length', 'must be 4–20 digits (got 22)'],
    ['0000', 'format', 'cannot be all zeros'],
    ['12a2', 'format', 'digits only (single spaces between groups are allowed)'],
    ['12-32', 'format', 'digits only (single spaces between groups are allowed)'],
    ['1 2 3 3', 'checksum', 'check digit (the last digit) should be 2'],
    ['12345  67890', 'format', 'use single spaces between the groups'],
    ['123\t2', 'format', 'use ordinary spaces between the groups'],
    ['RF111232', 'format', 'this is an RF creditor reference, not a Finnish reference number'],
    ['rf111232', 'format', 'this is an RF creditor reference, not a Finnish reference number'],
  ])('%j → %s: %s', (input, code, error) => {
    expect(parseInvoiceReference(input)).toEqual({ ok: false, code, error });
    expect(isValidInvoiceReference(input)).toBe(false);
  });
});

describe('invoiceReferenceCheckDigit', () => {
  it.each([
    ['123', 2],
    ['100', 9],
    ['999', 1],
    ['4', 2],
    ['12345678', 0],
    ['00012', 3],
    ['1234567890123456789', 4],
  ])('%s → %d', (base, expected) => {
    expect(invoiceReferenceCheckDigit(base)).toBe(expected);
  });

  it.each(['', '12a', '12 3', '12345678901234567890'])('rejects %j', (base) => {
    expect(() => invoiceReferenceCheckDigit(base)).toThrow(RangeError);
  });
});

describe('createInvoiceReference', () => {
  it.each([
    ['123', '1232'],
    [123, '1232'],
    [100, '1009'],
    ['2023001', '20230012'],
    [2023001, '20230012'],
    ['0123', '01232'],
    ['1234567890123456789', '12345678901234567894'],
  ])('%j → %s', (base, expected) => {
    expect(createInvoiceReference(base)).toBe(expected);
  });

  it.each([
    ['12', 'base must have 3–19 digits'],
    [12, 'base must have 3–19 digits'],
    ['0012', 'base must have 3–19 digits'],
    ['000', 'base must have 3–19 digits'],
    ['12345678901234567890', 'base must have 3–19 digits'],
    ['12 3', 'base must be digits only'],
    ['', 'base must be digits only'],
    [-123, 'base must be a non-negative whole number'],
    [12.5, 'base must be a non-negative whole number'],
    [Number.MAX_SAFE_INTEGER + 1, 'use a string for more than 15 digits'],
    [Number.NaN, 'base must be a non-negative whole number'],
  ])('rejects %j', (base, message) => {
    expect(() => createInvoiceReference(base)).toThrow(RangeError);
    expect(() => createInvoiceReference(base)).toThrow(message);
  });

  it('creates references that parse back, for 3000 bases of every length', () => {
    let seed = 12345;
    const nextDigit = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * 10);
    };
    for (let i = 0; i < 3000; i += 1) {
      const length = 3 + (i % 17);
      let base = String(1 + (nextDigit() % 9));
      while (base.length < length) base += String(nextDigit());
      const reference = createInvoiceReference(base);
      expect(reference).toBe(base + String(referenceCheckDigit(base)));
      expect(parseInvoiceReference(reference).ok).toBe(true);
      const wrong = (referenceCheckDigit(base) + 1 + (i % 9)) % 10;
      expect(parseInvoiceReference(base + String(wrong))).toMatchObject({
        ok: false,
        code: 'checksum',
      });
    }
  });
});

describe('formatInvoiceReference', () => {
  it.each([
    ['1232', '1232'],
    ['20230012', '202 30012'],
    ['539007547037', '53 90075 47037'],
    ['12345678901234567894', '12345 67890 12345 67894'],
    ['12345 67890 12345 67894', '12345 67890 12345 67894'],
  ])('%s → %s', (value, expected) => {
    expect(formatInvoiceReference(value)).toBe(expected);
  });

  it('refuses to format an invalid reference', () => {
    expect(() => formatInvoiceReference('1233')).toThrow(
      'not a valid invoice reference: check digit (the last digit) should be 2',
    );
  });
});
