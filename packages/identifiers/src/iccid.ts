/**
 * ICCID: the number printed on a SIM card (ITU-T E.118).
 *
 * 18–20 digits: `89` (telecom industry) + country code (as in E.164) + issuer and account
 * digits + a Luhn check digit over the whole number. Finnish ICCIDs start `89358`.
 * Digits only: spaces, as printed on some cards, are an error rather than removed silently.
 */
import { checkPresentAndUntrimmed, isDigits, luhnCheckDigit } from './common.js';
import { fail, ok, type ParseResult } from './result.js';

export type Iccid = {
  /** All digits, including the check digit. */
  value: string;
  /**
   * Country code after the `89` prefix, as in E.164: `358` for Finland, `44` for the UK, `1`
   * for North America. Best effort for foreign cards (older US cards read `01`).
   */
  countryCode: string;
  /** True when the ICCID starts `89358`. */
  isFinnish: boolean;
};

/**
 * Two-digit E.164 country codes; within each zone every other code has three digits, and
 * zones 1 and 7 have one digit. E.164 codes are prefix-free, so this decides the length.
 */
const TWO_DIGIT_COUNTRY_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 ' +
    '55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

function countryCodeAt(digits: string): string {
  const first = digits.charAt(0);
  // No E.164 code starts with 0; older US cards are numbered `8901…`: report `01` as printed.
  if (first === '0') return digits.slice(0, 2);
  if (first === '1' || first === '7') return first;
  const two = digits.slice(0, 2);
  return TWO_DIGIT_COUNTRY_CODES.has(two) ? two : digits.slice(0, 3);
}

/**
 * The Luhn check digit to append to `partial` (an ICCID without its last digit).
 * @throws RangeError when `partial` is not digits only.
 */
export function iccidCheckDigit(partial: string): number {
  if (!isDigits(partial)) {
    throw new RangeError('expected digits only');
  }
  return luhnCheckDigit(partial);
}

/** Parses and validates an ICCID. Never throws. */
export function parseIccid(input: string): ParseResult<Iccid> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (/\s/.test(input)) {
    return fail('format', 'digits only: remove the spaces');
  }
  if (!isDigits(input)) {
    return fail('format', 'digits only');
  }
  if (input.length < 18 || input.length > 20) {
    return fail('length', `must be 18–20 digits (got ${input.length})`);
  }
  if (!input.startsWith('89')) {
    return fail('prefix', 'must start with 89 like every SIM card number');
  }
  const expected = luhnCheckDigit(input.slice(0, -1));
  if (Number(input.slice(-1)) !== expected) {
    return fail('checksum', `check digit (the last digit) should be ${expected}`);
  }
  return ok({
    value: input,
    countryCode: countryCodeAt(input.slice(2)),
    isFinnish: input.startsWith('89358'),
  });
}

export function isValidIccid(input: string): boolean {
  return parseIccid(input).ok;
}
