import { formatInvoiceReference, formatRfReference } from '@register/identifiers';
import { validateInvoiceReference } from '../common/validators';
import {
  date,
  enumOf,
  money,
  PROVENANCE_FIELDS,
  PROVENANCE_SPECS,
  referenceTo,
  text,
  type FieldSpecs,
} from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

const safely = (format: (value: string) => string) => (value: unknown) => {
  try {
    return format(String(value));
  } catch {
    return String(value);
  }
};

export const INVOICE_SPECS: FieldSpecs = {
  id: text,
  customerId: referenceTo('customers'),
  billingAccountId: referenceTo('billingAccounts'),
  invoiceNumber: text,
  referenceNumber: { kind: 'text', display: safely(formatInvoiceReference), validate: validateInvoiceReference },
  rfReference: { kind: 'text', display: safely(formatRfReference) },
  issueDate: date,
  dueDate: date,
  netAmountCents: money,
  vatAmountCents: money,
  totalAmountCents: { kind: 'money', helperText: 'register.invoices.totalHint' },
  currency: text,
  status: enumOf('InvoiceStatus'),
  paidDate: date,
  reminderSentDate: date,
  collectionAgency: text,
  ...PROVENANCE_SPECS,
};

export const INVOICE_COLUMNS = [
  'invoiceNumber', 'customerId', 'referenceNumber', 'issueDate', 'dueDate', 'totalAmountCents', 'status', 'paidDate',
];

/** On a customer's page the customer goes without saying. */
export const CUSTOMER_INVOICE_COLUMNS = INVOICE_COLUMNS.filter((field) => field !== 'customerId');

export const INVOICE_SECTIONS: readonly Section[] = [
  {
    title: 'register.sections.invoice',
    fields: ['invoiceNumber', 'customerId', 'billingAccountId', 'referenceNumber', 'rfReference', 'issueDate', 'dueDate'],
  },
  { title: 'register.sections.amounts', fields: ['netAmountCents', 'vatAmountCents', 'totalAmountCents', 'currency'] },
  { title: 'register.sections.payment', fields: ['status', 'paidDate', 'reminderSentDate', 'collectionAgency'] },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

export const representInvoice = (record: Record<string, unknown>) => `${record.invoiceNumber ?? record.id}`;
