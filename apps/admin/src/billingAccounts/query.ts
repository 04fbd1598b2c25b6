import {
  BillingAccountListDocument,
  BillingAccountOneDocument,
  CreateBillingAccountDocument,
  UpdateBillingAccountDocument,
} from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

export const billingAccountQuery: ResourceQuery = {
  typeName: 'BillingAccount',
  documents: {
    list: BillingAccountListDocument,
    one: BillingAccountOneDocument,
    create: CreateBillingAccountDocument,
    update: UpdateBillingAccountDocument,
  },
  sortFields: ['createdAt', 'updatedAt', 'method'],
  defaultSort: { field: 'createdAt', order: 'DESC' },
  filters: { customerId: ['customerId'], ids: ['id'], method: ['method'] },
};
