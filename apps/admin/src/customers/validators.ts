import {
  parseBusinessId,
  parsePersonalIdentityNumber,
  parsePostalCode,
  type ParseResult,
} from '@register/identifiers';
import type { Validator } from 'react-admin';

/**
 * As-you-type validation with the same parsers the API uses, so what passes here passes there.
 * The message key is the parser's stable code (translated in Finnish); in English the parser's own
 * sentence is shown, which says exactly what to fix.
 */
function identifierValidator(parse: (input: string) => ParseResult<unknown>): Validator {
  return (value: unknown) => {
    if (value === undefined || value === null || value === '') return undefined;
    const result = parse(String(value));
    if (result.ok) return undefined;
    return { message: `register.validation.${result.code}`, args: { _: result.error } };
  };
}

export const validatePersonalIdentityNumber = identifierValidator(parsePersonalIdentityNumber);
export const validateBusinessId = identifierValidator(parseBusinessId);

const finnishPostalCode = identifierValidator(parsePostalCode);

/** Finnish postal codes only: for another country the API accepts its own formats. */
export const validatePostalCode: Validator = (value, values, props) => {
  const country = (values as Record<string, unknown> | undefined)?.country;
  if (country && country !== 'FI') return undefined;
  return finnishPostalCode(value, values, props);
};
