import { eInvoiceValidator, postalCodeValidator } from '../common/validators';
import { email, enumOf, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const BILLING_ACCOUNT_SPECS: FieldSpecs = {
  id: text,
  customerId: referenceTo('customers'),
  method: enumOf('BillingMethod'),
  eInvoiceAddress: { kind: 'text', validate: eInvoiceValidator('address'), helperText: 'register.hints.eInvoiceAddress' },
  eInvoiceOperatorId: { kind: 'text', validate: eInvoiceValidator('operatorId'), helperText: 'register.hints.eInvoiceOperatorId' },
  invoiceEmail: email,
  billingContactName: text,
  streetAddress: text,
  postalCode: { kind: 'text', validate: postalCodeValidator('country') },
  city: text,
  country: { kind: 'text', helperText: 'register.hints.country' },
  ...PROVENANCE_SPECS,
};

export const BILLING_ACCOUNT_COLUMNS = ['customerId', 'method', 'eInvoiceAddress', 'invoiceEmail', 'billingContactName', 'city', 'createdAt'];
export const CUSTOMER_BILLING_ACCOUNT_COLUMNS = BILLING_ACCOUNT_COLUMNS.filter((field) => field !== 'customerId');

export const BILLING_ACCOUNT_SECTIONS: readonly Section[] = [
  { title: 'register.sections.billingMethod', fields: ['customerId', 'method', 'billingContactName'] },
  { title: 'register.sections.eInvoice', fields: ['eInvoiceAddress', 'eInvoiceOperatorId'] },
  { title: 'register.sections.invoiceEmail', fields: ['invoiceEmail'] },
  { title: 'register.sections.billingAddress', fields: ['streetAddress', 'postalCode', 'city', 'country'] },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

/** Which inputs each billing method needs (the API requires them; the others are not offered). */
export const METHOD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  E_INVOICE: ['eInvoiceAddress', 'eInvoiceOperatorId'],
  EMAIL: ['invoiceEmail'],
  PAPER: ['streetAddress', 'postalCode', 'city'],
  DIRECT_PAYMENT: [],
};

const ALL_METHOD_FIELDS = ['eInvoiceAddress', 'eInvoiceOperatorId', 'invoiceEmail'];

/** Inputs not to offer for a method (the address stays available: any invoice may need one). */
export function hiddenFor(method: unknown): string[] {
  const needed = METHOD_FIELDS[String(method)] ?? [];
  return ALL_METHOD_FIELDS.filter((field) => !needed.includes(field));
}

export const representBillingAccount = (record: Record<string, unknown>) =>
  `${record.method ?? ''} ${record.eInvoiceAddress ?? record.invoiceEmail ?? record.city ?? ''}`.trim();
