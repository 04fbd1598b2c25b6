import { CreateInvoiceDocument, InvoiceListDocument, InvoiceOneDocument, UpdateInvoiceDocument } from '@register/schema';
import { booleanValue, type ResourceQuery } from '../dataProvider/resourceQuery';

/** The reference number as typed, without the spaces it is printed with (the API compares digits). */
const compactReference = (value: unknown) => String(value).replace(/\s+/g, '').toUpperCase() || undefined;

export const invoiceQuery: ResourceQuery = {
  typeName: 'Invoice',
  documents: {
    list: InvoiceListDocument,
    one: InvoiceOneDocument,
    create: CreateInvoiceDocument,
    update: UpdateInvoiceDocument,
  },
  sortFields: ['issueDate', 'dueDate', 'invoiceNumber', 'totalAmountCents', 'status', 'paidDate', 'createdAt'],
  defaultSort: { field: 'issueDate', order: 'DESC' },
  filters: {
    customerId: ['customerId'],
    billingAccountId: ['billingAccountId'],
    ids: ['id'],
    status: ['status'],
    dueBefore: ['dueDate'],
    dueAfter: ['dueDate'],
    overdue: ['status', 'dueDate'],
    referenceNumber: ['referenceNumber'],
  },
  filterValues: { overdue: booleanValue, referenceNumber: compactReference },
};
