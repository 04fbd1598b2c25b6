import { describe, expect, it } from 'vitest';
import { formatBusinessId, isValidOvt, ovtFromBusinessId, parseOvt } from '../index.js';

describe('parseOvt: valid codes', () => {
  it.each([
    // [input, businessId, suffix]
    ['003715728600', '1572860-0', ''],
    ['003707375462', '0737546-2', ''],
    ['003723327487', '2332748-7', ''],
    ['003712345671', '1234567-1', ''],
    ['0037261741641', '2617416-4', '1'],
    ['003715728600001', '1572860-0', '001'],
    ['00372617416400A1B', '2617416-4', '00A1B'],
  ])('%s', (input, businessId, suffix) => {
    expect(parseOvt(input)).toEqual({ ok: true, value: { value: input, businessId, suffix } });
    expect(isValidOvt(input)).toBe(true);
  });
});

describe('parseOvt: invalid codes', () => {
  const example = '003715728600';
  it.each([
    ['', 'required', 'is empty'],
    [' 003715728600', 'whitespace', 'remove the space at the start'],
    ['003715728600 ', 'whitespace', 'remove the space at the end'],
    ['003715728600a', 'case', 'use capital letters: 003715728600A'],
    [
      '0037 15728600',
      'format',
      `use only digits and capital letters, without spaces or hyphens, like ${example}`,
    ],
    [
      '00371572860-0',
      'format',
      `use only digits and capital letters, without spaces or hyphens, like ${example}`,
    ],
    ['003815728600', 'prefix', 'must start with 0037'],
    ['15728600', 'prefix', 'must start with 0037'],
    [
      '0037157286',
      'format',
      `0037 must be followed by the 8 digits of the business ID without the hyphen, like ${example}`,
    ],
    [
      '00371572860A',
      'format',
      `0037 must be followed by the 8 digits of the business ID without the hyphen, like ${example}`,
    ],
    [
      '003715728600ABCDEF',
      'length',
      'the suffix after the business ID can be at most 5 letters or digits (got 6)',
    ],
    [
      '003707375463',
      'checksum',
      'the business ID in it (0737546-3) is not valid: check digit should be 2',
    ],
    [
      '003701000070',
      'checksum',
      'the business ID in it (0100007-0) is not valid: no business ID can start with 0100007: check the digits before the hyphen',
    ],
    [
      '003700000000',
      'range',
      'the business ID in it (0000000-0) is not valid: 0000000-0 is not a real business ID',
    ],
  ])('%j → %s: %s', (input, code, error) => {
    expect(parseOvt(input)).toEqual({ ok: false, code, error });
    expect(isValidOvt(input)).toBe(false);
  });
});

describe('ovtFromBusinessId', () => {
  it.each([
    ['1572860-0', undefined, '003715728600'],
    ['1572860-0', '001', '003715728600001'],
    ['2617416-4', 'A1B2C', '003726174164A1B2C'],
    ['0737546-2', '', '003707375462'],
  ])('%s + %j → %s', (businessId, suffix, expected) => {
    expect(ovtFromBusinessId(businessId, suffix)).toBe(expected);
  });

  it.each([
    ['1572860-1', undefined, 'not a valid business ID: check digit should be 0'],
    ['15728600', undefined, 'not a valid business ID: put a hyphen'],
    ['1572860-0', 'abc', 'suffix must be at most 5 capital letters or digits'],
    ['1572860-0', '123456', 'suffix must be at most 5 capital letters or digits'],
    ['1572860-0', '00-1', 'suffix must be at most 5 capital letters or digits'],
  ])('rejects %s + %j', (businessId, suffix, message) => {
    expect(() => ovtFromBusinessId(businessId, suffix)).toThrow(RangeError);
    expect(() => ovtFromBusinessId(businessId, suffix)).toThrow(message);
  });

  it('round-trips through parseOvt for many business IDs', () => {
    let checked = 0;
    for (let n = 1; n < 2000; n += 1) {
      const seven = String(n * 4999).padStart(7, '0');
      let businessId: string;
      try {
        businessId = formatBusinessId(seven);
      } catch {
        continue; // no check digit exists for these digits
      }
      const suffix = n % 3 === 0 ? '' : String(n % 1000);
      const result = parseOvt(ovtFromBusinessId(businessId, suffix));
      expect(result).toEqual({
        ok: true,
        value: { value: `0037${businessId.replace('-', '')}${suffix}`, businessId, suffix },
      });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1500);
  });
});
