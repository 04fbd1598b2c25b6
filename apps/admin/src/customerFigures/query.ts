import { CustomerFiguresListDocument, CustomerFiguresOneDocument } from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

/** Compiled from the register on every read: nothing to write. The id is the customer's. */
export const customerFiguresQuery: ResourceQuery = {
  typeName: 'CustomerFigures',
  documents: { list: CustomerFiguresListDocument, one: CustomerFiguresOneDocument },
  sortFields: ['customerId', 'activeServices', 'monthlyValueCents', 'customerSince', 'segment'],
  defaultSort: { field: 'monthlyValueCents', order: 'DESC' },
  filters: { customerIds: ['customerId'], ids: ['id'], segment: ['segment'] },
};
