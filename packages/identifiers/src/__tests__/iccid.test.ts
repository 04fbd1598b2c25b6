import { describe, expect, it } from 'vitest';
import { iccidCheckDigit, isValidIccid, parseIccid } from '../index.js';

describe('parseIccid: valid ICCIDs', () => {
  it.each([
    // [input, countryCode, isFinnish]; check digits computed independently.
    ['8935801234567890129', '358', true], // 19 digits
    ['893580123456789011', '358', true], // 18 digits
    ['89358012345678901233', '358', true], // 20 digits
    ['8935800000000000001', '358', true],
    ['89358999999999999990', '358', true],
    ['8910042348144559361', '1', false],
    ['8970100000000000005', '7', false],
    ['89445001021983048261', '44', false],
    ['894600000000000000', '46', false],
    ['89012601234567890121', '01', false],
  ])('%s', (input, countryCode, isFinnish) => {
    expect(parseIccid(input)).toEqual({
      ok: true,
      value: { value: input, countryCode, isFinnish },
    });
    expect(isValidIccid(input)).toBe(true);
  });
});

describe('parseIccid: invalid ICCIDs', () => {
  it.each([
    ['', 'required', 'is empty'],
    [' 8935801234567890129', 'whitespace', 'remove the space at the start'],
    ['8935801234567890129\n', 'whitespace', 'remove the space at the end'],
    ['8935 8012 3456 7890 129', 'format', 'digits only: remove the spaces'],
    ['89358-01234567890129', 'format', 'digits only'],
    ['89358O1234567890129', 'format', 'digits only'],
    ['8935801234567890129F', 'format', 'digits only'],
    ['89358012345678901', 'length', 'must be 18–20 digits (got 17)'],
    ['893580123456789012334', 'length', 'must be 18–20 digits (got 21)'],
    ['9900000000000000002', 'prefix', 'must start with 89 like every SIM card number'],
    ['8835801234567890129', 'prefix', 'must start with 89 like every SIM card number'],
    ['8935801234567890128', 'checksum', 'check digit (the last digit) should be 9'],
    ['893580123456789012', 'checksum', 'check digit (the last digit) should be 1'],
    ['89358012345678901234', 'checksum', 'check digit (the last digit) should be 3'],
  ])('%j → %s: %s', (input, code, error) => {
    expect(parseIccid(input)).toEqual({ ok: false, code, error });
    expect(isValidIccid(input)).toBe(false);
  });

  it('detects every single-digit error (Luhn property)', () => {
    const valid = '8935801234567890129';
    for (let position = 2; position < valid.length; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === valid[position]) continue;
        const changed = valid.slice(0, position) + String(digit) + valid.slice(position + 1);
        expect(parseIccid(changed)).toMatchObject({ ok: false, code: 'checksum' });
      }
    }
  });

  it('detects swapped neighbouring digits (except 0↔9, a known Luhn blind spot)', () => {
    const valid = '8935801234567890129';
    for (let i = 2; i < valid.length - 1; i += 1) {
      const a = valid.charAt(i);
      const b = valid.charAt(i + 1);
      if (a === b || `${a}${b}` === '09' || `${a}${b}` === '90') continue;
      const swapped = valid.slice(0, i) + b + a + valid.slice(i + 2);
      expect(isValidIccid(swapped)).toBe(false);
    }
  });
});

describe('iccidCheckDigit', () => {
  it.each([
    ['893580123456789012', 9],
    ['89358012345678901', 1],
    ['8935801234567890123', 3],
    ['891004234814455936', 1],
    ['8935800000000000000', 6],
  ])('%s → %d', (partial, expected) => {
    expect(iccidCheckDigit(partial)).toBe(expected);
    expect(isValidIccid(partial + String(expected))).toBe(true);
  });

  it.each(['', '8935 8012', '89358x'])('rejects %j', (partial) => {
    expect(() => iccidCheckDigit(partial)).toThrow(RangeError);
  });
});
