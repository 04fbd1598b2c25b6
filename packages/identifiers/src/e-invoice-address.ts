/**
 * E-invoice address (verkkolaskuosoite) together with the operator ID (välittäjätunnus).
 *
 * - address: an OVT code (`0037` + business ID digits + optional suffix, see `ovt.ts`) for
 *   organisations, or an IBAN account number (consumer e-invoices go to the bank account).
 * - operatorId: either an OVT-style code of the operator (`003723327487`), a bank BIC of 8
 *   or 11 characters (`HELSFIHH`, `NDEAFIHH`), or another operator code of 5–20 capital
 *   letters and digits with at least one letter (`E204503`, `INEXCHANGE`).
 *
 * Failures name the field they concern in `field` and in the message.
 */
import { checkPresentAndUntrimmed, hasLowercaseLetter, mod97 } from './common.js';
import { parseOvt } from './ovt.js';
import type { ParseFailure } from './result.js';

export type EInvoiceField = 'address' | 'operatorId';

export type EInvoiceAddress = {
  /** The address as given, e.g. `003715728600` or `FI4950009420028730`. */
  address: string;
  addressKind: 'ovt' | 'iban';
  /** The business ID embedded in an OVT address (absent for an IBAN address). */
  businessId?: string;
  operatorId: string;
  operatorIdKind: 'ovt' | 'bic' | 'code';
};

export type EInvoiceParseResult =
  { ok: true; value: EInvoiceAddress } | (ParseFailure & { field: EInvoiceField });

const LABELS: Readonly<Record<EInvoiceField, string>> = {
  address: 'e-invoice address',
  operatorId: 'operator ID',
};

function fieldFail(field: EInvoiceField, code: string, error: string): EInvoiceParseResult {
  return { ok: false, error: `${LABELS[field]}: ${error}`, code, field };
}

/** Problem with an IBAN, or undefined when it is valid. */
function ibanProblem(iban: string): { code: string; error: string } | undefined {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) {
    return {
      code: 'format',
      error: 'must be an OVT code like 003715728600 or an IBAN like FI4950009420028730',
    };
  }
  if (iban.startsWith('FI') ? iban.length !== 18 : iban.length < 15 || iban.length > 34) {
    const expected = iban.startsWith('FI') ? '18 characters' : '15–34 characters';
    return { code: 'length', error: `an IBAN must have ${expected} (got ${iban.length})` };
  }
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) {
    return { code: 'checksum', error: 'the IBAN check digits do not match: check the number' };
  }
  return undefined;
}

/** Validates an e-invoice address and its operator ID. Never throws. */
export function parseEInvoiceAddress(input: {
  address: string;
  operatorId: string;
}): EInvoiceParseResult {
  const { address, operatorId } = input;

  // address
  const addressPresence = checkPresentAndUntrimmed(address);
  if (addressPresence) return fieldFail('address', addressPresence.code, addressPresence.error);
  if (hasLowercaseLetter(address)) return fieldFail('address', 'case', 'use capital letters');
  if (/\s/.test(address)) return fieldFail('address', 'format', 'write it without spaces');
  let addressKind: EInvoiceAddress['addressKind'];
  let businessId: string | undefined;
  if (/^[0-9]/.test(address)) {
    const ovt = parseOvt(address);
    if (!ovt.ok) return fieldFail('address', ovt.code, ovt.error);
    addressKind = 'ovt';
    businessId = ovt.value.businessId;
  } else {
    const problem = ibanProblem(address);
    if (problem) return fieldFail('address', problem.code, problem.error);
    addressKind = 'iban';
  }

  // operatorId
  const operatorPresence = checkPresentAndUntrimmed(operatorId);
  if (operatorPresence) {
    return fieldFail('operatorId', operatorPresence.code, operatorPresence.error);
  }
  if (hasLowercaseLetter(operatorId)) {
    return fieldFail('operatorId', 'case', 'use capital letters');
  }
  if (!/^[A-Z0-9]+$/.test(operatorId)) {
    return fieldFail(
      'operatorId',
      'format',
      'use only digits and capital letters, without spaces, like 003723327487 or HELSFIHH',
    );
  }
  let operatorIdKind: EInvoiceAddress['operatorIdKind'];
  if (/^[0-9]+$/.test(operatorId)) {
    const ovt = parseOvt(operatorId);
    if (!ovt.ok) return fieldFail('operatorId', ovt.code, ovt.error);
    operatorIdKind = 'ovt';
  } else if (/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(operatorId)) {
    operatorIdKind = 'bic';
  } else if (operatorId.length >= 5 && operatorId.length <= 20) {
    operatorIdKind = 'code';
  } else {
    return fieldFail(
      'operatorId',
      'length',
      `must be an OVT code like 003723327487, a BIC like HELSFIHH or an operator code of 5–20 characters (got ${operatorId.length})`,
    );
  }

  const value: EInvoiceAddress = { address, addressKind, operatorId, operatorIdKind };
  if (businessId !== undefined) value.businessId = businessId;
  return { ok: true, value };
}

export function isValidEInvoiceAddress(input: { address: string; operatorId: string }): boolean {
  return parseEInvoiceAddress(input).ok;
}
