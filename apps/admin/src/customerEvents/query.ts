import { CustomerEventListDocument, CustomerEventOneDocument, RecordCustomerContactDocument } from '@register/schema';
import { mayDo } from '../access/operationRules';
import { endOfDay, startOfDay, type ResourceQuery } from '../dataProvider/resourceQuery';

export const CUSTOMER_CONTACT_FIELDS = ['customerId', 'channel', 'summary', 'at'] as const;

/**
 * The history is written by the system; the one event staff record by hand is a customer contact
 * (recordCustomerContact), whose rule is an operation rule, not the data map's.
 */
export const customerEventQuery: ResourceQuery = {
  typeName: 'CustomerEvent',
  documents: {
    list: CustomerEventListDocument,
    one: CustomerEventOneDocument,
    create: RecordCustomerContactDocument,
  },
  sortFields: ['at', 'kind'],
  defaultSort: { field: 'at', order: 'DESC' },
  filters: {
    ids: ['id'],
    customerId: ['customerId'],
    kind: ['kind'],
    after: ['at'],
    before: ['at'],
    recordId: ['recordId'],
  },
  filterValues: { after: startOfDay, before: endOfDay },
  writable: (principal, operation) =>
    operation === 'create' && mayDo(principal, 'recordCustomerContact') ? CUSTOMER_CONTACT_FIELDS : [],
};
