import { date, enumOf, money, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const QUOTATION_SPECS: FieldSpecs = {
  id: text,
  quotationNumber: text,
  customerId: referenceTo('customers'),
  quotationDate: date,
  validUntil: date,
  status: enumOf('QuotationStatus'),
  totalCents: money,
  preparedById: text,
  preparedByName: text,
  ...PROVENANCE_SPECS,
};

export const QUOTATION_COLUMNS = ['quotationNumber', 'customerId', 'status', 'quotationDate', 'validUntil', 'totalCents', 'preparedByName'];
export const CUSTOMER_QUOTATION_COLUMNS = QUOTATION_COLUMNS.filter((field) => field !== 'customerId');

export const QUOTATION_SECTIONS: readonly Section[] = [
  {
    title: 'register.sections.quotation',
    fields: ['quotationNumber', 'customerId', 'status', 'quotationDate', 'validUntil', 'totalCents', 'preparedByName'],
  },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

/** Statuses a person sets (CONVERTED comes with the conversion into an order only). */
export const SETTABLE_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED'];
/** A quotation becomes an order when it has been sent or accepted (and has not expired). */
export const CONVERTIBLE_STATUSES = ['SENT', 'ACCEPTED'];

export const representQuotation = (record: Record<string, unknown>) => `${record.quotationNumber ?? record.id}`;
