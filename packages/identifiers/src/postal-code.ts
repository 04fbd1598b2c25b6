/** Finnish postal code (postinumero): exactly 5 digits, e.g. `00100`, `22100` (Åland). */
import { checkPresentAndUntrimmed, isDigits } from './common.js';
import { fail, ok, type ParseResult } from './result.js';

export type PostalCode = {
  /** The 5 digits. */
  value: string;
};

/** Parses and validates a Finnish postal code. Never throws. */
export function parsePostalCode(input: string): ParseResult<PostalCode> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (!isDigits(input)) {
    return fail('format', 'digits only, like 00100');
  }
  if (input.length !== 5) {
    return fail('length', `must be exactly 5 digits like 00100 (got ${input.length})`);
  }
  return ok({ value: input });
}

export function isValidPostalCode(input: string): boolean {
  return parsePostalCode(input).ok;
}
