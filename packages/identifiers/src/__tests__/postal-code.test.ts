import { describe, expect, it } from 'vitest';
import { isValidPostalCode, parsePostalCode } from '../index.js';

describe('parsePostalCode', () => {
  it.each(['00100', '33100', '22100', '99999', '96100'])('accepts %s', (input) => {
    expect(parsePostalCode(input)).toEqual({ ok: true, value: { value: input } });
    expect(isValidPostalCode(input)).toBe(true);
  });

  it.each([
    ['', 'required', 'is empty'],
    [' 00100', 'whitespace', 'remove the space at the start'],
    ['00100\n', 'whitespace', 'remove the space at the end'],
    ['0010', 'length', 'must be exactly 5 digits like 00100 (got 4)'],
    ['001000', 'length', 'must be exactly 5 digits like 00100 (got 6)'],
    ['00 100', 'format', 'digits only, like 00100'],
    ['FI-00100', 'format', 'digits only, like 00100'],
    ['0010a', 'format', 'digits only, like 00100'],
    ['００１００', 'format', 'digits only, like 00100'], // full-width digits
  ])('%j → %s: %s', (input, code, error) => {
    expect(parsePostalCode(input)).toEqual({ ok: false, code, error });
    expect(isValidPostalCode(input)).toBe(false);
  });
});
