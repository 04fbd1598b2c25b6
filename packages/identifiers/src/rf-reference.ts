/**
 * RF creditor reference (ISO 11649): `RF` + two check digits + a reference of 1–21 letters
 * or digits; at most 25 characters. Printed in groups of four (`RF18 5390 0754 7034`); parsing
 * accepts that form (any grouping with single spaces) as well as the compact one.
 *
 * Check: move the first four characters to the end, read letters as A=10 … Z=35; the number
 * mod 97 must be 1.
 */
import {
  checkPresentAndUntrimmed,
  groupFromLeft,
  hasLowercaseLetter,
  mod97,
  removeGroupSpaces,
} from './common.js';
import { parseInvoiceReference, type InvoiceReference } from './invoice-reference.js';
import { fail, ok, type ParseResult } from './result.js';

export type RfReference = {
  /** Compact form without spaces, e.g. `RF18539007547034`. */
  value: string;
  /** The two check digits, e.g. `18`. */
  checkDigits: string;
  /** The reference after the check digits, e.g. `539007547034`. */
  reference: string;
  /** In groups of four, for printing: `RF18 5390 0754 7034`. */
  formatted: string;
};

export type AnyInvoiceReference =
  ({ kind: 'finnish' } & InvoiceReference) | ({ kind: 'rf' } & RfReference);

function rfCheckDigits(reference: string): string {
  return String(98 - mod97(`${reference}RF00`)).padStart(2, '0');
}

/** Parses and validates an RF creditor reference. Never throws. */
export function parseRfReference(input: string): ParseResult<RfReference> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (hasLowercaseLetter(input)) {
    return fail('case', `use capital letters: ${input.toUpperCase()}`);
  }
  const spaced = removeGroupSpaces(input);
  if ('ok' in spaced) return spaced;
  const { compact } = spaced;
  if (!compact.startsWith('RF')) {
    return fail('prefix', 'must start with RF');
  }
  if (!/^RF[0-9]{2}/.test(compact)) {
    return fail('format', 'RF must be followed by two check digits, like RF18');
  }
  const reference = compact.slice(4);
  if (reference.length === 0) {
    return fail('length', 'the reference after RF and the check digits is missing');
  }
  if (!/^[A-Z0-9]+$/.test(reference)) {
    return fail('format', 'after RF and the check digits use only digits and letters A–Z');
  }
  if (compact.length > 25) {
    return fail(
      'length',
      `can be at most 25 characters not counting spaces (got ${compact.length})`,
    );
  }
  if (mod97(reference + compact.slice(0, 4)) !== 1) {
    return fail('checksum', `check digits should be ${rfCheckDigits(reference)}`);
  }
  return ok({
    value: compact,
    checkDigits: compact.slice(2, 4),
    reference,
    formatted: groupFromLeft(compact, 4),
  });
}

export function isValidRfReference(input: string): boolean {
  return parseRfReference(input).ok;
}

/**
 * Builds the RF creditor reference for a Finnish invoice reference:
 * `createRfReference('539007547034')` → `'RF18539007547034'`. The Finnish reference may be
 * written grouped; leading zeros are dropped (they are not significant).
 * @throws RangeError when `finnishReference` is not a valid Finnish invoice reference.
 */
export function createRfReference(finnishReference: string): string {
  const parsed = parseInvoiceReference(finnishReference);
  if (!parsed.ok) {
    throw new RangeError(`not a valid Finnish invoice reference: ${parsed.error}`);
  }
  const reference = parsed.value.normalized;
  return `RF${rfCheckDigits(reference)}${reference}`;
}

/**
 * Groups a valid RF reference in blocks of four for printing.
 * @throws RangeError when `value` is not a valid RF reference.
 */
export function formatRfReference(value: string): string {
  const parsed = parseRfReference(value);
  if (!parsed.ok) {
    throw new RangeError(`not a valid RF reference: ${parsed.error}`);
  }
  return parsed.value.formatted;
}

/**
 * Parses either a Finnish invoice reference or an RF creditor reference (anything starting
 * with `RF`, in any case) and says which it is in `kind`. Never throws.
 */
export function parseAnyInvoiceReference(input: string): ParseResult<AnyInvoiceReference> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (/^rf/i.test(input)) {
    const rf = parseRfReference(input);
    return rf.ok ? ok({ kind: 'rf', ...rf.value }) : rf;
  }
  const finnish = parseInvoiceReference(input);
  return finnish.ok ? ok({ kind: 'finnish', ...finnish.value }) : finnish;
}

export function isValidAnyInvoiceReference(input: string): boolean {
  return parseAnyInvoiceReference(input).ok;
}
