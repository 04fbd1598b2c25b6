import {
  parseAnyInvoiceReference,
  parseBusinessId,
  parseEInvoiceAddress,
  parseIccid,
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
export function identifierValidator(parse: (input: string) => ParseResult<unknown>): Validator {
  return (value: unknown) => {
    if (value === undefined || value === null || value === '') return undefined;
    const result = parse(String(value));
    if (result.ok) return undefined;
    return { message: `register.validation.${result.code}`, args: { _: result.error } };
  };
}

export const validatePersonalIdentityNumber = identifierValidator(parsePersonalIdentityNumber);
export const validateBusinessId = identifierValidator(parseBusinessId);
export const validateIccid = identifierValidator(parseIccid);
/** A Finnish reference number (viitenumero) or an RF creditor reference. */
export const validateInvoiceReference = identifierValidator(parseAnyInvoiceReference);

const finnishPostalCode = identifierValidator(parsePostalCode);

/** Finnish postal codes only: for another country the API accepts its own formats. */
export function postalCodeValidator(countryField = 'country'): Validator {
  return (value, values, props) => {
    const country = (values as Record<string, unknown> | undefined)?.[countryField];
    if (country && country !== 'FI') return undefined;
    return finnishPostalCode(value, values, props);
  };
}

export const validatePostalCode = postalCodeValidator('country');

/**
 * An e-invoice address (OVT code or a consumer's IBAN) and its operator ID, checked together; each
 * input shows the problem that concerns it.
 */
export function eInvoiceValidator(field: 'address' | 'operatorId'): Validator {
  return (_value, values) => {
    const all = (values ?? {}) as Record<string, unknown>;
    const address = all.eInvoiceAddress;
    const operatorId = all.eInvoiceOperatorId;
    const given = field === 'address' ? address : operatorId;
    if (given === undefined || given === null || given === '') return undefined;
    const result = parseEInvoiceAddress({
      address: String(address ?? ''),
      // The other input still empty: check this one alone (a placeholder that always passes).
      operatorId: operatorId ? String(operatorId) : 'HELSFIHH',
    });
    if (result.ok || result.field !== field) return undefined;
    if (field === 'address' && !address) return undefined;
    return { message: `register.validation.${result.code}`, args: { _: result.error } };
  };
}

/** An integer in a range (e.g. a survey score 0–10). */
export function integerBetween(min: number, max: number): Validator {
  return (value: unknown) => {
    if (value === undefined || value === null || value === '') return undefined;
    const number = Number(value);
    if (Number.isInteger(number) && number >= min && number <= max) return undefined;
    return { message: 'register.validation.between', args: { min, max } };
  };
}
