/**
 * @register/identifiers: parse, validate and format Finnish identifiers.
 * No runtime dependencies; runs in Node.js and in the browser.
 */
export type { ErrorCode, ParseFailure, ParseResult, ParseSuccess } from './result.js';

export {
  CENTURY_SIGNS,
  formatPersonalIdentityNumber,
  isValidPersonalIdentityNumber,
  maskPersonalIdentityNumber,
  parsePersonalIdentityNumber,
  personalIdentityNumberCheckCharacter,
} from './henkilotunnus.js';
export type {
  CenturySign,
  PersonalIdentityNumber,
  PersonalIdentityNumberParts,
} from './henkilotunnus.js';

export {
  businessIdCheckDigit,
  formatBusinessId,
  isValidBusinessId,
  parseBusinessId,
} from './business-id.js';
export type { BusinessId } from './business-id.js';

export { iccidCheckDigit, isValidIccid, parseIccid } from './iccid.js';
export type { Iccid } from './iccid.js';

export {
  createInvoiceReference,
  formatInvoiceReference,
  invoiceReferenceCheckDigit,
  isValidInvoiceReference,
  parseInvoiceReference,
} from './invoice-reference.js';
export type { InvoiceReference } from './invoice-reference.js';

export {
  createRfReference,
  formatRfReference,
  isValidAnyInvoiceReference,
  isValidRfReference,
  parseAnyInvoiceReference,
  parseRfReference,
} from './rf-reference.js';
export type { AnyInvoiceReference, RfReference } from './rf-reference.js';

export { isValidOvt, ovtFromBusinessId, parseOvt } from './ovt.js';
export type { Ovt } from './ovt.js';

export { isValidEInvoiceAddress, parseEInvoiceAddress } from './e-invoice-address.js';
export type { EInvoiceAddress, EInvoiceField, EInvoiceParseResult } from './e-invoice-address.js';

export { isValidPostalCode, parsePostalCode } from './postal-code.js';
export type { PostalCode } from './postal-code.js';
