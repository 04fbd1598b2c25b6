/**
 * OVT code (OVT-tunnus): the Finnish e-invoice address of an organisation.
 *
 * `0037` + the 8 digits of the business ID (Y-tunnus without the hyphen, check digit
 * included) + an optional suffix of up to 5 capital letters or digits (department, unit).
 * The embedded business ID must be valid. Example: `003715728600`, `0037157286001`.
 */
import { checkPresentAndUntrimmed, hasLowercaseLetter } from './common.js';
import { parseBusinessId } from './business-id.js';
import { fail, ok, type ParseResult } from './result.js';

export type Ovt = {
  /** The whole OVT code. */
  value: string;
  /** The embedded business ID, `NNNNNNN-C`. */
  businessId: string;
  /** The suffix after the business ID digits; `''` when there is none. */
  suffix: string;
};

const EXAMPLE = '003715728600';

/** Parses and validates an OVT code. Never throws. */
export function parseOvt(input: string): ParseResult<Ovt> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (hasLowercaseLetter(input)) {
    return fail('case', `use capital letters: ${input.toUpperCase()}`);
  }
  if (!/^[A-Z0-9]+$/.test(input)) {
    return fail(
      'format',
      `use only digits and capital letters, without spaces or hyphens, like ${EXAMPLE}`,
    );
  }
  if (!input.startsWith('0037')) {
    return fail('prefix', 'must start with 0037');
  }
  const digits = input.slice(4, 12);
  if (!/^[0-9]{8}$/.test(digits)) {
    return fail(
      'format',
      `0037 must be followed by the 8 digits of the business ID without the hyphen, like ${EXAMPLE}`,
    );
  }
  const suffix = input.slice(12);
  if (suffix.length > 5) {
    return fail(
      'length',
      `the suffix after the business ID can be at most 5 letters or digits (got ${suffix.length})`,
    );
  }
  const businessId = `${digits.slice(0, 7)}-${digits.slice(7)}`;
  const parsed = parseBusinessId(businessId);
  if (!parsed.ok) {
    return fail(
      parsed.code === 'range' ? 'range' : 'checksum',
      `the business ID in it (${businessId}) is not valid: ${parsed.error}`,
    );
  }
  return ok({ value: input, businessId, suffix });
}

export function isValidOvt(input: string): boolean {
  return parseOvt(input).ok;
}

/**
 * Builds the OVT code of a business ID: `ovtFromBusinessId('1572860-0')` → `'003715728600'`,
 * `ovtFromBusinessId('1572860-0', '001')` → `'003715728600001'`.
 * @throws RangeError when the business ID is not valid or the suffix is not 0–5 capital
 *   letters or digits.
 */
export function ovtFromBusinessId(businessId: string, suffix = ''): string {
  const parsed = parseBusinessId(businessId);
  if (!parsed.ok) {
    throw new RangeError(`not a valid business ID: ${parsed.error}`);
  }
  if (!/^[A-Z0-9]{0,5}$/.test(suffix)) {
    throw new RangeError('suffix must be at most 5 capital letters or digits');
  }
  return `0037${parsed.value.digits}${suffix}`;
}
