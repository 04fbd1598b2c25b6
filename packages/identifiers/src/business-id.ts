/**
 * Y-tunnus: the Finnish business ID, `NNNNNNN-C`.
 *
 * Check digit: weights 7, 9, 10, 5, 8, 4, 2 over the seven digits; r = sum mod 11;
 * r = 0 → C = 0; r = 1 → no valid check digit exists (such numbers are never issued);
 * otherwise C = 11 − r.
 *
 * Older IDs were written with 6 digits before the hyphen; they are not padded silently, the
 * error asks for the leading zero.
 */
import { checkPresentAndUntrimmed } from './common.js';
import { fail, ok, type ParseResult } from './result.js';

export type BusinessId = {
  /** `NNNNNNN-C` */
  value: string;
  /** The 8 digits without the hyphen, `NNNNNNNC` (as used in OVT codes). */
  digits: string;
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;
const EXAMPLE = '1572860-0';

function checkDigitOf(sevenDigits: string): number | undefined {
  let sum = 0;
  WEIGHTS.forEach((weight, index) => {
    sum += weight * (sevenDigits.charCodeAt(index) - 48);
  });
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}

/**
 * The check digit for seven digits, or `undefined` when none exists (r = 1: no valid business
 * ID starts with these digits).
 * @throws RangeError when the argument is not exactly 7 digits.
 */
export function businessIdCheckDigit(sevenDigits: string): number | undefined {
  if (!/^[0-9]{7}$/.test(sevenDigits)) {
    throw new RangeError('expected 7 digits, like 1572860');
  }
  return checkDigitOf(sevenDigits);
}

/**
 * Builds `NNNNNNN-C` from seven digits.
 * @throws RangeError when the argument is not 7 digits or no check digit exists for it.
 */
export function formatBusinessId(sevenDigits: string): string {
  const checkDigit = businessIdCheckDigit(sevenDigits);
  if (checkDigit === undefined) {
    throw new RangeError(`no business ID can start with ${sevenDigits}: it has no check digit`);
  }
  return `${sevenDigits}-${checkDigit}`;
}

/** Parses and validates a business ID (Y-tunnus). Never throws. */
export function parseBusinessId(input: string): ParseResult<BusinessId> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (/^FI[0-9]{8}$/i.test(input)) {
    return fail(
      'format',
      `this looks like a VAT number; the business ID is ${input.slice(2, 9)}-${input.slice(9)}`,
    );
  }
  if (/^[0-9]{6}-[0-9]$/.test(input)) {
    return fail(
      'format',
      `must have 7 digits before the hyphen; write the leading zero: 0${input}`,
    );
  }
  if (/^[0-9]{8}$/.test(input)) {
    return fail(
      'format',
      `put a hyphen before the check digit: ${input.slice(0, 7)}-${input.slice(7)}`,
    );
  }
  if (!/^[0-9]{7}-[0-9]$/.test(input)) {
    return fail('format', `must be 7 digits, a hyphen and a check digit, like ${EXAMPLE}`);
  }

  const sevenDigits = input.slice(0, 7);
  if (sevenDigits === '0000000') {
    return fail('range', '0000000-0 is not a real business ID');
  }
  const expected = checkDigitOf(sevenDigits);
  if (expected === undefined) {
    return fail(
      'checksum',
      `no business ID can start with ${sevenDigits}: check the digits before the hyphen`,
    );
  }
  if (Number(input.charAt(8)) !== expected) {
    return fail('checksum', `check digit should be ${expected}`);
  }
  return ok({ value: input, digits: sevenDigits + input.charAt(8) });
}

export function isValidBusinessId(input: string): boolean {
  return parseBusinessId(input).ok;
}
