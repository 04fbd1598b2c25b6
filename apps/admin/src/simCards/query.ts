import { AddSimCardDocument, SimCardListDocument, SimCardOneDocument, UpdateSimCardDocument } from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

/** The ICCID as typed, without the spaces it is often grouped with. */
const compactIccid = (value: unknown) => String(value).replace(/\s+/g, '') || undefined;

/** SIM cards are added to a contract (addSimCard) and change status (updateSimCard) only. */
export const simCardQuery: ResourceQuery = {
  typeName: 'SimCard',
  documents: {
    list: SimCardListDocument,
    one: SimCardOneDocument,
    create: AddSimCardDocument,
    update: UpdateSimCardDocument,
  },
  sortFields: ['iccid', 'phoneNumber', 'status', 'activatedAt', 'closedAt', 'createdAt'],
  defaultSort: { field: 'createdAt', order: 'DESC' },
  filters: {
    ids: ['id'],
    customerId: ['customerId'],
    customerIds: ['customerId'],
    contractId: ['contractId'],
    status: ['status'],
    iccid: ['iccid'],
  },
  filterValues: { iccid: compactIccid },
};
