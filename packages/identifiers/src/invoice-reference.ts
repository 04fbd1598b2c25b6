/**
 * Viitenumero: the Finnish invoice reference number.
 *
 * 4–20 digits; the last is a check digit. Weights 7, 3, 1 repeat from the right over the
 * digits before the check digit; check = (10 − sum mod 10) mod 10.
 * Printed in groups of five from the right (`12345 67890 12345`); parsing accepts that form
 * (any grouping with single spaces) as well as the compact one.
 *
 * Leading zeros: accepted and kept in `value` exactly as written (we never change what the
 * user typed), but they are not significant. A zero contributes nothing to the weighted sum,
 * so they never change the check digit, and banks ignore them when matching payments. The
 * length rule (4–20 digits) is applied to the digits without leading zeros, and
 * `normalized` gives the reference without them: store and compare that.
 */
import { checkPresentAndUntrimmed, groupFromRight, isDigits, removeGroupSpaces } from './common.js';
import { fail, ok, type ParseResult } from './result.js';

export type InvoiceReference = {
  /** Digits as written, without spaces (leading zeros kept). */
  value: string;
  /** Without leading zeros: use this to store and compare references. */
  normalized: string;
  /** In groups of five from the right, for printing. */
  formatted: string;
};

const WEIGHTS = [7, 3, 1] as const;

function checkDigitOf(base: string): number {
  let sum = 0;
  for (let i = base.length - 1, w = 0; i >= 0; i -= 1, w = (w + 1) % 3) {
    sum += (base.charCodeAt(i) - 48) * (WEIGHTS[w] ?? 0);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * The check digit for `base` (the reference without its check digit).
 * @throws RangeError when `base` is not 1–19 digits.
 */
export function invoiceReferenceCheckDigit(base: string): number {
  if (!/^[0-9]{1,19}$/.test(base)) {
    throw new RangeError('expected 1–19 digits');
  }
  return checkDigitOf(base);
}

/**
 * Appends the check digit: `createInvoiceReference('123')` → `'1232'`.
 * The base must have 3–19 digits (leading zeros are kept but do not count); a number must be
 * a non-negative safe integer (use a string for bases longer than 15 digits).
 * @throws RangeError for any other base.
 */
export function createInvoiceReference(base: string | number): string {
  let digits: string;
  if (typeof base === 'number') {
    if (!Number.isSafeInteger(base) || base < 0) {
      throw new RangeError(
        'base must be a non-negative whole number (use a string for more than 15 digits)',
      );
    }
    digits = String(base);
  } else {
    digits = base;
  }
  if (!isDigits(digits)) {
    throw new RangeError('base must be digits only');
  }
  const significant = digits.replace(/^0+/, '');
  if (significant.length < 3 || digits.length > 19) {
    throw new RangeError('base must have 3–19 digits (not counting leading zeros)');
  }
  return digits + String(checkDigitOf(digits));
}

/** Parses and validates a Finnish invoice reference. Never throws. */
export function parseInvoiceReference(input: string): ParseResult<InvoiceReference> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (/^rf/i.test(input)) {
    return fail('format', 'this is an RF creditor reference, not a Finnish reference number');
  }
  const spaced = removeGroupSpaces(input);
  if ('ok' in spaced) return spaced;
  const { compact } = spaced;
  if (!isDigits(compact)) {
    return fail('format', 'digits only (single spaces between groups are allowed)');
  }
  const normalized = compact.replace(/^0+/, '');
  if (normalized.length === 0) {
    return fail('format', 'cannot be all zeros');
  }
  if (compact.length > 20) {
    return fail('length', `must be 4–20 digits (got ${compact.length})`);
  }
  if (normalized.length < 4) {
    const note = normalized.length < compact.length ? ' not counting leading zeros' : '';
    return fail('length', `must be 4–20 digits${note} (got ${normalized.length})`);
  }
  const expected = checkDigitOf(compact.slice(0, -1));
  if (Number(compact.slice(-1)) !== expected) {
    return fail('checksum', `check digit (the last digit) should be ${expected}`);
  }
  return ok({ value: compact, normalized, formatted: groupFromRight(compact, 5) });
}

export function isValidInvoiceReference(input: string): boolean {
  return parseInvoiceReference(input).ok;
}

/**
 * Groups a valid reference in blocks of five from the right for printing:
 * `1234567890` → `12345 67890`. Leading zeros are kept.
 * @throws RangeError when `value` is not a valid Finnish invoice reference (an invalid
 *   reference must never be printed on an invoice).
 */
export function formatInvoiceReference(value: string): string {
  const parsed = parseInvoiceReference(value);
  if (!parsed.ok) {
    throw new RangeError(`not a valid invoice reference: ${parsed.error}`);
  }
  return parsed.value.formatted;
}
