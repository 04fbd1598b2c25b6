import { describe, expect, it } from 'vitest';
import {
  businessIdCheckDigit,
  formatBusinessId,
  isValidBusinessId,
  parseBusinessId,
} from '../index.js';

// Independent reference implementation for the property tests below.
function referenceCheckDigit(seven: string): number | undefined {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(seven[i]), 0);
  const r = sum % 11;
  return r === 0 ? 0 : r === 1 ? undefined : 11 - r;
}

describe('parseBusinessId: valid IDs', () => {
  it.each([
    ['0737546-2'], // r = 9
    ['1572860-0'], // r = 0 → check digit 0
    ['2617416-4'], // r = 7
    ['0112038-9'],
    ['1000000-4'],
    ['2332748-7'],
    ['1234567-1'], // r = 10 → check digit 1
  ])('%s', (input) => {
    expect(parseBusinessId(input)).toEqual({
      ok: true,
      value: { value: input, digits: input.replace('-', '') },
    });
    expect(isValidBusinessId(input)).toBe(true);
  });
});

describe('parseBusinessId: invalid IDs', () => {
  it.each([
    ['', 'required', 'is empty'],
    [' 0737546-2', 'whitespace', 'remove the space at the start'],
    ['0737546-2 ', 'whitespace', 'remove the space at the end'],
    [
      '0000014-0',
      'checksum',
      'no business ID can start with 0000014: check the digits before the hyphen',
    ],
    [
      '0100007-0',
      'checksum',
      'no business ID can start with 0100007: check the digits before the hyphen',
    ],
    ['0737546-3', 'checksum', 'check digit should be 2'],
    ['1572860-1', 'checksum', 'check digit should be 0'],
    ['2617416-0', 'checksum', 'check digit should be 4'],
    [
      '737546-2',
      'format',
      'must have 7 digits before the hyphen; write the leading zero: 0737546-2',
    ],
    ['07375462', 'format', 'put a hyphen before the check digit: 0737546-2'],
    ['FI07375462', 'format', 'this looks like a VAT number; the business ID is 0737546-2'],
    ['0737546 2', 'format', 'must be 7 digits, a hyphen and a check digit, like 1572860-0'],
    ['0737546\u20132', 'format', 'must be 7 digits, a hyphen and a check digit, like 1572860-0'],
    ['07375462-2', 'format', 'must be 7 digits, a hyphen and a check digit, like 1572860-0'],
    ['073754A-2', 'format', 'must be 7 digits, a hyphen and a check digit, like 1572860-0'],
    ['0000000-0', 'range', '0000000-0 is not a real business ID'],
  ])('%j → %s: %s', (input, code, error) => {
    expect(parseBusinessId(input)).toEqual({ ok: false, code, error });
    expect(isValidBusinessId(input)).toBe(false);
  });
});

describe('businessIdCheckDigit', () => {
  it.each([
    ['0737546', 2],
    ['1572860', 0],
    ['2617416', 4],
    ['1000001', 2],
    ['1234567', 1],
    ['0100007', undefined],
    ['0000014', undefined],
  ])('%s → %s', (seven, expected) => {
    expect(businessIdCheckDigit(seven)).toBe(expected);
  });

  it.each(['123456', '12345678', '123456a', '1234567-', ''])('rejects %j', (seven) => {
    expect(() => businessIdCheckDigit(seven)).toThrow(RangeError);
  });

  it('agrees with the definition for the first 20 000 numbers and every 997th above', () => {
    let undefinedCount = 0;
    for (let n = 0; n < 10_000_000; n += n < 20_000 ? 1 : 997) {
      const seven = String(n).padStart(7, '0');
      const expected = referenceCheckDigit(seven);
      expect(businessIdCheckDigit(seven)).toBe(expected);
      if (expected === undefined) undefinedCount += 1;
    }
    expect(undefinedCount).toBeGreaterThan(0);
  });
});

describe('formatBusinessId', () => {
  it.each([
    ['0737546', '0737546-2'],
    ['1572860', '1572860-0'],
    ['2617416', '2617416-4'],
  ])('%s → %s', (seven, expected) => {
    expect(formatBusinessId(seven)).toBe(expected);
  });

  it('throws when no check digit exists (r = 1)', () => {
    expect(() => formatBusinessId('0100007')).toThrow(
      'no business ID can start with 0100007: it has no check digit',
    );
  });

  it('throws for input that is not 7 digits', () => {
    expect(() => formatBusinessId('737546')).toThrow(RangeError);
  });

  it('every formatted ID parses, and every other check digit is rejected', () => {
    for (let n = 1; n < 3000; n += 1) {
      const seven = String(n * 3331).padStart(7, '0');
      const expected = referenceCheckDigit(seven);
      for (let digit = 0; digit <= 9; digit += 1) {
        const result = parseBusinessId(`${seven}-${digit}`);
        if (expected === undefined) {
          expect(result).toMatchObject({ ok: false, code: 'checksum' });
        } else if (digit === expected) {
          expect(result.ok).toBe(true);
        } else {
          expect(result).toEqual({
            ok: false,
            code: 'checksum',
            error: `check digit should be ${expected}`,
          });
        }
      }
      if (expected !== undefined) {
        expect(parseBusinessId(formatBusinessId(seven)).ok).toBe(true);
      }
    }
  });
});
