import { ContractListDocument, ContractOneDocument, CreateContractDocument, UpdateContractDocument } from '@register/schema';
import { lineInputs, type ResourceQuery } from '../dataProvider/resourceQuery';

/** A list row needs neither the services nor the SIM cards of each contract. */
const CONTRACT_LIST_FIELDS: ReadonlySet<string> = new Set([
  'id', 'contractNumber', 'customerId', 'status', 'startDate', 'endDate', 'monthlyValueCents', 'createdAt', 'updatedAt',
]);

export const contractQuery: ResourceQuery = {
  typeName: 'Contract',
  documents: {
    list: ContractListDocument,
    one: ContractOneDocument,
    create: CreateContractDocument,
    update: UpdateContractDocument,
  },
  sortFields: ['contractNumber', 'startDate', 'endDate', 'status', 'createdAt', 'updatedAt'],
  defaultSort: { field: 'startDate', order: 'DESC' },
  filters: {
    ids: ['id'],
    customerId: ['customerId'],
    customerIds: ['customerId'],
    status: ['status'],
    serviceProductId: ['lines'],
    startAfter: ['startDate'],
    startBefore: ['startDate'],
    contractNumber: ['contractNumber'],
  },
  listFields: CONTRACT_LIST_FIELDS,
  serialize: { lines: lineInputs(['serviceProductId', 'quantity', 'monthlyPriceCents']) },
};
